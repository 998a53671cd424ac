import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { CATEGORIES } from '../findings/index.js';
import { locateBlocks, scanHcl } from '../source/index.js';
import { RULES, RULE_TAGS, ruleById } from './index.js';

const RULES_DIR = new URL('./', import.meta.url);
const DOCS_DIR = new URL('../../docs/rules/', import.meta.url);
/** Files in src/rules/ that are not rules: the list, the framework, and tests. Helpers live in lib/. */
const NOT_RULES = new Set(['index.ts', 'rule.ts']);
const ruleFiles = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts') && !NOT_RULES.has(f.name))
  .map((f) => f.name.slice(0, -'.ts'.length))
  .sort();

const SECTIONS = ['## Why it matters', '## Bad example', '## Good example', '## How to fix', '## How to suppress'] as const;

/** The text of a `## ` section, up to the next one. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`${heading}\n`);
  if (start < 0) return '';
  const next = doc.indexOf('\n## ', start + heading.length);
  return doc.slice(start + heading.length, next < 0 ? undefined : next);
}

const fenced = (text: string, lang: string): string[] => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('the rule list', () => {
  it('lists every rule file, and only those', () => {
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(ruleFiles);
  });

  it.each(ruleFiles)('%s.ts exports the listed rule of the same id', async (id) => {
    const module: Record<string, unknown> = await import(`./${id}.js`);
    expect(Object.values(module)).toContain(ruleById(id));
  });

  it('has unique ids and titles', () => {
    expect(new Set(RULES.map((r) => r.meta.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.meta.title.toLowerCase())).size).toBe(RULES.length);
  });

  it.each(RULES.map((r) => [r.meta.id, r.meta] as const))('%s has a valid category, tags and texts', (_id, meta) => {
    expect(CATEGORIES).toContain(meta.category);
    expect(meta.tags.length).toBeGreaterThan(0);
    for (const tag of meta.tags) expect(RULE_TAGS).toContain(tag);
    for (const text of [meta.description, meta.rationale, meta.remediation]) expect(text).toMatch(/^[A-Z].*\.$/s);
  });
});

describe('the rule docs', () => {
  it('have a page for every rule and no page for a rule that does not exist', () => {
    const pages = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -'.md'.length)).sort();
    expect(pages).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  describe.each(RULES.map((r) => [r.meta.id, r.meta] as const))('docs/rules/%s.md', (id, meta) => {
    const path = new URL(`${id}.md`, DOCS_DIR);
    const doc = existsSync(path) ? readFileSync(path, 'utf8') : '';

    it('opens with the title and the id, then every section in order', () => {
      expect(doc.split('\n')[0]).toBe(`# ${meta.title} (\`${id}\`)`);
      const at = SECTIONS.map((s) => doc.indexOf(`\n${s}\n`));
      expect(at.every((i) => i > 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    });

    it.each(['## Bad example', '## Good example'])('%s holds Terraform that declares resources', (heading) => {
      const blocks = fenced(section(doc, heading), 'hcl').flatMap((text) => scanHcl(text).blocks);
      expect(blocks.filter((b) => b.kind === 'resource').length).toBeGreaterThan(0);
    });

    it('shows an inline suppression that applies to its block', () => {
      const [text] = fenced(section(doc, '## How to suppress'), 'hcl');
      expect(text).toContain(`# weaklink:ignore:${id}`);
      const block = scanHcl(text!).blocks.find((b) => b.kind === 'resource')!;
      const address = `${block.labels[0]}.${block.labels[1]}`;
      const located = locateBlocks([{ path: 'main.tf', text: text! }]).workspace([address]).locate(address);
      expect(located.suppressions.map((s) => [s.rule, s.reason !== '', s.validExpiry])).toEqual([[id, true, true]]);
    });

    it('shows a .weaklink.yml ignore entry that matches', () => {
      const [yaml] = fenced(section(doc, '## How to suppress'), 'yaml');
      expect(yaml).toContain('ignore:');
      const config = parseConfig('.weaklink.yml', yaml!);
      const entry = config.ignore.find((e) => e.rule === id);
      expect(entry).toBeDefined();
      expect(config.ignoresFor(id, entry!.address).length).toBeGreaterThan(0);
    });
  });
});
