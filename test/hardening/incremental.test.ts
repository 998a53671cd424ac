/**
 * The prior side of a plan is adapted only where the change touched it (src/adapters/incremental.ts). That shortcut
 * must never call two different models the same, and the model it builds must be the one a full adaptation builds: over every corpus plan, every fixture and a bench plan, random
 * changes to the prior side (a value anywhere, a deleted attribute, a new tag, an id) are checked against the long
 * way round, adapting both sides whole and comparing. A fixed seed keeps CI reproducible; FUZZ_SEED and FUZZ_RUNS
 * explore further.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../bench/generate.js';
import { adapt, adaptPrior, adaptTraced } from '../../src/adapters/index.js';
import { analyze, check, takesOver } from '../../src/analyze.js';
import { withStatus } from '../../src/findings/index.js';
import { sameGraph, sameModel } from '../../src/model/index.js';
import { loadDocument, readDocument, type ResourceInstance, type TerraformDocument } from '../../src/terraform/index.js';
import { CORPUS } from '../support/plans.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

function fixturePlans(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixturePlans(path);
    return name === 'plan.json' ? [path] : [];
  });
}

const corpus = (JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as Array<{ file: string }>).map((e) => new URL(e.file, CORPUS).pathname);
const documents: Array<{ name: string; document: TerraformDocument }> = [
  ...corpus.map((file) => ({ name: file.split('/corpus/')[1]!, document: readDocument(file, readFileSync(file)) })),
  ...fixturePlans(new URL('../../fixtures', import.meta.url).pathname).map((file) => ({ name: file.split('/fixtures/')[1]!, document: readDocument(file, readFileSync(file)) })),
  { name: 'bench 300', document: loadDocument('bench.json', JSON.parse(generatePlan(300).text)) },
].filter(({ document }) => document.after.some((i) => i.mode === 'managed'));

/** The planned side as a prior state would hold it: the same values, nothing unknown, no action. */
const asPrior = (instances: readonly ResourceInstance[]): ResourceInstance[] =>
  instances.map((i) => ({ ...i, values: structuredClone(i.values), unknown: undefined, action: undefined }));

type Path = Array<string | number>;

function leafPaths(values: unknown, cap = 400): Path[] {
  const out: Path[] = [];
  const queue: Array<[unknown, Path]> = [[values, []]];
  while (queue.length > 0 && out.length < cap) {
    const [node, path] = queue.shift()!;
    if (typeof node !== 'object' || node === null) {
      if (path.length > 0) out.push(path);
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    if (entries.length === 0 && path.length > 0) out.push(path);
    for (const [key, value] of entries) queue.push([value, [...path, key]]);
  }
  return out;
}

const POOL: unknown[] = ['0.0.0.0/0', '10.0.0.0/8', '::/0', 'us-east-1b', 'europe-west1-c', '1', 'tcp', '-1', 'Internet', '*', 22, 0, 3389, 65535, 5432, true, false, null, [], {}, ['0.0.0.0/0'], 'REGIONAL', 'ZONAL'];

interface Mutation {
  readonly instance: number;
  /** `remove`: an instance the plan adds (the prior side lacks it); `add`: one the plan removes (a copy, renamed). */
  readonly kind: 'set' | 'delete' | 'tag' | 'id' | 'remove' | 'add';
  readonly path: number;
  readonly value: number;
}

/** Another instance of the same block (`x[1]` -> `x[101]`, `x["a"]` -> `x["a-1"]`), or a block of its own. */
function renamed(instance: ResourceInstance, n: number): ResourceInstance {
  const counted = /\[(\d+)\]$/.exec(instance.address);
  const keyed = /\["([^"]*)"\]$/.exec(instance.address);
  const values = structuredClone(instance.values) as Record<string, unknown>;
  for (const key of ['id', 'arn', 'self_link', 'name']) if (typeof values[key] === 'string') values[key] = `${values[key] as string}-${n}`;
  if (counted) return { ...instance, address: `${instance.address.slice(0, counted.index)}[${100 + Number(counted[1]) + n}]`, values };
  if (keyed) return { ...instance, address: `${instance.address.slice(0, keyed.index)}["${keyed[1]}-${n}"]`, values };
  const name = `${instance.name}_${n}`;
  const local = `${instance.mode === 'data' ? 'data.' : ''}${instance.type}.${name}`;
  const block = `${instance.type}.${instance.name}`;
  return { ...instance, name, address: `${instance.module ? `${instance.module}.` : ''}${local}`, configAddress: `${instance.configAddress.slice(0, -block.length)}${instance.type}.${name}`, values };
}

