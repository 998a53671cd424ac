import type { ResourceInstance } from '../../terraform/index.js';
import type { MapperContext } from '../mapper.js';
import { blocks } from '../read.js';
import { maskAt, type RuleSource } from './policy-rule.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Policies that hold their rules as `rule` blocks. */
export const WITH_RULES: ReadonlySet<string> = new Set(['google_compute_network_firewall_policy_with_rules', 'google_compute_region_network_firewall_policy_with_rules']);

/** Whether a block's mask leaves something at the path unknown (one element of a list is enough). */
function pendingAt(mask: unknown, steps: readonly string[]): boolean {
  if (mask === true) return true;
  const [head, ...rest] = steps;
  if (head === undefined) return false;
  return (Array.isArray(mask) ? mask : [mask]).some((m) => isObject(m) && pendingAt(m[head], rest));
}

/** A rule resource is one rule; a `*_with_rules` policy is one per `rule` block. */
export function ruleSources(ctx: MapperContext, instance: ResourceInstance): RuleSource[] {
  if (!WITH_RULES.has(instance.type)) {
    const names = { layer4: 'layer4_configs', srcTags: 'src_secure_tags', targetTags: 'target_secure_tags' };
    return [{ instance, id: instance.address, values: instance.values, mask: instance.unknown, names, refs: (path, types) => ctx.refs(instance, path, { types }) }];
  }
  const names = { layer4: 'layer4_config', srcTags: 'src_secure_tag', targetTags: 'target_secure_tag' };
  const masks = blocks(instance.values, 'rule').map((_, i) => maskAt(instance.unknown, ['rule', i]));
  return blocks(instance.values, 'rule').map((values, i) => ({
    instance,
    id: `${instance.address}#rule[${i}]`,
    values,
    mask: masks[i],
    names,
    // The blocks share one reference list per attribute: it is this block's only when no other block waits too.
    refs: (path, types) => {
      const steps = path.split('.');
      return masks.filter((m) => pendingAt(m, steps)).length === 1 && pendingAt(masks[i], steps) ? ctx.refs(instance, `rule.${path}`, { types }) : [];
    },
  }));
}
