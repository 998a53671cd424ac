import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../test/support/fake-github.js';
import { ACTIONS_BOT, upsertComment, whoAmI, type CommentRequest } from './comment.js';
import { GitHub } from './github.js';
import type { Marker } from './marker.js';

let api: FakeGitHub;
const gh = () => new GitHub({ apiUrl: api.url, token: 't', sleep: async () => {} });
const marker = (runId: number): Marker => ({ kind: 'comment', workspace: 'w', runId, runAttempt: 1, sha: 'abc', time: '2025-01-01T00:00:00.000Z' });
const request = (runId: number, text = 'findings', over: Partial<CommentRequest> = {}): CommentRequest => ({
  target: { owner: 'o', repo: 'r', number: 3 },
  marker: marker(runId),
  mode: 'update',
  render: () => text,
  maxLength: 65_536,
  ...over,
});

afterEach(() => api.stop());

describe('whoAmI', () => {
  it('asks GET /user, and takes the Actions bot when an installation token may not', async () => {
    api = new FakeGitHub({ login: 'ci-user' });
    await api.start();
    expect(await whoAmI(gh())).toBe('ci-user');
    await api.stop();
    api = new FakeGitHub({ userForbidden: true });
    await api.start();
    expect(await whoAmI(gh())).toBe(ACTIONS_BOT);
  });
});

describe('upsertComment', () => {
  beforeEach(async () => {
    api = new FakeGitHub({ login: 'ci-user' });
    await api.start();
  });

  it('edits only comments the token itself wrote, as a personal token', async () => {
    const mine = api.addComment(3, '<!-- weaklink:comment workspace=w run=1.1 sha= time= -->\nold', 'ci-user');
    const bots = api.addComment(3, '<!-- weaklink:comment workspace=w run=2.1 sha= time= -->\nold', ACTIONS_BOT);
    expect(await upsertComment(gh(), request(5))).toMatchObject({ kind: 'updated' });
    expect(mine.body).toContain('findings');
    expect(bots.body).toContain('old');
  });

  it('writes a new comment each run in `new` mode', async () => {
    await upsertComment(gh(), request(5, 'a', { mode: 'new' }));
    await upsertComment(gh(), request(6, 'a', { mode: 'new' }));
    expect(api.comments).toHaveLength(2);
  });

  it('reports a refused write as forbidden, and any other failure as failed, without throwing', async () => {
    api.fault({ method: 'POST', status: 403, body: { message: 'Resource not accessible by integration' }, times: 1 });
    expect(await upsertComment(gh(), request(5))).toMatchObject({ kind: 'forbidden' });
    api.fault({ method: 'POST', status: 422, body: { message: 'Validation Failed' }, times: 10 });
    expect(await upsertComment(gh(), request(5, 'x'.repeat(5000)))).toMatchObject({ kind: 'failed' });
  });
});
