import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { readSources } from './cli/sources.js';
import { parseConfig } from './config/index.js';
import type { Finding } from './findings/index.js';
import { placeFindings } from './locate.js';
import type { Rule } from './rules/index.js';
import type { InlineSuppression, Locator } from './source/index.js';
import { readDocument } from './terraform/index.js';

const finding = (rule: string, resource: string): Finding => ({
  fingerprint: `${rule}:${resource}`,
  rule,
  category: 'spof',
  severity: 'high',
  score: 7.5,
  title: 'A weak link',
  message: `${resource} is a weak link.`,
  remediation: 'Fix it.',
  resources: [resource],
  location: null,
  input: 'plan.json',
});

const inline = (rule: string, reason: string, expires?: string, validExpiry = true): InlineSuppression => ({ rule, reason, expires, validExpiry, file: 'main.tf', line: 4 });

function fakeLocator(suppressions: InlineSuppression[]): Locator {
  return { locate: (address) => (address.startsWith('aws_') ? { location: { file: 'main.tf', line: 5 }, suppressions } : { location: undefined, suppressions: [] }) };
}

describe('placeFindings', () => {
  const place = (suppressions: InlineSuppression[], configText = '', today: string | null = '2025-03-01', f = finding('spof', 'aws_instance.web[0]')) =>
    placeFindings([f], { locator: fakeLocator(suppressions), config: parseConfig('.weaklink.yml', configText), today: today ?? undefined })[0]!;

  it('points a finding at its block, and leaves one it cannot place where it was', () => {
    expect(place([]).location).toEqual({ file: 'main.tf', line: 5 });
    expect(place([], '', '2025-03-01', finding('spof', 'module.x.y.z')).location).toBeNull();
  });

  it('a graph rule that took over a finding honours the suppressions of the rule it explains, and no others', () => {
    const reachable = finding('data-reachable', 'aws_security_group.db');
    expect(place([inline('open-ingress', 'reviewed')], '', '2025-03-01', reachable).suppressed?.reason).toBe('reviewed');
    expect(place([], 'ignore:\n  - rule: open-ingress\n    address: aws_security_group.*\n    reason: lab\n', '2025-03-01', reachable).suppressed?.kind).toBe('config');
    expect(place([inline('spof', 'unrelated')], '', '2025-03-01', reachable).suppressed).toBeUndefined();
  });

  it('suppresses with an inline comment for the same rule, up to and including its expiry day', () => {
    expect(place([inline('spof', 'reviewed')]).suppressed).toEqual({ kind: 'inline', reason: 'reviewed', expires: undefined });
    expect(place([inline('spof', 'migration', '2025-03-01')]).suppressed).toEqual({ kind: 'inline', reason: 'migration', expires: '2025-03-01' });
    expect(place([inline('open-ingress', 'other rule')]).suppressed).toBeUndefined();
  });

  it('keeps a finding open, and says why, when its suppression expired or cannot apply', () => {
    const expired = place([inline('spof', 'migration', '2025-02-28')]);
    expect(expired.suppressed).toBeUndefined();
    expect(expired.message).toBe('aws_instance.web[0] is a weak link. The inline suppression at main.tf:4 expired on 2025-02-28.');
    expect(place([inline('spof', 'x', '2025-02-30', false)]).message).toContain('was not applied: "2025-02-30" is not a date (YYYY-MM-DD)');
    expect(place([inline('spof', '')]).message).toContain('The inline suppression at main.tf:4 was not applied: it gives no reason.');
    expect(place([inline('spof', 'x', '2025-12-31')], '', null).message).toContain('was not applied: no date to check its expiry (2025-12-31) against');
  });

  it('suppresses through a config entry, after an expired inline one, and notes expired entries', () => {
    const config = 'ignore:\n  - rule: spof\n    address: aws_instance.*\n    reason: accepted risk\n    expires: 2025-06-30\n';
    expect(place([inline('spof', 'old', '2024-01-01')], config).suppressed).toEqual({ kind: 'config', reason: 'accepted risk', expires: '2025-06-30' });
    const late = place([], config, '2025-07-01');
    expect(late.suppressed).toBeUndefined();
    expect(late.message).toContain('The suppression in .weaklink.yml (address aws_instance.*) expired on 2025-06-30.');
  });
});

