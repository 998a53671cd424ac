import { markerValue, unmarkerValue } from '../render/escape.js';

export const MARKER_KINDS = ['comment', 'issue'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** What a comment or issue we wrote says about itself, in its first line. */
export interface Marker {
  readonly kind: MarkerKind;
  /** Which comment of the PR this is: one per workspace label. */
  readonly workspace: string;
  readonly runId: number;
  readonly runAttempt: number;
  readonly sha: string;
  /** ISO 8601, when the run wrote it. */
  readonly time: string;
}

const PATTERN = /^<!-- weaklink:(comment|issue) workspace=([A-Za-z0-9._~/%-]*) run=(\d{1,20})\.(\d{1,6}) sha=([0-9a-f]{0,64}) time=([0-9TZ:.+-]{0,40}) -->$/;

/** The hidden first line: nothing in it comes from a plan unencoded, so nothing can close it early. */
export function formatMarker(m: Marker): string {
  const sha = /^[0-9a-f]{0,64}$/.test(m.sha) ? m.sha : '';
  const time = /^[0-9TZ:.+-]{0,40}$/.test(m.time) ? m.time : '';
  return `<!-- weaklink:${m.kind} workspace=${markerValue(m.workspace)} run=${m.runId}.${m.runAttempt} sha=${sha} time=${time} -->`;
}

/**
 * The marker of a body, read from its first line only: a plan could print marker-like text further down (it is
 * escaped there, but we never look), and only bodies the token's own identity wrote are read at all.
 */
export function parseMarker(body: string | null | undefined): Marker | undefined {
  if (!body) return undefined;
  const newline = body.indexOf('\n');
  const m = PATTERN.exec((newline < 0 ? body : body.slice(0, newline)).replace(/\r$/, ''));
  if (!m) return undefined;
  const kind = MARKER_KINDS.find((k) => k === m[1]);
  if (!kind) return undefined;
  return { kind, workspace: unmarkerValue(m[2]!), runId: Number(m[3]), runAttempt: Number(m[4]), sha: m[5]!, time: m[6]! };
}

/** The body without its marker line: what "would the body change" compares. */
export function content(body: string): string {
  const newline = body.indexOf('\n');
  return parseMarker(body) && newline >= 0 ? body.slice(newline + 1) : body;
}

/**
 * True when `existing` was written by a later run than `ours`: run ids grow over time across a repository's
 * workflows, a re-run keeps its id and counts attempts up, and the time breaks what remains of a tie.
 */
export function isNewer(existing: Marker, ours: Marker): boolean {
  if (existing.runId !== ours.runId) return existing.runId > ours.runId;
  if (existing.runAttempt !== ours.runAttempt) return existing.runAttempt > ours.runAttempt;
  return existing.time > ours.time;
}
