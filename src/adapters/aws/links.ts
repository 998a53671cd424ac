import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import { parseAddress, type ResourceInstance } from '../../terraform/index.js';
import type { MapperContext } from '../mapper.js';
import { isUnknown, str } from '../read.js';
import { instancesAt, refersAt, SECURITY_GROUP_TYPES, withAttribute, zonesOfSubnets } from './data-links.js';
import { boolAttr } from './datastore.js';

export const VPC_TYPES: readonly string[] = ['aws_vpc', 'aws_default_vpc'];
export const SUBNET_TYPES: readonly string[] = ['aws_subnet', 'aws_default_subnet'];
export const GROUP_TYPES: readonly string[] = SECURITY_GROUP_TYPES;
export const INSTANCE_TYPES: readonly string[] = ['aws_instance'];
export const ENI_TYPES: readonly string[] = ['aws_network_interface'];
export const EIP_TYPES: readonly string[] = ['aws_eip'];
export const LB_TYPES: readonly string[] = ['aws_lb', 'aws_alb'];
export const ELB_TYPES: readonly string[] = ['aws_elb'];
export const POOL_TYPES: readonly string[] = ['aws_lb_target_group', 'aws_alb_target_group'];
export const LISTENER_TYPES: readonly string[] = ['aws_lb_listener', 'aws_alb_listener'];
export const ASG_TYPES: readonly string[] = ['aws_autoscaling_group'];

/** The target pool that stands for a classic ELB's registered backends (a classic ELB has no target group). */
export const elbPool = (elb: string): string => `${elb}#backends`;

/**
 * What an attribute that holds ONE id points at (`subnet_id`, `nat_gateway_id`, `route_table_id`). The plan's
 * references drop instance keys (`aws_nat_gateway.zonal[each.key]` is recorded as `aws_nat_gateway.zonal`), so a
 * reference into a `count`/`for_each` block names all its instances. Where the referrer has a key and the block has
 * an instance of the same key, that one is meant: the parallel `count.index` / `each.key` idiom. Otherwise every
 * instance stays (a block of one, `[0]` used from every key). Never for list attributes (`subnets`,
 * `vpc_zone_identifier`), whose `[*]` references do name every instance.
 */
export function refsOne(ctx: MapperContext, instance: ResourceInstance, path: string, types: readonly string[]): string[] {
  return sameKey(ctx, instance, ctx.refs(instance, path, { types }));
}

/** Narrows each block's instances among `found` to the one with the referrer's own key, when there is one. */
export function sameKey(ctx: MapperContext, instance: ResourceInstance, found: readonly string[]): string[] {
  if (found.length <= 1 || !instance.address.endsWith(']')) return [...found];
  const key = parseAddress(instance.address)?.key;
  if (!key) return [...found];
  const byBlock = new Map<string, string[]>();
  for (const address of found) {
    const block = ctx.instance(address)?.configAddress ?? address;
    byBlock.set(block, [...(byBlock.get(block) ?? []), address]);
  }
  return [...byBlock.values()].flatMap((members) => {
    const match = members.length > 1 ? members.find((m) => parseAddress(m)?.key === key) : undefined;
    return match ? [match] : members;
  }).sort();
}

/** Links `from` to the subnets `instance` names at `path` ('in-subnet') and returns them. */
export function linkSubnetsAt(ctx: MapperContext, from: string, instance: ResourceInstance, path: string, via = path, one = false): string[] {
  const subnets = one ? refsOne(ctx, instance, path, SUBNET_TYPES) : ctx.refs(instance, path, { types: SUBNET_TYPES });
  for (const s of subnets) ctx.link(from, s, 'in-subnet', via);
  return subnets;
}

/**
 * Links `from` to the security groups `instance` names at `path` ('protected-by'): by reference, by id, or by
 * name (`security_groups` of instances in a default VPC and of launch configurations hold group names).
 */
export function linkGroupsAt(ctx: MapperContext, from: string, instance: ResourceInstance, path: string, via = path): string[] {
  const groups = ctx.refs(instance, path, { types: GROUP_TYPES });
  for (const g of groups) ctx.link(from, g, 'protected-by', via);
  return groups;
}

/**
 * The zones of the subnets something runs in. `named` says the configuration named subnets at all: when it did
 * and none lies in this plan, or a subnet's zone is known only after apply, the zones are unknown.
 */
export function subnetZones(ctx: MapperContext, subnets: readonly string[], named: boolean): Value<readonly string[]> {
  if (named && subnets.length === 0) return unknownValue();
  return zonesOfSubnets(ctx, subnets, named);
}

/** Whether the configuration names anything at any of `keys` (values, or references known only after apply). */
export const namesAny = (instance: ResourceInstance, ...keys: string[]): boolean => keys.some((k) => refersAt(instance, k));

/**
 * `map_public_ip_on_launch` of a subnet instance: off by default for `aws_subnet`, on for the default subnets of a
 * default VPC (`aws_default_subnet`), as AWS creates them.
 */
