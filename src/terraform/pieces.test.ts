import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../bench/generate.js';
import { CORPUS } from '../../test/support/plans.js';
import { parseJson, textOf } from './decode.js';
import { loadDocument } from './load.js';
import { PIECES_FROM_BYTES, readDocument } from './index.js';
import { readJsonPieces } from './pieces.js';

type Json = Record<string, unknown>;

const corpus = (JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as Array<{ file: string }>)
  .map((e) => e.file)
  .sort()
  .map((file) => ({ name: file, bytes: readFileSync(new URL(file, CORPUS)) }));
const bench = { name: 'bench 600', bytes: Buffer.from(generatePlan(600, { ruleChange: true }).text) };
const fixture = { name: 'located fixture', bytes: readFileSync(new URL('../../test/fixtures/located/plan.json', import.meta.url)) };
const utf8 = [...corpus.filter(({ name }) => !name.includes('utf16')), bench, fixture];

/**
 * The whole-text parse, with the `before`/`after` values the loader does not read removed from both sides (the
 * piece reader leaves them `null`, or whole where it read an entry in one piece).
 */
function comparable(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const doc = json as Json;
  const prior = doc.prior_state as Json | undefined;
  for (const rc of Array.isArray(doc.resource_changes) ? doc.resource_changes : []) {
    const change = (rc as Json | null)?.change as Json | undefined;
    if (typeof change !== 'object' || change === null) continue;
    if (doc.planned_values) delete change.after;
    if (typeof prior === 'object' && prior !== null && prior.values) delete change.before;
  }
  return doc;
}

function whole(bytes: Uint8Array): unknown {
  return parseJson('f', textOf('f', bytes));
}

/** Prior-state resources whose values are the planned side's very object. */
function shared(json: unknown): number {
  const doc = json as { planned_values?: { root_module?: unknown }; prior_state?: { values?: { root_module?: unknown } } };
  const resources = (root: unknown): Json[] => {
    const out: Json[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const m = stack.pop() as Json | undefined;
      if (!m) continue;
      out.push(...((m.resources as Json[] | undefined) ?? []));
      stack.push(...((m.child_modules as unknown[] | undefined) ?? []));
    }
    return out;
  };
  const planned = new Set(resources(doc.planned_values?.root_module).map((r) => r.values));
  return resources(doc.prior_state?.values?.root_module).filter((r) => planned.has(r.values)).length;
}

