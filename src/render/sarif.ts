import { gzipSync } from 'node:zlib';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Report } from '../analyze.js';
import { compareFindings, type Finding, type Severity } from '../findings/index.js';
import { RULES, type RuleMeta } from '../rules/index.js';

/** Where the project lives: the tool's home page and the base of every rule's help page. */
export const REPOSITORY_URL = 'https://github.com/weaklink/weaklink';
/** Our own fingerprint key; `primaryLocationLineHash` is left to upload-sarif, which hashes the located line. */
export const FINGERPRINT_KEY = 'weaklinkFingerprint/v1';

/** GitHub code scanning's hard limits on one upload (docs: "SARIF results exceed hard limit"). */
export const GITHUB_LIMITS = { runs: 20, resultsPerRun: 25_000, gzipBytes: 10 * 1024 * 1024 } as const;

export interface SarifOptions {
  /** The rules to describe in each run (default: every rule weaklink has). */
  readonly rules?: readonly RuleMeta[];
  readonly limits?: { readonly runs: number; readonly resultsPerRun: number; readonly gzipBytes: number };
}

const LEVELS: Readonly<Record<Severity, Result.level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning: one run per input (workspace) with its own `automationDetails.id`, every
 * result at a physical location, suppressed findings carried as `suppressions`. Fixed findings are not results:
 * they are no longer in the code. Within GitHub's limits, the lowest-ranked results are cut, and each run says so.
 */
export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const limits = options.limits ?? GITHUB_LIMITS;
  const metas = [...(options.rules ?? RULES.map((r) => r.meta))].sort((a, b) => compare(a.id, b.id));
  const groups = groupInputs(report, limits.runs);
  let keep = report.findings.filter((f) => f.status !== 'fixed');
  const total = keep.length;
  for (;;) {
    const text = `${JSON.stringify(log(report, groups, metas, keep, total, limits), null, 2)}\n`;
    const bytes = Buffer.byteLength(text);
    if (bytes <= limits.gzipBytes || keep.length === 0) return text;
    const zipped = gzipSync(text).length;
    if (zipped <= limits.gzipBytes) return text;
    // Cut the lowest-ranked across all runs, in proportion to the excess, until the file fits.
    const ranked = [...keep].sort(compareFindings);
    keep = ranked.slice(0, Math.floor((ranked.length * limits.gzipBytes * 0.9) / zipped));
  }
}

interface Group {
  readonly id: string;
  readonly inputs: readonly string[];
}

/** One run per input; past the run limit the remaining inputs share the last run. */
function groupInputs(report: Report, maxRuns: number): Group[] {
  const files = report.inputs.map((i) => i.file);
  if (files.length <= maxRuns) return files.map((f) => ({ id: `weaklink/${workspaceOf(f)}/`, inputs: [f] }));
  const head = files.slice(0, maxRuns - 1).map((f) => ({ id: `weaklink/${workspaceOf(f)}/`, inputs: [f] }));
  return [...head, { id: 'weaklink/more-inputs/', inputs: files.slice(maxRuns - 1) }];
}

function log(report: Report, groups: readonly Group[], metas: readonly RuleMeta[], keep: readonly Finding[], total: number, limits: SarifOptions['limits'] & {}): Log {
  const byInput = new Map<string, Finding[]>();
  for (const f of keep) {
    const list = byInput.get(f.input);
    if (list) list.push(f);
    else byInput.set(f.input, [f]);
  }
  const cutForSize = total - keep.length;
  const runs = groups.map((group): Run => {
    const findings = group.inputs.flatMap((i) => byInput.get(i) ?? []).sort(compareFindings);
    const shown = findings.slice(0, limits.resultsPerRun);
    const notes: string[] = [];
    if (group.inputs.length > 1) notes.push(`GitHub accepts ${limits.runs} runs per file: this run holds ${group.inputs.length} inputs (${group.inputs.join(', ')}).`);
    if (shown.length < findings.length) notes.push(`${findings.length - shown.length} lowest-ranked results were cut to stay within GitHub's ${limits.resultsPerRun} results per run.`);
    if (cutForSize > 0) notes.push(`${cutForSize} lowest-ranked results (all runs) were cut to keep the file within GitHub's ${limits.gzipBytes} bytes gzipped.`);
    const rules = descriptors(metas, shown);
    const index = new Map(rules.map((r, i) => [r.id, i]));
    return {
      tool: { driver: { name: 'weaklink', version: report.tool.version, semanticVersion: report.tool.version, informationUri: REPOSITORY_URL, rules } },
      automationDetails: { id: group.id },
      invocations: [
        {
          executionSuccessful: true,
          ...(notes.length ? { toolExecutionNotifications: notes.map((text) => ({ level: 'warning' as const, message: { text } })) } : {}),
        },
      ],
      results: shown.map((f) => result(f, index.get(f.rule)!)),
      columnKind: 'utf16CodeUnits',
    };
  });
  return { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs };
}

