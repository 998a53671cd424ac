/**
 * Structural fuzzing of the loader and every adapter, seeded from the real corpus: drop, retype, nullify and
 * duplicate fields, unknown resource types, huge strings, unicode. The only acceptable failure is an InputError;
 * anything else escaping is a bug. A fixed seed keeps CI reproducible; FUZZ_SEED and FUZZ_RUNS explore further.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { renderJson, renderText } from '../../src/render/index.js';
import { InputError, loadDocument } from '../../src/terraform/index.js';
import { CORPUS } from '../support/plans.js';

type Json = unknown;
interface Entry {
  readonly file: string;
}

const entries = (JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as Entry[])
  .map((e) => e.file)
  .filter((f) => !f.includes('utf16'))
  .sort();
const seeds = entries.map((f) => ({ file: f, json: JSON.parse(readFileSync(new URL(f, CORPUS), 'utf8').replace(/^\uFEFF/, '')) as Json }));

/** Every path to an object or array member, breadth-first, capped so huge plans stay cheap. */
function paths(root: Json, cap = 4000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const queue: Array<[Json, Array<string | number>]> = [[root, []]];
  while (queue.length > 0 && out.length < cap) {
    const [node, path] = queue.shift()!;
    if (typeof node !== 'object' || node === null) continue;
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const next = [...path, key];
      out.push(next);
      queue.push([(node as Record<string | number, Json>)[key], next]);
    }
  }
  return out;
}

type Mutation = 'drop' | 'null' | 'retype' | 'duplicate' | 'type' | 'huge' | 'unicode' | 'proto';

const replacement = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.constant(-1),
  fc.constant('0.0.0.0/0'),
  fc.constant('*'),
);

function mutate(root: Json, path: Array<string | number>, mutation: Mutation, value: unknown): Json {
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  switch (mutation) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'null':
      parent[key] = null;
      break;
    case 'retype':
      parent[key] = value;
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
      else parent[`${String(key)}`] = structuredClone(parent[key]);
      break;
    case 'type':
      if (key === 'type' || key === 'address') parent[key] = typeof value === 'string' ? `aws_${value}` : 'google_unknown_thing';
      else parent[key] = value;
      break;
    case 'huge':
      parent[key] = 'x'.repeat(1 << 20);
      break;
    case 'unicode':
      parent[key] = '\u202e\u0000\ud83d\udca5<script>|`@here`-->\u2028';
      break;
    case 'proto':
      parent[key] = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
      break;
  }
  return copy;
}

function survive(json: Json): void {
  try {
    const doc = loadDocument('fuzz.json', json);
    const report = analyze([doc]);
    renderJson(report);
    renderText(report, { color: false });
  } catch (error) {
    if (error instanceof InputError) {
      expect(error.message).not.toContain('\n');
      return;
    }
    throw error;
  }
}

const runs = Number(process.env.FUZZ_RUNS ?? 400);
const seed = Number(process.env.FUZZ_SEED ?? 20261123);

describe('structural fuzzing over the corpus', () => {
  it('only ever raises InputError', () => {
    const pathCache = new Map<string, Array<Array<string | number>>>();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.nat(),
        fc.constantFrom<Mutation>('drop', 'null', 'retype', 'duplicate', 'type', 'huge', 'unicode', 'proto'),
        replacement,
        fc.integer({ min: 1, max: 3 }),
        (which, pick, mutation, value, times) => {
          const s = seeds[which]!;
          let json = s.json;
          for (let t = 0; t < times; t++) {
            const list = t === 0 ? (pathCache.get(s.file) ?? pathCache.set(s.file, paths(s.json)).get(s.file)!) : paths(json, 500);
            if (list.length === 0) break;
            json = mutate(json, list[(pick + t * 7919) % list.length]!, mutation, value);
          }
          survive(json);
        },
      ),
      { numRuns: runs, seed },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => survive(value)), { numRuns: 300, seed });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => survive({ format_version: '1.2', planned_values: value, resource_changes: value, configuration: value, prior_state: value })),
      { numRuns: 300, seed },
    );
  });
});
