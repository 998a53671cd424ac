import { byDefault, known, unknownValue, type Host, type HostRole, type Knob, type Placement, type Replicas, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, isUnknown, str } from '../read.js';
import { base, placementOfZones } from './common.js';
import { applyLaunchSettings } from './launch.js';
import { ENI_TYPES, INSTANCE_TYPES, launchPublicIp, linkGroupsAt, linkSubnetsAt, namesAny, ownPublicIp, refsOne, SUBNET_TYPES, subnetNetworks, subnetZones } from './links.js';

/** The fields of a Host entity an AWS mapper fills in. */
export interface HostFields {
  readonly role: HostRole;
  readonly replicas: Replicas;
  readonly placement: Placement;
  readonly publicIp: Value<boolean>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly scaleKnob?: Knob;
}

/** A Host entity for an AWS resource instance. AWS hosts carry no network tags or service accounts. */
export function host(instance: ResourceInstance, fields: HostFields): Host {
  const { tags, ...rest } = fields;
  const common = base(instance);
  return { ...common, tags: tags ?? common.tags, kind: 'host', ...rest, labels: [], serviceAccounts: [] };
}

export const ONE: Replicas = { min: known(1), desired: known(1), max: known(1) };

/**
 * An instance's zone: its own `availability_zone` when the plan knows it, else its subnet's, else unknown when
 * written but known only after apply; with neither written AWS picks one zone (an empty, unpinned list).
 */
function instanceZones(ctx: MapperContext, instance: ResourceInstance, subnets: readonly string[], namesSubnet: boolean): Value<readonly string[]> {
  const own = str(instance.values, 'availability_zone');
  if (own) return known([own]);
  if (namesSubnet) {
    const zones = subnetZones(ctx, subnets, true);
    // One instance sits in one subnet: several candidates in different zones (`values(aws_subnet.x)[count.index]`,
    // which the plan records as a reference to them all) say only that its zone is one of theirs, known after apply.
    return zones.state !== 'unknown' && zones.value.length > 1 ? unknownValue() : zones;
  }
  if (isUnknown(instance, 'availability_zone') && instance.configured?.has('availability_zone')) return unknownValue();
  return byDefault([]);
}

/** The subnets of the network interfaces an instance launches with (`network_interface` blocks). */
function interfaceSubnets(ctx: MapperContext, instance: ResourceInstance): string[] {
  return refsOne(ctx, instance, 'network_interface.network_interface_id', ENI_TYPES).flatMap((e) => {
    const eni = ctx.instance(e);
    return eni ? refsOne(ctx, eni, 'subnet_id', SUBNET_TYPES) : [];
  });
}

/**
 * The VPC's default security group, for an instance that names none: AWS puts it there. Only when the plan
 * manages that group (`aws_default_security_group`) is there a policy to link.
 */
function defaultGroupOf(ctx: MapperContext, subnets: readonly string[]): string[] {
  const vpcs = new Set(subnets.flatMap((s) => {
    const subnet = ctx.instance(s);
    return subnet ? subnetNetworks(ctx, subnet) : [];
  }));
  return ctx
    .instancesOf(['aws_default_security_group'])
    .filter((g) => {
      const own = ctx.refs(g, 'vpc_id');
      // A default group with no VPC named is the default VPC's, where instances without a subnet land.
      return subnets.length === 0 ? own.length === 0 && !namesAny(g, 'vpc_id') : own.some((v) => vpcs.has(v));
    })
    .map((g) => g.address);
}

/**
 * The public address an instance already has: `public_ip`, which only a plan of an existing instance (or a state)
 * knows, is what AWS gave it, whether the configuration wrote `associate_public_ip_address` or its subnet decided.
 */
function heldPublicIp(instance: ResourceInstance): Value<boolean> | undefined {
  return str(instance.values, 'public_ip') ? known(true) : undefined;
}

/**
 * `aws_instance`: one EC2 instance in one zone. It sits in `subnet_id` (or the subnets of the interfaces it
 * launches with), behind the groups of `vpc_security_group_ids` and `security_groups` (group names in a default
 * VPC) or of its launch template. Without `associate_public_ip_address` it gets a public address when its
 * subnet hands them out (`map_public_ip_on_launch`), which a default VPC's subnets do; one it already has
 * (`public_ip`) is a fact.
 */
export const ec2Instance: Mapper = {
  types: INSTANCE_TYPES,
  map(instance, ctx) {
    const id = instance.address;
    const launch = applyLaunchSettings(ctx, id, instance);
    const subnets = linkSubnetsAt(ctx, id, instance, 'subnet_id', 'subnet_id', true);
    const interfaces = blocks(instance.values, 'network_interface').length > 0 || namesAny(instance, 'network_interface');
    const namesSubnet = subnets.length > 0 || namesAny(instance, 'subnet_id');
    const placed = namesSubnet ? subnets : interfaceSubnets(ctx, instance);
    const groups = [...linkGroupsAt(ctx, id, instance, 'vpc_security_group_ids'), ...linkGroupsAt(ctx, id, instance, 'security_groups')];
    if (groups.length === 0 && !interfaces && launch.sources.length === 0 && !namesAny(instance, 'vpc_security_group_ids', 'security_groups')) {
      for (const g of defaultGroupOf(ctx, subnets)) ctx.link(id, g, 'protected-by', 'default_security_group_id');
    }
    // An instance that launches with an existing interface gets no automatic public address.
    const publicIp = heldPublicIp(instance) ?? ownPublicIp(instance) ?? launch.publicIp ?? (interfaces ? known(false) : launchPublicIp(ctx, subnets, namesSubnet || launch.sources.length > 0));
    ctx.add(
      host(instance, {
        role: 'instance',
        replicas: ONE,
        placement: placementOfZones(instanceZones(ctx, instance, placed, namesSubnet || placed.length > 0), known(false)),
        publicIp,
      }),
    );
  },
};
