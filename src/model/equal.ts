import type { Model } from './model.js';

/**
 * Whether two models are the same, value for value: their graphs (`sameGraph`) and their counts. Conservative:
 * edges compare in order, and anything that is not plain data compares by identity, so a difference can only cost
 * time, never a wrong answer.
 */
export function sameModel(a: Model, b: Model): boolean {
  if (a === b) return true;
  return a.resourceCount === b.resourceCount && equalData(a.unmodelled, b.unmodelled) && sameGraph(a, b);
}

/**
 * Whether two models hold the same entities and edges, in the same order. The rules are pure functions of these
 * (they never read `resourceCount` or `unmodelled`), so the same graphs have the same findings: a plan whose
 * changes the model does not see (new tags, instance sizes, descriptions) need not have its prior side checked
 * again. Nor need a plan that adds a resource no mapper reads (a log group, an IAM policy): two models, one graph.
 */
export function sameGraph(a: Model, b: Model): boolean {
  if (a === b) return true;
  if (a.entities.size !== b.entities.size || a.edges.length !== b.edges.length) return false;
  for (const [id, entity] of a.entities) {
    const other = b.entities.get(id);
    if (!other || !equalData(entity, other)) return false;
  }
  for (let i = 0; i < a.edges.length; i++) if (!equalData(a.edges[i], b.edges[i])) return false;
  return true;
}

/** Deep equality of JSON-like data (plain objects, arrays, primitives); other objects only when identical. */
export function equalData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlain(a) || !isPlain(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !equalData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function isPlain(o: object): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}
