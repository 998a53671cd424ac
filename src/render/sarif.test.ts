import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Report } from '../analyze.js';
import { analyze } from '../analyze.js';
import { readSources } from '../cli/sources.js';
import { parseConfig } from '../config/index.js';
import type { Finding, Severity } from '../findings/index.js';
import { RULES, type Rule, type RuleMeta } from '../rules/index.js';
import { readDocument } from '../terraform/index.js';
import { VERSION } from '../version.js';
import { FINGERPRINT_KEY, renderSarif } from './sarif.js';

const META: RuleMeta = {
  id: 'every-entity',
  title: 'Every entity',
  category: 'spof',
  tags: ['reliability'],
  description: 'Reports every entity.',
  rationale: 'A test rule that exercises every kind of address.',
  remediation: 'Nothing to do.',
};
const everyEntity: Rule = {
  meta: META,
  *check({ graph }) {
    for (const id of [...graph.model.entities.keys()].sort()) yield { resource: id, score: 3 + (id.length % 7), message: `${id} is here.` };
  },
};

const finding = (over: Partial<Finding> & { resource: string }): Finding => ({
  fingerprint: `fp-${over.resource}`,
  rule: META.id,
  category: 'spof',
  severity: 'high',
  score: 7.5,
  title: META.title,
  message: `${over.resource} is a weak link.`,
  remediation: 'Add a second one.',
  resources: [over.resource],
  location: { file: 'infra/main.tf', line: 3 },
  input: 'plan.json',
  ...over,
});

const report = (findings: Finding[], inputs = ['plan.json']): Report => ({
  schemaVersion: 1,
  tool: { name: 'weaklink', version: '1.2.3' },
  inputs: inputs.map((file) => ({ file, kind: 'plan', formatVersion: '1.2', terraformVersion: '1.11.4', resources: 3, unmodelled: {} })),
  summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
  findings,
});

const sarif = (r: Report, options: Parameters<typeof renderSarif>[1] = { rules: [META] }): Log => JSON.parse(renderSarif(r, options)) as Log;

