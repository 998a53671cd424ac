/**
 * Firewall sources the plan marks sensitive, on real plans: weaklink keeps nothing under the mark, so a rule whose
 * sources are marked is neither the world nor silently dropped; open-ingress says, low, that it cannot tell. The
 * range used (198.51.100.77, a documentation address) must never appear in any output format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type Report } from '../src/analyze.js';
import type { Finding } from '../src/findings/index.js';
import { renderJson, renderMarkdown, renderSarif, renderText } from '../src/render/index.js';
import { loadDocument, readDocument } from '../src/terraform/index.js';
import { corpusFile } from './support/plans.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SECRET = '198.51.100.77';
const FIXTURE = join(ROOT, 'fixtures/aws/sensitive-sources/plan.json');

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function* planned(module: unknown): Generator<Json> {
  if (!isRecord(module)) return;
  for (const r of Array.isArray(module.resources) ? module.resources : []) if (isRecord(r)) yield r;
  for (const c of Array.isArray(module.child_modules) ? module.child_modules : []) yield* planned(c);
}

/**
 * Sets attributes of one resource and marks them sensitive the way Terraform writes it: the value in `after` and in
 * `planned_values`, `true` (or a per-element mask) in `after_sensitive` and `sensitive_values`.
 */
function markSensitive(plan: Json, address: string, set: Readonly<Record<string, { value: unknown; mask: unknown }>>): void {
  let found = 0;
  for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (!isRecord(rc) || rc.address !== address || !isRecord(rc.change)) continue;
    const change = rc.change;
    const after = isRecord(change.after) ? change.after : {};
    const marks = isRecord(change.after_sensitive) ? change.after_sensitive : {};
    for (const [key, { value, mask }] of Object.entries(set)) {
      after[key] = value;
      marks[key] = mask;
    }
    change.after = after;
    change.after_sensitive = marks;
    found++;
  }
  const root = isRecord(plan.planned_values) ? plan.planned_values.root_module : undefined;
  for (const r of planned(root)) {
    if (r.address !== address) continue;
    const values = isRecord(r.values) ? r.values : {};
    const marks = isRecord(r.sensitive_values) ? r.sensitive_values : {};
    for (const [key, { value, mask }] of Object.entries(set)) {
      values[key] = value;
      marks[key] = mask;
    }
    r.values = values;
    r.sensitive_values = marks;
    found++;
  }
  if (found !== 2) throw new Error(`${address}: found ${found} places, expected 2`);
}

const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
const run = (file: string, plan: Json): Report => analyze([loadDocument(file, plan)]);
const runFile = (path: string): Report => analyze([readDocument(path, readFileSync(path))]);
const on = (report: Report, rule: string, resource: string): Finding | undefined => report.findings.find((f) => f.rule === rule && f.resources[0] === resource);
const sensitiveFindings = (report: Report): Finding[] => report.findings.filter((f) => f.message.includes('sensitive'));

/** single-server's plan with its two inline ingress blocks' ranges marked sensitive element by element. */
function singleServerMarked(): Json {
  const plan = readJson(join(ROOT, 'fixtures/aws/single-server/plan.json'));
  const rc = (plan.resource_changes as Json[]).find((r) => r.address === 'aws_security_group.server')!;
  const ingress = ((rc.change as Json).after as Json).ingress as Json[];
  const marked = ingress.map((block) => ({ ...block, cidr_blocks: [`${SECRET}/32`] }));
  markSensitive(plan, 'aws_security_group.server', { ingress: { value: marked, mask: marked.map(() => ({ cidr_blocks: true })) } });
  return plan;
}

/** Drops resources from a plan (its changes and planned values), as if the configuration had not declared them. */
function without(plan: Json, addresses: readonly string[]): Json {
  plan.resource_changes = (plan.resource_changes as Json[]).filter((rc) => !addresses.includes(String(rc.address)));
  const root = (plan.planned_values as Json).root_module as Json;
  root.resources = (root.resources as Json[]).filter((r) => !addresses.includes(String(r.address)));
  return plan;
}

const AZURE_SQL = corpusFile('regula/azure-sql-server-firewall-rules-tf0.13.5.json');

/** The regula corpus plan of an Azure SQL server: its one-address rule (validrule1) marked sensitive. */
function azureSqlMarked(): Json {
  const plan = readJson(AZURE_SQL);
  markSensitive(plan, 'azurerm_sql_firewall_rule.validrule1', { start_ip_address: { value: SECRET, mask: true }, end_ip_address: { value: SECRET, mask: true } });
  return plan;
}

