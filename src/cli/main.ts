import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { analyze, eachOf, type Report } from '../analyze.js';
import { meets } from '../findings/index.js';
import { diagramOfReport, renderJson, renderMarkdown, renderSarif, renderText, type Format } from '../render/index.js';
import { isCalendarDate } from '../source/index.js';
import { InputError, readDocumentFrom, type TerraformDocument } from '../terraform/index.js';
import { VERSION } from '../version.js';
import { parseCli, USAGE, UsageError, type CliOptions } from './args.js';
import { leanHeapFor, settleHeap } from './heap.js';
import { readConfig, readSources } from './sources.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs the CLI and returns its exit code. Never throws for anything a user can cause. */
export function main(argv: readonly string[], io: Io): number {
  try {
    const parsed = parseCli(argv);
    if (parsed.kind === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    return run(parsed.options, io);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(`weaklink: ${error.message}\n`);
      return 2;
    }
    // A bug: say so in one line, never with a stack (it could echo plan content).
    io.stderr(`weaklink: internal error (${error instanceof Error ? error.name : 'unknown'}) — please report it with the command you ran\n`);
    return 2;
  }
}

function run(options: CliOptions, io: Io): number {
  const config = readConfig(options.config);
  const sources = options.sourceDir === undefined ? undefined : readSources(options.sourceDir);
  // One plan in memory at a time, collected once its models are built (big plans only: see settleHeap).
  const report = analyze(eachOf(options.files, readInput), { config, sources, today: today(io), afterModels: settleHeap });
  const text = render(report, options, io);
  if (options.output) {
    try {
      writeFileSync(options.output, text);
    } catch (error) {
      throw new InputError(options.output, `cannot write the report (${codeOf(error)})`, 'check that the folder exists and is writable');
    }
  } else {
    io.stdout(text);
  }
  return report.findings.some((f) => f.status !== 'fixed' && !f.suppressed && meets(f.severity, options.failOn)) ? 1 : 0;
}

function render(report: Report, options: CliOptions, io: Io): string {
  const format: Format = options.format;
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      // A plan's findings carry new/unchanged/fixed: show them as the PR comment does; a state is an audit.
      return renderMarkdown(report, { mode: report.findings.some((f) => f.status !== undefined) ? 'pr' : 'audit', diagram: diagramOfReport(report) });
    case 'text':
    default: {
      const color = options.color ?? (!options.output && io.isTty && !io.env.NO_COLOR);
      return renderText(report, { color, sourcesHint: options.sourceDir === undefined });
    }
  }
}

function readInput(file: string): TerraformDocument {
  // Read in pieces from the bytes (never one string of the whole plan); see terraform/pieces.ts.
  return readDocumentFrom(file, () => readBytes(file));
}

function readBytes(file: string): Buffer {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) {
      throw new InputError(file, 'this is a directory, not a file', 'pass the JSON file, e.g. `terraform show -json plan.tfplan > plan.json`');
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = codeOf(error);
    if (code === 'ENOENT') throw new InputError(file, 'no such file', 'check the path; write the plan with `terraform show -json plan.tfplan > plan.json`');
    if (code === 'EACCES') throw new InputError(file, 'permission denied', 'make the file readable');
    if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG') {
      throw new InputError(file, 'the file is larger than Node can read at once (2 GiB)', 'split the plan by workspace');
    }
    throw new InputError(file, `cannot read the file (${code})`, 'check the path and permissions');
  }
  leanHeapFor(bytes.length);
  return bytes;
}

/** The day suppression expiry is judged by; WEAKLINK_TODAY (YYYY-MM-DD) pins it for reproducible runs. */
function today(io: Io): string {
  const pinned = io.env.WEAKLINK_TODAY;
  if (pinned === undefined || pinned === '') return new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(pinned)) throw new UsageError(`WEAKLINK_TODAY=${pinned} is not a date — write it as YYYY-MM-DD`);
  return pinned;
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'unknown error';
}