/** A rule that reports every entity, so that every kind of address goes through locating and suppressing. */
const everyEntity: Rule = {
  meta: {
    id: 'every-entity',
    title: 'Every entity',
    category: 'spof',
    tags: ['reliability'],
    description: 'Reports every entity.',
    rationale: 'A test rule.',
    remediation: 'Nothing to do.',
  },
  *check({ graph }) {
    for (const id of [...graph.model.entities.keys()].sort()) yield { resource: id, score: 7.5, message: `${id} is here.` };
  },
};

describe('analyze with sources and config (real plan, real .tf)', () => {
  const FIXTURE = 'test/fixtures/located';
  const document = readDocument(`${FIXTURE}/plan.json`, readFileSync(`${FIXTURE}/plan.json`));
  const sources = readSources(`${FIXTURE}/live`);
  const config = parseConfig('.weaklink.yml', 'ignore:\n  - rule: every-entity\n    address: module.app["blue"].**\n    reason: blue is being retired\nseverity:\n  every-entity: medium\n');
  const report = analyze([document], { rules: [everyEntity], sources, config, today: '2025-03-01' });
  const byAddress = new Map(report.findings.map((f) => [f.resources[0], f]));

  it('places every finding on the line that declares its block (or its module call, outside the tree)', () => {
    expect(report.findings.length).toBeGreaterThan(10);
    for (const f of report.findings) {
      expect(f.location, f.resources[0]).not.toBeNull();
      const line = readFileSync(f.location!.file, 'utf8').split('\n')[f.location!.line - 1]!;
      const address = f.resources[0]!;
      if (address.startsWith('module.edge.')) expect(line).toBe('module "edge" {');
      else {
        const [type, name] = address.replace(/#.*$/, '').replace(/^(module\.[^.]+\.)+/, '').replace(/\[.*$/, '').split('.');
        expect(line).toBe(`resource "${type}" "${name}" {`);
      }
    }
    expect(byAddress.get('module.app["green"].aws_security_group_rule.app_ports["admin.port"]')!.location).toEqual({
      file: `${FIXTURE}/live/modules/app/main.tf`,
      line: 14,
    });
  });

  it('suppresses inline above a block, keeps an expired one open with a note, and applies config ignores', () => {
    expect(byAddress.get('aws_security_group.bad_world_ssh')!.suppressed).toEqual({ kind: 'inline', reason: 'the public edge is reviewed by the security team', expires: undefined });
    expect(byAddress.get('aws_security_group.bad_world_ssh#ingress[0]')!.suppressed?.kind).toBe('inline');
    const expired = byAddress.get('aws_security_group.expired_exception')!;
    expect(expired.suppressed).toBeUndefined();
    expect(expired.message).toContain(`The inline suppression at ${FIXTURE}/live/main.tf:57 expired on 2020-01-31.`);
    expect(byAddress.get('module.app["blue"].module.db.aws_security_group.db')!.suppressed?.kind).toBe('config');
    expect(byAddress.get('module.app["green"].module.db.aws_security_group.db')!.suppressed).toBeUndefined();
  });

  it('overrides severity from the config, and counts only open findings in the summary', () => {
    expect(new Set(report.findings.map((f) => f.severity))).toEqual(new Set(['medium']));
    const open = report.findings.filter((f) => !f.suppressed).length;
    expect(report.summary.medium).toBe(open);
    expect(open).toBeLessThan(report.findings.length);
  });

  it('leaves locations empty without sources', () => {
    const bare = analyze([document], { rules: [everyEntity] });
    expect(bare.findings.every((f) => f.location === null && !f.suppressed)).toBe(true);
  });
});
