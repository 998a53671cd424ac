/**
 * Rules on real plans: every fixture under fixtures/ (a folder with plan.json; AWS ones made by real terraform, see
 * scripts/fixtures.mjs) carries an expected.json written from its design, not from the tool's output:
 * - `mustFind`: a finding of `rule` whose primary resource is `resource` (or one of a list, where a correct tool
 *   may name either the rule resource, its group or the exposed host), at or above `atLeast` when given;
 * - `mustNotFind`: no open finding of `rule` whose primary resource is any of `resource`;
 * - `maxSeverityQuiet`: no open finding above that severity (a well-built design stays quiet).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type Report } from '../src/analyze.js';
import { isSeverity, meets, severityRank, type Finding, type Severity } from '../src/findings/index.js';
import { readDocument } from '../src/terraform/index.js';
import { RULES, ruleById } from '../src/rules/index.js';
import { foldersWith } from './support/terraform.js';

const ROOT = new URL('..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'fixtures');
const RULE_IDS = RULES.map((r) => r.meta.id);

/** A finding of `rule`, or of a graph rule that took `rule`'s finding over (one weak link, one finding). */
const covers = (f: Finding, rule: string): boolean => f.rule === rule || (ruleById(f.rule)?.meta.explains ?? []).includes(rule);

interface Expectation {
  readonly rule: string;
  readonly resources: readonly string[];
  readonly atLeast: Severity | undefined;
  readonly why: string;
}

interface Expected {
  readonly mustFind: readonly Expectation[];
  readonly mustNotFind: readonly Expectation[];
  readonly maxSeverityQuiet: Severity | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function severityAt(value: unknown, where: string): Severity | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && isSeverity(value)) return value;
  throw new Error(`${where} must be a severity`);
}

function expectation(raw: unknown, where: string): Expectation {
  if (!isRecord(raw)) throw new Error(`${where}: not an object`);
  const { rule, resource, atLeast, why } = raw;
  if (typeof rule !== 'string' || !RULE_IDS.includes(rule)) throw new Error(`${where}: rule must be one of ${RULE_IDS.join(', ')}`);
  const resources = typeof resource === 'string' ? [resource] : Array.isArray(resource) ? resource.filter((r): r is string => typeof r === 'string') : [];
  if (resources.length === 0 || (Array.isArray(resource) && resources.length !== resource.length)) throw new Error(`${where}: resource must be an address or a list of them`);
  return { rule, resources, atLeast: severityAt(atLeast, `${where}: atLeast`), why: typeof why === 'string' ? why : '' };
}

function readExpected(dir: string): Expected {
  const raw: unknown = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  if (!isRecord(raw)) throw new Error(`${dir}/expected.json: not an object`);
  const list = (key: string): Expectation[] => {
    const value = raw[key] ?? [];
    if (!Array.isArray(value)) throw new Error(`${dir}/expected.json: ${key} must be a list`);
    return value.map((e, i) => expectation(e, `${dir}/expected.json ${key}[${i}]`));
  };
  return { mustFind: list('mustFind'), mustNotFind: list('mustNotFind'), maxSeverityQuiet: severityAt(raw.maxSeverityQuiet, `${dir}/expected.json: maxSeverityQuiet`) };
}

/** Every managed resource instance address of the plan, to catch an expectation that names nothing real. */
function planAddresses(bytes: Buffer): Set<string> {
  const plan: unknown = JSON.parse(bytes.toString('utf8'));
  const changes = isRecord(plan) && Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  return new Set(changes.flatMap((c) => (isRecord(c) && typeof c.address === 'string' ? [c.address] : [])));
}

const open = (report: Report): Finding[] => report.findings.filter((f) => f.status !== 'fixed' && !f.suppressed);
const shown = (f: Finding): string => `${f.rule} ${f.resources[0]} (${f.severity} ${f.score})`;
const listed = (findings: readonly Finding[]): string => (findings.length === 0 ? 'no findings at all' : findings.map(shown).join('; '));
const named = (e: Expectation): string => (e.resources.length === 1 ? e.resources[0]! : `one of ${e.resources.join(', ')}`);

const fixtures = foldersWith(FIXTURES, 'plan.json').map((dir) => ({ name: relative(FIXTURES, dir), dir }));

describe('fixtures', () => {
  it('there are fixtures, each plan.json with its main.tf and expected.json beside it', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['demo', 'aws/single-server', 'aws/well-built']));
    const lacking = fixtures.flatMap(({ name, dir }) => ['main.tf', 'expected.json'].filter((f) => !existsSync(join(dir, f))).map((f) => `${name}/${f}`));
    expect(lacking, `every fixture keeps the configuration it was made from and the findings its design calls for; missing: ${lacking.join(', ')}`).toEqual([]);
  });
});

describe.each(fixtures.filter(({ dir }) => existsSync(join(dir, 'expected.json'))))('fixture $name', ({ name, dir }) => {
  const bytes = readFileSync(join(dir, 'plan.json'));
  const expected = readExpected(dir);
  let report: Report | undefined;
  const findings = (): Finding[] => open((report ??= analyze([readDocument(`fixtures/${name}/plan.json`, bytes)])));

  it('is a plan of terraform 1.x and every address expected.json names is in it', () => {
    const document = readDocument(`fixtures/${name}/plan.json`, bytes);
    expect(document.kind).toBe('plan');
    expect(document.terraformVersion).toMatch(/^1\.\d+\.\d+/);
    const addresses = planAddresses(bytes);
    const missing = [...expected.mustFind, ...expected.mustNotFind].flatMap((e) => e.resources).filter((a) => !addresses.has(a));
    expect(missing, `expected.json names addresses the plan does not have: ${missing.join(', ')}`).toEqual([]);
  });

  it.each(expected.mustFind.map((e) => [`${e.rule} on ${named(e)}`, e] as const))('finds %s', (_, e) => {
    const all = findings();
    const hit = all.find((f) => covers(f, e.rule) && e.resources.includes(f.resources[0] ?? ''));
    expect(hit, `expected ${e.rule} on ${named(e)} — ${e.why}; found: ${listed(all)}`).toBeDefined();
    if (hit && e.atLeast) {
      expect(meets(hit.severity, e.atLeast), `${shown(hit)} should be at least ${e.atLeast} — ${e.why}`).toBe(true);
    }
  });

  it.each(expected.mustNotFind.map((e) => [`${e.rule} on ${named(e)}`, e] as const))('stays quiet: %s', (_, e) => {
    const wrong = findings().filter((f) => covers(f, e.rule) && e.resources.includes(f.resources[0] ?? ''));
    expect(wrong.map(shown), `no ${e.rule} on ${named(e)} expected — ${e.why}; found: ${listed(wrong)}`).toEqual([]);
  });

  if (expected.maxSeverityQuiet) {
    const quiet = expected.maxSeverityQuiet;
    it(`nothing above ${quiet}`, () => {
      const loud = findings().filter((f) => severityRank(f.severity) < severityRank(quiet));
      expect(loud.map(shown), `a well-built design must stay at ${quiet} or below; found: ${listed(loud)}`).toEqual([]);
    });
  }
});
