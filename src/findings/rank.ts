import type { Finding } from './finding.js';
import { severityRank } from './severity.js';

const STATUS_ORDER = { new: 0, unchanged: 1, fixed: 2 } as const;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Severity, then score (highest first), then primary address, rule, input: a total, stable order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    b.score - a.score ||
    compareText(a.resources[0] ?? '', b.resources[0] ?? '') ||
    compareText(a.rule, b.rule) ||
    compareText(a.input, b.input)
  );
}

/** As compareFindings, with new findings before unchanged ones before fixed ones (the PR comment's order). */
export function compareForReview(a: Finding, b: Finding): number {
  return STATUS_ORDER[a.status ?? 'unchanged'] - STATUS_ORDER[b.status ?? 'unchanged'] || compareFindings(a, b);
}

export function rank(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
