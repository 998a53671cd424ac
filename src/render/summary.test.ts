import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { finding, HOSTILE, report } from '../../test/action/support/reports.js';
import { renderSummary, SUMMARY_LIMIT_BYTES } from './summary.js';

const html = (md: string): string => marked.parse(md, { gfm: true, async: false });

describe('the job summary', () => {
  const r = report([
    finding('aws_db_instance.main', 9.5, { resources: ['aws_db_instance.main', 'aws_security_group.db'], location: { file: 'db.tf', line: 4 } }),
    finding('aws_instance.web', 5, { status: 'unchanged' }),
    finding('aws_lb.old', 8, { status: 'fixed' }),
    finding('aws_instance.lab', 9, { suppressed: { kind: 'config', reason: `lab only ${HOSTILE}`, expires: '2030-01-01' } }),
  ]);

  it('holds every finding, the suppressed ones with their reasons, and the inputs read', () => {
    const md = renderSummary(r, { notes: ['The PR comment was created.'] });
    expect(md.split('\n')[0]).toBe('## weaklink: 1 new weak link (1 critical), 1 fixed, 1 unchanged');
    for (const a of ['aws_db_instance.main', 'aws_security_group.db', 'aws_instance.web', 'aws_lb.old', 'aws_instance.lab']) expect(md).toContain(a);
    expect(md).toContain('**Suppressed** (config) until 2030-01-01: lab only');
    expect(md).toContain('> The PR comment was created.');
    const h = html(md);
    expect(h).toContain('<td>plan.json</td>');
    expect(h).not.toMatch(/<img|<a href="https:\/\/evil/);
  });

  it('shows the dependency diagram in a mermaid block when one is given, and none otherwise', () => {
    const diagram = 'flowchart LR\n  internet((internet)) --> lb["aws_lb.web"]';
    const md = renderSummary(r, { diagram });
    expect(md).toContain('```mermaid\nflowchart LR\n  internet((internet)) --> lb["aws_lb.web"]\n```');
    expect(md.indexOf('```mermaid')).toBeLessThan(md.indexOf('aws_instance.web'));
    expect(renderSummary(r)).not.toContain('```mermaid');
  });

  it('orders new, unchanged, fixed, suppressed', () => {
    const md = renderSummary(r);
    const at = ['#### New weak links', '#### Unchanged weak links', '#### Fixed by this change', '<details><summary>Suppressed'].map((s) => md.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('stays under 1 MiB whatever the report, and says how many were cut', () => {
    const many = report(Array.from({ length: 60_000 }, (_, i) => finding(`aws_instance.h${i}`, (i % 100) / 10, { message: `${'é'.repeat(20)} ${HOSTILE}` })));
    const md = renderSummary(many);
    const bytes = Buffer.byteLength(md);
    expect(bytes).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(bytes).toBeGreaterThan(SUMMARY_LIMIT_BYTES * 0.8);
    const cut = /\*(\d+) lower-ranked findings were cut to keep this summary under GitHub's 1 MiB/.exec(md);
    expect(Number(cut?.[1])).toBe(60_000 - (md.match(/^- /gm) ?? []).length);
  });
});
