import type { Report } from '../analyze.js';
import { summarize } from '../analyze.js';
import { link, urlPath } from '../render/escape.js';
import { COMMENT_LIMIT, diagramOfReport, renderMarkdown } from '../render/index.js';
import { plain } from '../render/text.js';
import type { RunContext } from './context.js';
import type { GitHub } from './github.js';
import type { ActionOptions } from './inputs.js';
import { syncIssue } from './issue.js';
import { runUrl } from './pr.js';
import type { RunDeps, Toolkit } from './toolkit.js';

/** Audit mode with `issue: true`: one tracking issue per workspace (input file), kept in step with its findings. */
export async function auditIssues(tk: Toolkit, options: ActionOptions, ctx: RunContext, gh: GitHub | undefined, report: Report, deps: RunDeps, notes: string[]): Promise<void> {
  if (!gh || !ctx.repository) {
    tk.warning('weaklink: `issue: true` needs a github-token and a repository: no tracking issue');
    return;
  }
  const links = { serverUrl: ctx.serverUrl, repository: ctx.repository, ref: ctx.sha ?? 'HEAD' };
  const allowed = [`${ctx.serverUrl}/${urlPath(ctx.repository)}/`];
  for (const input of report.inputs) {
    const findings = report.findings.filter((f) => f.input === input.file && f.status !== 'fixed');
    const sub: Report = { ...report, inputs: [input], findings, summary: summarize(findings) };
    const open = findings.some((f) => !f.suppressed);
    const label = report.inputs.length === 1 && options.name ? options.name : input.file;
    const workspace = options.name && report.inputs.length > 1 ? `${options.name}:${input.file}` : label;
    const count = findings.filter((f) => !f.suppressed).length;
    const result = await syncIssue(gh, {
      repository: ctx.repository,
      marker: { kind: 'issue', workspace, runId: ctx.runId, runAttempt: ctx.runAttempt, sha: ctx.sha ?? '', time: deps.now().toISOString() },
      title: plain(`weaklink: ${count} weak link${count === 1 ? '' : 's'} in ${label}`).slice(0, 250),
      open,
      render: (maxLength) => renderMarkdown(sub, { mode: 'audit', title: label, links, summaryUrl: runUrl(ctx), maxLength, diagram: diagramOfReport(sub) }),
      maxLength: COMMENT_LIMIT,
    });
    if (result.kind === 'failed') {
      tk.warning(`weaklink: the tracking issue for ${plain(label)} could not be written (${result.reason})`);
      notes.push('A tracking issue could not be written (GitHub API error).');
    } else if (result.kind !== 'none-needed') {
      tk.info(`weaklink: tracking issue for ${plain(label)} ${result.kind}${result.url ? `: ${result.url}` : ''}`);
      notes.push(`The ${result.url ? link('tracking issue', result.url, allowed) : 'tracking issue'} was ${result.kind}.`);
    }
  }
}
