/**
 * The action end to end: bundled with ncc, run as the runner runs it, against a fake GitHub API. Findings come
 * from test rules (support/rules.ts) over a real corpus plan, so these tests do not move when the real rules do;
 * one run of the real entry (src/action/main.ts) checks that bundle too.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../support/fake-github.js';
import { corpusFile } from '../support/plans.js';
import { bundle, commands, pullRequestEvent, runBundle, SHA, type RunOptions } from './support/harness.js';

const PLAN = corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json');
const EMPTY_PLAN = corpusFile('checkov/edge-zero-resources-provider-config-tf1.11.4.json');
/** Blocks for the plan's data stores, so findings point at lines. */
const MAIN_TF = ['# test', 'resource "aws_db_instance" "default" {', '}', '', 'resource "aws_neptune_cluster" "default" {', '}', ''].join('\n');

let testBundle: string;
let mainBundle: string;
let api: FakeGitHub;

beforeAll(async () => {
  [testBundle, mainBundle] = await Promise.all([bundle('test/action/support/entry.ts'), bundle('src/action/main.ts')]);
}, 900_000);

beforeEach(async () => {
  api = new FakeGitHub();
  await api.start();
});

afterEach(async () => {
  await api.stop();
});

const pr = (over: Partial<RunOptions> = {}, inputs: Record<string, string> = {}) =>
  runBundle(testBundle, {
    eventName: 'pull_request',
    event: pullRequestEvent(7),
    apiUrl: api.url,
    files: { 'main.tf': MAIN_TF },
    ...over,
    inputs: { plan: PLAN, 'github-token': 'ghs_test', 'fail-on': 'none', ...inputs },
  });

