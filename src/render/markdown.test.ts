import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { finding, HOSTILE, report } from '../../test/action/support/reports.js';
import { COMMENT_LIMIT, renderMarkdown } from './markdown.js';

const html = (md: string): string => marked.parse(md, { gfm: true, async: false });
const LINKS = { serverUrl: 'https://github.com', repository: 'o/r', ref: 'a'.repeat(40) };
const SUMMARY = 'https://github.com/o/r/actions/runs/100';

const mixed = report(
  [
    finding('aws_db_instance.main', 9.5, { title: 'Database open to the world', location: { file: 'db.tf', line: 12 }, path: ['internet', 'aws_security_group.db', 'aws_db_instance.main'] }),
    finding('aws_instance.web', 7.5, { status: 'new', location: { file: 'modules/web/main.tf', line: 3 } }),
    finding('aws_nat_gateway.one', 5, { status: 'unchanged' }),
    finding('aws_lb.old', 8, { status: 'fixed' }),
    finding('aws_instance.accepted', 9, { status: 'new', suppressed: { kind: 'inline', reason: 'lab', expires: undefined } }),
    finding(`aws_instance.evil["${HOSTILE}"]`, 6, { status: 'new', message: HOSTILE, remediation: HOSTILE, title: HOSTILE }),
  ],
  ['plan.json'],
);

describe('the PR comment', () => {
  const md = renderMarkdown(mixed, { links: LINKS, summaryUrl: SUMMARY, header: '<!-- weaklink:comment workspace=x run=1.1 sha= time= -->' });
  const h = html(md);

  it('renders as GitHub would: verdict, new first, fixed, unchanged folded, suppressed counted', () => {
    expect(h).toMatchSnapshot();
  });

  it('opens with a one-line verdict', () => {
    expect(md.split('\n')[1]).toBe('### weaklink: 3 new weak links (1 critical, 1 high, 1 medium), 1 fixed, 1 unchanged');
  });

  it('ranks new findings by severity, then fixed, then unchanged inside <details>', () => {
    const order = ['aws_db_instance.main', 'aws_instance.web', 'aws_instance.evil', 'aws_lb.old', 'aws_nat_gateway.one'].map((a) => h.indexOf(a));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(h).toMatch(/<details><summary>Unchanged weak links, there before this change \(1\)<\/summary>\s*<ul>\n<li>🟡/);
    expect(h).toContain('1 suppressed finding not shown.');
    expect(h).not.toContain('aws_instance.accepted');
  });

  it('links the declaring line at the PR head, and nothing else outside our own URLs', () => {
    expect(h).toContain(`<a href="https://github.com/o/r/blob/${'a'.repeat(40)}/db.tf#L12">db.tf:12</a>`);
    expect(h).toContain(`<a href="https://github.com/o/r/blob/${'a'.repeat(40)}/modules/web/main.tf#L3">`);
    const hrefs = [...h.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((u) => !u.startsWith('https://github.com/o/r/') && !u.startsWith('https://github.com/weaklink/weaklink'))).toEqual([]);
  });

  it('lets no plan-borne markup through', () => {
    const tags = [...h.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['h3', 'h4', 'ul', 'li', 'strong', 'code', 'br', 'a', 'p', 'details', 'summary', 'sub']));
    expect(md.indexOf('<!--')).toBe(0);
    expect(md.indexOf('-->')).toBe(md.split('\n')[0]!.length - 3);
    expect(md).not.toMatch(/@[A-Za-z0-9]/);
  });

  it('shows the diagram in a mermaid block when it fits, and says so when it does not', () => {
    const withDiagram = renderMarkdown(mixed, { diagram: 'graph LR\n  A --> B' });
    expect(html(withDiagram)).toContain('<pre><code class="language-mermaid">graph LR\n  A --&gt; B\n</code></pre>');
    const huge = renderMarkdown(mixed, { diagram: `graph LR\n${'  A --> B\n'.repeat(10_000)}` });
    expect(huge).toContain('too large for a comment');
    expect(huge.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  });

  it('counts per workspace when there are several, in a table that stays a table', () => {
    const multi = report(
      [finding('aws_instance.a', 8, { input: 'envs/prod|x/plan.json' }), finding('aws_instance.b', 3, { input: 'envs/dev/plan.json', status: 'fixed' })],
      ['envs/prod|x/plan.json', 'envs/dev/plan.json'],
    );
    const mh = html(renderMarkdown(multi));
    expect(mh).toContain('<td>envs/prod|x/plan.json</td>');
    expect(mh.match(/<tr>/g)).toHaveLength(3);
    expect(mh).toContain('in envs/dev/plan.json');
  });

  it("shows the rules' own code spans as code, and a plan's backticks still carry no markup", () => {
    const own = html(renderMarkdown(report([finding('aws_db_instance.main', 7, { message: 'aws_db_instance.main keeps its data in one zone.', remediation: 'Set `multi_az = true` so that a standby takes over.' })])));
    expect(own).toContain('<strong>Fix:</strong> Set <code>multi_az = true</code> so that a standby takes over.');
    const sly = 'a `<img src=x onerror=alert(1)>` b `@octocat` c `**bold**` d ` spaced ` e `x';
    const mh = html(renderMarkdown(report([finding('aws_instance.sly', 7, { message: sly, remediation: sly })])));
    const tags = [...mh.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['h3', 'h4', 'ul', 'li', 'strong', 'code', 'br', 'p', 'sub', 'a']));
    expect(mh).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mh).toContain('<code>**bold**</code>');
    expect(mh).not.toMatch(/@[A-Za-z0-9]/);
  });

  it('says so plainly when nothing changed', () => {
    expect(renderMarkdown(report([]))).toContain('### weaklink: no new weak links');
    expect(renderMarkdown(report([]), { mode: 'audit' })).toContain('### weaklink: no weak links found');
  });
});

describe('the limit', () => {
  const many = report(
    Array.from({ length: 20_000 }, (_, i) =>
      finding(`module.m${i % 50}.aws_instance.host_${String(i).padStart(5, '0')}`, (i % 100) / 10, {
        status: i % 3 === 0 ? 'unchanged' : 'new',
        message: `${'A long explanation of why this matters. '.repeat(5)}${HOSTILE}`,
        location: { file: `modules/m${i % 50}/main.tf`, line: i + 1 },
      }),
    ),
  );

  it('keeps a very large report under 65,536 characters, cutting the lowest-ranked and saying where the rest is', () => {
    const md = renderMarkdown(many, { links: LINKS, summaryUrl: SUMMARY, header: '<!-- weaklink:comment workspace=x run=1.1 sha= time= -->' });
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(COMMENT_LIMIT * 0.8);
    const cut = /… and (\d+) more lower-ranked findings: see the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/100\)\./.exec(md);
    expect(cut).not.toBeNull();
    const shown = md.match(/^- /gm)!.length;
    expect(shown + Number(cut![1])).toBe(20_000);
    // The best-ranked new finding is there; no unchanged one made it past the new ones.
    expect(md).toContain('aws_instance.host_00199');
    expect(md).not.toContain('aws_instance.host_00099');
    expect(html(md)).not.toContain('<img');
  });

  it('honours a tighter limit (after GitHub refused a body)', () => {
    for (const maxLength of [30_000, 5000, 1500]) expect(renderMarkdown(many, { maxLength, summaryUrl: SUMMARY }).length).toBeLessThanOrEqual(maxLength);
  });
});