const OTHER_SQL_RULES = ['invalidrule1', 'invalidrule2', 'invalidrule3', 'invalidrule4'].map((n) => `azurerm_sql_firewall_rule.${n}`);

describe('sources marked sensitive (AWS, real terraform: the group\'s whole inline ingress is marked)', () => {
  const report = runFile(FIXTURE);

  it('reports the hidden rules, low, on the group, and nothing as the world', () => {
    const f = on(report, 'open-ingress', 'aws_security_group.server');
    expect(f).toMatchObject({ severity: 'low', score: 3.9 });
    expect(f!.message).toBe(
      'aws_security_group.server has ingress rules that the plan marks sensitive whole (their sources, ports and protocols), in front of aws_db_instance.main and aws_instance.server (aws_db_instance.main is publicly accessible): weaklink cannot tell whether they admit the internet.',
    );
    expect(f!.remediation).toContain('keep address ranges out of sensitive values');
    expect(report.findings.filter((x) => x.rule === 'open-ingress' || x.rule === 'data-reachable')).toHaveLength(1);
    expect(report.findings.some((x) => /0\.0\.0\.0\/0|::\/0|admits the internet/.test(x.message))).toBe(false);
  });

  it('the sensitive group makes no segmentation or flat-network finding that the plan without those rules lacks', () => {
    const plan = readJson(FIXTURE);
    for (const r of planned((plan.planned_values as Json).root_module)) if (r.address === 'aws_security_group.server') (r.values as Json).ingress = [];
    for (const rc of plan.resource_changes as Json[]) if (rc.address === 'aws_security_group.server') {
      ((rc.change as Json).after as Json).ingress = [];
      ((rc.change as Json).after_sensitive as Json).ingress = [];
    }
    const without = run('without.json', plan);
    const of = (r: Report, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => [f.resources[0], f.message]);
    for (const rule of ['segmentation', 'flat-network']) expect(of(report, rule)).toEqual(of(without, rule));
  });
});

describe('sources marked sensitive element by element (AWS inline blocks, single-server)', () => {
  const report = run('single-server-marked.json', singleServerMarked());

  it('the critical world findings give way to one low finding that says what it cannot see', () => {
    const f = on(report, 'open-ingress', 'aws_security_group.server');
    expect(f).toMatchObject({ severity: 'low', score: 3.9 });
    expect(f!.message).toBe(
      'aws_security_group.server admits tcp 22, 3306 from sources marked sensitive in the plan to aws_db_instance.main and aws_instance.server (aws_db_instance.main is publicly accessible): weaklink cannot tell whether they include the internet.',
    );
    expect(f!.remediation).toBe('Check those sources; keep address ranges out of sensitive values (they are not secrets) so reviews and scanners can see them.');
    expect(report.findings.filter((x) => x.rule === 'data-reachable')).toEqual([]);
    expect(report.findings.every((x) => x.severity !== 'critical')).toBe(true);
  });
});

describe('sources marked sensitive (Azure SQL firewall rules, regula corpus)', () => {
  it('the rule with a sensitive range is reported, low, on the publicly accessible server', () => {
    const report = run('azure-sql-marked.json', without(azureSqlMarked(), OTHER_SQL_RULES));
    const f = on(report, 'open-ingress', 'azurerm_sql_firewall_rule.validrule1');
    expect(f).toMatchObject({ severity: 'low', score: 3.9 });
    expect(f!.message).toBe(
      'azurerm_sql_firewall_rule.validrule1 admits tcp 1433 from sources marked sensitive in the plan to azurerm_sql_server.example, which is publicly accessible: weaklink cannot tell whether they include the internet.',
    );
    expect(report.findings.filter((x) => x.rule === 'data-reachable')).toEqual([]);
  });

  it('beside rules that already open 1433 to the world, the findings are exactly those of the unmarked plan', () => {
    const original = runFile(AZURE_SQL);
    const report = run('azure-sql-marked.json', azureSqlMarked());
    expect(report.findings.map((f) => ({ ...f, input: '' }))).toEqual(original.findings.map((f) => ({ ...f, input: '' })));
    expect(original.findings.some((f) => f.rule === 'data-reachable' && f.message.includes('admits the internet'))).toBe(true);
  });
});

