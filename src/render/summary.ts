import type { Report } from '../analyze.js';
import { compareFindings, SEVERITIES, type Finding } from '../findings/index.js';
import { escapeCode, escapeMarkdown, fencedBlock } from './escape.js';
import { allowedPrefixes, findingItem, fitSections, groupFindings, renderSection, verdict, type Section, type SourceLinks } from './markdown.js';

/** GitHub drops a step's job summary whole when it is over 1 MiB; we stay this far under it. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;

export interface SummaryOptions {
  readonly mode?: 'pr' | 'audit';
  readonly title?: string;
  readonly links?: SourceLinks;
  /** A line to say what happened to the PR comment or the tracking issue (written by the action, not the plan). */
  readonly notes?: readonly string[];
  /** The most UTF-8 bytes the result may have. */
  readonly maxBytes?: number;
  /** Mermaid source of the dependency diagram (render/diagram.ts), shown after the counts when it fits. */
  readonly diagram?: string;
}

/**
 * The job summary: the full report (every finding with its path and the resources involved, the suppressed ones
 * with their reasons, the inputs read and the types not modelled), within GitHub's 1 MiB; past it, the
 * lowest-ranked findings are cut and the cut is counted (the SARIF and JSON files hold them all).
 */
export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const mode = options.mode ?? 'pr';
  const maxBytes = options.maxBytes ?? SUMMARY_LIMIT_BYTES;
  const multi = report.inputs.length > 1;
  const groups = groupFindings(report.findings, mode);
  const allowed = allowedPrefixes(options);
  const head = [
    `## weaklink${options.title ? ` · ${escapeMarkdown(options.title)}` : ''}: ${verdict(groups, mode)}`,
    '',
    ...(options.notes ?? []).flatMap((n) => [`> ${n}`, '']),
    severityTable(report),
    '',
    inputsTable(report),
    '',
    ...(options.diagram && Buffer.byteLength(options.diagram, 'utf8') < maxBytes / 4
      ? ['<details><summary>Dependency diagram (weak links in red)</summary>', '', fencedBlock('mermaid', options.diagram), '', '</details>', '']
      : []),
  ].join('\n');
  const suppressed = report.findings.filter((f) => f.suppressed).sort(compareFindings);
  const sections: Section[] = [
    { title: mode === 'pr' ? 'New weak links' : 'Weak links', items: groups.new, folded: false },
    { title: 'Weak links (no baseline to compare with)', items: groups.open, folded: false },
    { title: 'Unchanged weak links (already there before this change)', items: groups.unchanged, folded: false },
    { title: 'Fixed by this change', items: groups.fixed, folded: false },
    { title: 'Suppressed', items: suppressed, folded: true },
  ];
  const bytes = (t: string): number => Buffer.byteLength(t, 'utf8');
  const reserve = 600;
  const budget = maxBytes - bytes(head) - reserve - sections.length * 200;
  const fit = fitSections(sections, budget, (f) => fullItem(f, multi, options.links, allowed), bytes);
  const out = [head];
  for (const s of fit.sections) out.push(...renderSection(s));
  if (fit.cut > 0) {
    out.push(`*${fit.cut} lower-ranked finding${fit.cut === 1 ? ' was' : 's were'} cut to keep this summary under GitHub's 1 MiB; the SARIF and JSON files hold every finding.*`, '');
  }
  const text = `${out.join('\n')}\n`;
  if (bytes(text) <= maxBytes) return text;
  return `${Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes - 8)).toString('utf8').replace(/\uFFFD+$/, '')}\n…\n`;
}

function fullItem(f: Finding, multi: boolean, links: SourceLinks | undefined, allowed: readonly string[]): string {
  const base = findingItem(f, { multi, links, allowed });
  const extra: string[] = [];
  if (f.resources.length > 1) extra.push(`  **Also involved:** ${f.resources.slice(1).map((r) => escapeCode(r)).join(', ')}`);
  if (f.suppressed) {
    const until = f.suppressed.expires ? ` until ${escapeMarkdown(f.suppressed.expires)}` : '';
    extra.push(`  **Suppressed** (${f.suppressed.kind})${until}: ${escapeMarkdown(f.suppressed.reason)}`);
  }
  extra.push(`  Rule ${escapeCode(f.rule)}, score ${f.score.toFixed(1)}`);
  return `${base}\\\n${extra.join('\\\n')}`;
}

function severityTable(report: Report): string {
  return [
    `| ${SEVERITIES.join(' | ')} |`,
    `| ${SEVERITIES.map(() => '---:').join(' | ')} |`,
    `| ${SEVERITIES.map((s) => report.summary[s]).join(' | ')} |`,
  ].join('\n');
}

function inputsTable(report: Report): string {
  const rows = report.inputs.map((i) => {
    const unmodelled = Object.entries(i.unmodelled);
    const types = unmodelled.length === 0 ? '—' : `${unmodelled.length} (${unmodelled.slice(0, 8).map(([t, n]) => `${escapeMarkdown(t)} ×${n}`).join(', ')}${unmodelled.length > 8 ? ', …' : ''})`;
    return `| ${escapeMarkdown(i.file)} | ${i.kind} | ${escapeMarkdown(i.terraformVersion ?? '?')} | ${i.resources} | ${types} |`;
  });
  return ['| Input | Kind | Terraform | Resources | Types not modelled |', '| --- | --- | --- | ---: | --- |', ...rows].join('\n');
}
