/** A failed GitHub API call, after any retries. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${method} ${path} answered ${status === 0 ? 'nothing (network error)' : status}${detail ? `: ${detail}` : ''}`);
  }
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** The first backoff; it doubles on each retry. */
  readonly baseDelayMs: number;
  /** No single wait is longer; a `retry-after` beyond it is not waited for. */
  readonly maxDelayMs: number;
  /** All waits of one call together stay within this. */
  readonly budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, budgetMs: 120_000 };

export interface GitHubOptions {
  readonly apiUrl: string;
  readonly token: string;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryPolicy;
  readonly fetch?: typeof fetch;
  /** Told of each retry (the action logs it). */
  readonly onRetry?: (message: string) => void;
  readonly timeoutMs?: number;
}

export interface Response<T> {
  readonly status: number;
  readonly data: T;
  readonly headers: Headers;
}

/**
 * A small GitHub REST client: JSON in and out, transient failures (5xx, network errors, secondary rate limits and
 * exhausted primary ones) retried with bounded exponential backoff, pagination through `Link` headers that stay on
 * the API's own origin (the token goes nowhere else).
 */
export class GitHub {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retry: RetryPolicy;
  private readonly fetch: typeof fetch;
  private readonly origin: string;

  constructor(private readonly options: GitHubOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.fetch = options.fetch ?? fetch;
    this.origin = new URL(options.apiUrl).origin;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<Response<T>> {
    const url = path.startsWith('http') ? path : `${this.options.apiUrl}${path}`;
    if (new URL(url).origin !== this.origin) throw new ApiError(0, method, path, 'refused: not the GitHub API');
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let detail = '';
      let delay: number | undefined;
      try {
        const res = await this.fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'weaklink-action',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
        const text = await res.text();
        if (res.ok) return { status: res.status, data: (text === '' ? undefined : JSON.parse(text)) as T, headers: res.headers };
        status = res.status;
        detail = messageOf(text);
        delay = this.retryDelay(res, detail, attempt);
      } catch (error) {
        // A network error or a timeout: as transient as a 502.
        detail = error instanceof Error ? error.message : String(error);
        delay = this.backoff(attempt);
      }
      if (delay === undefined || attempt >= this.retry.attempts || delay > this.retry.maxDelayMs || waited + delay > this.retry.budgetMs) {
        throw new ApiError(status, method, pathOf(url), detail);
      }
      this.options.onRetry?.(`${method} ${pathOf(url)} answered ${status || 'nothing'}${detail ? ` (${detail})` : ''}; retrying in ${Math.ceil(delay / 1000)} s`);
      waited += delay;
      await this.sleep(delay);
    }
  }

  /** Every item of a paginated list, page by page (100 a page). */
  async *paginate<T>(path: string): AsyncGenerator<T[]> {
    let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
    let pages = 0;
    while (next !== undefined && pages++ < 1000) {
      const res: Response<T[]> = await this.request<T[]>('GET', next);
      yield Array.isArray(res.data) ? res.data : [];
      const link = nextLink(res.headers.get('link'));
      next = link !== undefined && new URL(link).origin === this.origin ? link : undefined;
    }
  }

  /** How long to wait before retrying, or undefined when the failure is not transient. */
  private retryDelay(res: globalThis.Response, detail: string, attempt: number): number | undefined {
    const after = res.headers.get('retry-after');
    if (res.status >= 500 || res.status === 429 || (res.status === 403 && (after !== null || /secondary rate limit|abuse/i.test(detail)))) {
      const seconds = after === null ? NaN : Number(after);
      return Number.isFinite(seconds) && seconds >= 0 ? Math.max(seconds * 1000, 1000) : this.backoff(attempt);
    }
    if (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      return Number.isFinite(reset) ? Math.max(reset * 1000 - Date.now(), 1000) : this.backoff(attempt);
    }
    return undefined;
  }

  private backoff(attempt: number): number {
    return Math.min(this.retry.baseDelayMs * 2 ** (attempt - 1), this.retry.maxDelayMs);
  }
}

/** The `rel="next"` URL of a `Link` header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

function messageOf(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') return parsed.message.slice(0, 200);
  } catch {
    // Not JSON: a proxy's page, say; its first words are enough.
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 120);
}

function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}
