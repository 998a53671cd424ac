/**
 * One measurement in a fresh process, so peak memory is this run's alone. Prints one JSON line.
 *   tsx bench/measure.ts parse <file>      read + JSON.parse
 *   tsx bench/measure.ts read <file>       weaklink's own reading alone: read + decode + load, as the CLI reads
 *   tsx bench/measure.ts weaklink <file>   read + decode + load + adapt + rules + every report format
 */
import { readFileSync } from 'node:fs';
import { analyze, eachOf } from '../src/analyze.js';
import * as render from '../src/render/index.js';
import { readDocumentFrom } from '../src/terraform/index.js';
import { leanHeapFor, settleHeap } from '../src/cli/heap.js';

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== 'parse' && mode !== 'read' && mode !== 'weaklink')) throw new Error('usage: measure.ts parse|read|weaklink <file>');

// As the CLI and the action read a plan: the bytes are dropped once decoded, the document once modelled.
const read = (path: string) =>
  readDocumentFrom(path, () => {
    const bytes = readFileSync(path);
    leanHeapFor(bytes.length);
    return bytes;
  });

const start = process.hrtime.bigint();
let outputBytes = 0;
if (mode === 'parse') {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  outputBytes = parsed ? 1 : 0;
} else if (mode === 'read') {
  // The floor of this design: what the rest of the run starts from.
  const document = read(file);
  outputBytes = document.after.length + document.before.length;
} else {
  const report = analyze(eachOf([file], read), { afterModels: settleHeap });
  // Every format a run can write: what the action writes on each run.
  const outputs: string[] = [render.renderText(report, { color: false }), render.renderJson(report)];
  for (const [name, fn] of Object.entries(render)) {
    if (typeof fn === 'function' && /^render(Sarif|Markdown|Summary)$/.test(name)) outputs.push(String((fn as (r: typeof report) => unknown)(report)));
  }
  outputBytes = outputs.reduce((n, o) => n + o.length, 0);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const peakMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ mode, ms, peakMB, outputBytes })}\n`);
