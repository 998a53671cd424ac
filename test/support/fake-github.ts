/**
 * A fake GitHub REST API on 127.0.0.1 for the action's tests: issue comments, issues and pull requests, with
 * pagination through `Link` headers, the identities tokens write as, and faults to inject (5xx, rate limits with
 * `retry-after`, 404 on edit, 422 for long bodies). It records every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
  issue: number;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: { name: string }[];
  user: { login: string };
  html_url: string;
}

export interface FakePull {
  number: number;
  head: { sha: string; repo: { full_name: string } | null };
}

export interface Fault {
  readonly method?: string;
  /** Matched against the path without the query. */
  readonly path?: RegExp;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** How many matching requests get the fault (then it is spent). */
  times: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

export interface FakeGitHubOptions {
  /** Who the token writes as. */
  readonly login?: string;
  /** GET /user answers 403, as it does for GITHUB_TOKEN. */
  readonly userForbidden?: boolean;
  /** Writes answer 403 (a fork's read-only token). */
  readonly readOnly?: boolean;
  /** Bodies longer than this get 422 (GitHub's limit is 65,536). */
  readonly maxBody?: number;
  readonly perPageMax?: number;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments: FakeComment[] = [];
  readonly issues: FakeIssue[] = [];
  readonly pulls: FakePull[] = [];
  readonly faults: Fault[] = [];
  private nextId = 1000;
  private server = createServer((req, res) => void this.handle(req, res));
  url = '';

  constructor(private readonly options: FakeGitHubOptions = {}) {}

  get login(): string {
    return this.options.login ?? 'github-actions[bot]';
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a comment as if `login` had written it. */
  addComment(issue: number, body: string, login = this.login): FakeComment {
    const id = this.nextId++;
    const comment = { id, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, html_url: `https://github.com/o/r/pull/${issue}#issuecomment-${id}`, issue };
    this.comments.push(comment);
    return comment;
  }

  fault(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Requests other than reads. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body, authorization: req.headers.authorization });
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(url.pathname)));
    if (fault) {
      fault.times--;
      return send(res, fault.status, fault.body ?? { message: `injected ${fault.status}` }, fault.headers);
    }
    this.route(method, url, body, res);
  }

  private route(method: string, url: URL, body: unknown, res: ServerResponse): void {
    const p = url.pathname;
    const bodyText = typeof body === 'object' && body !== null && 'body' in body && typeof body.body === 'string' ? body.body : undefined;
    if (method !== 'GET' && this.options.readOnly) return send(res, 403, { message: 'Resource not accessible by integration' });
    if (bodyText !== undefined && bodyText.length > (this.options.maxBody ?? 65_536)) {
      return send(res, 422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
    }
    let m: RegExpExecArray | null;
    if (method === 'GET' && p === '/user') {
      return this.options.userForbidden ? send(res, 403, { message: 'Resource not accessible by integration' }) : send(res, 200, { login: this.login });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(p))) {
      const issue = Number(m[1]);
      if (method === 'GET') return this.page(url, res, this.comments.filter((c) => c.issue === issue).map(publicComment));
      if (method === 'POST' && bodyText !== undefined) return send(res, 201, publicComment(this.addComment(issue, bodyText)));
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(p)) && method === 'PATCH' && bodyText !== undefined) {
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      comment.body = bodyText;
      return send(res, 200, publicComment(comment));
    }
    if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(p)) {
      if (method === 'GET') {
        const label = url.searchParams.get('labels');
        return this.page(url, res, this.issues.filter((i) => !label || i.labels.some((l) => l.name === label)));
      }
      if (method === 'POST' && typeof body === 'object' && body !== null) {
        const b = body as { title?: string; body?: string; labels?: string[] };
        const number = this.nextId++;
        const issue: FakeIssue = { number, title: b.title ?? '', body: b.body ?? '', state: 'open', labels: (b.labels ?? []).map((name) => ({ name })), user: { login: this.login }, html_url: `https://github.com/o/r/issues/${number}` };
        this.issues.push(issue);
        return send(res, 201, issue);
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(p)) && method === 'PATCH' && typeof body === 'object' && body !== null) {
      const issue = this.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      const b = body as { title?: string; body?: string; state?: 'open' | 'closed' };
      Object.assign(issue, { ...(b.title ? { title: b.title } : {}), ...(b.body !== undefined ? { body: b.body } : {}), ...(b.state ? { state: b.state } : {}) });
      return send(res, 200, issue);
    }
    if (/^\/repos\/[^/]+\/[^/]+\/pulls$/.test(p) && method === 'GET') return this.page(url, res, this.pulls);
    send(res, 404, { message: 'Not Found' });
  }

  private page(url: URL, res: ServerResponse, items: readonly unknown[]): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.options.perPageMax ?? 100);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const at = (n: number): string => {
      const u = new URL(url.toString());
      u.searchParams.set('page', String(n));
      return u.toString();
    };
    if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
    if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
    send(res, 200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
  }
}

function publicComment(c: FakeComment): Omit<FakeComment, 'issue'> {
  return { id: c.id, body: c.body, user: c.user, html_url: c.html_url };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