describe('readJsonPieces', () => {
  it.each(utf8)('reads $name as the whole-text parse does', ({ bytes }) => {
    const pieces = readJsonPieces(bytes);
    expect(pieces).toBeDefined();
    expect(comparable(pieces)).toEqual(comparable(whole(bytes)));
  });

  it.each(utf8)('loads $name to the same document', ({ name, bytes }) => {
    expect(loadDocument(name, readJsonPieces(bytes))).toEqual(loadDocument(name, whole(bytes)));
  });

  it('reads pretty-printed JSON (white space between every token) the same', () => {
    for (const { bytes } of [bench, ...corpus.slice(0, 12).filter(({ name }) => !name.includes('utf16'))]) {
      const json = whole(bytes);
      const pretty = Buffer.from(JSON.stringify(json, null, '\t').replaceAll('\n', '\r\n  '));
      expect(comparable(readJsonPieces(pretty))).toEqual(comparable(whole(pretty)));
    }
  });

  it('parses each unchanged resource once: the prior state shares the planned objects', () => {
    const pieces = readJsonPieces(bench.bytes);
    const plain = whole(bench.bytes);
    expect((plain as { prior_state: { values: unknown } }).prior_state.values).toBeDefined();
    // The bench changes about 1 resource in 50: all others are shared, none of the changed ones.
    const total = JSON.stringify(plain).match(/"address":"/g)!.length;
    expect(shared(pieces)).toBeGreaterThan(total / 4);
    expect(shared(plain)).toBe(0);
    const after = loadDocument('bench', pieces);
    const byAddress = new Map(after.after.map((i) => [i.address, i]));
    let same = 0;
    for (const prior of after.before) {
      const planned = byAddress.get(prior.address);
      if (planned?.values === prior.values) same++;
      else if (planned) expect(planned.action).not.toBe('no-op');
    }
    expect(same).toBeGreaterThan(after.before.length * 0.9);
  });

  const plan = (prior: Json, planned: Json, change: Json): Buffer =>
    Buffer.from(
      JSON.stringify({
        format_version: '1.2',
        planned_values: { root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', ...planned }] } },
        resource_changes: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', change }],
        prior_state: { format_version: '1.0', values: { root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', ...prior }] } } },
      }),
    );
  const values = { engine: 'postgres', password: 'hunter2', multi_az: false };

  it('does not share values whose sensitivity masks differ (each side is redacted by its own)', () => {
    const bytes = plan(
      { values, sensitive_values: {} },
      { values, sensitive_values: { engine: true } },
      { actions: ['update'], before: values, after: values, after_unknown: {}, after_sensitive: { engine: true }, before_sensitive: {} },
    );
    const doc = loadDocument('f', readJsonPieces(bytes));
    expect(doc).toEqual(loadDocument('f', whole(bytes)));
    expect(doc.after[0]!.values.engine).toBe('(sensitive)');
    expect(doc.before[0]!.values.engine).toBe('postgres');
    expect(doc.before[0]!.values.password).toBe('(sensitive)');
  });

  it('shares values when the planned mask is the change after_sensitive and the bytes agree', () => {
    const bytes = plan(
      { values, sensitive_values: { password: true } },
      { values, sensitive_values: {} },
      { actions: ['no-op'], before: values, after: values, after_unknown: {}, after_sensitive: { password: true }, before_sensitive: { password: true } },
    );
    const doc = loadDocument('f', readJsonPieces(bytes));
    expect(doc).toEqual(loadDocument('f', whole(bytes)));
    expect(doc.before[0]!.values).toBe(doc.after[0]!.values);
  });

  it('copies an unchanged prior entry from the planned one only when every byte around its values agrees', () => {
    type Doc = { planned_values: { root_module: { resources: Json[] } }; prior_state: { values: { root_module: { resources: Json[] } } }; resource_changes: Array<{ change: Json }> };
    const entries = (bytes: Buffer) => {
      const doc = readJsonPieces(bytes) as Doc;
      expect(comparable(doc)).toEqual(comparable(whole(bytes)));
      return { planned: doc.planned_values.root_module.resources[0]!, prior: doc.prior_state.values.root_module.resources[0]!, change: doc.resource_changes[0]!.change };
    };
    const change = { actions: ['no-op'], before: values, after: values, after_unknown: {}, before_sensitive: { password: true }, after_sensitive: { password: true } };
    const same = entries(plan({ schema_version: 1, values, sensitive_values: { password: true } }, { schema_version: 1, values, sensitive_values: { password: true } }, change));
    expect(same.prior).not.toBe(same.planned);
    expect(same.prior.values).toBe(same.planned.values);
    // The masks with the planned mask's bytes are its very object.
    expect(same.change.after_sensitive).toBe(same.planned.sensitive_values);
    expect(same.change.before_sensitive).toBe(same.planned.sensitive_values);
    // Around the values, what differs is the prior entry's own: a schema version, a dependency, a mask.
    expect(entries(plan({ schema_version: 0, values, sensitive_values: { password: true } }, { schema_version: 1, values, sensitive_values: { password: true } }, change)).prior.schema_version).toBe(0);
    expect(entries(plan({ values, sensitive_values: { password: true }, depends_on: ['aws_vpc.main'] }, { values, sensitive_values: { password: true } }, change)).prior.depends_on).toEqual(['aws_vpc.main']);
    const masks = entries(plan({ values, sensitive_values: {} }, { values, sensitive_values: { password: true } }, { ...change, before_sensitive: {} }));
    expect(masks.prior.sensitive_values).toEqual({});
    expect(masks.change.before_sensitive).toEqual({});
    expect(masks.change.after_sensitive).toBe(masks.planned.sensitive_values);
  });

  it('reads before/after where the loader needs them (no planned values, no prior state)', () => {
    const bytes = Buffer.from(
      JSON.stringify({
        format_version: '0.1',
        resource_changes: [{ address: 'aws_instance.a', mode: 'managed', type: 'aws_instance', name: 'a', change: { actions: ['update'], before: { ami: 'x' }, after: { ami: 'y' } } }],
      }),
    );
    expect(readJsonPieces(bytes)).toEqual(whole(bytes));
    expect(loadDocument('f', readJsonPieces(bytes)).before[0]!.values).toEqual({ ami: 'x' });
  });

  it.each([
    ['an empty file', ''],
    ['a top level that is not an object', '[1,2]'],
    ['text after the document', '{"format_version":"1.2"} x'],
    ['a duplicate top-level key', '{"format_version":"1.2","format_version":"1.1"}'],
    ['a broken literal in a skipped before', '{"resource_changes":[{"address":"a","change":{"before":{"x":tru},"after":null}}],"prior_state":{"values":{}}}'],
    ['a raw control character in a skipped value', '{"resource_changes":[{"address":"a","change":{"before":{"x":"a\u0001b"}}}],"prior_state":{"values":{}}}'],
    ['a bad escape in a skipped value', '{"resource_changes":[{"address":"a","change":{"before":{"x":"\\q"}}}],"prior_state":{"values":{}}}'],
    ['a bad number in a skipped value', '{"resource_changes":[{"address":"a","change":{"before":[01]}}],"prior_state":{"values":{}}}'],
    ['a missing comma in a skipped value', '{"resource_changes":[{"address":"a","change":{"before":[1 2]}}],"prior_state":{"values":{}}}'],
    ['a truncated file', '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a"'],
    ['a bad key at the top', '{"format_\u0001version":"1.2"}'],
  ])('leaves %s to the whole-text reader', (_, text) => {
    expect(readJsonPieces(Buffer.from(text))).toBeUndefined();
  });

  it('is what readDocument uses for big files (and only for them)', () => {
    const sharedValues = (bytes: Uint8Array): number => {
      const doc = readDocument('plan.json', bytes);
      const planned = new Set(doc.after.map((i) => i.values));
      return doc.before.filter((i) => planned.has(i.values)).length;
    };
    const big = Buffer.concat([bench.bytes, Buffer.alloc(PIECES_FROM_BYTES, 0x20)]);
    expect(readDocument('plan.json', big)).toEqual(readDocument('plan.json', bench.bytes));
    expect(sharedValues(big)).toBeGreaterThan(0);
    expect(sharedValues(bench.bytes)).toBe(0);
  });

  it('leaves UTF-16 to the whole-text reader', () => {
    const utf16 = corpus.filter(({ name }) => name.includes('utf16'));
    expect(utf16.length).toBeGreaterThan(0);
    for (const { bytes } of utf16) expect(readJsonPieces(bytes)).toBeUndefined();
  });

  it('reads escaped and duplicated member names inside a resource as JSON.parse does (the last one wins)', () => {
    const text =
      '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","type":"a","name":"b","values":{"x":1},"\\u0076alues":{"x":2}}]}},' +
      '"resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["no-op"],"after":{"x":2},"after":{"x":3}}}],' +
      '"prior_state":{"values":{"root_module":{"resources":[{"address":"a.b","type":"a","name":"b","values":{"x":1},"values":{"x":2}}]}}}}';
    const bytes = Buffer.from(text);
    expect(readJsonPieces(bytes)).toEqual(whole(bytes));
    const doc = loadDocument('f', readJsonPieces(bytes));
    expect(doc.after[0]!.values).toEqual({ x: 2 });
    expect(doc.before[0]!.values).toEqual({ x: 2 });
  });

  it('never shares from an address whose change is repeated or read whole (the loader takes the last one)', () => {
    const text =
      '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","type":"a","name":"b","values":{"x":"s"},"sensitive_values":{}}]}},' +
      '"resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["no-op"],"before":{"x":"s"},"after":{"x":"s"},"after_sensitive":{}}},' +
      '{"address":"a.b","type":"a","name":"b","change":{"actions":["no-op"],"\\u0061fter_sensitive":{"x":true}}}],' +
      '"prior_state":{"values":{"root_module":{"resources":[{"address":"a.b","type":"a","name":"b","values":{"x":"s"},"sensitive_values":{}}]}}}}';
    const bytes = Buffer.from(text);
    const doc = loadDocument('f', readJsonPieces(bytes));
    expect(doc).toEqual(loadDocument('f', whole(bytes)));
    expect(doc.after[0]!.values.x).toBe('(sensitive)');
    expect(doc.before[0]!.values.x).toBe('s');
  });

  it('agrees with JSON.parse on damaged plans: accepts only JSON, and then reads it the same', () => {
    const seeds = [bench.bytes.subarray(0, 0), ...utf8.filter(({ bytes }) => bytes.length < 40_000).map(({ bytes }) => bytes)].filter((b) => b.length > 0);
    const structural = [...'{}[],:"\\ 0-.eE+tfn\u0001'].map((c) => c.charCodeAt(0));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(...structural, 0xc3, 0x80)), { minLength: 1, maxLength: 3 }),
        (seed, edits) => {
          let bytes = Buffer.from(seeds[seed]!);
          for (const [at, edit, byte] of edits) {
            const i = at % bytes.length;
            if (edit === 'delete') bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
            else if (edit === 'insert') bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)]);
            else bytes[i] = byte;
          }
          let expected: unknown;
          let valid = true;
          try {
            expected = JSON.parse(bytes.toString('utf8'));
          } catch {
            valid = false;
          }
          const pieces = readJsonPieces(bytes);
          if (!valid) return pieces === undefined;
          return pieces === undefined || isDeepStrictEqual(comparable(pieces), comparable(expected));
        },
      ),
      { seed: Number(process.env.FUZZ_SEED ?? 20261123), numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
