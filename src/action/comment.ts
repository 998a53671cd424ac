import { ApiError, type GitHub } from './github.js';
import { content, formatMarker, isNewer, parseMarker, type Marker } from './marker.js';

/** GitHub Actions' own identity: what `GITHUB_TOKEN` writes as, and what `GET /user` will not tell it. */
export const ACTIONS_BOT = 'github-actions[bot]';

export interface IssueComment {
  readonly id: number;
  readonly body?: string | null;
  readonly html_url?: string;
  readonly user?: { readonly login?: string } | null;
}

export interface Target {
  readonly owner: string;
  readonly repo: string;
  /** The pull request (or issue) number. */
  readonly number: number;
}

/** What happened to the comment; `failed` and `forbidden` carry the reason for a warning. */
export type CommentResult =
  | { readonly kind: 'created' | 'updated'; readonly url: string | undefined }
  | { readonly kind: 'unchanged'; readonly url: string | undefined }
  | { readonly kind: 'newer-exists'; readonly url: string | undefined }
  | { readonly kind: 'forbidden' | 'failed'; readonly reason: string };

export interface CommentRequest {
  readonly target: Target;
  readonly marker: Marker;
  readonly mode: 'update' | 'new';
  /** The body (without marker) for at most `maxLength` characters: called again, shorter, after a 422. */
  readonly render: (maxLength: number) => string;
  readonly maxLength: number;
  /** The identity whose comments we may edit; found with whoAmI when not given. */
  readonly identity?: string;
}

/** The login the token writes as: `GET /user` for a user's token, the Actions bot when that is refused. */
export async function whoAmI(gh: GitHub): Promise<string> {
  try {
    const res = await gh.request<{ login?: string }>('GET', '/user');
    return res.data?.login ?? ACTIONS_BOT;
  } catch (error) {
    // An installation token (GITHUB_TOKEN is one) may not read /user: 403 "Resource not accessible by integration".
    if (error instanceof ApiError && [401, 403, 404].includes(error.status)) return ACTIONS_BOT;
    throw error;
  }
}

/**
 * One comment per PR and workspace: found by its marker and its author, edited in place, left alone when nothing
 * would change or when a later run already wrote it; created when missing or deleted meanwhile (404); cut shorter
 * when GitHub finds it too long (422). Never touches another account's comment. Never throws.
 */
export async function upsertComment(gh: GitHub, request: CommentRequest): Promise<CommentResult> {
  try {
    return await upsert(gh, request);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 401)) return { kind: 'forbidden', reason: error.message };
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

async function upsert(gh: GitHub, request: CommentRequest): Promise<CommentResult> {
  const { target, marker } = request;
  const base = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/issues`;
  let existing: IssueComment | undefined;
  if (request.mode === 'update') {
    const identity = (request.identity ?? (await whoAmI(gh))).toLowerCase();
    existing = await findOwn(gh, `${base}/${target.number}/comments`, identity, marker);
  }
  const prior = existing ? parseMarker(existing.body) : undefined;
  if (existing && prior && isNewer(prior, marker)) return { kind: 'newer-exists', url: existing.html_url };
  let maxLength = request.maxLength;
  for (let tries = 0; ; tries++) {
    const body = `${formatMarker(marker)}\n${request.render(maxLength - formatMarker(marker).length - 1)}`;
    if (existing && content(existing.body ?? '') === content(body)) return { kind: 'unchanged', url: existing.html_url };
    try {
      if (existing) {
        try {
          const res = await gh.request<IssueComment>('PATCH', `${base}/comments/${existing.id}`, { body });
          return { kind: 'updated', url: res.data?.html_url };
        } catch (error) {
          // Deleted between listing and editing: write it anew.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
          existing = undefined;
        }
      }
      const res = await gh.request<IssueComment>('POST', `${base}/${target.number}/comments`, { body });
      return { kind: 'created', url: res.data?.html_url };
    } catch (error) {
      // "body is too long": GitHub counts differently from us (or limits lower); cut further.
      if (error instanceof ApiError && error.status === 422 && tries < 6 && body.length > 1000) {
        maxLength = Math.floor(Math.min(maxLength, body.length) * 0.75);
        continue;
      }
      throw error;
    }
  }
}

/**
 * Our comment for this workspace among all of the PR's: authored by `identity`, first line our marker with the
 * same workspace. When several (an older run raced us), the one written by the latest run.
 */
async function findOwn(gh: GitHub, path: string, identity: string, marker: Marker): Promise<IssueComment | undefined> {
  let best: { comment: IssueComment; marker: Marker } | undefined;
  for await (const page of gh.paginate<IssueComment>(path)) {
    for (const comment of page) {
      if ((comment.user?.login ?? '').toLowerCase() !== identity) continue;
      const found = parseMarker(comment.body);
      if (!found || found.kind !== marker.kind || found.workspace !== marker.workspace) continue;
      if (!best || isNewer(found, best.marker)) best = { comment, marker: found };
    }
  }
  return best?.comment;
}
