import { REDACTED, type ResourceInstance } from '../../terraform/index.js';
import type { MapperContext } from '../mapper.js';
import { str } from '../read.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const TAG_VALUE = ['google_tags_tag_value'] as const;

/** The regional network firewall policy types: while a plan has none, hosts carry no region-qualified labels. */
export const REGIONAL_POLICY_RULES = ['google_compute_region_network_firewall_policy_rule', 'google_compute_region_network_firewall_policy_with_rules'] as const;

/**
 * A secure tag value as rules and instances both name it: its id (`tagValues/123`), or, for a tag value the plan
 * creates whose id is known only after apply, its address, the same way on the instance and on the rule.
 */
export function tagValueName(ctx: MapperContext, address: string): string {
  return str(ctx.instance(address)?.values, 'id') ?? address;
}

/**
 * The secure tag values bound to a VM (`params.resource_manager_tags` on an instance, `resource_manager_tags` on a
 * template): a map of `tagKeys/..` to `tagValues/..`. Values known only after apply are named by the tag value
 * resources the map refers to; one that names none stays unnamed (no rule can be shown to select it).
 */
export function boundTagValues(ctx: MapperContext, instance: ResourceInstance, path: readonly string[]): string[] {
  let node: unknown = instance.values;
  for (const step of path) node = isObject(Array.isArray(node) ? node[0] : node) ? (Array.isArray(node) ? (node[0] as Json) : (node as Json))[step] : undefined;
  const out = new Set<string>();
  if (isObject(node)) for (const v of Object.values(node)) if (typeof v === 'string' && v !== '' && v !== REDACTED) out.add(v);
  for (const address of ctx.refs(instance, path.join('.'), { types: TAG_VALUE })) out.add(tagValueName(ctx, address));
  return [...out].sort();
}

/**
 * Regional network firewall policies apply only to the VMs of their region, and a rule's targets can only say which
 * labels or accounts it picks. So a VM in a region also carries the region (`regions/<r>`) and each of its secure
 * tags and service accounts qualified by it (`regions/<r>/tagValues/123`): a regional rule picks those. Network tags
 * hold no `/`, so these never meet a network tag. Only while the plan has a regional policy.
 */
export function regionQualified(ctx: MapperContext, region: string | undefined, tags: readonly string[], accounts: readonly string[]): { labels: string[]; accounts: string[] } {
  if (!region || !hasRegionalPolicies(ctx)) return { labels: [], accounts: [] };
  return { labels: [regionLabel(region), ...tags.map((t) => qualify(region, t))], accounts: accounts.map((a) => qualify(region, a)) };
}

export const regionLabel = (region: string): string => `regions/${region}`;
export const qualify = (region: string, name: string): string => `regions/${region}/${name}`;

function hasRegionalPolicies(ctx: MapperContext): boolean {
  return ctx.memo('gcp:regional-network-policies', (ctx) => ctx.instancesOf(REGIONAL_POLICY_RULES).some((i) => i.mode === 'managed'));
}