function result(f: Finding, ruleIndex: number): Result {
  const where = f.location ?? { file: f.input, line: 1 };
  const fallback = f.location
    ? ''
    : ` (Shown at the plan file: no .tf block was found for ${f.resources[0] ?? 'this resource'}; pass --source-dir to point at the code.)`;
  const path = f.path && f.path.length > 1 ? ` Path: ${f.path.join(' -> ')}.` : '';
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVELS[f.severity],
    message: { text: `${f.message}${path} Fix: ${f.remediation}${fallback}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(where.file) }, region: { startLine: Math.max(1, where.line) } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.status ? { baselineState: f.status === 'new' ? (f.was ? 'updated' : 'new') : 'unchanged' } : {}),
    ...(f.suppressed
      ? {
          suppressions: [
            {
              kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external',
              status: 'accepted',
              justification: f.suppressed.expires ? `${f.suppressed.reason} (until ${f.suppressed.expires})` : f.suppressed.reason,
            },
          ],
        }
      : {}),
    properties: { 'security-severity': f.score.toFixed(1), severity: f.severity, category: f.category, resources: [...f.resources] },
  };
}

/** Every known rule, plus any rule a finding names that is not among them (so every result has its descriptor). */
function descriptors(metas: readonly RuleMeta[], findings: readonly Finding[]): ReportingDescriptor[] {
  const worst = new Map<string, number>();
  const strays = new Map<string, Finding>();
  const known = new Set(metas.map((m) => m.id));
  for (const f of findings) {
    worst.set(f.rule, Math.max(worst.get(f.rule) ?? 0, f.score));
    if (!known.has(f.rule) && !strays.has(f.rule)) strays.set(f.rule, f);
  }
  const all: RuleMeta[] = [
    ...metas,
    ...[...strays.values()].map((f) => ({
      id: f.rule,
      title: f.title,
      category: f.category,
      tags: [],
      description: `${f.title}.`,
      rationale: '',
      remediation: f.remediation,
    })),
  ].sort((a, b) => compare(a.id, b.id));
  return all.map((m) => descriptor(m, worst.get(m.id)));
}

function descriptor(meta: RuleMeta, worst: number | undefined): ReportingDescriptor {
  const helpUri = `${REPOSITORY_URL}/blob/main/docs/rules/${meta.id}.md`;
  const suppress = `# weaklink:ignore:${meta.id} <reason>`;
  return {
    id: meta.id,
    // From the title: an id-derived name (`Spof`) differs from the id only in case, which SARIF1001 rejects.
    name: meta.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: [meta.description, meta.rationale].filter(Boolean).join(' ') },
    help: {
      text: [meta.description, meta.rationale, `Fix: ${meta.remediation}`, `Suppress: ${suppress}`, `More: ${helpUri}`].filter(Boolean).join('\n\n'),
      markdown: [
        `**${meta.title}**`,
        [meta.description, meta.rationale].filter(Boolean).join(' '),
        `**Fix:** ${meta.remediation}`,
        `**Suppress** with a comment above the block: \`${suppress}\`, or an \`ignore\` entry in \`.weaklink.yml\`.`,
        `[Rule documentation](${helpUri})`,
      ].join('\n\n'),
    },
    helpUri,
    properties: {
      tags: [...new Set([...meta.tags, meta.category])],
      precision: 'high',
      ...(worst !== undefined ? { 'security-severity': worst.toFixed(1) } : {}),
    },
  };
}

/** The workspace part of a run's category: the input path as given, without `./`. */
function workspaceOf(file: string): string {
  return file.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}

/** Repository-relative paths stay relative (upload-sarif resolves them); absolute ones become file URIs. */
function uriOf(path: string): string {
  const posix = path.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^[A-Za-z]:\//.exec(posix);
  if (drive) return `file:///${drive[0]}${encode(posix.slice(3))}`;
  return posix.startsWith('/') ? `file://${encode(posix)}` : encode(posix);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
