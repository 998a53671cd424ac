import { parseDocument } from 'yaml';
import { addressForms, isCalendarDate } from '../source/index.js';
import { InputError } from '../terraform/index.js';
import { configError, dateError, display } from './errors.js';
import { compileGlob } from './glob.js';
import type { ConfigJson, ConfigSeverity, Tier } from './schema.js';
// Compiled ahead of time from schema.ts (scripts/validators.ts): no schema compiler in the bundle.
import { config as validateConfig } from './validator.generated.js';

/** The file weaklink reads when no `--config` is given and it exists in the current folder. */
export const DEFAULT_CONFIG_FILE = '.weaklink.yml';

/** One `ignore` entry: findings of `rule` on addresses matching `address` are accepted, for `reason`. */
export interface IgnoreEntry {
  readonly rule: string;
  readonly address: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: the last day the entry applies. */
  readonly expires: string | undefined;
}

/** The user's `.weaklink.yml`, validated. Address arguments are entity ids or Terraform addresses. */
export interface Config {
  readonly file: string;
  readonly ignore: readonly IgnoreEntry[];
  /** Severity overrides by rule id. */
  readonly severity: Readonly<Record<string, ConfigSeverity>>;
  /** The entries that name this rule and address, in file order (expired ones too: the caller says so). */
  ignoresFor(rule: string, address: string): IgnoreEntry[];
  worldOpenAllowed(address: string, port: number | 'all'): boolean;
  /** The tier of the first `tiers` glob that matches. */
  tierHint(address: string): Tier | undefined;
}


/** `.weaklink.yml` text -> Config, or an InputError naming the first problem in one line. Pure over the text. */
export function parseConfig(file: string, text: string): Config {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const [problem] = doc.errors;
  if (problem) {
    const at = problem.linePos?.[0];
    const what = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(file, `invalid YAML${at ? ` at line ${at.line}, column ${at.col}` : ''} (${what})`, 'fix the syntax: check indentation, colons and quotes');
  }
  const json: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const validate = validateConfig;
  if (!validate(json)) {
    // A misspelt key also leaves a required one missing: name the misspelling, it is the cause.
    const errors = validate.errors ?? [];
    throw configError(file, errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0]!);
  }
  return build(file, json);
}

/** No config file: nothing ignored, nothing overridden. */
export const EMPTY_CONFIG: Config = build('(none)', {});

function build(file: string, json: ConfigJson): Config {
  const ignore: IgnoreEntry[] = (json.ignore ?? []).map((e, i) => {
    if (e.expires !== undefined && !isCalendarDate(e.expires)) throw dateError(file, display(['ignore', String(i), 'expires']), e.expires);
    return { rule: e.rule, address: e.address, reason: e.reason, expires: e.expires };
  });
  const ignoreMatchers = ignore.map((e) => ({ entry: e, rule: compileGlob(e.rule), address: compileGlob(e.address) }));
  const tiers = Object.entries(json.tiers ?? {}).map(([glob, tier]) => ({ match: compileGlob(glob), tier }));
  const allow = Object.entries(json.allowWorldOpen ?? {}).map(([glob, ports]) => ({
    match: compileGlob(glob),
    ports: ports.map((p, i) => portSpec(file, glob, i, p)),
  }));
  const severity: Record<string, ConfigSeverity> = Object.create(null) as Record<string, ConfigSeverity>;
  for (const [rule, s] of Object.entries(json.severity ?? {})) severity[rule] = s;

  return {
    file,
    ignore,
    severity,
    ignoresFor(rule, address) {
      const forms = addressForms(address);
      return ignoreMatchers.filter((m) => m.rule(rule) && forms.some(m.address)).map((m) => m.entry);
    },
    worldOpenAllowed(address, port) {
      if (allow.length === 0) return false;
      const forms = addressForms(address);
      return allow.some((a) => forms.some(a.match) && a.ports.some((p) => p === 'all' || (port !== 'all' && p[0] <= port && port <= p[1])));
    },
    tierHint(address) {
      if (tiers.length === 0) return undefined;
      const forms = addressForms(address);
      return tiers.find((t) => forms.some(t.match))?.tier;
    },
  };
}

type PortSpec = 'all' | readonly [number, number];

function portSpec(file: string, glob: string, index: number, value: number | string): PortSpec {
  if (typeof value === 'number') return [value, value];
  if (value === 'all') return 'all';
  const [from, to] = value.split('-').map(Number) as [number, number];
  if (from > to || to > 65535) {
    throw new InputError(file, `${display(['allowWorldOpen', glob, String(index)])} "${value}" is not a port range`, 'write "from-to" with from <= to <= 65535, e.g. "8000-8100"');
  }
  return [from, to];
}
