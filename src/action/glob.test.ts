import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPlans } from './glob.js';

const root = mkdtempSync(join(tmpdir(), 'weaklink-glob-'));
for (const f of ['envs/prod/plan.json', 'envs/dev/plan.json', 'envs/dev/other.json', 'envs/a/b/plan.json', 'plan.json', 'node_modules/x/plan.json', 'state.tfstate']) {
  mkdirSync(join(root, f, '..'), { recursive: true });
  writeFileSync(join(root, f), '{}');
}

describe('expandPlans', () => {
  it('expands *, ** and {a,b}, sorted within a glob, each file once', () => {
    expect(expandPlans(['envs/*/plan.json'], root)).toEqual(['envs/dev/plan.json', 'envs/prod/plan.json']);
    expect(expandPlans(['**/plan.json'], root)).toEqual(['envs/a/b/plan.json', 'envs/dev/plan.json', 'envs/prod/plan.json', 'plan.json']);
    expect(expandPlans(['envs/{prod,dev}/*.json', 'envs/prod/plan.json'], root)).toEqual(['envs/dev/other.json', 'envs/dev/plan.json', 'envs/prod/plan.json']);
    expect(expandPlans(['*.tfstate', 'plan.json'], root)).toEqual(['state.tfstate', 'plan.json']);
  });

  it('keeps a plain path as given, even when missing, and matches nothing for an empty glob', () => {
    expect(expandPlans(['missing.json'], root)).toEqual(['missing.json']);
    expect(expandPlans(['nowhere/*.json'], root)).toEqual([]);
  });

  it('takes absolute globs', () => {
    expect(expandPlans([`${root}/envs/d*/plan.json`], '/')).toEqual([`${root}/envs/dev/plan.json`]);
  });
});