export function subnetAssignsPublicIp(subnet: ResourceInstance): Value<boolean> {
  return boolAttr(subnet, 'map_public_ip_on_launch', subnet.type === 'aws_default_subnet');
}

/**
 * Whether instances launched into `subnets` get a public address when their own setting is left out. The subnets'
 * `map_public_ip_on_launch` decides (a `default`, since the host did not say); with no subnet named at all they
 * land in the default VPC, whose default subnets hand out public addresses.
 */
export function launchPublicIp(ctx: MapperContext, subnets: readonly string[], named: boolean): Value<boolean> {
  if (!named) return byDefault(true);
  const values = subnets.flatMap((s) => {
    const subnet = ctx.instance(s);
    return subnet ? [subnetAssignsPublicIp(subnet)] : [];
  });
  if (values.some((v) => v.state !== 'unknown' && v.value)) return byDefault(true);
  if (values.length === 0 || values.some((v) => v.state === 'unknown')) return unknownValue(false);
  return byDefault(false);
}

/** A flag written as a boolean, or as a string as launch templates write it (`"true"`, `"false"`, `""` = unset). */
export function flagOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/**
 * A host's own public-address setting (`associate_public_ip_address`), or undefined when the configuration left it
 * out (the plan then spells out what AWS will pick, which is the subnet's setting). Unknown when the plan knows it
 * only after apply and does not show it left out: written as an expression, or a plan without its configuration.
 */
export function ownPublicIp(instance: ResourceInstance, key = 'associate_public_ip_address'): Value<boolean> | undefined {
  const leftOut = instance.configured !== undefined && !instance.configured.has(key);
  const flag = flagOf(instance.values[key]);
  if (flag !== undefined) return leftOut ? undefined : known(flag);
  if (isUnknown(instance, key) && !leftOut) return unknownValue(false);
  return undefined;
}

/**
 * The VPC `instance` names at `path` (`vpc_id`). Modules often pass it through a local
 * (`vpc_id = local.vpc_id` in terraform-aws-modules/vpc), which the plan's configuration does not record: when
 * the attribute resolved to nothing at all (not even a data source) and is unknown, the one VPC its own module
 * instance declares is meant.
 */
export function vpcsAt(ctx: MapperContext, instance: ResourceInstance, path = 'vpc_id'): string[] {
  const found = refsOne(ctx, instance, path, VPC_TYPES);
  if (found.length > 0 || instance.references.has(path) || str(instance.values, path) || !instance.configured?.has(path)) return found;
  const index = ctx.memo('aws:vpcs-by-module', (ctx) => {
    const out = new Map<string, string[]>();
    for (const vpc of ctx.instancesOf(VPC_TYPES)) if (vpc.mode === 'managed') out.set(vpc.module, [...(out.get(vpc.module) ?? []), vpc.address]);
    return out;
  });
  const local = index.get(instance.module) ?? [];
  return local.length === 1 ? [...local] : [];
}

/** Instances of `types` that lie in `vpc` (by `vpcsAt`, or `subnetNetworks` for subnets); indexed once per run. */
export function inVpc(ctx: MapperContext, types: readonly string[], vpc: string): readonly ResourceInstance[] {
  const index = ctx.memo(`aws:in-vpc|${types.join(',')}`, (ctx) => {
    const out = new Map<string, string[]>();
    for (const member of ctx.instancesOf(types)) {
      const vpcs = SUBNET_TYPES.includes(member.type) ? subnetNetworks(ctx, member) : vpcsAt(ctx, member);
      for (const v of vpcs) {
        const list = out.get(v);
        if (list) list.push(member.address);
        else out.set(v, [member.address]);
      }
    }
    return out;
  });
  return instancesAt(ctx, index.get(vpc));
}

/** The networks (VPCs) of a subnet: by `vpc_id`, and for a default subnet the plan's default VPC. */
export function subnetNetworks(ctx: MapperContext, subnet: ResourceInstance): string[] {
  const vpcs = vpcsAt(ctx, subnet);
  if (vpcs.length > 0 || subnet.type !== 'aws_default_subnet') return vpcs;
  const defaults = ctx.instancesOf(['aws_default_vpc']).filter((v) => v.mode === 'managed');
  return defaults.length === 1 ? [defaults[0]!.address] : [];
}

/**
 * The VPCs whose computed attribute `key` (`default_route_table_id`, `default_network_acl_id`) `instance` names at
 * `path`: by reference (`aws_vpc.main.default_route_table_id`) or, once applied, by the value.
 */
export function vpcsByAttribute(ctx: MapperContext, instance: ResourceInstance, path: string, key: string): string[] {
  const found = new Set(refsOne(ctx, instance, path, VPC_TYPES));
  const value = str(instance.values, path);
  if (value) for (const vpc of withAttribute(ctx, VPC_TYPES, key, value)) found.add(vpc.address);
  return [...found].sort();
}
