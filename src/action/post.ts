import { allowedPrefixes, COMMENT_LIMIT } from '../render/markdown.js';
import { ArtifactError, readArtifact } from './artifact.js';
import { upsertComment } from './comment.js';
import type { RunContext } from './context.js';
import type { GitHub } from './github.js';
import type { ActionOptions } from './inputs.js';
import { content } from './marker.js';
import type { RunDeps, Toolkit } from './toolkit.js';

/**
 * `mode: post-artifact`, in a `workflow_run` workflow: posts the comment a `pull_request` job left as an artifact,
 * after checking it against the trusted event (see readArtifact). Runs no analysis and reads no PR code.
 */
export async function postArtifact(tk: Toolkit, options: ActionOptions, ctx: RunContext, gh: GitHub | undefined, deps: RunDeps): Promise<void> {
  if (!gh || !ctx.repository) throw new ArtifactError('mode `post-artifact` needs a github-token with `pull-requests: write` and a repository');
  const allowed = allowedPrefixes({ links: { serverUrl: ctx.serverUrl, repository: ctx.repository, ref: '' } });
  const artifact = await readArtifact(options.commentArtifact ?? '', ctx, gh, allowed);
  if (options.comment === 'off') return;
  const body = content(artifact.body);
  const [owner = '', repo = ''] = ctx.repository.split('/');
  const result = await upsertComment(gh, {
    target: { owner, repo, number: artifact.pullRequest },
    marker: { kind: 'comment', workspace: artifact.workspace, runId: artifact.runId, runAttempt: artifact.runAttempt, sha: artifact.headSha, time: deps.now().toISOString() },
    mode: options.comment === 'new' ? 'new' : 'update',
    // The body was rendered to fit; should GitHub still refuse it, cut at a line and say so.
    render: (maxLength) => (body.length <= maxLength ? body : `${body.slice(0, Math.max(0, body.lastIndexOf('\n', maxLength - 80)))}\n\n*… cut to fit; see the job summary of the pull request's run.*`),
    maxLength: COMMENT_LIMIT,
  });
  switch (result.kind) {
    case 'forbidden':
    case 'failed':
      tk.warning(`weaklink: the PR comment could not be written (${result.reason})`);
      tk.setOutput('comment-url', '');
      return;
    default:
      tk.info(`weaklink: PR comment for #${artifact.pullRequest} ${result.kind}${result.url ? `: ${result.url}` : ''}`);
      tk.setOutput('comment-url', result.url ?? '');
  }
}
