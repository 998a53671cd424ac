import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { COMMENT_LIMIT } from '../render/markdown.js';
import type { RunContext } from './context.js';
import type { GitHub } from './github.js';
import { content, parseMarker } from './marker.js';

/**
 * What the `pull_request` job leaves for a `workflow_run` job to post. Everything in it is untrusted on the other
 * side: a pull request can change the workflow that wrote it.
 */
export interface CommentArtifact {
  readonly weaklinkCommentArtifact: 1;
  readonly repository: string;
  readonly pullRequest: number;
  readonly headSha: string;
  readonly runId: number;
  readonly runAttempt: number;
  readonly workspace: string;
  /** The whole comment, marker first. */
  readonly body: string;
}

/** A comment body is at most 65,536 characters, so at most 4 bytes each; the JSON around it is small. */
export const ARTIFACT_MAX_BYTES = COMMENT_LIMIT * 4 + 4096;

/** An artifact we will not post, with the reason (the step fails: someone tampered, or the workflows disagree). */
export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';
}

export function writeArtifact(path: string, artifact: CommentArtifact): void {
  writeFileSync(path, `${JSON.stringify(artifact, null, 2)}\n`);
}

/**
 * Reads and checks an artifact against the trusted `workflow_run` event: same repository, same run, same head
 * commit, a pull request that really has that head, and a body with nothing in it our renderer would not write.
 */
export async function readArtifact(path: string, ctx: RunContext, gh: GitHub | undefined, allowedUrls: readonly string[]): Promise<CommentArtifact> {
  const run = ctx.workflowRun;
  if (!run) throw new ArtifactError('mode `post-artifact` runs on a `workflow_run` event (the event has no workflow_run)');
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ArtifactError(`${path} is not a file: pass the path of the JSON file inside the downloaded artifact`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ArtifactError) throw error;
    throw new ArtifactError(`${path}: no such file — download the artifact (actions/download-artifact with run-id) before this step`);
  }
  if (size > ARTIFACT_MAX_BYTES) throw new ArtifactError(`${path} is ${size} bytes, more than a comment can be (${ARTIFACT_MAX_BYTES})`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ArtifactError(`${path} is not JSON`);
  }
  const artifact = shapeOf(raw);
  if (!artifact) throw new ArtifactError(`${path} is not a weaklink comment artifact`);
  if (ctx.repository === undefined || artifact.repository !== ctx.repository) throw new ArtifactError('the artifact names another repository');
  if (artifact.runId !== run.id) throw new ArtifactError(`the artifact comes from run ${artifact.runId}, not from run ${run.id} that triggered this one`);
  if (artifact.headSha !== run.headSha) throw new ArtifactError('the artifact names another head commit than the run that triggered this one');
  const prs = run.pullRequests.length > 0 ? run.pullRequests : await pullRequestsWithHead(gh, ctx.repository, run.headSha, run.headRepository);
  if (!prs.includes(artifact.pullRequest)) throw new ArtifactError(`pull request #${artifact.pullRequest} does not have the head commit of run ${run.id}`);
  const problem = bodyProblem(artifact.body, artifact.workspace, allowedUrls);
  if (problem) throw new ArtifactError(`the comment in the artifact ${problem}`);
  return artifact;
}

/**
 * Why a body is not one our renderer writes, or undefined: too long, no marker, HTML beyond our own tags, an
 * @mention, an image, or a link or URL outside `allowedUrls`.
 */
export function bodyProblem(body: string, workspace: string, allowedUrls: readonly string[]): string | undefined {
  if (body.length > COMMENT_LIMIT) return `is longer than ${COMMENT_LIMIT} characters`;
  const marker = parseMarker(body);
  if (!marker || marker.kind !== 'comment' || marker.workspace !== workspace) return 'does not start with our marker';
  const rest = content(body);
  const tag = /<[^>]*>?/g;
  for (const m of rest.matchAll(tag)) {
    if (!/^<\/?(details|summary|sub)>$/.test(m[0])) return `holds HTML we do not write (${JSON.stringify(m[0].slice(0, 40))})`;
  }
  if (/@[A-Za-z0-9_-]/.test(rest)) return 'mentions someone';
  if (rest.includes('![')) return 'holds an image';
  if (/\bwww\./i.test(rest)) return 'holds a link we do not write';
  for (const m of rest.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/|(\\*)\]\(/g)) {
    // `\](` is an escaped bracket (plan text), `\\](` an escaped backslash before a real one.
    if (m[1] !== undefined && m[1].length % 2 === 1) continue;
    const at = m[0].endsWith('](') ? m.index + m[0].length : m.index;
    if (!allowedUrls.some((prefix) => rest.startsWith(prefix, at))) return `links somewhere we do not (${JSON.stringify(rest.slice(at, at + 60))})`;
  }
  return undefined;
}

/** Open pull requests whose head is `sha` (GitHub leaves `workflow_run.pull_requests` empty for forks). */
async function pullRequestsWithHead(gh: GitHub | undefined, repository: string, sha: string, headRepo: string | undefined): Promise<number[]> {
  if (!gh) return [];
  const out: number[] = [];
  type Pull = { number?: number; head?: { sha?: string; repo?: { full_name?: string } | null } };
  for await (const page of gh.paginate<Pull>(`/repos/${repository.split('/').map(encodeURIComponent).join('/')}/pulls?state=open`)) {
    for (const p of page) {
      if (typeof p.number !== 'number' || p.head?.sha !== sha) continue;
      if (headRepo !== undefined && p.head.repo?.full_name !== undefined && p.head.repo.full_name !== headRepo) continue;
      out.push(p.number);
    }
  }
  return out;
}

function shapeOf(raw: unknown): CommentArtifact | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  const str = (v: unknown): v is string => typeof v === 'string';
  if (r.weaklinkCommentArtifact !== 1 || !str(r.repository) || !int(r.pullRequest) || !str(r.headSha) || !int(r.runId)) return undefined;
  if (!int(r.runAttempt) || !str(r.workspace) || !str(r.body)) return undefined;
  return {
    weaklinkCommentArtifact: 1,
    repository: r.repository,
    pullRequest: r.pullRequest,
    headSha: r.headSha,
    runId: r.runId,
    runAttempt: r.runAttempt,
    workspace: r.workspace,
    body: r.body,
  };
}
