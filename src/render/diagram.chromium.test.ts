/**
 * Once, for real: a generated diagram rendered by Mermaid's own bundle in headless Chromium (Debian's `chromium`),
 * to prove it draws, not only parses. The setup installs Chromium with apt-get when /usr/bin/chromium is missing,
 * and skips this file, saying why, when that is impossible (no root, no package source). Its own file so that a
 * machine without a browser skips it cleanly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../analyze.js';
import { Graph } from '../graph/index.js';
import { jumpHost } from '../../test/support/services.js';
import { diagramOf } from './diagram.js';

const CHROMIUM = '/usr/bin/chromium';

/** Chromium, installed on demand; a reason to skip when it cannot be. */
function chromium(): { ok: true } | { ok: false; why: string } {
  if (existsSync(CHROMIUM)) return { ok: true };
  if (process.getuid?.() !== 0) return { ok: false, why: `${CHROMIUM} is missing and installing it needs root (apt-get install -y chromium)` };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore', timeout: 300_000 });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { env, encoding: 'utf8', timeout: 600_000 });
  if (install.status === 0 && existsSync(CHROMIUM)) return { ok: true };
  return { ok: false, why: `apt-get install -y chromium failed (${install.status ?? install.signal}): ${(install.stderr ?? '').trim().split('\n').pop() ?? ''}` };
}

const browser = chromium();
if (!browser.ok) console.warn(`[diagram.chromium] skipped: ${browser.why}`);
const work = mkdtempSync(join(tmpdir(), 'weaklink-mermaid-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe.skipIf(!browser.ok)('the diagram in headless Chromium', () => {
  it('renders to an SVG holding the node labels', () => {
    const m = jumpHost({ dbAdmitsJump: true });
    const diagram = diagramOf(new Graph(m), check(m, 'plan.json'));
    const bundle = pathToFileURL(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js')).href;
    const page = join(work, 'diagram.html');
    writeFileSync(
      page,
      `<!doctype html><html><head><meta charset="utf-8"><script src="${bundle}"></script></head><body>
<pre class="mermaid">${escapeHtml(diagram)}</pre>
<script>
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  mermaid.run({ querySelector: '.mermaid' }).then(
    () => document.body.setAttribute('data-rendered', 'yes'),
    (e) => document.body.setAttribute('data-rendered', 'error: ' + e),
  );
</script></body></html>`,
    );
    const run = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(work, 'profile')}`,
        '--allow-file-access-from-files',
        '--virtual-time-budget=20000',
        '--dump-dom',
        pathToFileURL(page).href,
      ],
      { encoding: 'utf8', timeout: 120_000, maxBuffer: 32 << 20 },
    );
    expect(run.status, run.stderr).toBe(0);
    const dom = run.stdout;
    expect(dom).toContain('data-rendered="yes"');
    expect(dom).toMatch(/<svg[^>]*aria-roledescription="flowchart/);
    for (const label of ['internet', 'aws_instance.jump', 'aws_db_instance.main', 'aws_lb.web', 'Application']) expect(dom).toContain(label);
  }, 180_000);
});
