import type { Report } from '../analyze.js';
import { link, urlPath } from '../render/escape.js';
import { COMMENT_LIMIT, diagramOfReport, renderMarkdown } from '../render/index.js';
import { writeArtifact } from './artifact.js';
import { upsertComment, type CommentResult } from './comment.js';
import type { RunContext } from './context.js';
import type { GitHub } from './github.js';
import type { ActionOptions } from './inputs.js';
import { formatMarker, type Marker } from './marker.js';
import type { RunDeps, Toolkit } from './toolkit.js';

/** The comment's key among a PR's comments: the workspace label, else the `plan` input as written. */
export function workspaceKey(options: ActionOptions): string {
  return options.name ?? options.plan.join(',');
}

/** The job summary of this run, where every finding is (the comment may have cut some). */
export function runUrl(ctx: RunContext): string | undefined {
  return ctx.repository && ctx.runId > 0 ? `${ctx.serverUrl}/${urlPath(ctx.repository)}/actions/runs/${ctx.runId}` : undefined;
}

/**
 * Writes the PR comment (and the comment artifact when asked). Returns the comment's URL when there is one.
 * Anything short of success is a warning and a note in the summary, never a failure.
 */
export async function commentOnPullRequest(
  tk: Toolkit,
  options: ActionOptions,
  ctx: RunContext,
  gh: GitHub | undefined,
  report: Report,
  label: string | undefined,
  deps: RunDeps,
  notes: string[],
): Promise<string | undefined> {
  const pr = ctx.pullRequest;
  if (!pr) {
    tk.info('weaklink: this event has no pull request, so there is no comment to write');
    return undefined;
  }
  const marker: Marker = { kind: 'comment', workspace: workspaceKey(options), runId: ctx.runId, runAttempt: ctx.runAttempt, sha: pr.headSha, time: deps.now().toISOString() };
  const links = ctx.repository ? { serverUrl: ctx.serverUrl, repository: ctx.repository, ref: pr.headSha } : undefined;
  const summaryUrl = runUrl(ctx);
  const diagram = diagramOfReport(report);
  const render = (maxLength: number): string => renderMarkdown(report, { mode: 'pr', title: label, links, summaryUrl, maxLength, diagram });
  if (options.commentArtifact) {
    const header = formatMarker(marker);
    writeArtifact(options.commentArtifact, {
      weaklinkCommentArtifact: 1,
      repository: ctx.repository ?? '',
      pullRequest: pr.number,
      headSha: pr.headSha,
      runId: ctx.runId,
      runAttempt: ctx.runAttempt,
      workspace: marker.workspace,
      body: `${header}\n${render(COMMENT_LIMIT - header.length - 1)}`,
    });
    tk.info(`weaklink: comment saved to ${options.commentArtifact} for a workflow_run job to post`);
  }
  if (options.comment === 'off') return undefined;
  if (pr.fromFork) {
    const why = 'this pull request comes from a fork, whose token is read-only: no comment (the findings are in the job summary; docs/action.md shows how to comment on forks safely)';
    tk.warning(`weaklink: ${why}`);
    notes.push(why.replace(/^t/, 'T'));
    return undefined;
  }
  if (!gh || !ctx.repository) {
    tk.warning('weaklink: no github-token or no repository: no comment');
    return undefined;
  }
  const [owner = '', repo = ''] = ctx.repository.split('/');
  const result = await upsertComment(gh, { target: { owner, repo, number: pr.number }, marker, mode: options.comment, render, maxLength: COMMENT_LIMIT });
  return report_(tk, result, ctx, notes);
}

function report_(tk: Toolkit, result: CommentResult, ctx: RunContext, notes: string[]): string | undefined {
  const allowed = ctx.repository ? [`${ctx.serverUrl}/${urlPath(ctx.repository)}/`] : [];
  switch (result.kind) {
    case 'created':
    case 'updated':
    case 'unchanged':
    case 'newer-exists': {
      const said = { created: 'created', updated: 'updated', unchanged: 'left as it was (nothing changed)', 'newer-exists': 'left alone: a later run already wrote it' }[result.kind];
      tk.info(`weaklink: PR comment ${said}${result.url ? `: ${result.url}` : ''}`);
      notes.push(`The ${result.url ? link('PR comment', result.url, allowed) : 'PR comment'} was ${said}.`);
      return result.url;
    }
    case 'forbidden':
      tk.warning(`weaklink: the token may not comment on this pull request (${result.reason}); give the job \`permissions: pull-requests: write\`. The findings are in the job summary`);
      notes.push('The PR comment could not be written: the token may not comment (give the job `pull-requests: write`).');
      return undefined;
    case 'failed':
      tk.warning(`weaklink: the PR comment could not be written (${result.reason}); the findings are in the job summary`);
      notes.push('The PR comment could not be written (GitHub API error); every finding is below.');
      return undefined;
  }
}
