import type { Report } from '../analyze.js';
import { compareForReview, meets, SEVERITIES, type Finding, type Severity, type Threshold } from '../findings/index.js';

/** The numbers the action reports as outputs; `max-severity` is `none` when nothing is open. */
export interface Counts {
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly total: number;
  readonly new: number;
  readonly fixed: number;
  readonly maxSeverity: Severity | 'none';
}

const isOpen = (f: Finding): boolean => f.status !== 'fixed' && !f.suppressed;

export function countFindings(report: Report): Counts {
  const open = report.findings.filter(isOpen);
  const total = SEVERITIES.reduce((n, s) => n + report.summary[s], 0);
  return {
    bySeverity: report.summary,
    total,
    new: open.filter((f) => f.status === 'new').length,
    fixed: report.findings.filter((f) => f.status === 'fixed' && !f.suppressed).length,
    maxSeverity: SEVERITIES.find((s) => report.summary[s] > 0) ?? 'none',
  };
}

/**
 * The findings that fail the step: open, not suppressed, at or above the threshold; in a PR only those the change
 * introduces (a finding with no status had nothing to compare with, and counts as introduced).
 */
export function failing(report: Report, threshold: Threshold, mode: 'pr' | 'audit'): Finding[] {
  return report.findings.filter((f) => isOpen(f) && meets(f.severity, threshold) && (mode === 'audit' || f.status !== 'unchanged'));
}

export function failMessage(failed: readonly Finding[], threshold: Threshold, mode: 'pr' | 'audit'): string {
  const counts = SEVERITIES.map((s) => [s, failed.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const what = counts.map(([s, n]) => `${n} ${s}`).join(', ');
  const scope = mode === 'pr' ? 'new weak link' : 'weak link';
  return `weaklink: ${failed.length} ${scope}${failed.length === 1 ? '' : 's'} at or above fail-on: ${threshold} (${what}) — see the job summary`;
}

/** The annotations to emit: the highest-ranked located findings, at most `perLevel` of each level. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly finding: Finding;
}

const LEVEL: Readonly<Record<Severity, Annotation['level']>> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

/** The runner keeps only the first 10 errors, 10 warnings and 10 notices of a step: pick the best of each. */
export function pickAnnotations(report: Report, perLevel = 10): Annotation[] {
  const taken = { error: 0, warning: 0, notice: 0 };
  const out: Annotation[] = [];
  for (const finding of report.findings.filter((f) => isOpen(f) && f.location !== null).sort(compareForReview)) {
    const level = LEVEL[finding.severity];
    if (taken[level] >= perLevel) continue;
    taken[level]++;
    out.push({ level, finding });
  }
  return out;
}
