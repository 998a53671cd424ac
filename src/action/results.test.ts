import { describe, expect, it } from 'vitest';
import { finding, report } from '../../test/action/support/reports.js';
import { countFindings, failing, failMessage, pickAnnotations } from './results.js';

const r = report([
  finding('a.new_critical', 9.5, { status: 'new' }),
  finding('a.old_critical', 9.5, { status: 'unchanged' }),
  finding('a.new_medium', 5, { status: 'new' }),
  finding('a.fixed_high', 8, { status: 'fixed' }),
  finding('a.suppressed_critical', 9.9, { status: 'new', suppressed: { kind: 'inline', reason: 'ok', expires: undefined } }),
  finding('a.state_high', 8, { status: undefined }),
]);

describe('counts and the threshold', () => {
  it('counts open findings; new and fixed apart; suppressed never', () => {
    expect(countFindings(r)).toEqual({ bySeverity: { critical: 2, high: 1, medium: 1, low: 0, info: 0 }, total: 4, new: 2, fixed: 1, maxSeverity: 'critical' });
    expect(countFindings(report([])).maxSeverity).toBe('none');
  });

  it('in a PR counts only what the change introduces (or cannot compare); in an audit, all', () => {
    expect(failing(r, 'high', 'pr').map((f) => f.resources[0])).toEqual(['a.new_critical', 'a.state_high']);
    expect(failing(r, 'high', 'audit').map((f) => f.resources[0])).toEqual(['a.new_critical', 'a.old_critical', 'a.state_high']);
    expect(failing(r, 'critical', 'pr').map((f) => f.resources[0])).toEqual(['a.new_critical']);
    expect(failing(r, 'none', 'audit')).toEqual([]);
    expect(failMessage(failing(r, 'high', 'pr'), 'high', 'pr')).toBe('weaklink: 2 new weak links at or above fail-on: high (1 critical, 1 high) — see the job summary');
  });
});

describe('annotations', () => {
  it('emits the highest-ranked located findings, at most 10 per level, new before unchanged', () => {
    const many = report([
      ...Array.from({ length: 15 }, (_, i) => finding(`x.old${i}`, 9, { status: 'unchanged', location: { file: 'a.tf', line: i + 1 } })),
      ...Array.from({ length: 5 }, (_, i) => finding(`x.new${i}`, 7, { status: 'new', location: { file: 'b.tf', line: i + 1 } })),
      ...Array.from({ length: 12 }, (_, i) => finding(`x.med${i}`, 5, { location: { file: 'c.tf', line: i + 1 } })),
      finding('x.nowhere', 9.9),
      finding('x.fixed', 9.9, { status: 'fixed', location: { file: 'd.tf', line: 1 } }),
    ]);
    const picked = pickAnnotations(many);
    const errors = picked.filter((a) => a.level === 'error').map((a) => a.finding.resources[0]);
    expect(errors).toEqual([...Array.from({ length: 5 }, (_, i) => `x.new${i}`), ...['x.old0', 'x.old1', 'x.old10', 'x.old11', 'x.old12']]);
    expect(picked.filter((a) => a.level === 'warning')).toHaveLength(10);
  });
});
