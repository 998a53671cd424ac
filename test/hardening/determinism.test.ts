/**
 * The same inputs give byte-identical output in every format, whatever the order of resources, modules and
 * changes in the plan: renderers, rules and adapters must sort, never rely on input order.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type Report } from '../../src/analyze.js';
import * as render from '../../src/render/index.js';
import { loadDocument } from '../../src/terraform/index.js';
import { CORPUS } from '../support/plans.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A seeded shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Reorders every list of resources, child modules and changes, and the keys of module_calls. */
function reorder(json: unknown, seed: number): unknown {
  if (Array.isArray(json)) return json.map((v) => reorder(v, seed + 1));
  if (!isObject(json)) return json;
  const out: Json = {};
  for (const key of shuffled(Object.keys(json), seed)) {
    const value = reorder(json[key], seed + key.length);
    out[key] = ['resources', 'child_modules', 'resource_changes'].includes(key) && Array.isArray(value) ? shuffled(value, seed + 3) : value;
  }
  return out;
}

/** Every renderer the project has, called with default options. */
function allFormats(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, fn] of Object.entries(render)) {
    if (typeof fn !== 'function' || !name.startsWith('render')) continue;
    try {
      out[name] = String((fn as (r: Report, o?: unknown) => unknown)(report, { color: false }));
    } catch {
      // Renderers that need more than a report (e.g. a comment context) are covered by their own tests.
    }
  }
  return out;
}

function planFiles(): string[] {
  const corpus = (JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as Array<{ file: string }>)
    .map((e) => new URL(e.file, CORPUS).pathname)
    .filter((f) => !f.includes('utf16'));
  const fixtures: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'plan.json') fixtures.push(path);
    }
  };
  walk(new URL('../../fixtures/', import.meta.url).pathname);
  return [...fixtures, ...corpus];
}

describe('determinism', () => {
  it.each(planFiles().map((f) => [f.replace(/.*\/(fixtures|plans)\//, '$1/'), f]))('%s: byte-identical in every format, whatever the order', (_, file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const expected = allFormats(analyze([loadDocument('plan.json', structuredClone(json))]));
    for (const seed of [1, 2]) {
      const actual = allFormats(analyze([loadDocument('plan.json', reorder(json, seed))]));
      expect(actual).toEqual(expected);
    }
  });
});
