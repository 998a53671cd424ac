import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapt } from './adapters/index.js';
import { setFlagsFromString } from 'node:v8';
import { analyze, check, eachOf, takesOver } from './analyze.js';
import { exposedCollector } from './cli/heap.js';
import { generatePlan } from '../bench/generate.js';
import { RULES, type Rule } from './rules/index.js';
import { withStatus } from './findings/index.js';
import { placeFindings } from './locate.js';
import { loadDocument, readDocument } from './terraform/index.js';
import { corpusFile } from '../test/support/plans.js';
import { renderJson, renderMarkdown, renderSarif, renderText } from './render/index.js';

const plan = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { resource_changes: Array<{ change: { actions: string[] } }> };

describe('analyze: before and after', () => {
  it('a plan that changes nothing reports what the full before/after comparison reports: everything unchanged', () => {
    // The single-server fixture, planned again once applied: every change a no-op against a prior state.
    const applied = (action: string) => {
      const json = plan(new URL('../fixtures/aws/single-server/plan.json', import.meta.url).pathname) as Record<string, unknown> & ReturnType<typeof plan>;
      json.prior_state = { format_version: '1.0', values: json.planned_values };
      for (const rc of json.resource_changes) rc.change = { ...rc.change, actions: [action], before: (rc.change as { after?: unknown }).after } as never;
      return json;
    };
    const noop = analyze([loadDocument('plan.json', applied('no-op'))]);
    expect(noop.findings.length).toBeGreaterThan(0);
    expect(new Set(noop.findings.map((f) => f.status))).toEqual(new Set(['unchanged']));
    // The same plan with every change marked as an update is compared side by side: same answer.
    const full = analyze([loadDocument('plan.json', applied('update'))]);
    expect(full.findings).toEqual(noop.findings);
  });

  it('a finding the change removes comes back as fixed, one the change adds as new', () => {
    const json = {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'aws_db_instance.a', mode: 'managed', type: 'aws_db_instance', name: 'a', values: { engine: 'postgres', multi_az: true }, sensitive_values: {} }, { address: 'aws_db_instance.b', mode: 'managed', type: 'aws_db_instance', name: 'b', values: { engine: 'postgres', multi_az: false }, sensitive_values: {} }] } },
      resource_changes: [
        { address: 'aws_db_instance.a', mode: 'managed', type: 'aws_db_instance', name: 'a', change: { actions: ['update'], before: { engine: 'postgres', multi_az: false }, after: { engine: 'postgres', multi_az: true }, after_unknown: {} } },
        { address: 'aws_db_instance.b', mode: 'managed', type: 'aws_db_instance', name: 'b', change: { actions: ['create'], before: null, after: { engine: 'postgres', multi_az: false }, after_unknown: {} } },
      ],
    };
    const report = analyze([loadDocument('plan.json', json)]);
    const status = Object.fromEntries(report.findings.filter((f) => f.rule === 'single-az-database').map((f) => [f.resources[0], f.status]));
    expect(status).toEqual({ 'aws_db_instance.a': 'fixed', 'aws_db_instance.b': 'new' });
    expect(report.summary.high + report.summary.medium + report.summary.critical).toBeGreaterThan(0);
  });

  it('a weakness that grows is not a fix: a /16 opened to the world is open-ingress\'s new finding, segmentation\'s is not "fixed"', () => {
    // terraform 1.11 + aws 5.100, planned against the state beside fixtures/aws/update-db-to-world/main.tf.
    const file = new URL('../fixtures/aws/update-db-to-world/plan.json', import.meta.url).pathname;
    const document = readDocument(file, readFileSync(file));
    const report = analyze([document]);
    const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, f.status]));
    expect(byRule).toMatchObject({ 'open-ingress': 'new', 'single-az-database': 'new' });
    expect(report.findings.some((f) => f.status === 'fixed')).toBe(false);
    // The prior side alone had the segmentation finding; the comparison without take-overs calls it fixed.
    const naive = withStatus(check(adapt(document.after), file), check(adapt(document.before), file));
    expect(naive.filter((f) => f.status === 'fixed').map((f) => f.rule)).toEqual(['segmentation']);
  });

  it('a change the model does not see (new tags) reports what checking the prior side in full reports', () => {
    const json = plan(new URL('../fixtures/aws/single-server/plan.json', import.meta.url).pathname) as Record<string, unknown> & ReturnType<typeof plan>;
    json.prior_state = { format_version: '1.0', values: json.planned_values };
    for (const rc of json.resource_changes) {
      const after = (rc.change as { after?: Record<string, unknown> }).after;
      rc.change = { ...rc.change, actions: ['update'], before: { ...after, tags: { ...(after?.tags as object), Revision: 'old' } } } as never;
    }
    const document = loadDocument('plan.json', json);
    const report = analyze([document]);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(new Set(report.findings.map((f) => f.status))).toEqual(new Set(['unchanged']));
    // The long way round: both sides checked, then compared.
    const full = placeFindings(withStatus(check(adapt(document.after), 'plan.json'), check(adapt(document.before), 'plan.json'), takesOver), { locator: undefined, config: undefined, today: undefined });
    expect(report.findings.map((f) => [f.fingerprint, f.status]).sort()).toEqual(full.map((f) => [f.fingerprint, f.status]).sort());
  });
});

