import { describe, expect, it } from 'vitest';
import type { Report, Rule } from '../rule.js';
import { mergeReports } from './merge.js';

const rule = (id: string, explains?: string[]): Rule => ({
  meta: { id, title: id, category: 'spof', tags: ['reliability'], description: 'D.', rationale: 'R.', remediation: 'F.', ...(explains ? { explains } : {}) },
  check: () => [],
});
const report = (resource: string, score: number, over: Partial<Report> = {}): Report => ({ resource, score, message: `${resource} ${score}`, ...over });

const first = rule('first');
const other = rule('other');
const graph = rule('graph', ['first']);
const shown = (out: ReturnType<typeof mergeReports>): string[] => out.map(({ rule: r, report: p }) => `${r.meta.id} ${p.resource} ${p.score} [${(p.related ?? []).join(',')}]`);

describe('mergeReports', () => {
  it('a graph report absorbs the explained rule\'s report on the same resource, keeping the higher score', () => {
    const out = mergeReports([
      { rule: first, reports: [report('db', 7.5, { related: ['sg'] }), report('lb', 5)] },
      { rule: graph, reports: [report('db', 6.5, { related: ['web'] })] },
    ]);
    expect(shown(out)).toEqual(['first lb 5 []', 'graph db 7.5 [web,sg]']);
  });

  it('absorbs reports on the other addresses it names in explains, and drops the field', () => {
    const out = mergeReports([
      { rule: first, reports: [report('member[0]', 5), report('member[1]', 6)] },
      { rule: graph, reports: [report('group', 4, { explains: ['member[0]', 'member[1]'] })] },
    ]);
    expect(shown(out)).toEqual(['graph group 6 [member[0],member[1]]']);
    expect(out[0]!.report).not.toHaveProperty('explains');
  });

  it('leaves alone the rules it does not explain, and never lowers a score', () => {
    const out = mergeReports([
      { rule: other, reports: [report('db', 9)] },
      { rule: first, reports: [report('db', 3)] },
      { rule: graph, reports: [report('db', 8)] },
    ]);
    expect(shown(out)).toEqual(['other db 9 []', 'graph db 8 []']);
  });

  it('passes everything through when no rule explains another', () => {
    const runs = [{ rule: first, reports: [report('a', 1)] }, { rule: other, reports: [report('a', 2)] }];
    expect(shown(mergeReports(runs))).toEqual(['first a 1 []', 'other a 2 []']);
  });
});
