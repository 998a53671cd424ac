import { readFileSync } from 'node:fs';

/** What the run is about, from the runner's environment and the event payload. */
export interface RunContext {
  readonly eventName: string;
  /** `owner/name`, or undefined outside Actions. */
  readonly repository: string | undefined;
  readonly serverUrl: string;
  readonly apiUrl: string;
  readonly sha: string | undefined;
  readonly runId: number;
  readonly runAttempt: number;
  readonly pullRequest: PullRequestContext | undefined;
  /** The run that triggered a `workflow_run` event: where a comment artifact comes from. */
  readonly workflowRun: WorkflowRunContext | undefined;
  /** The repository checkout (GITHUB_WORKSPACE), where relative paths start. */
  readonly workspace: string;
}

export interface PullRequestContext {
  readonly number: number;
  readonly headSha: string;
  /** Opened from another repository: the token is read-only there. */
  readonly fromFork: boolean;
}

export interface WorkflowRunContext {
  readonly id: number;
  readonly headSha: string;
  readonly headRepository: string | undefined;
  /** Pull requests GitHub links to the run (empty for pull requests from forks). */
  readonly pullRequests: readonly number[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the context; an unreadable event file counts as no event (the run goes on, without a PR). */
export function readContext(env: Env): RunContext {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pr = event && field(event, 'pull_request');
  const run = event && field(event, 'workflow_run');
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repository: env.GITHUB_REPOSITORY || undefined,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    sha: env.GITHUB_SHA || undefined,
    runId: positive(env.GITHUB_RUN_ID) ?? 0,
    runAttempt: positive(env.GITHUB_RUN_ATTEMPT) ?? 1,
    pullRequest: pr ? pullRequestOf(pr, env) : undefined,
    workflowRun: run ? workflowRunOf(run) : undefined,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  };
}

function pullRequestOf(pr: Record<string, unknown>, env: Env): PullRequestContext | undefined {
  const number = typeof pr.number === 'number' ? pr.number : undefined;
  if (number === undefined) return undefined;
  const head = field(pr, 'head');
  const base = field(pr, 'base');
  const headRepo = head ? field(head, 'repo') : undefined;
  const baseRepo = base ? field(base, 'repo') : undefined;
  const headName = headRepo ? text(headRepo.full_name) : undefined;
  const baseName = baseRepo ? text(baseRepo.full_name) : env.GITHUB_REPOSITORY;
  // A deleted fork has no head repo at all: treat it as a fork, its token is read-only all the same.
  const fromFork = headRepo === undefined || headRepo.fork === true || (headName !== undefined && baseName !== undefined && headName !== baseName);
  return { number, headSha: (head && text(head.sha)) || env.GITHUB_SHA || '', fromFork };
}

function workflowRunOf(run: Record<string, unknown>): WorkflowRunContext | undefined {
  const id = typeof run.id === 'number' ? run.id : undefined;
  const headSha = text(run.head_sha);
  if (id === undefined || !headSha) return undefined;
  const prs = Array.isArray(run.pull_requests) ? run.pull_requests : [];
  const headRepo = field(run, 'head_repository');
  return {
    id,
    headSha,
    headRepository: headRepo ? text(headRepo.full_name) : undefined,
    pullRequests: prs.flatMap((p: unknown) => {
      const n = isRecord(p) ? p.number : undefined;
      return typeof n === 'number' ? [n] : [];
    }),
  };
}

function readEvent(path: string | undefined): Record<string, unknown> | undefined {
  if (!path) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function field(o: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = o[key];
  return isRecord(v) ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function positive(v: string | undefined): number | undefined {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
