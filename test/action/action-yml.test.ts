import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, OUTPUT_NAMES, inputValue } from '../../src/action/inputs.js';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  branding?: { icon: string; color: string };
}

const yml = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('runs the bundle on node24', () => {
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(yml.branding).toBeDefined();
  });

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    expect(Object.keys(yml.inputs).sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort());
    for (const [name, spec] of Object.entries(yml.inputs)) {
      expect({ name, default: spec.default ?? '' }).toEqual({ name, default: INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] });
    }
    expect(yml.inputs.plan!.required).toBe(true);
    expect(Object.entries(yml.inputs).filter(([, s]) => s.required).map(([n]) => n)).toEqual(['plan']);
  });

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(yml.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it('fills in the defaults when the runner passes nothing (an expression default is left to the runner)', () => {
    expect(inputValue({}, 'fail-on')).toBe('high');
    expect(inputValue({ 'INPUT_FAIL-ON': ' low ' }, 'fail-on')).toBe('low');
    expect(inputValue({}, 'github-token')).toBe('');
  });
});
