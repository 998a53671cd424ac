/**
 * Runs a bundled action the way the runner does: `node index.js` with INPUT_* variables, the event file, and the
 * output and summary files, then reads back what it wrote.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** Bundles `entry` with ncc into a fresh temporary folder (never dist/) and returns the bundle's path. */
export async function bundle(entry: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'weaklink-bundle-'));
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', join(ROOT, entry), '-o', out, '--quiet', '--target', 'es2022'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const file = join(out, 'index.js');
  if (!existsSync(file)) throw new Error(`ncc wrote no index.js for ${entry}`);
  return file;
}

export interface RunOptions {
  readonly inputs: Record<string, string>;
  readonly eventName: string;
  readonly event: unknown;
  readonly apiUrl?: string;
  readonly runId?: number;
  readonly runAttempt?: number;
  /** Files to write into the workspace first (path -> text). */
  readonly files?: Record<string, string>;
  readonly workspace?: string;
  readonly env?: Record<string, string>;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly workspace: string;
}

export const SHA = 'a'.repeat(40);

export async function runBundle(file: string, options: RunOptions): Promise<RunResult> {
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'weaklink-ws-'));
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const runner = mkdtempSync(join(tmpdir(), 'weaklink-runner-'));
  const eventPath = join(runner, 'event.json');
  const outputPath = join(runner, 'output');
  const summaryPath = join(runner, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.event));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_SHA: SHA,
    GITHUB_RUN_ID: String(options.runId ?? 100),
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    WEAKLINK_TODAY: '2025-01-01',
    ...options.env,
  };
  // The runner passes every input, its default filled in from action.yml; tests pass only what they set.
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [file], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8'), workspace };
}

/** The GITHUB_OUTPUT file: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

export function pullRequestEvent(number: number, over: { fork?: boolean; headSha?: string } = {}): unknown {
  const head = over.fork ? 'mallory/r' : 'o/r';
  return {
    action: 'synchronize',
    number,
    pull_request: { number, head: { sha: over.headSha ?? SHA, repo: { full_name: head, fork: over.fork ?? false } }, base: { repo: { full_name: 'o/r' } } },
    repository: { full_name: 'o/r' },
  };
}

/** The GitHub annotations (workflow commands) a run printed, by level. */
export function commands(stdout: string, level: 'error' | 'warning' | 'notice'): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`::${level}`));
}
