import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../test/support/fake-github.js';
import { GitHub } from './github.js';
import { syncIssue, type IssueRequest } from './issue.js';
import { formatMarker, type Marker } from './marker.js';

let api: FakeGitHub;
const gh = () => new GitHub({ apiUrl: api.url, token: 't', sleep: async () => {} });
const marker = (runId: number): Marker => ({ kind: 'issue', workspace: 'prod', runId, runAttempt: 1, sha: '', time: '' });
const request = (runId: number, open: boolean, text = 'report'): IssueRequest => ({ repository: 'o/r', marker: marker(runId), title: 't', open, render: () => text, maxLength: 65_536 });
const issue = (number: number, login: string, state: 'open' | 'closed', runId = 1) => ({
  number,
  title: 'old',
  body: `${formatMarker(marker(runId))}\nold`,
  state,
  labels: [{ name: 'weaklink' }],
  user: { login },
  html_url: `https://github.com/o/r/issues/${number}`,
});

beforeEach(async () => {
  api = new FakeGitHub();
  await api.start();
});
afterEach(() => api.stop());

describe('syncIssue', () => {
  it('reopens its closed issue when findings come back, and leaves look-alikes by others alone', async () => {
    api.issues.push(issue(1, 'mallory', 'open', 99), issue(2, 'github-actions[bot]', 'closed'));
    expect(await syncIssue(gh(), request(5, true))).toMatchObject({ kind: 'reopened' });
    expect(api.issues.map((i) => [i.number, i.state, i.body.endsWith('report')])).toEqual([
      [1, 'open', false],
      [2, 'open', true],
    ]);
  });

  it('opens nothing for a clean workspace that never had an issue', async () => {
    expect(await syncIssue(gh(), request(5, false))).toEqual({ kind: 'none-needed', url: undefined });
    expect(api.writes()).toEqual([]);
  });

  it('reports a failure instead of throwing', async () => {
    api.fault({ method: 'POST', status: 410, times: 1 });
    expect(await syncIssue(gh(), request(5, true))).toMatchObject({ kind: 'failed' });
  });
});
