import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { readConfig, readSources } from './sources.js';

function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false, env });
  return { code, stdout, stderr };
}

const PLAN = 'test/fixtures/located/plan.json';
const dir = mkdtempSync(join(tmpdir(), 'weaklink-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
};

describe('readSources', () => {
  it('reads every .tf file under the folder, in order, named from the current folder, skipping hidden folders and node_modules', () => {
    write('tree/main.tf', 'resource "a" "b" {}');
    write('tree/modules/x/x.tf', '');
    write('tree/.terraform/modules/vpc/main.tf', '');
    write('tree/node_modules/y/main.tf', '');
    write('tree/README.md', '');
    const rel = relative(process.cwd(), join(dir, 'tree'));
    const expected = (p: string) => (rel.startsWith('..') ? join(dir, 'tree', p) : `${rel}/${p}`);
    expect(readSources(join(dir, 'tree')).map((f) => f.path)).toEqual([expected('main.tf'), expected('modules/x/x.tf')]);
    expect(readSources('test/fixtures/located/live').map((f) => f.path)).toEqual([
      'test/fixtures/located/live/main.tf',
      'test/fixtures/located/live/modules/app/db/main.tf',
      'test/fixtures/located/live/modules/app/main.tf',
      'test/fixtures/located/live/provider.tf',
    ]);
  });

  it('reads no config when none is named and the default is absent', () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(readConfig(undefined)).toBeUndefined();
      write('.weaklink.yml', 'severity:\n  spof: low\n');
      expect(readConfig(undefined)?.severity).toEqual({ spof: 'low' });
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('CLI: --source-dir, --config, --format sarif', () => {
  it('the text report says how to point findings at their lines when no sources were given, and not when they were', () => {
    const HINT = 'Pass --source-dir with the folder of the .tf files to point each finding at the line that declares it.';
    const without = run([PLAN, '--fail-on', 'none']);
    expect(without.stdout).toContain(HINT);
    const located = run([PLAN, '--fail-on', 'none', '--source-dir', 'test/fixtures/located/live']);
    expect(located.stdout).not.toContain(HINT);
    expect(located.stdout).toMatch(/at: +\S+\.tf:\d+/);
  });

  it('writes SARIF, one run for the input', () => {
    const { code, stdout } = run([PLAN, '--format', 'sarif', '--source-dir', 'test/fixtures/located/live']);
    expect(code).toBe(0);
    const log = JSON.parse(stdout) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual([`weaklink/${PLAN}/`]);
  });

  it.each([
    [['--source-dir', 'no/such/dir'], 'weaklink: no/such/dir: no such folder — pass the folder that holds the .tf files with --source-dir'],
    [['--source-dir', PLAN], `weaklink: ${PLAN}: this is a file, not a folder — pass the folder that holds the .tf files with --source-dir`],
    [['--config', 'no-such.yml'], 'weaklink: no-such.yml: cannot read the config file — check the path given to --config'],
    [
      ['--config', write('bad.yml', 'ignores: []\n')],
      `weaklink: ${join(dir, 'bad.yml')}: unknown key "ignores" at the top level — known keys: ignore, severity, tiers, allowWorldOpen`,
    ],
    [
      ['--config', write('bad-date.yml', 'ignore:\n  - rule: spof\n    address: "**"\n    reason: x\n    expires: 2025-02-30\n')],
      `weaklink: ${join(dir, 'bad-date.yml')}: ignore[0].expires "2025-02-30" is not a date — write the last day it applies as YYYY-MM-DD, e.g. 2025-03-31`,
    ],
  ])('%j: exit 2 with one line', (args, line) => {
    const { code, stdout, stderr } = run([PLAN, ...args]);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('reads the default .weaklink.yml from the current folder and reports its errors the same way', () => {
    const cwd = process.cwd();
    const plan = join(cwd, PLAN);
    const here = join(dir, 'with-default');
    mkdirSync(here, { recursive: true });
    writeFileSync(join(here, '.weaklink.yml'), 'tiers:\n  "aws_lb.*": front\n');
    try {
      process.chdir(here);
      expect(run([plan]).stderr).toBe(
        'weaklink: .weaklink.yml: tiers["aws_lb.*"] "front" is not one of edge, app, data — write `tiers:` as a map of address glob to edge, app or data\n',
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('takes WEAKLINK_TODAY to pin the day suppressions expire by, and rejects one that is no date', () => {
    expect(run([PLAN], { WEAKLINK_TODAY: '2025-03-01' }).code).toBe(0);
    expect(run([PLAN], { WEAKLINK_TODAY: 'tomorrow' })).toEqual({ code: 2, stdout: '', stderr: 'weaklink: WEAKLINK_TODAY=tomorrow is not a date — write it as YYYY-MM-DD\n' });
  });
});
