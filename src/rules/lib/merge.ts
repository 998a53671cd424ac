import type { Report, Rule } from '../rule.js';

/** One rule's reports over one model. */
export interface RuleRun {
  readonly rule: Rule;
  readonly reports: readonly Report[];
}

/**
 * One weak link, one finding: a report of a rule whose meta `explains` other rules absorbs those rules' reports
 * on its primary resource (and on the addresses in its own `explains`). The absorbing report keeps its rule, text
 * and path, takes the higher score of the two (a merge never lowers a severity) and lists the absorbed report's
 * resources among its own. Order is kept: rule order, then report order. O(r) in the number of reports.
 */
export function mergeReports(runs: readonly RuleRun[]): Array<{ rule: Rule; report: Report }> {
  const byKey = new Map<string, Report[]>();
  for (const { rule, reports } of runs) {
    for (const r of reports) {
      const k = key(rule.meta.id, r.resource);
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
  }
  const absorbed = new Set<Report>();
  const merged = new Map<Report, Report>();
  for (const { rule, reports } of runs) {
    const explained = rule.meta.explains ?? [];
    if (explained.length === 0) continue;
    for (const report of reports) {
      let score = report.score;
      const related: string[] = [...(report.related ?? [])];
      for (const address of new Set([report.resource, ...(report.explains ?? [])])) {
        for (const other of explained) {
          for (const victim of byKey.get(key(other, address)) ?? []) {
            if (victim === report) continue;
            absorbed.add(victim);
            score = Math.max(score, victim.score);
            related.push(victim.resource, ...(victim.related ?? []));
          }
        }
      }
      const { explains: _explains, ...rest } = report;
      merged.set(report, { ...rest, score, related: [...new Set(related)].filter((r) => r !== report.resource) });
    }
  }
  const out: Array<{ rule: Rule; report: Report }> = [];
  for (const { rule, reports } of runs) {
    for (const report of reports) if (!absorbed.has(report) || merged.has(report)) out.push({ rule, report: merged.get(report) ?? report });
  }
  return out;
}

const key = (rule: string, address: string): string => `${rule}\u0000${address}`;
