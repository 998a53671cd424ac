import { whoAmI } from './comment.js';
import { ApiError, type GitHub } from './github.js';
import { content, formatMarker, isNewer, parseMarker, type Marker } from './marker.js';

/** The label our tracking issues carry, so they are found without reading every issue of the repository. */
export const ISSUE_LABEL = 'weaklink';

interface Issue {
  readonly number: number;
  readonly state?: string;
  readonly body?: string | null;
  readonly html_url?: string;
  readonly user?: { readonly login?: string } | null;
  readonly pull_request?: unknown;
}

export interface IssueRequest {
  readonly repository: string;
  readonly marker: Marker;
  readonly title: string;
  /** True when the workspace has open findings: the issue is opened (or kept open); false closes it. */
  readonly open: boolean;
  readonly render: (maxLength: number) => string;
  readonly maxLength: number;
}

export type IssueResult =
  | { readonly kind: 'created' | 'updated' | 'reopened' | 'closed' | 'unchanged' | 'none-needed'; readonly url: string | undefined }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * One tracking issue per workspace for audits: created the first time something is found, edited after, closed
 * when the workspace is clean, reopened when it is not any more. Only issues the token's identity wrote, with our
 * marker and label, are touched. Never throws.
 */
export async function syncIssue(gh: GitHub, request: IssueRequest): Promise<IssueResult> {
  try {
    return await sync(gh, request);
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

async function sync(gh: GitHub, request: IssueRequest): Promise<IssueResult> {
  const base = `/repos/${request.repository.split('/').map(encodeURIComponent).join('/')}/issues`;
  const identity = (await whoAmI(gh)).toLowerCase();
  let existing: { issue: Issue; marker: Marker } | undefined;
  for await (const page of gh.paginate<Issue>(`${base}?state=all&labels=${ISSUE_LABEL}`)) {
    for (const issue of page) {
      if (issue.pull_request !== undefined || (issue.user?.login ?? '').toLowerCase() !== identity) continue;
      const marker = parseMarker(issue.body);
      if (!marker || marker.kind !== 'issue' || marker.workspace !== request.marker.workspace) continue;
      if (!existing || isNewer(marker, existing.marker)) existing = { issue, marker };
    }
  }
  if (!existing && !request.open) return { kind: 'none-needed', url: undefined };
  if (existing && isNewer(existing.marker, request.marker)) return { kind: 'unchanged', url: existing.issue.html_url };
  const header = formatMarker(request.marker);
  let maxLength = request.maxLength;
  for (let tries = 0; ; tries++) {
    const body = `${header}\n${request.render(maxLength - header.length - 1)}`;
    const state = request.open ? 'open' : 'closed';
    try {
      if (!existing) {
        const res = await gh.request<Issue>('POST', base, { title: request.title, body, labels: [ISSUE_LABEL] });
        return { kind: 'created', url: res.data?.html_url };
      }
      const wasOpen = existing.issue.state !== 'closed';
      if (content(existing.issue.body ?? '') === content(body) && wasOpen === request.open) return { kind: 'unchanged', url: existing.issue.html_url };
      const res = await gh.request<Issue>('PATCH', `${base}/${existing.issue.number}`, { title: request.title, body, state });
      const kind = request.open ? (wasOpen ? 'updated' : 'reopened') : wasOpen ? 'closed' : 'updated';
      return { kind, url: res.data?.html_url ?? existing.issue.html_url };
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && tries < 6 && body.length > 1000) {
        maxLength = Math.floor(Math.min(maxLength, body.length) * 0.75);
        continue;
      }
      throw error;
    }
  }
}