describe('renderSarif', () => {
  it('writes one run per input, each with its own category, and every rule with its help', () => {
    const log = sarif(report([finding({ resource: 'aws_instance.a' }), finding({ resource: 'aws_instance.b', input: './envs/prod.json' })], ['plan.json', './envs/prod.json']));
    expect(log.version).toBe('2.1.0');
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['weaklink/plan.json/', 'weaklink/envs/prod.json/']);
    expect(log.runs.map((r) => r.results?.length)).toEqual([1, 1]);
    const rule = log.runs[0]!.tool.driver.rules![0]!;
    expect(rule).toMatchObject({
      id: 'every-entity',
      name: 'EveryEntity',
      shortDescription: { text: 'Every entity' },
      helpUri: 'https://github.com/weaklink/weaklink/blob/main/docs/rules/every-entity.md',
      properties: { tags: ['reliability', 'spof'], precision: 'high', 'security-severity': '7.5' },
    });
    expect(rule.help?.markdown).toContain('**Fix:** Nothing to do.');
  });

  it.each([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'note'],
    ['info', 'note'],
  ] as const)('maps severity %s to level %s', (severity: Severity, level) => {
    expect(sarif(report([finding({ resource: 'a.b', severity })])).runs[0]!.results![0]!.level).toBe(level);
  });

  it('gives every result a location, our fingerprint and its score', () => {
    const [result] = sarif(report([finding({ resource: 'module.x.aws_instance.a["k"]', path: ['internet', 'aws_lb.a', 'module.x.aws_instance.a["k"]'], status: 'new' })])).runs[0]!.results!;
    expect(result).toMatchObject({
      ruleId: 'every-entity',
      ruleIndex: 0,
      locations: [{ physicalLocation: { artifactLocation: { uri: 'infra/main.tf' }, region: { startLine: 3 } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: 'fp-module.x.aws_instance.a["k"]' },
      baselineState: 'new',
      properties: { 'security-severity': '7.5' },
    });
    expect(result!.partialFingerprints).not.toHaveProperty('primaryLocationLineHash');
    expect(result!.message.text).toBe('module.x.aws_instance.a["k"] is a weak link. Path: internet -> aws_lb.a -> module.x.aws_instance.a["k"]. Fix: Add a second one.');
  });

  it('falls back to the plan file, line 1, and says so', () => {
    const [result] = sarif(report([finding({ resource: 'aws_instance.a', location: null, input: '/abs/dir/my plan.json' })], ['/abs/dir/my plan.json'])).runs[0]!.results!;
    expect(result!.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'file:///abs/dir/my%20plan.json' }, region: { startLine: 1 } });
    expect(result!.message.text).toContain('no .tf block was found for aws_instance.a; pass --source-dir');
  });

  it('carries suppressed findings as suppressions, and leaves fixed ones out', () => {
    const log = sarif(
      report([
        finding({ resource: 'a.inline', suppressed: { kind: 'inline', reason: 'reviewed', expires: undefined } }),
        finding({ resource: 'a.config', suppressed: { kind: 'config', reason: 'migration', expires: '2025-03-31' } }),
        finding({ resource: 'a.fixed', status: 'fixed' }),
      ]),
    );
    const results = log.runs[0]!.results!;
    expect(results.map((r) => r.suppressions)).toEqual([
      [{ kind: 'external', status: 'accepted', justification: 'migration (until 2025-03-31)' }],
      [{ kind: 'inSource', status: 'accepted', justification: 'reviewed' }],
    ]);
  });

  it('describes a rule a finding names that is not in the list', () => {
    const log = sarif(report([finding({ resource: 'a.b', rule: 'zz-unlisted', title: 'Unlisted' })]));
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(['every-entity', 'zz-unlisted']);
    expect(log.runs[0]!.results![0]!.ruleIndex).toBe(1);
    expect(rules[0]!.properties).not.toHaveProperty('security-severity');
  });

  it('keeps within the run limit by sharing the last run, and says so', () => {
    const inputs = ['a.json', 'b.json', 'c.json', 'd.json'];
    const log = sarif(report(inputs.map((input) => finding({ resource: `x.${input}`, input })), inputs), { rules: [META], limits: { runs: 3, resultsPerRun: 100, gzipBytes: 1e7 } });
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['weaklink/a.json/', 'weaklink/b.json/', 'weaklink/more-inputs/']);
    expect(log.runs[2]!.results).toHaveLength(2);
    expect(log.runs[2]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toContain('this run holds 2 inputs (c.json, d.json)');
  });

  it('cuts the lowest-ranked results past the per-run limit and the size limit, and says so', () => {
    const many = Array.from({ length: 40 }, (_, i) => finding({ resource: `aws_instance.n${String(i).padStart(2, '0')}`, score: 9.9 - i / 10, severity: i < 10 ? 'critical' : 'high' }));
    const perRun = sarif(report(many), { rules: [META], limits: { runs: 20, resultsPerRun: 5, gzipBytes: 1e7 } }).runs[0]!;
    expect(perRun.results!.map((r) => r.properties!['security-severity'])).toEqual(['9.9', '9.8', '9.7', '9.6', '9.5']);
    expect(perRun.invocations![0]!.toolExecutionNotifications![0]!.message.text).toBe("35 lowest-ranked results were cut to stay within GitHub's 5 results per run.");
    const full = gzipSync(renderSarif(report(many), { rules: [META] })).length;
    const limit = Math.floor(full * 0.6);
    const text = renderSarif(report(many), { rules: [META], limits: { runs: 20, resultsPerRun: 100, gzipBytes: limit } });
    expect(gzipSync(text).length).toBeLessThanOrEqual(limit);
    const small = JSON.parse(text) as Log;
    const kept = small.runs[0]!.results!;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(40);
    expect(kept[0]!.partialFingerprints![FINGERPRINT_KEY]).toBe('fp-aws_instance.n00');
    expect(small.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toContain('lowest-ranked results (all runs) were cut');
  });
});