describe('analyze: a weak link the change makes worse', () => {
  // juice-shop's corpus plan (terraform 1.2): a security group already open to the world on 5432 (protecting nothing
  // before) now guards a new database. The same finding (rule and resource) grows from medium to high: the pull
  // request made it worse, so it is judged as new, and says what it was.
  const file = corpusFile('juice-shop/aws-eks-vpc-3az-asg-sgs-tf1.2.4.json');
  const report = analyze([readDocument('plan.json', readFileSync(file))]);
  const grown = report.findings.find((f) => f.rule === 'open-ingress' && f.resources[0] === 'module.sg.aws_security_group.snyk_rds_sg');

  it('is new, with the severity it had before', () => {
    expect(grown).toMatchObject({ severity: 'high', status: 'new', was: 'medium' });
    // Findings whose severity did not rise stay unchanged, with no `was`.
    expect(report.findings.filter((f) => f.status === 'unchanged').every((f) => f.was === undefined)).toBe(true);
  });

  it('reads as worse in every format, and SARIF calls it updated', () => {
    expect(renderText(report, { color: false })).toContain('module.sg.aws_security_group.snyk_rds_sg [worse: was medium]');
    const md = renderMarkdown(report, { mode: 'pr' });
    expect(md).toContain('1 made worse (1 high)');
    expect(md).toContain('**high** (was medium) Ingress open to the internet');
    const sarif = JSON.parse(renderSarif(report)) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string>; baselineState?: string }> }> };
    expect(sarif.runs[0]!.results.filter((r) => r.baselineState === 'updated').map((r) => Object.values(r.partialFingerprints)[0])).toEqual([grown!.fingerprint]);
    expect(JSON.parse(renderJson(report)).findings.find((f: { fingerprint: string }) => f.fingerprint === grown!.fingerprint).was).toBe('medium');
  });
});

describe('analyze: one document at a time', () => {
  const fixture = (name: string) => new URL(`../fixtures/aws/${name}/plan.json`, import.meta.url).pathname;

  it('reads a lazy iterable on demand, and holds no document once its models are built', async () => {
    setFlagsFromString('--expose-gc');
    const gc = exposedCollector()!;
    // Made in an earlier job than the run, so that the WeakRefs keep nothing alive during it.
    const waiting = [readDocument('a.json', readFileSync(fixture('single-server'))), readDocument('b.json', readFileSync(fixture('fargate-stack')))];
    const refs = waiting.map((d) => new WeakRef(d));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const read: string[] = [];
    const heldAfterModels: boolean[] = [];
    const report = analyze(
      eachOf(['a.json', 'b.json'], (file) => {
        read.push(file);
        return waiting.shift()!;
      }),
      {
        afterModels: () => {
          gc();
          heldAfterModels.push(refs[read.length - 1]!.deref() !== undefined);
        },
      },
    );
    expect(read).toEqual(['a.json', 'b.json']);
    expect(heldAfterModels).toEqual([false, false]);
    expect(report.inputs.map((i) => i.file)).toEqual(['a.json', 'b.json']);
    // The same report as from documents held by the caller.
    const held = analyze(['single-server', 'fargate-stack'].map((n, i) => readDocument(`${'ab'[i]}.json`, readFileSync(fixture(n)))));
    expect(report).toEqual(held);
  });
});

describe('analyze: the prior side checked only when its graph differs', () => {
  /** The real rules, and one more that counts the models it is run over. */
  const counting = () => {
    const seen: number[] = [];
    const counter: Rule = {
      meta: { ...RULES[0]!.meta, id: 'counter' },
      *check(ctx) {
        seen.push(ctx.graph.model.resourceCount);
      },
    };
    return { seen, rules: [...RULES, counter] };
  };

  it('a plan that adds a resource no mapper reads runs the rules once, and reports what checking both sides does', () => {
    const document = loadDocument('bench.json', JSON.parse(generatePlan(300, { added: true }).text));
    expect(document.after.filter((i) => i.action === 'create').map((i) => i.type)).toEqual(['aws_cloudwatch_log_group']);
    const { seen, rules } = counting();
    const report = analyze([document], { rules });
    expect(seen).toHaveLength(1);
    const full = withStatus(check(adapt(document.after), 'bench.json'), check(adapt(document.before), 'bench.json'), takesOver);
    expect(report.findings.map((f) => [f.fingerprint, f.status]).sort()).toEqual(full.map((f) => [f.fingerprint, f.status]).sort());
    expect(new Set(report.findings.map((f) => f.status))).toEqual(new Set(['unchanged']));
  });

  it('a change the model sees runs them over both sides', () => {
    const { seen, rules } = counting();
    analyze([loadDocument('bench.json', JSON.parse(generatePlan(300, { ruleChange: true }).text))], { rules });
    expect(seen).toHaveLength(2);
  });
});
