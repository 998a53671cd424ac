import type { Config, IgnoreEntry } from './config/index.js';
import type { Finding, Suppression } from './findings/index.js';
import { ruleById, type RuleSettings } from './rules/index.js';
import type { InlineSuppression, Locator } from './source/index.js';

/** What placing needs: where blocks are, what the user accepted, and the day to judge expiry by. */
export interface Placement {
  readonly locator: Locator | undefined;
  readonly config: Config | undefined;
  /** `YYYY-MM-DD`. Without it a suppression that has an expiry date is not applied (it cannot be judged). */
  readonly today: string | undefined;
}

type Candidate =
  | { readonly kind: 'inline'; readonly entry: InlineSuppression }
  | { readonly kind: 'config'; readonly entry: IgnoreEntry; readonly file: string };

/**
 * Points each finding at the block that declares its primary resource, and marks it suppressed when an inline
 * comment or a config entry accepts it. A suppression that has expired (or cannot apply) leaves the finding open
 * and says so in its message: nothing is dropped silently.
 */
export function placeFindings(findings: readonly Finding[], placement: Placement): Finding[] {
  const { locator, config } = placement;
  if (!locator && (!config || config.ignore.length === 0)) return [...findings];
  return findings.map((f) => {
    const primary = f.resources[0] ?? '';
    const located = locator?.locate(primary);
    // A graph rule that took over another rule's finding (one weak link, one finding) honours its suppressions too.
    const rules = [f.rule, ...(ruleById(f.rule)?.meta.explains ?? [])];
    const candidates: Candidate[] = [
      ...(located?.suppressions ?? []).filter((s) => rules.includes(s.rule)).map((entry) => ({ kind: 'inline' as const, entry })),
      ...rules.flatMap((rule) => config?.ignoresFor(rule, primary) ?? []).map((entry) => ({ kind: 'config' as const, entry, file: config!.file })),
    ];
    const location = located?.location ? { file: located.location.file, line: located.location.line } : f.location;
    let suppressed: Suppression | undefined;
    const notes: string[] = [];
    for (const c of candidates) {
      const problem = whyNot(c, placement.today);
      if (problem === undefined) {
        suppressed = { kind: c.kind, reason: c.entry.reason, expires: c.entry.expires };
        break;
      }
      notes.push(`${describe(c)} ${problem}.`);
    }
    const message = suppressed || notes.length === 0 ? f.message : `${f.message} ${notes.join(' ')}`;
    return { ...f, location, message, ...(suppressed ? { suppressed } : {}) };
  });
}

function whyNot(c: Candidate, today: string | undefined): string | undefined {
  const { expires } = c.entry;
  if (c.kind === 'inline' && !c.entry.validExpiry) return `was not applied: ${JSON.stringify(expires)} is not a date (YYYY-MM-DD)`;
  if (c.kind === 'inline' && c.entry.reason === '') return 'was not applied: it gives no reason';
  if (expires === undefined) return undefined;
  if (today === undefined) return `was not applied: no date to check its expiry (${expires}) against`;
  return today <= expires ? undefined : `expired on ${expires}`;
}

function describe(c: Candidate): string {
  return c.kind === 'inline' ? `The inline suppression at ${c.entry.file}:${c.entry.line}` : `The suppression in ${c.file} (address ${c.entry.address})`;
}

/** The rule settings a config gives: its world-open allow-list and its tier hints. */
export function settingsOf(config: Config): RuleSettings {
  return {
    worldOpenAllowed: (address, port) => config.worldOpenAllowed(address, port),
    tierHint: (address) => config.tierHint(address),
  };
}
