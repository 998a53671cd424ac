import { byDefault, known, unknownValue, valueOf, type Replicas, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, keptTags, readNumber, str, strings } from '../read.js';
import { placementOfZones } from './common.js';
import { host } from './instance.js';
import { applyLaunchSettings } from './launch.js';
import { ASG_TYPES, ELB_TYPES, elbPool, launchPublicIp, linkSubnetsAt, namesAny, POOL_TYPES, refsOne, subnetZones } from './links.js';

/**
 * `min_size`, `max_size` and `desired_capacity`. Left out, the desired capacity starts at the minimum (AWS
 * CreateAutoScalingGroup: "the default is the minimum size of the group").
 */
export function groupReplicas(instance: ResourceInstance): Replicas {
  const min = readNumber(instance, 'min_size', 0);
  const max = readNumber(instance, 'max_size', 0);
  const written = readNumber(instance, 'desired_capacity', 0);
  if (written.state === 'set') return { min, desired: written, max };
  if (instance.configured?.has('desired_capacity')) return { min, desired: unknownValue(valueOf(min, 0)), max };
  return { min, desired: min.state === 'unknown' ? min : byDefault(min.value), max };
}

/** The zones a group launches into: its subnets' (`vpc_zone_identifier`), or `availability_zones` in a default VPC. */
function groupZones(ctx: MapperContext, instance: ResourceInstance, subnets: readonly string[]): Value<readonly string[]> {
  if (namesAny(instance, 'vpc_zone_identifier')) return subnetZones(ctx, subnets, true);
  const zones = strings(instance.values, 'availability_zones');
  if (zones.length > 0) return known(zones);
  return unknownValue();
}

/** Tags of a group: `tag` blocks (and the list of maps of old providers), kept as `keptTags` keeps them. */
function groupTags(instance: ResourceInstance): Record<string, string> {
  const pairs = [...blocks(instance.values, 'tag'), ...blocks(instance.values, 'tags')].flatMap((t) => {
    const key = str(t, 'key');
    const value = str(t, 'value');
    return key !== undefined && value !== undefined ? [[key, value] as const] : [];
  });
  return keptTags({ tags: Object.fromEntries(pairs) });
}

/**
 * Links the target groups and classic ELBs (by name) that `instance` names at `paths` to the group ('targets').
 * An attachment (`via` its address) names one of each.
 */
function linkTraffic(ctx: MapperContext, group: string, instance: ResourceInstance, paths: { pool?: string; elb?: string }, via?: string): void {
  const at = (path: string, types: readonly string[]) => (via ? refsOne(ctx, instance, path, types) : ctx.refs(instance, path, { types }));
  if (paths.pool) for (const pool of at(paths.pool, POOL_TYPES)) ctx.link(pool, group, 'targets', via ?? paths.pool);
  if (paths.elb) for (const elb of at(paths.elb, ELB_TYPES)) ctx.link(elbPool(elb), group, 'targets', via ?? paths.elb);
}

/**
 * `aws_autoscaling_group`: a group of instances with a capacity range, in the zones of its subnets. Its security
 * groups and public-address setting come from its launch template or launch configuration; target groups and
 * classic ELBs (by name) send it traffic.
 */
export const autoscalingGroup: Mapper = {
  types: ASG_TYPES,
  map(instance, ctx) {
    const id = instance.address;
    const subnets = linkSubnetsAt(ctx, id, instance, 'vpc_zone_identifier');
    const launch = applyLaunchSettings(ctx, id, instance);
    const inDefaultVpc = !namesAny(instance, 'vpc_zone_identifier') && namesAny(instance, 'availability_zones');
    ctx.add(
      host(instance, {
        role: 'group',
        replicas: groupReplicas(instance),
        placement: placementOfZones(groupZones(ctx, instance, subnets), known(false)),
        publicIp: launch.publicIp ?? launchPublicIp(ctx, subnets, !inDefaultVpc),
        tags: groupTags(instance),
      }),
    );
    linkTraffic(ctx, id, instance, { pool: 'target_group_arns', elb: 'load_balancers' });
    linkTraffic(ctx, id, instance, { pool: 'traffic_source.identifier', elb: 'traffic_source.identifier' });
  },
};

/**
 * `aws_autoscaling_attachment`, `aws_autoscaling_traffic_source_attachment`: a target group or classic ELB
 * sends traffic to a group, declared on its own.
 */
export const autoscalingAttachment: Mapper = {
  types: ['aws_autoscaling_attachment', 'aws_autoscaling_traffic_source_attachment'],
  map(instance, ctx) {
    for (const group of refsOne(ctx, instance, 'autoscaling_group_name', ASG_TYPES)) {
      linkTraffic(ctx, group, instance, { pool: 'lb_target_group_arn', elb: 'elb' }, instance.address);
      linkTraffic(ctx, group, instance, { pool: 'alb_target_group_arn' }, instance.address);
      linkTraffic(ctx, group, instance, { pool: 'traffic_source.identifier', elb: 'traffic_source.identifier' }, instance.address);
    }
  },
};
