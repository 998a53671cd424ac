import { adapt, adaptPrior, adaptTraced } from './adapters/index.js';
import type { Config } from './config/index.js';
import {
  SEVERITIES,
  fingerprintOf,
  rank,
  scoreIn,
  severityOf,
  withStatus,
  type Finding,
  type Severity,
} from './findings/index.js';
import { Graph, analyzeModel, summarizeService, type ServiceSummary } from './graph/index.js';
import { placeFindings, settingsOf } from './locate.js';
import { sameGraph, type Model } from './model/index.js';
import { DEFAULT_SETTINGS, RULES, mergeReports, ruleById, type Rule, type RuleSettings } from './rules/index.js';
import { locateBlocks, type Locator, type SourceFile, type SourceIndex } from './source/index.js';
import type { DocumentKind, ResourceInstance, TerraformDocument } from './terraform/index.js';
import { VERSION } from './version.js';

export interface InputSummary {
  readonly file: string;
  readonly kind: DocumentKind;
  readonly formatVersion: string;
  readonly terraformVersion: string | undefined;
  readonly resources: number;
  readonly unmodelled: Readonly<Record<string, number>>;
}

/** The result of one run over one or more inputs: what every renderer prints. */
export interface Report {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'weaklink'; readonly version: string };
  readonly inputs: readonly InputSummary[];
  /** Counts of open (not fixed, not suppressed) findings per severity. */
  readonly summary: Readonly<Record<Severity, number>>;
  /** Ranked: severity, score, address. Includes fixed and suppressed findings, marked. */
  readonly findings: readonly Finding[];
  /** Per input, the service graph of its planned side in brief, for the dependency diagram (`diagramOfReport`). */
  readonly services?: readonly InputService[];
}

/** One input's service graph, summarised: nodes with copies and zones, edges, tiers. */
export interface InputService {
  readonly input: string;
  readonly service: ServiceSummary;
}

export interface AnalyzeOptions {
  readonly rules?: readonly Rule[];
  readonly settings?: RuleSettings;
  /** Per-severity overrides by rule id, from the user's config. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /** The `.tf` files (repository-relative paths) to point findings at their blocks and read inline suppressions. */
  readonly sources?: readonly SourceFile[];
  /** The user's `.weaklink.yml`: ignores, and the settings and severity overrides when those are not given. */
  readonly config?: Config;
  /** `YYYY-MM-DD`, to judge suppression expiry by (analyze reads no clock). */
  readonly today?: string;
  /**
   * Called after each document's models are built, before its rules run, when analyze holds the document no
   * more (given a lazy iterable such as `eachOf`): where a process that owns its heap may collect it.
   */
  readonly afterModels?: () => void;
}

/**
 * Documents in, report out. Pure: no files, no network, no process. The documents are taken one at a time and none
 * is kept once its models are built: a plan's values are most of a big run's heap, and a lazy iterable (`eachOf`)
 * lets them be collected before the rules run, and lets a monorepo's many plans be read one after another.
 */
export function analyze(documents: Iterable<TerraformDocument>, given: AnalyzeOptions = {}): Report {
  const { config } = given;
  const options: AnalyzeOptions = config
    ? { ...given, settings: given.settings ?? settingsOf(config), severityOverrides: given.severityOverrides ?? config.severity }
    : given;
  const sources = options.sources ? locateBlocks(options.sources) : undefined;
  const findings: Finding[] = [];
  const inputs: InputSummary[] = [];
  const services: InputService[] = [];
  const iterator = documents[Symbol.iterator]();
  for (let input = nextInput(iterator, sources); input !== undefined; input = nextInput(iterator, sources)) {
    options.afterModels?.();
    const { summary, after: afterModel, prior, locator } = input;
    inputs.push(summary);
    const after = check(afterModel, summary.file, options);
    // The rules computed the graph facts of this model already: the summary reads them from the memo.
    services.push({ input: summary.file, service: summarizeService(analyzeModel(afterModel, (options.settings ?? DEFAULT_SETTINGS).tierHint)) });
    const placement = { locator, config, today: options.today };
    if (summary.kind === 'plan') {
      findings.push(...placeFindings(withStatus(after, priorFindings(prior, afterModel, after, summary.file, options), takesOver), placement));
    } else {
      findings.push(...placeFindings(after, placement));
    }
  }
  const ranked = rank(findings);
  return {
    schemaVersion: 1,
    tool: { name: 'weaklink', version: VERSION },
    inputs,
    summary: summarize(ranked),
    findings: ranked,
    services,
  };
}

/**
 * Reads `items` one at a time, on demand, keeping none: what `analyze` should be given when the documents are read
 * from files, so that only one plan is in memory at a time.
 */
export function eachOf<T, R>(items: readonly T[], read: (item: T) => R): Iterable<R> {
  return {
    [Symbol.iterator]: () => {
      let i = 0;
      return { next: (): IteratorResult<R> => (i < items.length ? { done: false, value: read(items[i++]!) } : { done: true, value: undefined }) };
    },
  };
}

/** One document, once its models are built: what its findings need, and not the document itself. */
interface Input {
  readonly summary: InputSummary;
  readonly after: Model;
  readonly prior: PriorSide;
  readonly locator: Locator | undefined;
}

