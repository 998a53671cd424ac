import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { analyze, eachOf, type Report } from '../analyze.js';
import { leanHeapFor, settleHeap } from '../cli/heap.js';
import { readConfig, readSources } from '../cli/sources.js';
import { diagramOfReport, renderJson, renderSummary } from '../render/index.js';
import { plain } from '../render/text.js';
import { isCalendarDate } from '../source/index.js';
import { InputError, readDocumentFrom, type TerraformDocument } from '../terraform/index.js';
import { ArtifactError } from './artifact.js';
import { auditIssues } from './audit.js';
import { readContext, type RunContext } from './context.js';
import { GitHub } from './github.js';
import { expandPlans } from './glob.js';
import { ActionInputError, readInputs, type ActionOptions } from './inputs.js';
import { postArtifact } from './post.js';
import { commentOnPullRequest } from './pr.js';
import { countFindings, failing, failMessage, pickAnnotations } from './results.js';
import { writeSarif } from './sarif.js';
import type { RunDeps, Toolkit } from './toolkit.js';

/**
 * The whole action: inputs -> options -> read -> analyze -> SARIF, JSON, outputs, annotations, comment or issue,
 * summary -> fail threshold. A user's mistake fails the step with one line; a GitHub API problem is a warning.
 */
export async function runAction(tk: Toolkit, deps: RunDeps): Promise<void> {
  try {
    const options = readInputs(deps.env);
    if (options.token) tk.setSecret(options.token);
    const ctx = readContext(deps.env);
    const gh = options.token ? new GitHub({ apiUrl: ctx.apiUrl, token: options.token, sleep: deps.sleep, onRetry: (m) => tk.info(m) }) : undefined;
    const mode = resolveMode(options, ctx);
    if (mode === 'post-artifact') return await postArtifact(tk, options, ctx, gh, deps);
    await analyzeAndReport(tk, options, ctx, gh, mode, deps);
  } catch (error) {
    if (error instanceof InputError || error instanceof ActionInputError || error instanceof ArtifactError) {
      tk.setFailed(`weaklink: ${plain(error.message)}`);
      return;
    }
    // A bug: one line, never a stack (it could echo plan content).
    tk.setFailed(`weaklink: internal error (${error instanceof Error ? error.name : 'unknown'}) — please report it with the workflow that ran it`);
  }
}

function resolveMode(options: ActionOptions, ctx: RunContext): 'pr' | 'audit' | 'post-artifact' {
  if (options.mode !== 'auto') return options.mode;
  return ctx.pullRequest ? 'pr' : 'audit';
}

async function analyzeAndReport(tk: Toolkit, options: ActionOptions, ctx: RunContext, gh: GitHub | undefined, mode: 'pr' | 'audit', deps: RunDeps): Promise<void> {
  const files = expandPlans(options.plan, deps.cwd);
  if (files.length === 0) throw new ActionInputError(`no file matches \`plan\` (${options.plan.join(', ')}) — write it first: terraform show -json plan.tfplan > plan.json`);
  const config = readConfig(options.config.explicit || existsSync(resolve(deps.cwd, options.config.path)) ? options.config.path : undefined);
  const sources = readSources(options.sourceDir);
  // One plan in memory at a time, collected once its models are built (big plans only: see settleHeap).
  const documents = eachOf(files, (f) => readPlan(f, deps.cwd));
  const report = analyze(documents, { config, sources, today: today(deps), afterModels: settleHeap, ...(deps.rules ? { rules: deps.rules } : {}) });
  tk.info(`weaklink: read ${files.length} input${files.length === 1 ? '' : 's'} (${report.inputs.reduce((n, i) => n + i.resources, 0)} resources), ${report.findings.length} findings`);

  writeOutput('sarif-file', options.sarifFile, () => writeSarif(options.sarifFile, report));
  if (options.jsonFile) writeOutput('json-file', options.jsonFile, () => writeFileSync(options.jsonFile!, renderJson(report)));
  const counts = countFindings(report);
  for (const s of ['critical', 'high', 'medium', 'low', 'info'] as const) tk.setOutput(s, String(counts.bySeverity[s]));
  tk.setOutput('total', String(counts.total));
  tk.setOutput('new', String(counts.new));
  tk.setOutput('fixed', String(counts.fixed));
  tk.setOutput('max-severity', counts.maxSeverity);
  tk.setOutput('sarif-file', options.sarifFile);
  tk.setOutput('json-file', options.jsonFile ?? '');
  annotate(tk, report);

  const notes: string[] = [];
  const label = options.name ?? (files.length === 1 ? files[0] : undefined);
  let commentUrl = '';
  try {
    if (mode === 'pr') commentUrl = (await commentOnPullRequest(tk, options, ctx, gh, report, label, deps, notes)) ?? '';
    else if (options.issue) await auditIssues(tk, options, ctx, gh, report, deps, notes);
  } catch (error) {
    // The comment or issue is extra: its failure never hides the findings nor fails the step.
    tk.warning(`weaklink: could not write to GitHub (${error instanceof Error ? error.message : String(error)}); the findings are in the job summary`);
  }
  tk.setOutput('comment-url', commentUrl);
  const links = ctx.repository ? { serverUrl: ctx.serverUrl, repository: ctx.repository, ref: ctx.pullRequest?.headSha || ctx.sha || 'HEAD' } : undefined;
  await tk.appendSummary(renderSummary(report, { mode, title: label, links, notes, diagram: diagramOfReport(report) }));

  const failed = failing(report, options.failOn, mode);
  if (failed.length > 0) tk.setFailed(failMessage(failed, options.failOn, mode));
}

function annotate(tk: Toolkit, report: Report): void {
  for (const { level, finding } of pickAnnotations(report)) {
    const loc = finding.location!;
    const message = `${plain(finding.message)} Fix: ${plain(finding.remediation)}`;
    tk.annotate(level, message, { title: `weaklink ${finding.severity}: ${plain(finding.title)} (${plain(finding.resources[0] ?? '')})`, file: loc.file, startLine: loc.line });
  }
}

function writeOutput(input: string, path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
    throw new ActionInputError(`cannot write \`${input}\` ${path} (${code}) — check that its folder exists`);
  }
}

function readPlan(file: string, cwd: string): TerraformDocument {
  // Read in pieces from the bytes (never one string of the whole plan); see terraform/pieces.ts.
  return readDocumentFrom(file, () => readBytes(file, cwd));
}

function readBytes(file: string, cwd: string): Buffer {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError(file, 'this is a directory, not a file', 'point `plan` at the JSON file, e.g. plan.json');
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
    if (code === 'ENOENT') throw new InputError(file, 'no such file', 'write it before this step: terraform show -json plan.tfplan > plan.json');
    throw new InputError(file, `cannot read the file (${code})`, 'check the path and permissions');
  }
  leanHeapFor(bytes.length);
  return bytes;
}

function today(deps: RunDeps): string {
  const pinned = deps.env.WEAKLINK_TODAY;
  if (pinned && isCalendarDate(pinned)) return pinned;
  return deps.now().toISOString().slice(0, 10);
}
