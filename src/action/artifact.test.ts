import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finding, HOSTILE, report } from '../../test/action/support/reports.js';
import { FakeGitHub } from '../../test/support/fake-github.js';
import { allowedPrefixes, renderMarkdown } from '../render/markdown.js';
import { ArtifactError, bodyProblem, readArtifact, type CommentArtifact } from './artifact.js';
import type { RunContext } from './context.js';
import { GitHub } from './github.js';
import { formatMarker } from './marker.js';

const SHA = 'b'.repeat(40);
const links = { serverUrl: 'https://github.com', repository: 'o/r', ref: SHA };
const allowed = allowedPrefixes({ links });
const header = formatMarker({ kind: 'comment', workspace: 'prod', runId: 55, runAttempt: 1, sha: SHA, time: '2025-01-01T00:00:00.000Z' });
const body = `${header}\n${renderMarkdown(report([finding(`aws_x.y["${HOSTILE}"]`, 9, { message: HOSTILE, location: { file: 'main.tf', line: 2 } })]), { links, summaryUrl: 'https://github.com/o/r/actions/runs/55', diagram: 'graph LR\n A --> B' })}`;
const good: CommentArtifact = { weaklinkCommentArtifact: 1, repository: 'o/r', pullRequest: 12, headSha: SHA, runId: 55, runAttempt: 1, workspace: 'prod', body };
const ctx = (pullRequests: number[] = [12]): RunContext => ({
  eventName: 'workflow_run',
  repository: 'o/r',
  serverUrl: 'https://github.com',
  apiUrl: 'http://127.0.0.1:9',
  sha: 'c'.repeat(40),
  runId: 56,
  runAttempt: 1,
  pullRequest: undefined,
  workflowRun: { id: 55, headSha: SHA, headRepository: 'mallory/r', pullRequests },
  workspace: '/tmp',
});
const write = (artifact: unknown): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'weaklink-artifact-')), 'comment.json');
  writeFileSync(file, typeof artifact === 'string' ? artifact : JSON.stringify(artifact));
  return file;
};

describe('bodyProblem', () => {
  it('accepts what our renderer writes, hostile plan text and all', () => {
    expect(bodyProblem(body, 'prod', allowed)).toBeUndefined();
  });

  it.each([
    ['raw HTML', `${header}\nhi <img src=x onerror=alert(1)>`, /holds HTML we do not write/],
    ['an HTML comment', `${header}\n<!-- hidden -->`, /holds HTML/],
    ['a mention', `${header}\nhey @octocat`, /mentions someone/],
    ['an image', `${header}\n![x](https://github.com/o/r/x.png)`, /holds an image/],
    ['a foreign link', `${header}\n[x](https://evil.example/)`, /links somewhere we do not/],
    ['a foreign autolink', `${header}\nsee https://evil.example`, /links somewhere we do not/],
    ['a relative link', `${header}\n[x](/settings)`, /links somewhere we do not/],
    ['a www link', `${header}\nwww.evil.example`, /a link we do not write/],
    ['no marker', 'hello', /does not start with our marker/],
    ['another workspace', body.replace('workspace=prod', 'workspace=dev'), /does not start with our marker/],
    ['too long', `${header}\n${'x'.repeat(70_000)}`, /longer than 65536/],
  ])('refuses %s', (_, text, problem) => {
    expect(bodyProblem(text, 'prod', allowed)).toMatch(problem);
  });
});

describe('readArtifact', () => {
  let api: FakeGitHub;
  beforeEach(async () => {
    api = new FakeGitHub();
    await api.start();
  });
  afterEach(() => api.stop());
  const gh = () => new GitHub({ apiUrl: api.url, token: 't', sleep: async () => {} });

  it('accepts an artifact that matches the triggering run', async () => {
    expect(await readArtifact(write(good), ctx(), gh(), allowed)).toEqual(good);
  });

  it('finds the pull request by head commit when the event lists none (forks)', async () => {
    api.pulls.push({ number: 11, head: { sha: 'f'.repeat(40), repo: { full_name: 'mallory/r' } } }, { number: 12, head: { sha: SHA, repo: { full_name: 'mallory/r' } } });
    expect((await readArtifact(write(good), ctx([]), gh(), allowed)).pullRequest).toBe(12);
    await expect(readArtifact(write({ ...good, pullRequest: 11 }), ctx([]), gh(), allowed)).rejects.toThrow(/#11 does not have the head commit/);
  });

  it.each([
    ['another PR', { ...good, pullRequest: 13 }, /#13 does not have the head commit/],
    ['another run', { ...good, runId: 54 }, /comes from run 54/],
    ['another head', { ...good, headSha: 'd'.repeat(40) }, /another head commit/],
    ['another repository', { ...good, repository: 'x/y' }, /another repository/],
    ['no artifact shape', { hello: 1 }, /not a weaklink comment artifact/],
    ['HTML in the body', { ...good, body: `${header}\n<script>x</script>` }, /holds HTML/],
    ['not JSON', 'nope', /is not JSON/],
  ])('refuses %s', async (_, artifact, message) => {
    await expect(readArtifact(write(artifact), ctx(), gh(), allowed)).rejects.toThrow(message);
  });

  it('refuses an artifact too large to be a comment before reading it, and a missing one', async () => {
    await expect(readArtifact(write('x'.repeat(300_000)), ctx(), gh(), allowed)).rejects.toThrow(/more than a comment can be/);
    await expect(readArtifact('/nonexistent/comment.json', ctx(), gh(), allowed)).rejects.toBeInstanceOf(ArtifactError);
    await expect(readArtifact(write(good), { ...ctx(), workflowRun: undefined }, gh(), allowed)).rejects.toThrow(/workflow_run/);
  });
});

describe('bodyProblem and escaped brackets', () => {
  it('tells an escaped bracket from a real one after an escaped backslash', () => {
    expect(bodyProblem(`${header}\nplan said \\[x\\](not a link)`, 'prod', allowed)).toBeUndefined();
    expect(bodyProblem(`${header}\n[x\\\\](/settings)`, 'prod', allowed)).toMatch(/links somewhere we do not/);
  });
});
