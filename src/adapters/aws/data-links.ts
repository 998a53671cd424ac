import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { MapperContext } from '../mapper.js';
import { str } from '../read.js';

export const SECURITY_GROUP_TYPES: readonly string[] = ['aws_security_group', 'aws_default_security_group'];
const SUBNET_TYPES: readonly string[] = ['aws_subnet'];

/** Links `from` to the security groups that `instance` names at `path` ('protected-by'). */
export function linkSecurityGroups(ctx: MapperContext, from: string, instance: ResourceInstance, path: string, via = path): void {
  for (const group of ctx.refs(instance, path, { types: SECURITY_GROUP_TYPES })) ctx.link(from, group, 'protected-by', via);
}

/** Links `from` to the subnets that `instance` names at `path` ('in-subnet') and returns their addresses. */
export function linkSubnets(ctx: MapperContext, from: string, instance: ResourceInstance, path: string, via = path): string[] {
  const subnets = ctx.refs(instance, path, { types: SUBNET_TYPES });
  for (const subnet of subnets) ctx.link(from, subnet, 'in-subnet', via);
  return subnets;
}

/**
 * Links `from` to the subnets of the subnet group `instance` names at `path` (`db_subnet_group_name`), each edge
 * labelled with the group's address, and returns the subnets. The group itself is no entity.
 */
export function linkSubnetGroup(
  ctx: MapperContext,
  from: string,
  instance: ResourceInstance,
  path: string,
  groupTypes: readonly string[],
): string[] {
  const out = new Set<string>();
  for (const address of ctx.refs(instance, path, { types: groupTypes })) {
    const group = ctx.instance(address);
    if (group) for (const subnet of linkSubnets(ctx, from, group, 'subnet_ids', address)) out.add(subnet);
  }
  return [...out].sort();
}

/**
 * The zones of the given subnets. Unknown when a subnet's zone is known only after apply, or when subnets were
 * named (`named`) but none lies in this plan; an empty `default` list when none were named.
 */
export function zonesOfSubnets(ctx: MapperContext, subnets: readonly string[], named: boolean): Value<readonly string[]> {
  if (subnets.length === 0) return named ? unknownValue() : byDefault([]);
  const zones = new Set<string>();
  for (const address of subnets) {
    const values = ctx.instance(address)?.values;
    const az = str(values, 'availability_zone') || str(values, 'availability_zone_id');
    if (!az) return unknownValue();
    zones.add(az);
  }
  return known([...zones].sort());
}

/** Whether `instance` names anything at a top-level attribute: a value, or a configuration reference. */
export function refersAt(instance: ResourceInstance, key: string): boolean {
  const v = instance.values[key];
  if (typeof v === 'string' ? v !== '' : Array.isArray(v) && v.length > 0) return true;
  return instance.configured?.has(key) === true;
}

/** Instances of `types` whose string attribute `key` is `value`; the index is built once per adapter run. */
export function withAttribute(ctx: MapperContext, types: readonly string[], key: string, value: string): readonly ResourceInstance[] {
  // Addresses, not instances: the caller reads the ones it gets (`ctx.instance`), which charges it with those alone.
  const index = ctx.memo(`aws:with-attribute|${types.join(',')}|${key}`, (ctx) => {
    const out = new Map<string, string[]>();
    for (const candidate of ctx.instancesOf(types)) {
      const v = str(candidate.values, key);
      if (!v) continue;
      const list = out.get(v);
      if (list) list.push(candidate.address);
      else out.set(v, [candidate.address]);
    }
    return out;
  });
  return instancesAt(ctx, index.get(value));
}

/** The instances at addresses an index holds, read through the context. */
export function instancesAt(ctx: MapperContext, addresses: readonly string[] | undefined): ResourceInstance[] {
  return (addresses ?? []).flatMap((a) => ctx.instance(a) ?? []);
}

/**
 * Managed instances of `memberTypes` that point at `owner` through `path`: by configuration reference or known id,
 * or by the owner's own name at `ownerKey` (`cluster_identifier = "main"` as a literal matches no id before apply).
 */
export function membersOf(
  ctx: MapperContext,
  owner: ResourceInstance,
  memberTypes: readonly string[],
  path: string,
  ownerKey: string,
): ResourceInstance[] {
  const found = new Map<string, ResourceInstance>();
  for (const member of ctx.referrers(owner, path, memberTypes)) found.set(member.address, member);
  const name = str(owner.values, ownerKey);
  if (name) for (const member of withAttribute(ctx, memberTypes, path, name)) found.set(member.address, member);
  return [...found.values()].filter((m) => m.mode === 'managed').sort((a, b) => compare(a.address, b.address));
}

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
