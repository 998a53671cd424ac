/**
 * A table-driven tester for rules, after typescript-eslint's RuleTester: `quiet` models must give no finding,
 * `fires` models must give exactly the findings listed (by primary address), each checked for severity and for
 * text its message, remediation and path must hold. Findings go through the engine's `check`, so severities come
 * from the score bands exactly as in a real run.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/analyze.js';
import { rank, type Finding, type Severity } from '../../src/findings/index.js';
import type { Model } from '../../src/model/index.js';
import { DEFAULT_SETTINGS, type Rule, type RuleSettings } from '../../src/rules/index.js';

export interface QuietCase {
  readonly name: string;
  readonly model: Model;
  readonly settings?: Partial<RuleSettings>;
}

export interface Expected {
  /** The primary address. */
  readonly resource: string;
  readonly severity: Severity;
  /** Each must occur in the message. */
  readonly message?: readonly (string | RegExp)[];
  /** Each must not occur in the message. */
  readonly notMessage?: readonly (string | RegExp)[];
  readonly remediation?: readonly (string | RegExp)[];
  readonly path?: readonly string[];
  readonly related?: readonly string[];
  /** Bounds on the score, when the case is about ranking within a band. */
  readonly scoreAtLeast?: number;
  readonly scoreBelow?: number;
}

export interface FiringCase extends QuietCase {
  readonly findings: readonly Expected[];
}

export function findingsOf(rule: Rule, model: Model, settings: Partial<RuleSettings> = {}): Finding[] {
  return rank(check(model, 'test.json', { rules: [rule], settings: { ...DEFAULT_SETTINGS, ...settings } }));
}

const holds = (text: string, p: string | RegExp): boolean => (typeof p === 'string' ? text.includes(p) : p.test(text));

export function ruleTester(rule: Rule, cases: { quiet: readonly QuietCase[]; fires: readonly FiringCase[] }): void {
  describe(rule.meta.id, () => {
    describe('stays quiet', () => {
      it.each(cases.quiet.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        expect(findingsOf(rule, c.model, c.settings).map((f) => `${f.resources[0]}: ${f.message}`)).toEqual([]);
      });
    });
    describe('fires', () => {
      it.each(cases.fires.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const found = findingsOf(rule, c.model, c.settings);
        expect(found.map((f) => f.resources[0]).sort()).toEqual(c.findings.map((e) => e.resource).sort());
        for (const e of c.findings) {
          const f = found.find((x) => x.resources[0] === e.resource)!;
          const where = `${e.resource}: ${f.message}`;
          expect(f.severity, `${where} (score ${f.score})`).toBe(e.severity);
          for (const p of e.message ?? []) expect(holds(f.message, p), `message should hold ${p}: ${f.message}`).toBe(true);
          for (const p of e.notMessage ?? []) expect(holds(f.message, p), `message should not hold ${p}: ${f.message}`).toBe(false);
          for (const p of e.remediation ?? []) expect(holds(f.remediation, p), `remediation should hold ${p}: ${f.remediation}`).toBe(true);
          if (e.path) expect(f.path).toEqual(e.path);
          for (const r of e.related ?? []) expect(f.resources).toContain(r);
          if (e.scoreAtLeast !== undefined) expect(f.score).toBeGreaterThanOrEqual(e.scoreAtLeast);
          if (e.scoreBelow !== undefined) expect(f.score).toBeLessThan(e.scoreBelow);
        }
      });
    });
  });
}
