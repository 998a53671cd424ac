import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../version.js';
import { main } from './main.js';

function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false, env });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'weaklink-cli-'));
const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const emptyPlan = write('empty.json', JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes: [] }));

describe('CLI contract', () => {
  it('prints its version and help', () => {
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(run(['--help']).stdout).toContain('Usage: weaklink [analyze] <file>...');
  });

  it('accepts the optional analyze verb', () => {
    expect(run(['analyze', emptyPlan]).code).toBe(0);
    expect(run([emptyPlan]).code).toBe(0);
  });

  it.each([
    [[], 'no input file'],
    [['--format', 'xml', emptyPlan], '--format xml is not one of'],
    [['--fail-on', 'severe', emptyPlan], '--fail-on severe is not one of'],
    [['--bogus', emptyPlan], 'bogus'],
  ])('usage error %j: exit 2, one line', (args, expected) => {
    const { code, stdout, stderr } = run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(expected);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.startsWith('weaklink: ')).toBe(true);
  });

  it.each([
    ['a missing file', join(dir, 'nope.json'), 'no such file'],
    ['a directory', dir, 'this is a directory'],
    ['a binary plan', write('tfplan', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])), 'terraform show -json plan.tfplan > plan.json'],
    ['plan text', write('plan.txt', 'Terraform will perform the following actions:\n'), '`terraform plan` text output'],
    ['truncated JSON', write('trunc.json', '{"format_version":"1.2","planned_values":{"root'), 'ends early'],
    ['JSON that is no plan', write('package.json', '{"name":"x"}'), 'not a Terraform plan or state'],
    ['a file holding just null', write('null.json', 'null\n'), 'this is valid JSON but not a Terraform plan or state: `null`, not an object'],
    ['a file holding a number', write('number.json', '42'), 'this is valid JSON but not a Terraform plan or state: a number, not an object'],
    ['a file holding a string', write('string.json', '"x"'), 'this is valid JSON but not a Terraform plan or state: a string, not an object'],
    ['a file holding true', write('true.json', 'true'), 'this is valid JSON but not a Terraform plan or state: `true`, not an object'],
    ['a file holding an empty array', write('array.json', '[]'), 'this is valid JSON but not a Terraform plan or state: an empty array, not an object'],
    ['a future format', write('future.json', '{"format_version":"2.0"}'), 'format_version 2.0 is not supported'],
  ])('input error for %s: `weaklink: <file>: <what> — <hint>`, exit 2, no stack', (_, file, expected) => {
    const { code, stdout, stderr } = run([file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^weaklink: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+ — .+\\n$`));
    expect(stderr).toContain(expected);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('writes the report to --output and nothing to stdout', () => {
    const out = join(dir, 'report.json');
    const { code, stdout } = run([emptyPlan, '--format', 'json', '--output', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as { schemaVersion: number; inputs: Array<{ kind: string }> };
    expect(report.schemaVersion).toBe(1);
    expect(report.inputs[0]!.kind).toBe('plan');
  });

  it('writes no colour when not on a terminal or under NO_COLOR', () => {
    expect(run([emptyPlan]).stdout).not.toContain('\x1b[');
    expect(run([emptyPlan, '--color'], { NO_COLOR: '1' }).stdout).toContain('\x1b[');
    expect(run([emptyPlan, '--no-color']).stdout).not.toContain('\x1b[');
  });

  it('reads several inputs into one report', () => {
    const { stdout } = run([emptyPlan, emptyPlan, '--format', 'json']);
    expect((JSON.parse(stdout) as { inputs: unknown[] }).inputs).toHaveLength(2);
  });
});
