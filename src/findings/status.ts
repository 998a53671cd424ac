import type { Finding } from './finding.js';

/**
 * Marks the findings of the planned world against those of the prior one: `new` where the change introduces them,
 * `unchanged` where they were there before, and the prior ones that disappear come back as `fixed`.
 */
export function withStatus(after: readonly Finding[], before: readonly Finding[]): Finding[] {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return [
    ...after.map((f) => ({ ...f, status: beforeKeys.has(key(f)) ? ('unchanged' as const) : ('new' as const) })),
    ...before.filter((f) => !afterKeys.has(key(f))).map((f) => ({ ...f, status: 'fixed' as const })),
  ];
}

const key = (f: Finding): string => `${f.input}\u0000${f.fingerprint}`;
