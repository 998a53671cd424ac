import type { Category } from '../findings/index.js';
import type { Graph } from '../graph/index.js';

export const RULE_TAGS = ['security', 'reliability'] as const;
export type RuleTag = (typeof RULE_TAGS)[number];

/** What a rule says about itself: the text of its documentation, its SARIF rule and its default remedy. */
export interface RuleMeta {
  /** Equals the rule's file name. */
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly tags: readonly RuleTag[];
  /** One sentence: what the rule looks for. */
  readonly description: string;
  /** Why it matters, in a short paragraph. */
  readonly rationale: string;
  /** The usual fix, in one sentence; a report may give a more precise one. */
  readonly remediation: string;
  /**
   * Rules whose findings this rule's graph facts explain better: a report of this rule absorbs their reports on the
   * same primary resource (or on any address in its `explains`), so one weak link makes one finding, with the path.
   */
  readonly explains?: readonly string[];
  /**
   * Rules whose finding on a resource this rule's finding takes over when the weakness grows between the two sides
   * of a plan (a database open to a /16 that a change opens to the world: segmentation's finding becomes
   * open-ingress's). The old finding is then not reported as fixed. Rules in `explains` count as well.
   */
  readonly supersedes?: readonly string[];
}

/** Per-address settings from the user's config that rules honour. */
export interface RuleSettings {
  /** Ports the user accepts as open to the world on this address (config allow-list). */
  worldOpenAllowed(address: string, port: number | 'all'): boolean;
  /** A tier the user assigned (config hint or `weaklink:tier` tag wins over inference). */
  tierHint(address: string): 'edge' | 'app' | 'data' | undefined;
}

export interface RuleContext {
  readonly graph: Graph;
  readonly settings: RuleSettings;
}

/** One weak link as a rule sees it; the engine turns it into a Finding. */
export interface Report {
  /** The id (primary address) of the entity at fault. */
  readonly resource: string;
  /** Other entities involved (addresses). */
  readonly related?: readonly string[];
  /** 0-10; the severity follows from it. */
  readonly score: number;
  readonly message: string;
  /** Overrides the meta's remediation with a more precise one. */
  readonly remediation?: string;
  readonly path?: readonly string[];
  /** Other primary addresses whose reports (by the rules in the meta's `explains`) this report absorbs. */
  readonly explains?: readonly string[];
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): Iterable<Report>;
}

export const DEFAULT_SETTINGS: RuleSettings = {
  worldOpenAllowed: () => false,
  tierHint: () => undefined,
};
