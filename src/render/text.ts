import type { Report } from '../analyze.js';
import { SEVERITIES, type Finding, type Severity } from '../findings/index.js';

export interface TextOptions {
  readonly color: boolean;
  /** No sources were given: say how to point findings at their lines when none has one. */
  readonly sourcesHint?: boolean;
}

const COLORS: Record<Severity, string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';

/**
 * Strips terminal control characters from plan-borne text so a plan cannot drive the reader's terminal, and turns
 * line breaks and tabs into spaces so it cannot start a line of its own (a forged `CRITICAL` finding) either: every
 * place this text goes is one line.
 */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\t\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The terminal report: findings ranked, each with why, how to fix, and where. */
export function renderText(report: Report, options: TextOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const open = report.findings.filter((f) => f.status !== 'fixed' && !f.suppressed);
  const fixed = report.findings.filter((f) => f.status === 'fixed');
  const suppressed = report.findings.filter((f) => f.suppressed && f.status !== 'fixed');
  const resources = report.inputs.reduce((n, i) => n + i.resources, 0);
  lines.push(
    paint(BOLD, `weaklink ${report.tool.version}`) +
      ` — ${report.inputs.length} input${report.inputs.length === 1 ? '' : 's'}, ${resources} resource${resources === 1 ? '' : 's'}`,
  );
  lines.push('');
  if (open.length === 0) lines.push('No weak links found.');
  for (const f of open) lines.push(...findingLines(f, paint, report.inputs.length > 1), '');
  if (fixed.length > 0) {
    lines.push(paint(BOLD, `Fixed by this change (${fixed.length}):`));
    for (const f of fixed) lines.push(`  ✓ ${plain(f.title)}: ${plain(f.resources[0] ?? '')}`);
    lines.push('');
  }
  if (options.sourcesHint && open.length > 0 && open.every((f) => f.location === null)) {
    lines.push(paint(DIM, 'Pass --source-dir with the folder of the .tf files to point each finding at the line that declares it.'));
    lines.push('');
  }
  if (suppressed.length > 0) {
    lines.push(paint(DIM, `${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'} not shown.`));
    lines.push('');
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function findingLines(f: Finding, paint: (code: string, text: string) => string, multi: boolean): string[] {
  const badge = paint(COLORS[f.severity], `${f.severity.toUpperCase().padEnd(8)} ${f.score.toFixed(1)}`);
  const status = f.status !== 'new' ? '' : paint(BOLD, f.was ? ` [worse: was ${f.was}]` : ' [new]');
  const out = [`${badge}  ${paint(BOLD, plain(f.title))}  ${plain(f.resources[0] ?? '')}${status}  ${paint(DIM, f.rule)}`];
  out.push(`  ${plain(f.message)}`);
  if (f.path && f.path.length > 1) out.push(`  ${paint(DIM, 'path:')} ${f.path.map(plain).join(' -> ')}`);
  out.push(`  ${paint(DIM, 'fix:')}  ${plain(f.remediation)}`);
  const where = f.location ? `${plain(f.location.file)}:${f.location.line}` : undefined;
  if (where || multi) out.push(`  ${paint(DIM, 'at:')}   ${[where, multi ? `(${plain(f.input)})` : undefined].filter(Boolean).join(' ')}`);
  return out;
}

export function summaryLine(report: Report): string {
  const parts = SEVERITIES.filter((s) => report.summary[s] > 0).map((s) => `${report.summary[s]} ${s}`);
  return parts.length > 0 ? `Summary: ${parts.join(', ')}` : 'Summary: no open findings';
}
