// Bundles the CLI (and the action, once present) with ncc into dist/, one file each, committed.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const bundles = [
  { entry: 'src/cli.ts', out: 'cli.js', executable: true },
  { entry: 'src/action/main.ts', out: 'index.js', executable: false },
];

// The Terraform schema validators, compiled ahead of time (scripts/validators.ts), before anything is bundled.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/validators.ts'], { stdio: 'inherit' });

mkdirSync('dist', { recursive: true });
for (const { entry, out, executable } of bundles) {
  if (!existsSync(entry)) continue;
  const tmp = join('build', 'ncc', out.replace(/\.js$/, ''));
  rmSync(tmp, { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', tmp, '--minify', '--no-source-map-register', '--quiet', '--target', 'es2022'], { stdio: 'inherit' });
  const produced = readdirSync(tmp).filter((f) => f.endsWith('.js') || f.endsWith('.cjs') || f.endsWith('.mjs'));
  if (!produced.includes('index.js')) throw new Error(`ncc produced no index.js for ${entry}: ${produced.join(', ')}`);
  for (const f of readdirSync(tmp)) {
    if (f === 'index.js') copyFileSync(join(tmp, f), join('dist', out));
    else if (statSync(join(tmp, f)).isFile() && f !== 'package.json') copyFileSync(join(tmp, f), join('dist', f));
  }
  if (executable) chmodSync(join('dist', out), 0o755);
  console.log(`dist/${out}: ${(statSync(join('dist', out)).size / 1024).toFixed(0)} kB`);
}
