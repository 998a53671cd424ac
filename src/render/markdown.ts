import type { Report } from '../analyze.js';
import { compareFindings, SEVERITIES, type Finding, type Severity } from '../findings/index.js';
import { escapeCode, escapeMarkdown, escapeProse, fencedBlock, link, urlPath } from './escape.js';
import { REPOSITORY_URL } from './sarif.js';

/** GitHub refuses an issue or PR comment body longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/** Where findings link to: the declaring line at `ref` (the PR head) in `repository` on `serverUrl`. */
export interface SourceLinks {
  readonly serverUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  /** A commit sha (the PR head), so the line stays right after later pushes. */
  readonly ref: string;
}

export interface MarkdownOptions {
  /** `pr`: new findings first, then fixed, unchanged folded away; `audit`: every open finding by rank. */
  readonly mode?: 'pr' | 'audit';
  /** A label for the title (the workspace name). */
  readonly title?: string;
  readonly links?: SourceLinks;
  /** The full report (this run's job summary), named in the note on findings that did not fit. */
  readonly summaryUrl?: string;
  /** Mermaid source of the dependency diagram, built elsewhere; rendered in a `mermaid` block when it fits. */
  readonly diagram?: string;
  /** Verbatim first line (the action's hidden marker), counted in the limit. */
  readonly header?: string;
  /** The most UTF-16 code units the result may have (at or below GitHub's count of characters). */
  readonly maxLength?: number;
}

const ICONS: Readonly<Record<Severity, string>> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };

/**
 * The PR comment (or a tracking issue's body): a one-line verdict, then findings ranked with the new ones first,
 * each with why, how to fix and a link to its line; fixed ones; unchanged ones folded away. Whatever the report,
 * the result stays within `maxLength`: the lowest-ranked findings are cut first and the cut is counted.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const mode = options.mode ?? 'pr';
  const maxLength = options.maxLength ?? COMMENT_LIMIT;
  const groups = groupFindings(report.findings, mode);
  const multi = report.inputs.length > 1;
  const allowed = allowedPrefixes(options);
  const head = [
    ...(options.header ? [options.header] : []),
    `### weaklink${options.title ? ` · ${escapeMarkdown(options.title)}` : ''}: ${verdict(groups, mode)}`,
    '',
    ...(multi ? [workspaceTable(report), ''] : []),
  ].join('\n');
  const suppressed = report.findings.filter((f) => f.suppressed).length;
  const foot = footer(report);
  const reserve = 400 + (options.summaryUrl?.length ?? 0);
  const sections: Section[] = [
    { title: mode === 'pr' ? 'New weak links' : 'Weak links', items: groups.new, folded: false },
    { title: mode === 'pr' ? 'Weak links (no baseline to compare with)' : '', items: mode === 'pr' ? groups.open : [], folded: false },
    { title: 'Fixed by this change', items: groups.fixed, folded: false, short: true },
    { title: 'Unchanged weak links, there before this change', items: groups.unchanged, folded: true },
  ];
  const budget = maxLength - head.length - foot.length - reserve - sections.length * 160;
  const fit = fitSections(sections, budget, (f, short) => (short ? fixedItem(f, multi) : findingItem(f, { multi, links: options.links, allowed })));
  const body: string[] = [head];
  for (const s of fit.sections) body.push(...renderSection(s));
  const room = maxLength - body.join('\n').length - foot.length - reserve;
  if (options.diagram) {
    // The diagram ranks below every finding: it goes in only when all that was kept leaves room for it.
    const block = ['<details><summary>Dependency diagram</summary>', '', fencedBlock('mermaid', options.diagram), '', '</details>', ''].join('\n');
    body.push(...(block.length <= room ? [block] : ['*The dependency diagram is too large for a comment.*', '']));
  }
  const notes: string[] = [];
  if (fit.cut > 0) {
    const where = options.summaryUrl ? link('job summary', options.summaryUrl, allowed) : 'job summary';
    notes.push(`… and ${fit.cut} more lower-ranked finding${fit.cut === 1 ? '' : 's'}: see the ${where}.`);
  }
  if (suppressed > 0) notes.push(`${suppressed} suppressed finding${suppressed === 1 ? '' : 's'} not shown.`);
  if (notes.length > 0) body.push(notes.join(' '), '');
  body.push(foot);
  const text = body.join('\n');
  // The reserve covers the notes; a pathological title or header could still overflow, and GitHub would refuse it.
  return text.length <= maxLength ? text : `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}

/** Findings by what the change did to them, each group in rank order; suppressed ones are only counted. */
export interface Groups {
  readonly new: Finding[];
  /** Open findings with no before/after status (a state, or audit mode). */
  readonly open: Finding[];
  readonly fixed: Finding[];
  readonly unchanged: Finding[];
}

