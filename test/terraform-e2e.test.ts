/**
 * End to end with real terraform: `.tf -> terraform plan -> terraform show -json -> weaklink`, offline, from the
 * local provider mirror. Skips, saying so plainly, where terraform or the mirror is absent.
 * Set WEAKLINK_E2E_ALL=1 to also re-plan every fixture and check its committed plan.json is current (slow).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { comparablePlan, terraformFixtureDirs, planJson, terraformStatus } from './support/terraform.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const SINGLE_SERVER = join(FIXTURES, 'aws', 'single-server');
const status = terraformStatus();
const TIMEOUT = 300_000;

function runCli(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false, env: { NO_COLOR: '1', WEAKLINK_TODAY: '2025-01-01' } };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

/** The rule ids of a `--format json` report's findings, sorted and unique. */
function rulesFound(report: unknown): string[] {
  const findings = typeof report === 'object' && report !== null && 'findings' in report && Array.isArray(report.findings) ? report.findings : [];
  const rules = findings.flatMap((f: unknown) => (typeof f === 'object' && f !== null && 'rule' in f && typeof f.rule === 'string' ? [f.rule] : []));
  return [...new Set(rules)].sort();
}

if (!status.available) {
  // Printed so a reader of the test log sees why nothing ran, not only a skip count.
  console.log(`${status.missing} not found: skipped (${status.reason})`);
  describe('terraform end to end', () => {
    it.skip(`${status.missing} not found: skipped — ${status.reason}`, () => {});
  });
} else {
  const { mirror, version } = status;
  const work = mkdtempSync(join(tmpdir(), 'weaklink-e2e-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let planned: Buffer | undefined;
  const singleServerPlan = (): Buffer => (planned ??= planJson(SINGLE_SERVER, mirror));

  describe(`terraform ${version} end to end`, () => {
    it(
      'single-server: .tf -> terraform plan -> show -json -> weaklink reports its weak links',
      () => {
        const bytes = singleServerPlan();
        const file = join(work, 'plan.json');
        writeFileSync(file, bytes);

        const json = runCli(['--format', 'json', '--fail-on', 'none', file]);
        expect(json.stderr).toBe('');
        expect(json.code).toBe(0);
        const report: unknown = JSON.parse(json.stdout);
        expect(report).toMatchObject({
          schemaVersion: 1,
          inputs: [{ file, kind: 'plan', terraformVersion: version, resources: expect.any(Number) }],
        });
        const rules = rulesFound(report);
        expect(rules.length, 'a world-open, single-zone server and database must give findings').toBeGreaterThan(0);
        // The world-open group reaches the database itself: data-reachable takes open-ingress's finding over.
        expect(rules).toEqual(expect.arrayContaining(['data-reachable', 'single-az-database']));

        // The default threshold (high) fails the run on this plan: the CLI's exit code is what CI acts on.
        const text = runCli([file]);
        expect(text.code).toBe(1);
        expect(text.stdout).toContain('aws_db_instance.main');
      },
      TIMEOUT,
    );

    it(
      'single-server: the committed plan.json is what terraform makes of main.tf today',
      () => {
        expect(comparablePlan(singleServerPlan())).toEqual(comparablePlan(readFileSync(join(SINGLE_SERVER, 'plan.json'))));
      },
      TIMEOUT,
    );

    const all = process.env.WEAKLINK_E2E_ALL === '1';
    if (!all) {
      it.skip('every fixture: the committed plan.json is current — slow, set WEAKLINK_E2E_ALL=1 to check', () => {});
    } else {
      it.each(terraformFixtureDirs(FIXTURES).map((dir) => [relative(FIXTURES, dir), dir] as const))(
        '%s: the committed plan.json is what terraform makes of main.tf today',
        (_, dir) => {
          expect(comparablePlan(planJson(dir, mirror)), `run \`npm run fixtures -- ${relative(FIXTURES, dir)}\``).toEqual(
            comparablePlan(readFileSync(join(dir, 'plan.json'))),
          );
        },
        TIMEOUT,
      );
    }
  });
}
