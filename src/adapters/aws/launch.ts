import { known, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { block } from '../read.js';
import { flagOf, linkGroupsAt, linkSubnetsAt, ownPublicIp, sameKey } from './links.js';

const TEMPLATE_TYPES: readonly string[] = ['aws_launch_template'];
const CONFIGURATION_TYPES: readonly string[] = ['aws_launch_configuration'];

/** Where a host names its launch template: directly, or in a mixed instances policy. */
const TEMPLATE_PATHS = [
  'launch_template.id',
  'launch_template.name',
  'mixed_instances_policy.launch_template.launch_template_specification.launch_template_id',
  'mixed_instances_policy.launch_template.launch_template_specification.launch_template_name',
];

/** What a host takes from the template or configuration it launches from. */
export interface LaunchSettings {
  /** The templates and configurations the host launches from. */
  readonly sources: readonly ResourceInstance[];
  /** `associate_public_ip_address` as the launch source writes it; undefined when it leaves it to the subnet. */
  readonly publicIp: Value<boolean> | undefined;
}

/** The launch templates and launch configurations `host` launches from. */
export function launchSources(ctx: MapperContext, host: ResourceInstance): ResourceInstance[] {
  const addresses = new Set<string>();
  for (const path of TEMPLATE_PATHS) for (const t of ctx.refs(host, path, { types: TEMPLATE_TYPES })) addresses.add(t);
  for (const c of ctx.refs(host, 'launch_configuration', { types: CONFIGURATION_TYPES })) addresses.add(c);
  return sameKey(ctx, host, [...addresses].sort()).flatMap((a) => {
    const source = ctx.instance(a);
    return source ? [source] : [];
  });
}

/**
 * Links `from` (a group or instance) to the security groups and subnets its launch sources name, each edge labelled
 * with the source's address, and reads the public-address setting they give the instances they launch.
 */
export function applyLaunchSettings(ctx: MapperContext, from: string, host: ResourceInstance): LaunchSettings {
  const sources = launchSources(ctx, host);
  let publicIp: Value<boolean> | undefined;
  for (const source of sources) {
    const paths = source.type === 'aws_launch_template' ? ['vpc_security_group_ids', 'security_group_names', 'network_interfaces.security_groups'] : ['security_groups'];
    for (const path of paths) linkGroupsAt(ctx, from, source, path, source.address);
    if (source.type === 'aws_launch_template') {
      linkSubnetsAt(ctx, from, source, 'network_interfaces.subnet_id', source.address, true);
      const flag = flagOf(block(source.values, 'network_interfaces')?.associate_public_ip_address);
      publicIp ??= flag === undefined ? undefined : known(flag);
    } else if (source.configured) {
      publicIp ??= ownPublicIp(source);
    } else if (source.values.associate_public_ip_address === true) {
      // A state records an unset flag as false: only `true` there says more than "the subnet decides".
      publicIp ??= known(true);
    }
  }
  return { sources, publicIp };
}

/**
 * `aws_launch_template`, `aws_launch_configuration`: no entity of their own. They describe instances that do not
 * exist yet; the autoscaling groups, instances and node groups that launch from them read their security groups,
 * subnets and public-address settings (`applyLaunchSettings`).
 */
export const launchTemplates: Mapper = { types: [...TEMPLATE_TYPES, ...CONFIGURATION_TYPES], map() {} };