export function groupFindings(findings: readonly Finding[], mode: 'pr' | 'audit'): Groups {
  const groups: Groups = { new: [], open: [], fixed: [], unchanged: [] };
  for (const f of [...findings].sort(compareFindings)) {
    if (f.suppressed) continue;
    if (f.status === 'fixed') groups.fixed.push(f);
    else if (mode === 'audit') groups.new.push(f);
    else if (f.status === 'new') groups.new.push(f);
    else if (f.status === 'unchanged') groups.unchanged.push(f);
    else groups.open.push(f);
  }
  return groups;
}

/** "2 new weak links (1 critical, 1 high), 1 fixed" in a PR; "5 weak links (…)" in an audit. */
export function verdict(groups: Groups, mode: 'pr' | 'audit'): string {
  const bySeverity = (list: readonly Finding[]): string => {
    const counts = SEVERITIES.map((s) => [s, list.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
    return counts.length > 0 ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : '';
  };
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (mode === 'audit') return groups.new.length === 0 ? 'no weak links found' : `${plural(groups.new.length, 'weak link')}${bySeverity(groups.new)}`;
  // Weak links the change made worse are judged with the new ones, and named apart.
  const fresh = groups.new.filter((f) => !f.was);
  const worse = groups.new.filter((f) => f.was);
  const parts = [fresh.length === 0 ? 'no new weak links' : `${plural(fresh.length, 'new weak link')}${bySeverity(fresh)}`];
  if (worse.length > 0) parts.push(`${worse.length} made worse${bySeverity(worse)}`);
  if (groups.open.length > 0) parts.push(`${plural(groups.open.length, 'weak link')} without a baseline${bySeverity(groups.open)}`);
  if (groups.fixed.length > 0) parts.push(`${groups.fixed.length} fixed`);
  if (groups.unchanged.length > 0) parts.push(`${groups.unchanged.length} unchanged`);
  return parts.join(', ');
}

interface ItemContext {
  readonly multi: boolean;
  readonly links: SourceLinks | undefined;
  readonly allowed: readonly string[];
}

/** One finding as a list item: severity, title, resource, line link; then why and how to fix. */
export function findingItem(f: Finding, ctx: ItemContext): string {
  const where = locationLink(f, ctx);
  const first = [
    `- ${ICONS[f.severity]} **${f.severity}**${f.was ? ` (was ${f.was})` : ''} ${escapeMarkdown(f.title)} — ${escapeCode(f.resources[0] ?? '')}`,
    ...(where ? [where] : []),
    ...(ctx.multi ? [`in ${escapeMarkdown(f.input)}`] : []),
  ].join(' · ');
  const path = f.path && f.path.length > 1 ? ` Path: ${f.path.map((p) => escapeCode(p)).join(' → ')}.` : '';
  return [`${first}\\`, `  **Why:** ${escapeProse(f.message)}${path}\\`, `  **Fix:** ${escapeProse(f.remediation)}`].join('\n');
}

function fixedItem(f: Finding, multi: boolean): string {
  return `- ✅ ${escapeMarkdown(f.title)} — ${escapeCode(f.resources[0] ?? '')}${multi ? ` · in ${escapeMarkdown(f.input)}` : ''}`;
}

function locationLink(f: Finding, ctx: ItemContext): string | undefined {
  const loc = f.location;
  if (!loc) return undefined;
  const text = `${loc.file}:${loc.line}`;
  const file = loc.file.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  // Only repository-relative paths point into the repository; anything else is named, not linked.
  if (!ctx.links || file.startsWith('/') || /^[A-Za-z]:/.test(file) || file.split('/').includes('..')) return escapeMarkdown(text);
  const { serverUrl, repository, ref } = ctx.links;
  return link(text, `${serverUrl}/${urlPath(repository)}/blob/${urlPath(ref)}/${urlPath(file)}#L${loc.line}`, ctx.allowed);
}

export interface Section {
  readonly title: string;
  readonly items: readonly Finding[];
  readonly folded: boolean;
  readonly short?: boolean;
}

interface FittedSection {
  readonly section: Section;
  readonly rendered: readonly string[];
}

/**
 * Renders items section by section, in order, while they fit in `budget` characters; the first that does not fit
 * ends it, so what is cut is always the lowest-ranked. `measure` lets the summary count bytes instead.
 */
export function fitSections(
  sections: readonly Section[],
  budget: number,
  render: (f: Finding, short: boolean) => string,
  measure: (text: string) => number = (t) => t.length,
): { sections: FittedSection[]; cut: number } {
  let left = budget;
  let cut = 0;
  let full = false;
  const out: FittedSection[] = [];
  for (const section of sections) {
    const rendered: string[] = [];
    for (const f of section.items) {
      if (full) {
        cut++;
        continue;
      }
      const text = render(f, section.short ?? false);
      const size = measure(text) + 1;
      if (size > left) {
        full = true;
        cut++;
        continue;
      }
      left -= size;
      rendered.push(text);
    }
    if (section.items.length > 0) out.push({ section, rendered });
  }
  return { sections: out, cut };
}

export function renderSection({ section, rendered }: FittedSection): string[] {
  const count = section.items.length;
  const shown = rendered.length < count ? `${rendered.length} of ${count}` : `${count}`;
  if (section.folded) {
    return [`<details><summary>${section.title} (${shown})</summary>`, '', ...(rendered.length > 0 ? [...rendered, ''] : []), '</details>', ''];
  }
  return [`#### ${section.title} (${shown})`, '', ...(rendered.length > 0 ? [...rendered, ''] : [])];
}

function workspaceTable(report: Report): string {
  // One pass over the findings, whatever the number of workspaces.
  const counts = new Map(report.inputs.map((i) => [i.file, [0, 0, 0, 0]]));
  for (const f of report.findings) {
    const row = counts.get(f.input);
    if (!row) continue;
    if (f.suppressed) row[3]!++;
    else if (f.status === 'fixed') row[2]!++;
    else if (f.status === 'new') row[0]!++;
    else row[1]!++;
  }
  const rows = report.inputs.map((i) => `| ${escapeMarkdown(i.file)} | ${counts.get(i.file)!.join(' | ')} |`);
  return ['| Workspace | New | Open before | Fixed | Suppressed |', '| --- | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

function footer(report: Report): string {
  return `<sub>${link(`weaklink ${report.tool.version}`, REPOSITORY_URL, [REPOSITORY_URL])} · ${report.inputs.length} workspace${report.inputs.length === 1 ? '' : 's'}, ${report.inputs.reduce((n, i) => n + i.resources, 0)} resources</sub>`;
}

/** The only URL prefixes a rendered report links to: the repository under review, the run, and weaklink's own. */
export function allowedPrefixes(options: { readonly links?: SourceLinks; readonly summaryUrl?: string }): string[] {
  const out = [`${REPOSITORY_URL}`];
  if (options.links) out.push(`${options.links.serverUrl}/${urlPath(options.links.repository)}/`);
  if (options.summaryUrl) out.push(options.summaryUrl);
  return out;
}
