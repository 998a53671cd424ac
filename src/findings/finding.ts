import type { Severity } from './severity.js';

export const CATEGORIES = ['spof', 'open-ingress', 'single-az-database', 'segmentation', 'zone', 'reachability', 'flat-network'] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = ['new', 'unchanged', 'fixed'] as const;
export type Status = (typeof STATUSES)[number];

export interface SourceLocation {
  /** Repository-relative path of the `.tf` file (or of the plan file when no source was given). */
  readonly file: string;
  readonly line: number;
}

export interface Suppression {
  readonly kind: 'inline' | 'config';
  readonly reason: string;
  readonly expires: string | undefined;
}

/** One weak link, named by its primary resource. */
export interface Finding {
  /** Stable across runs and line moves: from rule id and primary address only. */
  readonly fingerprint: string;
  readonly rule: string;
  readonly category: Category;
  readonly severity: Severity;
  /** 0-10, higher is worse; becomes SARIF's security-severity. */
  readonly score: number;
  readonly title: string;
  /** Why it matters, naming the resource. */
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly remediation: string;
  /** The primary address first, then the others involved. */
  readonly resources: readonly string[];
  /** How the weak link is reached: `internet -> aws_lb.web -> aws_instance.app`. */
  readonly path?: readonly string[];
  readonly location: SourceLocation | null;
  readonly status?: Status;
  /**
   * The severity the same weak link had before the change, when the change made it worse (a security group open to
   * the world that now guards a database): such a finding is `new` at its new severity, so a pull request is judged
   * on it. Absent otherwise.
   */
  readonly was?: Severity;
  /** The input file (workspace) the finding came from. */
  readonly input: string;
  readonly suppressed?: Suppression;
}
