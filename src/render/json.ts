import type { Report } from '../analyze.js';

/** The `--format json` document: the CLI contract, with keys in a fixed order. */
export function renderJson(report: Report): string {
  const doc = {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    inputs: report.inputs.map((i) => ({
      file: i.file,
      kind: i.kind,
      formatVersion: i.formatVersion,
      terraformVersion: i.terraformVersion ?? null,
      resources: i.resources,
      unmodelled: i.unmodelled,
    })),
    summary: {
      critical: report.summary.critical,
      high: report.summary.high,
      medium: report.summary.medium,
      low: report.summary.low,
      info: report.summary.info,
    },
    findings: report.findings.map((f) => ({
      fingerprint: f.fingerprint,
      rule: f.rule,
      category: f.category,
      severity: f.severity,
      score: f.score,
      title: f.title,
      message: f.message,
      remediation: f.remediation,
      resources: f.resources,
      ...(f.path ? { path: f.path } : {}),
      location: f.location ? { file: f.location.file, line: f.location.line } : null,
      ...(f.status ? { status: f.status } : {}),
      ...(f.was ? { was: f.was } : {}),
      input: f.input,
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