describe('a world rule beside a sensitive one (AWS, real terraform: separate rule resources)', () => {
  const path = join(ROOT, 'fixtures/aws/sensitive-beside-world/plan.json');
  const report = runFile(path);
  const rule = 'aws_vpc_security_group_ingress_rule.mysql_office';

  it('the world finding stays as it was without the sensitive rule; the sensitive rule is reported apart', () => {
    const alone = run(path, without(readJson(path), [rule]));
    // Nothing else differs: a sensitive source says nothing about what the server serves (spof stays as it was).
    expect(report.findings.filter((f) => f.resources[0] !== rule)).toEqual(alone.findings);
    // SSH open to the world on the server (the database listens on 3306 only, so SSH does not reach the data).
    expect(on(report, 'open-ingress', 'aws_security_group.server')).toMatchObject({ severity: 'critical', message: expect.stringContaining('on tcp 22 to aws_instance.server.') });
    expect(on(report, 'data-reachable', 'aws_security_group.server')).toBeUndefined();
    expect(on(report, 'open-ingress', rule)?.message).toBe(
      `${rule} admits tcp 3306 from sources marked sensitive in the plan to aws_db_instance.main and aws_instance.server (aws_db_instance.main is publicly accessible): weaklink cannot tell whether they include the internet.`,
    );
  });
});

describe('sources marked sensitive (Google firewall)', () => {
  it('a sensitive source_ranges is not Google\'s default 0.0.0.0/0: the world finding becomes the sensitive one', () => {
    const path = join(ROOT, 'fixtures/gcp/single-vm/plan.json');
    const original = runFile(path);
    const address = 'google_compute_firewall.bad_world_ssh_and_postgres';
    expect(on(original, 'open-ingress', address)?.severity).toBe('critical');
    const plan = readJson(path);
    markSensitive(plan, address, { source_ranges: { value: [`${SECRET}/32`], mask: true } });
    const report = run(path, plan);
    expect(on(report, 'open-ingress', address)).toMatchObject({
      severity: 'low',
      message: `${address} admits tcp 22, 5432 from sources marked sensitive in the plan to google_compute_instance.bad_single_vm, which has a public address: weaklink cannot tell whether they include the internet.`,
    });
    // The Cloud SQL instance's own authorized networks are untouched: its finding stays.
    const sql = (r: Report) => r.findings.filter((f) => f.resources[0]!.startsWith('google_sql_database_instance'));
    expect(sql(report)).toEqual(sql(original));
  });
});

describe('sources marked sensitive (Azure NSG, single-vm fixture)', () => {
  const path = join(ROOT, 'fixtures/azure/single-vm/plan.json');
  const original = runFile(path);
  const address = 'azurerm_network_security_group.bad_world_admin';

  /** The NSG's inline rules with their sources in a sensitive value: Terraform marks the whole `security_rule` set. */
  const marked = (): Json => {
    const plan = readJson(path);
    const rc = (plan.resource_changes as Json[]).find((r) => r.address === address)!;
    const rules = (((rc.change as Json).after as Json).security_rule as Json[]).map((r) => ({ ...r, source_address_prefix: `${SECRET}/32` }));
    markSensitive(plan, address, { security_rule: { value: rules, mask: true } });
    return plan;
  };

  it('inline rules hidden whole: one low finding on the NSG, no world claim, the other NSG unchanged', () => {
    expect(on(original, 'open-ingress', address)?.severity).toBe('critical');
    const report = run(path, marked());
    const f = on(report, 'open-ingress', address);
    expect(f).toMatchObject({ severity: 'low' });
    expect(f!.message).toContain('has ingress rules that the plan marks sensitive whole');
    expect(f!.message).not.toMatch(/0\.0\.0\.0\/0|::\/0/);
    const other = 'azurerm_network_security_group.bad_jump_ssh';
    expect(on(report, 'open-ingress', other)).toEqual(on(original, 'open-ingress', other));
    expect(renderJson(report).includes(SECRET)).toBe(false);
  });
});

describe('nothing under a sensitive mark is ever printed', () => {
  const reports: Array<[string, Report]> = [
    ['fixture', runFile(FIXTURE)],
    ['single-server marked', run('single-server-marked.json', singleServerMarked())],
    ['azure sql marked', run('azure-sql-marked.json', without(azureSqlMarked(), OTHER_SQL_RULES))],
    ['beside world', runFile(join(ROOT, 'fixtures/aws/sensitive-beside-world/plan.json'))],
  ];
  for (const [name, report] of reports) {
    it(`${name}: text, json, markdown and sarif`, () => {
      expect(sensitiveFindings(report).length).toBeGreaterThan(0);
      const outputs = {
        text: renderText(report, { color: false }),
        json: renderJson(report),
        markdown: renderMarkdown(report),
        sarif: renderSarif(report),
      };
      for (const [format, out] of Object.entries(outputs)) {
        expect(out.length, format).toBeGreaterThan(0);
        expect(out.includes(SECRET), `${format} prints the sensitive range`).toBe(false);
        expect(out.includes('office_cidrs'), `${format} names the sensitive variable`).toBe(false);
      }
    });
  }
});