function mutate(before: ResourceInstance[], mutations: readonly Mutation[], ids: readonly string[]): void {
  for (const m of mutations) {
    const at = m.instance % before.length;
    if (m.kind === 'remove') {
      if (before.length > 1) before.splice(at, 1);
      continue;
    }
    if (m.kind === 'add') {
      before.splice(at + 1, 0, renamed(before[at]!, 1 + (m.value % 7)));
      continue;
    }
    const target = before[at]!;
    const values = target.values as Record<string, unknown>;
    if (m.kind === 'tag') {
      values.tags = { ...(values.tags as object | undefined), Revision: `r${m.value}` };
      continue;
    }
    if (m.kind === 'id') {
      values.id = ids[m.value % Math.max(1, ids.length)] ?? 'i-0';
      continue;
    }
    const paths = leafPaths(values);
    if (paths.length === 0) continue;
    const path = paths[m.path % paths.length]!;
    let node: Record<string | number, unknown> = values;
    for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    const last = path.at(-1)!;
    if (m.kind === 'delete' && !Array.isArray(node)) delete node[last];
    else node[last] = structuredClone(POOL[m.value % POOL.length]);
  }
}

const mutation = fc.record({
  instance: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'delete', 'tag', 'id', 'remove', 'add'),
  path: fc.nat(),
  value: fc.nat(),
});

describe('the prior side adapted only where the change touched it', () => {
  it('never calls two different models the same, and builds the changed ones exactly (random changes over every corpus plan, fixture and a bench plan)', () => {
    let shown = 0;
    let rebuilt = 0;
    let tried = 0;
    for (const { name, document } of documents) {
      const traced = adaptTraced(document.after);
      const ids = document.after.flatMap((i) => (typeof i.values.id === 'string' ? [i.values.id] : []));
      // Unchanged, the prior side is shown the same whenever nothing on the planned side is unknown.
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
          const before = asPrior(document.after);
          mutate(before, mutations, ids);
          tried++;
          const prior = adaptPrior(traced, before);
          if (!prior) return;
          const whole = adapt(before);
          if (prior.same) {
            shown++;
            // The same graph: what the rules read (counts differ when the plan adds what no mapper reads).
            expect(sameGraph(traced.model, whole), `${name}: ${JSON.stringify(mutations)}`).toBe(true);
          } else {
            // Built from the planned side's record and the instances mapped again: exactly the full adaptation.
            rebuilt++;
            expect(sameModel(prior.model, whole), `${name}: ${JSON.stringify(mutations)}`).toBe(true);
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }
    // The shortcut is taken often enough to matter (tag changes, attributes no mapper reads), and not always.
    if (process.env.FUZZ_VERBOSE) console.log({ shown, rebuilt, tried, documents: documents.length });
    expect(shown).toBeGreaterThan(tried / 10);
    expect(shown).toBeLessThan(tried);
    expect(rebuilt).toBeGreaterThan(tried / 10);
  });

  it('is taken for the bench plan, whose updates change tags, and gives the findings of checking both sides', () => {
    const document = loadDocument('bench.json', JSON.parse(generatePlan(600).text));
    expect(document.after.some((i) => i.action === 'update')).toBe(true);
    const traced = adaptTraced(document.after);
    expect(adaptPrior(traced, document.before)).toEqual({ same: true });
    const full = withStatus(check(adapt(document.after), 'bench.json'), check(adapt(document.before), 'bench.json'), takesOver);
    expect(analyze([document]).findings.map((f) => [f.fingerprint, f.status]).sort()).toEqual(full.map((f) => [f.fingerprint, f.status]).sort());
  });

  it('is not taken when a change reaches the model: a security group opened to the world reports its finding as new', () => {
    const document = loadDocument('bench.json', JSON.parse(generatePlan(300, { ruleChange: true }).text));
    const prior = adaptPrior(adaptTraced(document.after), document.before);
    expect(prior?.same).toBe(false);
    expect(sameModel(prior && !prior.same ? prior.model : adapt(document.after), adapt(document.before))).toBe(true);
    const report = analyze([document]);
    const opened = report.findings.filter((f) => f.status === 'new');
    expect(opened.map((f) => f.rule)).toContain('open-ingress');
    expect(opened.every((f) => f.resources.some((r) => r.includes('.module.stack[1].')))).toBe(true);
    const full = withStatus(check(adapt(document.after), 'bench.json'), check(adapt(document.before), 'bench.json'), takesOver);
    expect(report.findings.map((f) => [f.fingerprint, f.status]).sort()).toEqual(full.map((f) => [f.fingerprint, f.status]).sort());
  });

  it('is not taken when an address occurs twice (a trace per address could not tell the two apart)', () => {
    const document = loadDocument('bench.json', JSON.parse(generatePlan(300).text));
    const group = document.after.findIndex((i) => i.type === 'aws_security_group');
    const twin = { ...document.after[group]!, values: { ...document.after[group]!.values, ingress: [] } };
    const after = [...document.after, twin];
    const before = asPrior(after);
    (before.at(-1)!.values as Record<string, unknown>).ingress = [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }];
    expect(adaptPrior(adaptTraced(after), before)).toBeUndefined();
  });
});
