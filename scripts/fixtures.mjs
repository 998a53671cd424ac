// Regenerates fixtures/{demo,aws/*}/plan.json from the main.tf beside it with real terraform, offline, from a local provider
// mirror: `npm run fixtures` for all of them, `npm run fixtures -- aws/single-server` (or `demo`) for one.
// Each plan.json is terraform's own `show -json` bytes, unformatted and unstripped, so it stays real output; the
// `timestamp` and the order of `relevant_attributes` therefore differ between runs while everything the analysis
// reads stays the same (test/terraform-e2e.test.ts compares a fresh plan with the committed one on that basis).
// The terraform logic lives in test/support/terraform.ts (shared with the end-to-end test), loaded through tsx.
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const fixturesRoot = join(root, 'fixtures');
const tf = await tsImport('../test/support/terraform.ts', import.meta.url);

const status = tf.terraformStatus();
if (!status.available) {
  process.stderr.write(`fixtures: ${status.missing} not found, cannot regenerate: ${status.reason}\n`);
  process.exit(1);
}

const all = tf.terraformFixtureDirs(fixturesRoot);
const wanted = process.argv.slice(2).map((name) => name.replace(/^fixtures\//, '').replace(/\/+$/, ''));
const chosen = wanted.length === 0 ? all : all.filter((dir) => wanted.includes(relative(fixturesRoot, dir)));
const unknown = wanted.filter((name) => !all.some((dir) => relative(fixturesRoot, dir) === name));
if (unknown.length > 0) {
  const names = all.map((dir) => relative(fixturesRoot, dir)).join(', ');
  process.stderr.write(`fixtures: no fixture named ${unknown.join(', ')} (there are: ${names})\n`);
  process.exit(2);
}

process.stdout.write(`terraform ${status.version}, provider mirror ${status.mirror}\n`);
let failed = 0;
for (const dir of chosen) {
  const name = relative(root, dir);
  try {
    const bytes = tf.planJson(dir, status.mirror);
    writeFileSync(join(dir, 'plan.json'), bytes);
    process.stdout.write(`${name}/plan.json (${bytes.length} bytes)\n`);
  } catch (error) {
    failed++;
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
