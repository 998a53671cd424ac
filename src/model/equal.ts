import type { Model } from './model.js';

/**
 * Whether two models hold the same entities and edges, value for value. The rules are pure functions of the model,
 * so equal models have equal findings: a plan whose changes the model does not see (new tags, instance sizes,
 * descriptions) need not have its prior side checked again. Conservative: edges compare in order, and anything
 * that is not plain data compares by identity, so a difference can only cost time, never a wrong answer.
 */
export function sameModel(a: Model, b: Model): boolean {
  if (a === b) return true;
  if (a.resourceCount !== b.resourceCount || a.entities.size !== b.entities.size || a.edges.length !== b.edges.length) return false;
  if (!equalData(a.unmodelled, b.unmodelled)) return false;
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