const FIXTURE = 'test/fixtures/located';
const GOLDEN = 'test/golden';
const located = readDocument(`${FIXTURE}/plan.json`, readFileSync(`${FIXTURE}/plan.json`));
const config = parseConfig('.weaklink.yml', 'ignore:\n  - rule: every-entity\n    address: module.app["blue"].**\n    reason: blue is being retired\n    expires: 2030-12-31\n');
const withSources = (): string =>
  renderSarif(analyze([located], { rules: [everyEntity], sources: readSources(`${FIXTURE}/live`), config, today: '2025-03-01' }), { rules: [META] });
const withoutSources = (): string => renderSarif(analyze([located], { rules: [everyEntity] }), { rules: [META] });

describe('SARIF golden files', () => {
  it.each([
    ['located.sarif', withSources],
    ['unlocated.sarif', withoutSources],
  ])('%s', (name, render) => {
    // The tool version changes with every release; the golden file does not.
    const text = render().replaceAll(`"version": "${VERSION}"`, '"version": "<version>"').replaceAll(`"semanticVersion": "${VERSION}"`, '"semanticVersion": "<version>"');
    const path = join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, 'utf8'));
  });

  it('points every located result at a line that declares a block', () => {
    const log = JSON.parse(withSources()) as Log;
    for (const result of log.runs[0]!.results!) {
      const where = result.locations![0]!.physicalLocation!;
      const line = readFileSync(where.artifactLocation!.uri!, 'utf8').split('\n')[where.region!.startLine! - 1];
      expect(line).toMatch(/^(resource|module) "[^"]+"( "[^"]+")? \{$/);
    }
  });
});

function multitool(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('@microsoft/sarif-multitool') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function corpusPlans(): string[] {
  const root = new URL('../../../shared/corpus/plans/', import.meta.url).pathname;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.json'))
    .sort()
    .map((p) => join(root, p));
}

describe("SARIF Multitool, GitHub's rules", () => {
  const tool = multitool();
  it.skipIf(!tool)('reports no error or warning for any fixture or corpus plan, with or without sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weaklink-sarif-'));
    const rules = [...RULES.map((r) => r.meta), META];
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
    write('located.sarif', withSources());
    write('unlocated.sarif', withoutSources());
    const plans = corpusPlans();
    const documents = plans.map((p) => readDocument(p, readFileSync(p)));
    // Twenty inputs per file, one run each (GitHub's run limit): every corpus plan is validated, in few files.
    for (let i = 0; i < documents.length; i += 20) {
      write(`corpus-${i / 20}.sarif`, renderSarif(analyze(documents.slice(i, i + 20), { rules: [...RULES, everyEntity] }), { rules }));
    }
    // A control: a result without a location must be caught, or this test proves nothing.
    write('control.sarif', JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r' }] } }, results: [{ ruleId: 'r', message: { text: 'm.' } }] }] }));
    const files = readdirSync(dir).sort();
    const run = spawnSync(tool!, ['validate', '--rule-kind', 'Gh;Sarif', ...files], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    rmSync(dir, { recursive: true, force: true });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(out, out).toContain(`Done. ${files.length} files scanned.`);
    // Errors make GitHub reject the file; warnings are held to the same bar.
    const errors = out.split('\n').filter((l) => /: (error|warning) [A-Z]+\d+/.test(l));
    expect(errors.filter((l) => l.startsWith('control.sarif') || l.includes('/control.sarif')).length).toBeGreaterThan(0);
    expect(errors.filter((l) => !l.includes('control.sarif'))).toEqual([]);
    expect(plans.length === 0 || files.length > 4).toBe(true);
  });
  it.runIf(!tool)('skipped: @microsoft/sarif-multitool has no binary for this platform', () => {
    expect(tool).toBeUndefined();
  });
});
