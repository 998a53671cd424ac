import type { Comment } from './scan.js';

/** An inline `weaklink:ignore` comment, tied to the block it sits above or inside. */
export interface InlineSuppression {
  readonly rule: string;
  readonly reason: string;
  /** `YYYY-MM-DD` as written after `:exp:`; the last day the suppression applies. */
  readonly expires: string | undefined;
  /** False when `:exp:` holds no real calendar date: such a suppression never applies. */
  readonly validExpiry: boolean;
  readonly file: string;
  readonly line: number;
}

const DIRECTIVE = /^\s*weaklink:ignore:([A-Za-z0-9_-]+)(?::exp:(\S*))?(?:\s+(.*?))?\s*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (no 2024-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Reads `weaklink:ignore:<rule-id>[:exp:YYYY-MM-DD] <reason>` from a line comment's text; undefined when the comment
 * is something else (a directive must open the comment, so prose that mentions one is not taken for one).
 */
export function parseDirective(comment: Comment, file: string): InlineSuppression | undefined {
  const m = DIRECTIVE.exec(comment.text);
  if (!m) return undefined;
  const expires = m[2];
  return {
    rule: m[1]!,
    reason: m[3] ?? '',
    expires,
    validExpiry: expires === undefined || isCalendarDate(expires),
    file,
    line: comment.line,
  };
}
