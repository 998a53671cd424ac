import { writeFileSync } from 'node:fs';
import type { Report } from '../analyze.js';
import { renderSarif } from '../render/index.js';

/** Writes the SARIF file for github/codeql-action/upload-sarif (one run, one category, per workspace). */
export function writeSarif(path: string, report: Report): void {
  writeFileSync(path, renderSarif(report));
}