/** The next document's models, summary and source locator; undefined when there is none. */
function nextInput(documents: Iterator<TerraformDocument>, sources: SourceIndex | undefined): Input | undefined {
  const next = documents.next();
  if (next.done === true) return undefined;
  const document = next.value;
  const { after, prior } = modelsOf(document);
  return {
    summary: {
      file: document.file,
      kind: document.kind,
      formatVersion: document.formatVersion,
      terraformVersion: document.terraformVersion,
      resources: after.resourceCount,
      unmodelled: sortedCounts(after.unmodelled),
    },
    after,
    prior,
    locator: sources?.workspace(declaredAddresses(document)),
  };
}

/** The prior side of a plan: none (nothing managed before), the planned model itself, or a model of its own. */
type PriorSide = { readonly kind: 'none' } | { readonly kind: 'same' } | { readonly kind: 'model'; readonly model: Model };

/**
 * The planned model and the prior side's. A plan that changes nothing, or changes nothing the model sees (tags,
 * sizes, descriptions: the common pull request), has the planned model on both sides, and the rules need not run
 * twice. Otherwise the prior model is built from the planned side's record, mapping again only the resources the
 * change touched (`adaptPrior`), and adapted whole only when that cannot be done. Both are made before any rule
 * runs, so the record (as large as the model) is garbage before the rules build their graph.
 */
function modelsOf(document: TerraformDocument): { after: Model; prior: PriorSide } {
  if (document.kind !== 'plan' || !hasManaged(document.before)) return { after: adapt(document.after), prior: { kind: 'none' } };
  if (changesNothing(document)) return { after: adapt(document.after), prior: { kind: 'same' } };
  const traced = adaptTraced(document.after);
  const prior = adaptPrior(traced, document.before);
  if (prior?.same) return { after: traced.model, prior: { kind: 'same' } };
  return { after: traced.model, prior: { kind: 'model', model: prior?.model ?? adapt(document.before) } };
}

/** The findings of the plan's prior side: the planned ones where the graphs are the same (see sameGraph), else its own. */
function priorFindings(prior: PriorSide, afterModel: Model, after: Finding[], input: string, options: AnalyzeOptions): Finding[] {
  if (prior.kind === 'none') return [];
  if (prior.kind === 'same' || sameGraph(afterModel, prior.model)) return after;
  return check(prior.model, input, options);
}

/** Runs the rules over one model and turns their reports into findings. */
export function check(model: Model, input: string, options: AnalyzeOptions = {}): Finding[] {
  const graph = new Graph(model);
  const ctx = { graph, settings: options.settings ?? DEFAULT_SETTINGS };
  const out = new Map<string, Finding>();
  // Graph rules absorb the first-set reports they explain better (one weak link, one finding): see mergeReports.
  const runs = (options.rules ?? RULES).map((rule) => ({ rule, reports: [...rule.check(ctx)] }));
  for (const { rule, report } of mergeReports(runs)) {
    const { meta } = rule;
    const override = options.severityOverrides?.[meta.id];
    const raw = Math.round(Math.min(10, Math.max(0, report.score)) * 10) / 10;
    const severity = override ?? severityOf(raw);
    const score = override ? scoreIn(override, raw) : raw;
    const fingerprint = fingerprintOf(meta.id, report.resource);
    const finding: Finding = {
      fingerprint,
      rule: meta.id,
      category: meta.category,
      severity,
      score,
      title: meta.title,
      message: report.message,
      remediation: report.remediation ?? meta.remediation,
      resources: [report.resource, ...(report.related ?? []).filter((r) => r !== report.resource)],
      ...(report.path ? { path: report.path } : {}),
      location: null,
      input,
    };
    const seen = out.get(fingerprint);
    // One weak link, one finding: a rule reporting the same resource twice keeps the worse report.
    if (!seen || seen.score < finding.score) out.set(fingerprint, finding);
  }
  return [...out.values()];
}

/** Whether a finding of rule `newer` takes over one of rule `older` on the same resource (its meta's `explains` or `supersedes`). */
export function takesOver(newer: string, older: string): boolean {
  const meta = ruleById(newer)?.meta;
  return meta !== undefined && ((meta.explains ?? []).includes(older) || (meta.supersedes ?? []).includes(older));
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) if (f.status !== 'fixed' && !f.suppressed) summary[f.severity]++;
  return summary;
}

function* declaredAddresses(document: TerraformDocument): Iterable<string> {
  for (const i of document.after) yield i.configAddress;
  for (const i of document.before) yield i.configAddress;
}

/** Every managed resource is planned as a no-op, and none appears or disappears. */
function changesNothing(document: TerraformDocument): boolean {
  const managed = (list: readonly ResourceInstance[]) => list.filter((i) => i.mode === 'managed');
  const after = managed(document.after);
  return after.length === managed(document.before).length && after.every((i) => i.action === 'no-op');
}

function hasManaged(instances: readonly ResourceInstance[]): boolean {
  return instances.some((i) => i.mode === 'managed');
}

function sortedCounts(counts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
