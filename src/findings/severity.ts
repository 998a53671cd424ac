/** Severities, most severe first. A closed, ordered set: compare by index. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `fail-on` thresholds: a severity, or `none` to never fail. */
export const THRESHOLDS = [...SEVERITIES, 'none'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** True when `s` is at or above the threshold. */
export function meets(s: Severity, threshold: Threshold): boolean {
  return threshold !== 'none' && severityRank(s) <= severityRank(threshold);
}

/**
 * The score bands, aligned with GitHub code scanning's reading of `security-severity`
 * (critical >= 9.0, high >= 7.0, medium >= 4.0, low >= 0.1). Info sits below 1.0.
 */
const BANDS: ReadonlyArray<readonly [Severity, number, number]> = [
  ['critical', 9.0, 10.0],
  ['high', 7.0, 8.9],
  ['medium', 4.0, 6.9],
  ['low', 1.0, 3.9],
  ['info', 0.0, 0.9],
];

/** The severity a score falls in. */
export function severityOf(score: number): Severity {
  for (const [severity, lo] of BANDS) if (score >= lo) return severity;
  return 'info';
}

/** Moves a score into the band of `severity`, keeping its place in the band as far as possible. */
export function scoreIn(severity: Severity, score: number): number {
  const band = BANDS.find(([s]) => s === severity)!;
  return Math.round(Math.min(band[2], Math.max(band[1], score)) * 10) / 10;
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

export function isThreshold(s: string): s is Threshold {
  return (THRESHOLDS as readonly string[]).includes(s);
}
