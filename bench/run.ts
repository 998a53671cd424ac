/**
 * `npm run bench`: weaklink against a bare JSON.parse of the same file, on deterministic synthetic plans of 1k, 10k
 * and 100k resource instances (bench/generate.ts), each measurement in a fresh process, best of several runs taken
 * in turns.
 * Also start-up time of the bundles and their sizes. Sizes can be chosen: `npm run bench -- 1000 10000`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { build } from 'esbuild';
import { generatePlan } from './generate.js';
import { SHAPES } from './shapes.js';

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((n) => n > 0);
const shapesOnly = args.includes('--shapes-only');
const withShapes = !args.includes('--no-shapes');
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];
const OUT = new URL('./out/', import.meta.url);
mkdirSync(OUT, { recursive: true });

interface Sample {
  ms: number;
  peakMB: number;
}

/**
 * The measured code is bundled first (esbuild, as ncc bundles dist/), so the numbers are those of compiled code
 * run by plain node, without a TypeScript loader in the way.
 */
const MEASURE = new URL('../build/bench/measure.mjs', import.meta.url).pathname;
await build({
  entryPoints: [new URL('./measure.ts', import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: MEASURE,
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'error',
});

function measure(mode: 'parse' | 'read' | 'weaklink', file: string): Sample {
  const result = spawnSync(process.execPath, [MEASURE, mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`measure ${mode} failed: ${result.stderr}`);
  const line = result.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Sample;
}

/**
 * Best of `runs` for each mode, taken in turns (parse, read, weaklink, parse, ...) so that a machine whose speed
 * drifts from one minute to the next slows them alike. `read` is weaklink's own reading alone (bytes to document):
 * the part of the run that the bare parse stands for, and so the floor of the ratio.
 */
function bestOfAll(file: string, runs: number): { parse: Sample; read: Sample; run: Sample } {
  const parses: Sample[] = [];
  const reads: Sample[] = [];
  const weaklinks: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    parses.push(measure('parse', file));
    reads.push(measure('read', file));
    weaklinks.push(measure('weaklink', file));
  }
  const best = (samples: Sample[]): Sample => ({ ms: Math.min(...samples.map((s) => s.ms)), peakMB: Math.min(...samples.map((s) => s.peakMB)) });
  return { parse: best(parses), read: best(reads), run: best(weaklinks) };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log('');
const perResource: Record<number, number> = {};
// Each size as a pull request that changes tags (the model does not see them); the larger ones again with one
// security group opened to the world as well (+rule: the model changes, both sides are checked), and with a new
// log group as well (+add: the two sides hold different resources, the model the same ones).
type Variant = 'base' | 'rule' | 'add';
const CASES: Array<{ size: number; variant: Variant }> = shapesOnly
  ? []
  : SIZES.flatMap((size) => (size >= 10_000 ? (['base', 'rule', 'add'] as const) : (['base'] as const)).map((variant) => ({ size, variant })));
if (CASES.length > 0) {
  console.log(`${pad('resources', 12)} ${pad('file MB', 8)} ${pad('parse ms', 9)} ${pad('read ms', 8)} ${pad('read/parse', 10)} ${pad('weaklink ms', 12)} ${pad('ratio', 6)} ${pad('peak MB', 8)} ${pad('peak/file', 9)} ${pad('us/resource', 12)}`);
}
for (const { size, variant } of CASES) {
  const suffix = variant === 'base' ? '' : `-${variant}`;
  const file = new URL(`plan-${size}${suffix}.json`, OUT).pathname;
  const plan = generatePlan(size, { ruleChange: variant === 'rule', added: variant === 'add' });
  if (!existsSync(file) || statSync(file).size !== Buffer.byteLength(plan.text)) writeFileSync(file, plan.text);
  const mb = statSync(file).size / 2 ** 20;
  const runs = size >= 100_000 ? 3 : 5;
  const { parse, read, run } = bestOfAll(file, runs);
  if (variant === 'base') perResource[size] = (run.ms * 1000) / plan.resources;
  console.log(
    `${pad(`${plan.resources}${variant === 'base' ? '' : ` +${variant}`}`, 12)} ${pad(mb.toFixed(1), 8)} ${pad(parse.ms.toFixed(0), 9)} ${pad(read.ms.toFixed(0), 8)} ${pad((read.ms / parse.ms).toFixed(2), 10)} ${pad(run.ms.toFixed(0), 12)} ${pad((run.ms / parse.ms).toFixed(2), 6)} ${pad(run.peakMB.toFixed(0), 8)} ${pad((run.peakMB / mb).toFixed(2), 9)} ${pad(((run.ms * 1000) / plan.resources).toFixed(1), 12)}`,
  );
}
if (perResource[10_000] && perResource[100_000]) {
  console.log(`\ntime per resource, 100k / 10k: ${(perResource[100_000] / perResource[10_000]).toFixed(2)} (1.00 = linear; n log n gives about 1.25)`);
}

if (withShapes) {
  // Adversarial shapes at two sizes: the cost per resource should stay about the same (see bench/shapes.ts).
  const [small, large] = [4_000, 16_000];
  console.log('');
  console.log(`adversarial shapes (${small} and ${large} resources; ratio of time per resource, 1.00 = linear):`);
  console.log(`${'shape'.padEnd(22)} ${pad('ms', 7)} ${pad('us/res', 7)} ${pad('ms', 7)} ${pad('us/res', 7)} ${pad('ratio', 6)}  what`);
  for (const shape of SHAPES) {
    const cells = [small, large].map((n) => {
      const plan = shape.plan(n);
      const file = new URL(`shape-${shape.name}-${n}.json`, OUT).pathname;
      if (!existsSync(file) || statSync(file).size !== Buffer.byteLength(plan.text)) writeFileSync(file, plan.text);
      const ms = Math.min(measure('weaklink', file).ms, measure('weaklink', file).ms);
      return { ms, us: (ms * 1000) / plan.resources };
    });
    const [a, b] = cells as [{ ms: number; us: number }, { ms: number; us: number }];
    console.log(`${shape.name.padEnd(22)} ${pad(a.ms.toFixed(0), 7)} ${pad(a.us.toFixed(0), 7)} ${pad(b.ms.toFixed(0), 7)} ${pad(b.us.toFixed(0), 7)} ${pad((b.us / a.us).toFixed(2), 6)}  ${shape.what}`);
  }
}

console.log('');
// Start-up in a plain environment: NODE_EXTRA_CA_CERTS (set in some sandboxes, not on GitHub's runners) makes
// every node process read a certificate bundle first, about 80 ms here. Node's own start-up is printed beside.
const plainEnv: NodeJS.ProcessEnv = { ...process.env };
delete plainEnv.NODE_EXTRA_CA_CERTS;
function startUp(args: readonly string[]): number {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, args, { env: plainEnv, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[4]!;
}
console.log(`node -e 0: start-up median ${startUp(['-e', '0']).toFixed(0)} ms (node itself)`);
for (const bundle of ['dist/cli.js', 'dist/index.js']) {
  if (!existsSync(bundle)) continue;
  // The action with no inputs: it loads, reads its (missing) inputs, fails the step and exits.
  const args = bundle === 'dist/cli.js' ? [bundle, '--version'] : ['-e', `import(${JSON.stringify(`./${bundle}`)}).catch(()=>{})`];
  console.log(`${bundle}: ${(statSync(bundle).size / 1024).toFixed(0)} kB, start-up median ${startUp(args).toFixed(0)} ms${bundle === 'dist/cli.js' ? ' (--version)' : ' (load and a failed run)'}`);
}
