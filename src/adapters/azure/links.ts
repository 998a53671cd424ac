import { configAddress, parseAddress, type ResourceInstance } from '../../terraform/index.js';
import type { MapperContext } from '../mapper.js';

const keyOf = (address: string): string => parseAddress(address)?.key ?? '';

/**
 * Keyed instances that point at a keyed block reach the instance with their own key. A plan records
 * `subnet_id = azurerm_subnet.app[each.key].id` as a reference to the whole block `azurerm_subnet.app`, so the
 * zonal stack `["1"]` would otherwise be linked to every zone's subnet. When the referrer has an instance key and
 * the block it names has an instance with that same key, only that instance is kept.
 */
export function sameKey(referrer: string, targets: readonly string[]): string[] {
  const key = keyOf(referrer);
  if (key === '' || targets.length <= 1) return [...targets];
  const byBlock = new Map<string, string[]>();
  for (const t of targets) {
    const block = configAddress(t);
    byBlock.set(block, [...(byBlock.get(block) ?? []), t]);
  }
  const out: string[] = [];
  for (const group of byBlock.values()) {
    const match = group.length > 1 ? group.filter((t) => keyOf(t) === key) : [];
    out.push(...(match.length > 0 ? match : group));
  }
  return out.sort();
}

/** `ctx.refs`, narrowed to the same-key instance where the referrer and the target block share instance keys. */
export function refs(ctx: MapperContext, instance: ResourceInstance, path: string, types: readonly string[]): string[] {
  return sameKey(instance.address, ctx.refs(instance, path, { types }));
}

/** `ctx.referrers`, keeping only those whose narrowed references still reach `instance`. */
export function referrers(ctx: MapperContext, instance: ResourceInstance, path: string, types: readonly string[]): ResourceInstance[] {
  return ctx.referrers(instance, path, types).filter((r) => refs(ctx, r, path, [instance.type]).includes(instance.address));
}
