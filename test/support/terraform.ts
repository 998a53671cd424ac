/**
 * Real terraform, offline: finds the `terraform` binary and a filesystem mirror holding the hashicorp/aws provider,
 * and turns a fixture folder into the bytes `terraform show -json` prints for its plan. Used by the end-to-end test
 * and by `npm run fixtures` (scripts/fixtures.mjs), so both run terraform the same way.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const PROVIDER_DIR = join('registry.terraform.io', 'hashicorp', 'aws');

/** Where a mirror usually sits; the whole-disk search below is the slow fallback. */
const LIKELY_MIRRORS = [
  '/opt/tf-plugins',
  join(homedir(), '.terraform.d', 'plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
];

export type TerraformStatus =
  | { readonly available: true; readonly version: string; readonly mirror: string }
  | { readonly available: false; readonly missing: 'terraform' | 'provider mirror'; readonly reason: string };

/** The terraform version on PATH (`1.11.4`), or undefined when there is none. */
export function terraformVersion(): string | undefined {
  const run = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(run.stdout);
    const version = typeof parsed === 'object' && parsed !== null && 'terraform_version' in parsed ? parsed.terraform_version : undefined;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** True when `root` holds an unpacked hashicorp/aws provider binary in the mirror layout Terraform expects. */
function holdsAwsProvider(root: string): boolean {
  const provider = join(root, PROVIDER_DIR);
  if (!existsSync(provider)) return false;
  for (const version of readdirSync(provider)) {
    const versionDir = join(provider, version);
    if (!statSync(versionDir).isDirectory()) continue;
    for (const platform of readdirSync(versionDir)) {
      const platformDir = join(versionDir, platform);
      if (statSync(platformDir).isDirectory() && readdirSync(platformDir).some((f) => f.startsWith('terraform-provider-aws_'))) return true;
    }
  }
  return false;
}

/**
 * The folder above `registry.terraform.io` of a mirror holding the aws provider: `WEAKLINK_TF_MIRROR` when set,
 * else a likely place, else the first hit of a search of the whole disk (as the issue describes it).
 */
export function findProviderMirror(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const pinned = env.WEAKLINK_TF_MIRROR;
  if (pinned) return holdsAwsProvider(pinned) ? pinned : undefined;
  const likely = LIKELY_MIRRORS.find(holdsAwsProvider);
  if (likely) return likely;
  const search = spawnSync('find', ['/', '-name', 'terraform-provider-aws_*', '-not', '-path', '/proc/*', '-print', '-quit'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const hit = search.stdout?.split('\n')[0]?.trim();
  if (!hit) return undefined;
  const at = hit.lastIndexOf(`${join('/', 'registry.terraform.io')}/`);
  return at > 0 ? hit.slice(0, at) : undefined;
}

/** Whether real AWS plans can be made here, and if not, why not in one line. */
export function terraformStatus(): TerraformStatus {
  const version = terraformVersion();
  if (version === undefined) return { available: false, missing: 'terraform', reason: 'no working `terraform version` on PATH' };
  const mirror = findProviderMirror();
  if (mirror === undefined) {
    const pinned = process.env.WEAKLINK_TF_MIRROR;
    const reason = pinned
      ? `WEAKLINK_TF_MIRROR=${pinned} holds no ${PROVIDER_DIR}/<version>/<platform>/terraform-provider-aws_*`
      : `no filesystem mirror holding ${PROVIDER_DIR} in ${LIKELY_MIRRORS.join(', ')} or anywhere on disk`;
    return { available: false, missing: 'provider mirror', reason };
  }
  return { available: true, version, mirror };
}

/** The CLI configuration that makes `terraform init` install providers from the mirror only, never the network. */
export function cliConfig(mirror: string): string {
  return `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`;
}

export class TerraformError extends Error {
  override readonly name = 'TerraformError';
}

/**
 * Plans a fixture folder in a temporary copy and returns the exact bytes of `terraform show -json tfplan`.
 * Nothing is written in `fixtureDir`: `.terraform/`, the lock file and `tfplan` live and die in the copy.
 * The `timestamp` and the order of `relevant_attributes` differ from run to run; nothing is stripped, so the output
 * stays real (compare runs with `comparablePlan`).
 */
export function planJson(fixtureDir: string, mirror: string): Buffer {
  const work = mkdtempSync(join(tmpdir(), `weaklink-tf-${basename(fixtureDir)}-`));
  try {
    const dir = join(work, 'fixture');
    cpSync(fixtureDir, dir, {
      recursive: true,
      filter: (src) => !['.terraform', '.terraform.lock.hcl', 'tfplan', 'plan.json', 'expected.json'].includes(basename(src)),
    });
    const rc = join(work, 'terraformrc.hcl');
    writeFileSync(rc, cliConfig(mirror));
    const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_LOG: '' };
    const step = (args: readonly string[]): Buffer => {
      const run = spawnSync('terraform', [...args], { cwd: dir, env, timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
      if (run.error) throw new TerraformError(`terraform ${args[0]} in ${fixtureDir}: ${run.error.message}`);
      if (run.status !== 0) {
        const said = `${run.stderr.toString('utf8')}\n${run.stdout.toString('utf8')}`.trim();
        throw new TerraformError(`terraform ${args.join(' ')} failed in ${fixtureDir} (exit ${run.status}):\n${said}`);
      }
      return run.stdout;
    };
    step(['init', '-input=false', '-no-color']);
    step(['plan', '-refresh=false', '-input=false', '-no-color', '-out=tfplan']);
    return step(['show', '-json', 'tfplan']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Folders under `root` holding `file`: the first such folder down each branch (so not a fixture's modules). */
export function foldersWith(root: string, file: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (existsSync(join(dir, file))) {
      out.push(dir);
      return;
    }
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory() && !name.startsWith('.') && name !== 'node_modules') walk(path);
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort();
}

/**
 * The fixtures real terraform makes here: those under `demo/` and `aws/` with a `main.tf`. Google and Azure
 * fixtures are written by hand (no provider for them on these machines) and are left alone.
 */
export function terraformFixtureDirs(fixturesRoot: string): string[] {
  return ['demo', 'aws'].flatMap((top) => foldersWith(join(fixturesRoot, top), 'main.tf'));
}

/**
 * A plan's JSON with what differs between two runs of the same configuration taken out: the `timestamp`, and the
 * order of `relevant_attributes` (terraform walks a map there). Equal results mean the same plan.
 */
export function comparablePlan(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  const plan: unknown = JSON.parse(text);
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) return plan;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plan)) {
    if (key === 'timestamp') continue;
    out[key] = key === 'relevant_attributes' && Array.isArray(value) ? value.map((r) => JSON.stringify(r)).sort() : value;
  }
  return out;
}
