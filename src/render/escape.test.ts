import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../../test/action/support/reports.js';
import { escapeCode, escapeMarkdown, fencedBlock, link, markerValue, unmarkerValue } from './escape.js';

const html = (md: string): string => marked.parse(md, { gfm: true, async: false });
const text = (h: string): string => h.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const ZW = /\u200b/g;

describe('escapeMarkdown', () => {
  const rendered = html(`Why: ${escapeMarkdown(HOSTILE)}`);

  it('lets no HTML, link, image or emphasis of the plan through', () => {
    expect(rendered).not.toMatch(/<(?!\/?p>)[a-z!/]/i);
    expect(rendered).toMatch(/^<p>[^<]*<\/p>\n$/);
  });

  it('keeps the text readable: what the plan said is what the reader sees, less controls and line breaks', () => {
    const seen = text(rendered).replace(ZW, '').trim();
    const said = HOSTILE.replace(/[\u202a-\u202e\u0007]/g, '').replace(/\r\n|[\r\n]/g, ' ');
    expect(seen).toBe(`Why: ${said}`);
  });

  it('defuses mentions, references, autolinks and HTML comments', () => {
    const raw = escapeMarkdown(HOSTILE);
    expect(raw).not.toMatch(/@[A-Za-z0-9]/);
    expect(raw).not.toMatch(/#\d/);
    expect(raw).not.toMatch(/:\/\/|www\./i);
    expect(raw).not.toMatch(/<|>|-->/);
  });

  it('keeps a table row a row', () => {
    const table = `| a | b |\n| --- | --- |\n| ${escapeMarkdown('x|y\n| z')} | ok |\n`;
    const h = html(table);
    expect(h.match(/<td>/g)).toHaveLength(2);
    expect(h).toContain('<td>x|y | z</td>');
  });
});

describe('escapeCode', () => {
  it('fences past any backtick run and stays one code span', () => {
    for (const s of ['a`b', '``x``', '`lead', 'trail`', 'aws_instance.web["a"]']) {
      const h = html(escapeCode(s));
      expect(h).toBe(`<p><code>${s.replace(/"/g, '&quot;')}</code></p>\n`);
    }
  });

  it('falls back to escaped text when the address holds markup', () => {
    const h = html(escapeCode('aws_x.y["<img src=x>"]'));
    expect(h).not.toContain('<img');
    expect(text(h)).toBe('aws_x.y["<img src=x>"]\n');
  });

  it('defuses mentions and URLs inside the span too', () => {
    expect(escapeCode('@octocat https://x')).not.toMatch(/@[a-z]|:\/\//);
    expect(escapeCode('')).toBe('*(empty)*');
  });
});

describe('fencedBlock', () => {
  it('cannot be closed by its content', () => {
    const h = html(`${fencedBlock('mermaid', 'graph LR\n```\n<b>x</b>\n````\nA --> B')}\n\nafter`);
    expect(h).toContain('<pre><code class="language-mermaid">graph LR\n```\n&lt;b&gt;x&lt;/b&gt;\n````\nA --&gt; B\n</code></pre>');
  });
});

describe('link', () => {
  it('links only to allowed prefixes and safe URLs', () => {
    const allowed = ['https://github.com/o/r/'];
    expect(link('main.tf:3', 'https://github.com/o/r/blob/abc/main.tf#L3', allowed)).toBe('[main.tf:3](https://github.com/o/r/blob/abc/main.tf#L3)');
    expect(link('x', 'https://evil.example/o/r/', allowed)).toBe('x');
    expect(link('x', 'https://github.com/o/r/a)b', allowed)).toBe('x');
    expect(link('x', 'javascript:alert(1)', allowed)).toBe('x');
  });
});

describe('markerValue', () => {
  it('never lets a comment close and round-trips', () => {
    for (const s of ['a-->b', 'envs/prod/plan.json', 'x y', '--!>', 'ünï', '-->']) {
      const v = markerValue(s);
      expect(v).toMatch(/^[A-Za-z0-9._~/%-]*$/);
      expect(v).not.toContain('--');
      expect(unmarkerValue(v)).toBe(s);
    }
  });
});
