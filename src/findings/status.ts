import type { Finding } from './finding.js';
import { severityRank } from './severity.js';

/**
 * Marks the findings of the planned world against those of the prior one: `new` where the change introduces them,
 * or where it made one that was there before more severe (with `was`, the severity before), `unchanged` where they
 * were there before, and the prior ones that disappear come back as `fixed`, except those a
 * new finding takes over (`takesOver(newRule, oldRule)`, on the old finding's resource): a weakness that grew is
 * not a fix.
 */
export function withStatus(after: readonly Finding[], before: readonly Finding[], takesOver: (newRule: string, oldRule: string) => boolean = () => false): Finding[] {
  const beforeByKey = new Map(before.map((f) => [key(f), f]));
  const afterKeys = new Set(after.map(key));
  const marked = after.map((f): Finding => {
    const old = beforeByKey.get(key(f));
    if (!old) return { ...f, status: 'new' };
    return severityRank(f.severity) < severityRank(old.severity) ? { ...f, status: 'new', was: old.severity } : { ...f, status: 'unchanged' };
  });
  const added = marked.filter((f) => f.status === 'new');
  const grown = (old: Finding): boolean =>
    added.some((f) => f.input === old.input && f.resources.includes(old.resources[0] ?? '') && takesOver(f.rule, old.rule));
  return [...marked, ...before.filter((f) => !afterKeys.has(key(f)) && !grown(f)).map((f) => ({ ...f, status: 'fixed' as const }))];
}

const key = (f: Finding): string => `${f.input}\u0000${f.fingerprint}`;