describe('the PR comment', () => {
  it('is created on the first run, edited on the next, left alone when nothing changed', async () => {
    const first = await pr({ runId: 100 });
    expect(first.code).toBe(0);
    expect(api.comments).toHaveLength(1);
    const comment = api.comments[0]!;
    expect(comment.body).toMatch(/^<!-- weaklink:comment workspace=\S+ run=100\.1 sha=a{40} time=\S+ -->\n/);
    expect(comment.body).toContain('6 new weak links (3 critical, 3 medium)');
    expect(comment.body).toContain(`https://github.com/o/r/blob/${SHA}/main.tf#L2`);
    expect(first.outputs['comment-url']).toBe(comment.html_url);

    const second = await pr({ runId: 101, files: { 'main.tf': `\n\n${MAIN_TF}` } });
    expect(second.code).toBe(0);
    expect(api.comments).toHaveLength(1);
    expect(api.writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(api.comments[0]!.body).toContain('run=101.1');
    expect(api.comments[0]!.body).toContain('main.tf#L4');

    const third = await pr({ runId: 102, files: { 'main.tf': `\n\n${MAIN_TF}` } });
    expect(third.code).toBe(0);
    expect(api.writes()).toHaveLength(2);
    expect(third.stdout).toContain('left as it was');
  }, 60_000);

  it('is never written over by an older run', async () => {
    await pr({ runId: 200, files: { 'main.tf': `\n${MAIN_TF}` } });
    const older = await pr({ runId: 150 });
    expect(older.code).toBe(0);
    expect(api.writes()).toHaveLength(1);
    expect(api.comments[0]!.body).toContain('run=200.1');
    expect(older.stdout).toContain('a later run already wrote it');
  }, 60_000);

  it('leaves a comment with our marker by another account alone', async () => {
    const forged = api.addComment(7, '<!-- weaklink:comment workspace=x run=999.1 sha= time= -->\nhi', 'mallory');
    const first = await pr();
    const sameKey = api.comments.find((c) => c.user.login === 'github-actions[bot]')!;
    const foreign = api.addComment(7, sameKey.body.replace('run=100.1', 'run=99999.1'), 'mallory');
    const second = await pr({ runId: 101, files: { 'main.tf': `\n${MAIN_TF}` } });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([`/repos/o/r/issues/comments/${sameKey.id}`]);
    expect(forged.body).toContain('hi');
    expect(foreign.body).toContain('run=99999.1');
  }, 60_000);

  it('finds its comment on page 3 of 250', async () => {
    for (let i = 0; i < 230; i++) api.addComment(7, `comment ${i}`, i % 2 ? 'alice' : 'github-actions[bot]');
    const ours = api.addComment(7, '<!-- weaklink:comment workspace=x run=1.1 sha= time= -->\nold', 'github-actions[bot]');
    for (let i = 0; i < 19; i++) api.addComment(7, `later ${i}`, 'bob');
    const run = await pr({}, { name: 'x' });
    expect(run.code).toBe(0);
    expect(api.requests.filter((r) => r.path.endsWith('/issues/7/comments') && r.method === 'GET').map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2', '3']);
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /repos/o/r/issues/comments/${ours.id}`]);
    expect(ours.body).toContain('weaklink · x');
  }, 60_000);

  it('is created anew when deleted between listing and editing (404)', async () => {
    api.addComment(7, '<!-- weaklink:comment workspace=x run=1.1 sha= time= -->\nold', 'github-actions[bot]');
    api.fault({ method: 'PATCH', path: /\/issues\/comments\//, status: 404, body: { message: 'Not Found' }, times: 1 });
    const run = await pr({}, { name: 'x' });
    expect(run.code).toBe(0);
    expect(api.writes().map((r) => r.method)).toEqual(['PATCH', 'POST']);
    expect(run.outputs['comment-url']).toBe(api.comments.at(-1)!.html_url);
  }, 60_000);

  it('is cut further and retried when GitHub finds it too long (422)', async () => {
    const tight = new FakeGitHub({ maxBody: 1500 });
    await tight.start();
    try {
      const run = await pr({ apiUrl: tight.url });
      expect(run.code).toBe(0);
      const posts = tight.requests.filter((r) => r.method === 'POST');
      expect(posts.length).toBeGreaterThan(1);
      expect(tight.comments).toHaveLength(1);
      expect(tight.comments[0]!.body.length).toBeLessThanOrEqual(1500);
      expect(tight.comments[0]!.body).toMatch(/more lower-ranked findings?: see the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/100\)/);
      expect(run.summary).toContain('aws_db_instance.default');
    } finally {
      await tight.stop();
    }
  }, 60_000);
});

describe('API weather', () => {
  it('retries 5xx and secondary rate limits, then writes the comment', async () => {
    api.fault({ method: 'POST', status: 502, times: 2 });
    api.fault({ method: 'GET', path: /comments$/, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit' }, times: 1 });
    const run = await pr();
    expect(run.code).toBe(0);
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    expect(api.comments).toHaveLength(1);
    expect(run.stdout).toMatch(/answered 502.*retrying/);
    expect(run.stdout).toMatch(/secondary rate limit.*retrying/);
  }, 60_000);

  it('gives up after bounded retries with a warning, and the summary still has every finding', async () => {
    api.fault({ method: 'POST', status: 503, times: 100 });
    const run = await pr();
    expect(run.code).toBe(0);
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(5);
    expect(commands(run.stdout, 'warning').join('\n')).toMatch(/PR comment could not be written/);
    expect(run.summary).toContain('aws_neptune_cluster.default');
  }, 60_000);

  it('degrades a read-only token (403) to a warning and goes on', async () => {
    const readOnly = new FakeGitHub({ readOnly: true, userForbidden: true });
    await readOnly.start();
    try {
      const run = await pr({ apiUrl: readOnly.url }, { 'fail-on': 'high' });
      expect(commands(run.stdout, 'warning').join('\n')).toMatch(/may not comment on this pull request/);
      expect(run.summary).toContain('could not be written');
      expect(run.outputs.critical).toBe('3');
      expect(existsSync(`${run.workspace}/weaklink.sarif`)).toBe(true);
      // The threshold still applies: the comment's failure is not what fails the step.
      expect(run.code).toBe(1);
    } finally {
      await readOnly.stop();
    }
  }, 60_000);

  it('does not try to comment on a pull request from a fork', async () => {
    const run = await pr({ event: pullRequestEvent(7, { fork: true }) });
    expect(run.code).toBe(0);
    expect(api.writes()).toEqual([]);
    expect(commands(run.stdout, 'warning').join('\n')).toMatch(/comes from a fork/);
  }, 60_000);
});

describe('outputs, summary, annotations, fail-on', () => {
  it('writes every output, the summary, SARIF and JSON, and annotations at the .tf lines', async () => {
    const run = await pr({}, { 'json-file': 'report.json' });
    expect(run.outputs).toMatchObject({ critical: '3', high: '0', medium: '3', low: '0', info: '0', total: '6', new: '6', fixed: '0', 'max-severity': 'critical', 'sarif-file': 'weaklink.sarif', 'json-file': 'report.json' });
    expect(run.summary).toMatch(/^## weaklink · .*: 6 new weak links \(3 critical, 3 medium\)/);
    const json = JSON.parse(readFileSync(`${run.workspace}/report.json`, 'utf8')) as { findings: unknown[] };
    expect(json.findings).toHaveLength(6);
    const sarif = JSON.parse(readFileSync(`${run.workspace}/weaklink.sarif`, 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(6);
    const errors = commands(run.stdout, 'error');
    // The located findings (main.tf declares two of the data stores) are annotated at their lines, as plain text.
    expect(errors.filter((l) => l.includes('file='))).toEqual([
      '::error title=weaklink critical%3A Test data store (aws_db_instance.default),file=main.tf,line=2::aws_db_instance.default <img src=x onerror=alert(1)> @octocat | --> is a data store. Fix: Nothing to do.',
      '::error title=weaklink critical%3A Test data store (aws_neptune_cluster.default),file=main.tf,line=5::aws_neptune_cluster.default <img src=x onerror=alert(1)> @octocat | --> is a data store. Fix: Nothing to do.',
    ]);
  }, 60_000);

  it('fails the step at the threshold, counting only new findings in a PR', async () => {
    const run = await pr({}, { 'fail-on': 'high' });
    expect(run.code).toBe(1);
    expect(commands(run.stdout, 'error').at(-1)).toBe('::error::weaklink: 3 new weak links at or above fail-on: high (3 critical) — see the job summary');
    const medium = await pr({ runId: 101 }, { 'fail-on': 'critical' });
    expect(medium.code).toBe(1);
    const none = await pr({ runId: 102 }, { 'fail-on': 'none' });
    expect(none.code).toBe(0);
  }, 60_000);

  it('posts no comment on workflow_dispatch and reports the audit in the summary', async () => {
    const run = await pr({ eventName: 'workflow_dispatch', event: { inputs: {} } }, { 'fail-on': 'high' });
    expect(run.code).toBe(1);
    expect(api.writes()).toEqual([]);
    expect(run.summary).toMatch(/^## weaklink · .*: 6 weak links \(3 critical, 3 medium\)/);
    expect(run.outputs['comment-url']).toBe('');
  }, 60_000);
});

describe('the fork-safe pattern: pull_request saves the comment, workflow_run posts it', () => {
  const workflowRun = (id: number) => ({
    action: 'completed',
    workflow_run: { id, head_sha: SHA, head_repository: { full_name: 'mallory/r' }, pull_requests: [], event: 'pull_request' },
  });

  it('saves the comment from a fork PR and posts it from workflow_run after checking it', async () => {
    const saved = await pr({ event: pullRequestEvent(7, { fork: true }), runId: 300 }, { 'comment-artifact': 'weaklink-comment.json', name: 'prod' });
    expect(saved.code).toBe(0);
    expect(api.writes()).toEqual([]);
    const artifact = `${saved.workspace}/weaklink-comment.json`;
    api.pulls.push({ number: 7, head: { sha: SHA, repo: { full_name: 'mallory/r' } } });
    const posted = await runBundle(testBundle, { eventName: 'workflow_run', event: workflowRun(300), apiUrl: api.url, runId: 301, inputs: { mode: 'post-artifact', 'comment-artifact': artifact, 'github-token': 't' } });
    expect(posted.code).toBe(0);
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body).toMatch(/^<!-- weaklink:comment workspace=prod run=300\.1 sha=a{40} /);
    expect(api.comments[0]!.body).toContain('6 new weak links');
    expect(posted.outputs['comment-url']).toBe(api.comments[0]!.html_url);
  }, 60_000);

  it('refuses a tampered artifact with one line and posts nothing', async () => {
    const saved = await pr({ event: pullRequestEvent(7, { fork: true }), runId: 300 }, { 'comment-artifact': 'c.json', name: 'prod' });
    const file = `${saved.workspace}/c.json`;
    const artifact = JSON.parse(readFileSync(file, 'utf8')) as { body: string };
    writeFileSync(file, JSON.stringify({ ...artifact, body: `${artifact.body}\n<img src=https://evil.example/p.png> @everyone` }));
    api.pulls.push({ number: 7, head: { sha: SHA, repo: { full_name: 'mallory/r' } } });
    const posted = await runBundle(testBundle, { eventName: 'workflow_run', event: workflowRun(300), apiUrl: api.url, inputs: { mode: 'post-artifact', 'comment-artifact': file, 'github-token': 't' } });
    expect(posted.code).toBe(1);
    expect(commands(posted.stdout, 'error')).toEqual(['::error::weaklink: the comment in the artifact holds HTML we do not write ("<img src=https://evil.example/p.png>")']);
    expect(api.writes()).toEqual([]);
  }, 60_000);
});

describe('audit tracking issues', () => {
  it('opens one issue per workspace, edits it after, and closes it when clean', async () => {
    const audit = (plan: string, runId: number) =>
      runBundle(testBundle, { eventName: 'schedule', event: { schedule: '0 6 * * 1' }, apiUrl: api.url, runId, inputs: { plan, name: 'prod', issue: 'true', 'fail-on': 'none', 'github-token': 't' } });
    expect((await audit(PLAN, 400)).code).toBe(0);
    expect(api.issues).toHaveLength(1);
    expect(api.issues[0]).toMatchObject({ state: 'open', title: 'weaklink: 6 weak links in prod', labels: [{ name: 'weaklink' }] });
    expect(api.issues[0]!.body).toMatch(/^<!-- weaklink:issue workspace=prod run=400\.1 /);
    expect((await audit(PLAN, 401)).code).toBe(0);
    expect(api.writes().map((r) => r.method)).toEqual(['POST']);
    const clean = await audit(EMPTY_PLAN, 402);
    expect(clean.code).toBe(0);
    expect(api.issues).toHaveLength(1);
    expect(api.issues[0]).toMatchObject({ state: 'closed', title: 'weaklink: 0 weak links in prod' });
    expect(clean.summary).toContain('tracking issue');
  }, 60_000);
});

describe('bad inputs', () => {
  it('fails with one line when no plan matches', async () => {
    const run = await pr({}, { plan: 'plans/**/*.json' });
    expect(run.code).toBe(1);
    expect(commands(run.stdout, 'error')).toEqual(['::error::weaklink: no file matches `plan` (plans/**/*.json) — write it first: terraform show -json plan.tfplan > plan.json']);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('fails with one line on a file that is no plan', async () => {
    const run = await pr({ files: { 'plan.txt': 'Terraform will perform the following actions:\n' } }, { plan: 'plan.txt' });
    expect(run.code).toBe(1);
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::weaklink: plan\.txt: /);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('fails with one line when an output file cannot be written', async () => {
    const run = await pr({}, { 'sarif-file': 'no/such/folder/weaklink.sarif' });
    expect(commands(run.stdout, 'error')).toEqual(['::error::weaklink: cannot write `sarif-file` no/such/folder/weaklink.sarif (ENOENT) — check that its folder exists']);
  }, 60_000);

  it('fails with one line on an unknown input value', async () => {
    const run = await pr({}, { 'fail-on': 'severe' });
    expect(commands(run.stdout, 'error')).toEqual(['::error::weaklink: input `fail-on` is "severe": use one of critical, high, medium, low, info, none']);
  }, 60_000);
});

describe('secrets (canary)', () => {
  it('never reach the comment, the summary, the annotations, the logs, the outputs or the files', async () => {
    // An old plan that holds a database password in clear text without marking it sensitive, and a newer one that
    // marks its secrets: neither value may leave the run.
    const canaries = ['Aa1234321Bb'];
    const sensitive = corpusFile('snyk-policy-engine/aws-db-instance-sensitive-values-tf1.2.2.json');
    const secretValues = JSON.stringify(JSON.parse(readFileSync(sensitive, 'utf8')).planned_values);
    for (const m of secretValues.matchAll(/"password":"([^"]+)"/g)) canaries.push(m[1]!);
    const run = await runBundle(mainBundle, {
      eventName: 'pull_request',
      event: pullRequestEvent(7),
      apiUrl: api.url,
      files: { 'main.tf': MAIN_TF },
      inputs: { plan: `${PLAN}\n${sensitive}`, 'github-token': 'ghs_test', 'fail-on': 'none', 'json-file': 'weaklink.json' },
    });
    expect(run.code).toBe(0);
    const files = ['weaklink.sarif', 'weaklink.json'].map((f) => readFileSync(`${run.workspace}/${f}`, 'utf8'));
    const everything = [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs), ...api.comments.map((c) => c.body), ...files].join('\n');
    expect(api.comments.length).toBeGreaterThan(0);
    for (const canary of canaries) expect(everything).not.toContain(canary);
  }, 60_000);
});

describe('the real entry (src/action/main.ts)', () => {
  it('runs an audit with only `plan` set and writes its outputs and summary', async () => {
    const demo = new URL('../../fixtures/demo/plan.json', import.meta.url).pathname;
    const run = await runBundle(mainBundle, {
      eventName: 'workflow_dispatch',
      event: {},
      apiUrl: api.url,
      inputs: { plan: existsSync(demo) ? demo : PLAN, 'fail-on': 'none' },
    });
    expect(run.code).toBe(0);
    expect(run.summary).toMatch(/^## weaklink/);
    expect(Object.keys(run.outputs).sort()).toEqual(['comment-url', 'critical', 'fixed', 'high', 'info', 'json-file', 'low', 'max-severity', 'medium', 'new', 'sarif-file', 'total'].sort());
    expect(api.requests).toEqual([]);
  }, 60_000);
});

