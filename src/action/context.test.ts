import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContext } from './context.js';

const withEvent = (event: unknown, env: Record<string, string> = {}) => {
  const path = join(mkdtempSync(join(tmpdir(), 'weaklink-event-')), 'event.json');
  writeFileSync(path, typeof event === 'string' ? event : JSON.stringify(event));
  return readContext({ GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42', GITHUB_SHA: 'merge', ...env });
};
const pr = (head: unknown) => ({ pull_request: { number: 5, head, base: { repo: { full_name: 'o/r' } } } });

describe('readContext', () => {
  it('reads the pull request and its head commit', () => {
    expect(withEvent(pr({ sha: 'head', repo: { full_name: 'o/r', fork: false } })).pullRequest).toEqual({ number: 5, headSha: 'head', fromFork: false });
  });

  it('knows a fork by its flag, by its name, or by a head repository that is gone', () => {
    expect(withEvent(pr({ sha: 'h', repo: { full_name: 'o/r', fork: true } })).pullRequest?.fromFork).toBe(true);
    expect(withEvent(pr({ sha: 'h', repo: { full_name: 'mallory/r', fork: false } })).pullRequest?.fromFork).toBe(true);
    expect(withEvent(pr({ sha: 'h', repo: null })).pullRequest?.fromFork).toBe(true);
  });

  it('reads a workflow_run, and no event at all without failing', () => {
    const ctx = withEvent({ workflow_run: { id: 9, head_sha: 's', head_repository: { full_name: 'm/r' }, pull_requests: [{ number: 3 }, { nope: 1 }] } });
    expect(ctx.workflowRun).toEqual({ id: 9, headSha: 's', headRepository: 'm/r', pullRequests: [3] });
    expect(withEvent('not json').pullRequest).toBeUndefined();
    expect(readContext({}).runId).toBe(0);
    expect(readContext({}).apiUrl).toBe('https://api.github.com');
  });
});
