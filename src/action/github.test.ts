import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../test/support/fake-github.js';
import { ApiError, GitHub, nextLink } from './github.js';

let api: FakeGitHub;
const waits: number[] = [];
const client = (retry = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, budgetMs: 120_000 }) =>
  new GitHub({ apiUrl: api.url, token: 't0ken', retry, sleep: async (ms) => void waits.push(ms) });

beforeEach(async () => {
  api = new FakeGitHub();
  await api.start();
  waits.length = 0;
});
afterEach(() => api.stop());

describe('GitHub client', () => {
  it('retries 5xx with exponential backoff', async () => {
    api.fault({ status: 500, times: 1 });
    api.fault({ status: 502, times: 1 });
    api.fault({ status: 503, times: 1 });
    const res = await client().request<{ login: string }>('GET', '/user');
    expect(res.data.login).toBe('github-actions[bot]');
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('waits as long as retry-after says on a secondary rate limit (403 or 429)', async () => {
    api.fault({ status: 403, headers: { 'retry-after': '7' }, body: { message: 'You have exceeded a secondary rate limit' }, times: 1 });
    api.fault({ status: 429, headers: { 'retry-after': '3' }, times: 1 });
    api.fault({ status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes' }, times: 1 });
    await client().request('GET', '/user');
    expect(waits).toEqual([7000, 3000, 4000]);
  });

  it('gives up after its attempts, and on a wait beyond its bounds', async () => {
    api.fault({ status: 503, times: 100 });
    await expect(client().request('GET', '/user')).rejects.toMatchObject({ status: 503 });
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    waits.length = 0;
    api.faults.length = 0;
    api.fault({ status: 429, headers: { 'retry-after': '3600' }, times: 1 });
    await expect(client().request('GET', '/user')).rejects.toBeInstanceOf(ApiError);
    expect(waits).toEqual([]);
  });

  it('does not retry what will not get better (403 without rate limit, 404, 422)', async () => {
    for (const status of [403, 404, 422]) {
      api.fault({ status, times: 1 });
      await expect(client().request('GET', '/user')).rejects.toMatchObject({ status });
    }
    expect(waits).toEqual([]);
    expect(api.requests).toHaveLength(3);
  });

  it('follows Link pages on its own origin only, sending the token nowhere else', async () => {
    for (let i = 0; i < 250; i++) api.addComment(1, `c${i}`);
    const pages: number[] = [];
    for await (const page of client().paginate('/repos/o/r/issues/1/comments')) pages.push(page.length);
    expect(pages).toEqual([100, 100, 50]);
    expect(api.requests.every((r) => r.authorization === 'Bearer t0ken')).toBe(true);
    await expect(client().request('GET', 'https://evil.example/steal')).rejects.toThrow(/not the GitHub API/);
  });

  it('reads rel="next" from a Link header', () => {
    expect(nextLink('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"')).toBe('https://api.github.com/x?page=2');
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
