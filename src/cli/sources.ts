import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_CONFIG_FILE, parseConfig, type Config } from '../config/index.js';
import type { SourceFile } from '../source/index.js';
import { InputError } from '../terraform/index.js';

/**
 * Every `.tf` file under `dir`, named by its path from the current folder (the repository root in CI) with `/`
 * separators, in a stable order. Hidden folders (`.terraform`, `.git`) and `node_modules` are skipped: what lies
 * there is not the user's code, and a registry module is pointed at through its `module` call instead.
 */
export function readSources(dir: string): SourceFile[] {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(dir, 'no such folder', 'pass the folder that holds the .tf files with --source-dir');
  }
  if (!isDir) throw new InputError(dir, 'this is a file, not a folder', 'pass the folder that holds the .tf files with --source-dir');
  const files: SourceFile[] = [];
  const walk = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.tf')) {
        files.push({ path: displayPath(path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(dir);
  return files;
}

/** The config named by --config, else `.weaklink.yml` in the current folder when there is one. */
export function readConfig(file: string | undefined): Config | undefined {
  const path = file ?? DEFAULT_CONFIG_FILE;
  if (file === undefined && !existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(path, 'cannot read the config file', 'check the path given to --config');
  }
  return parseConfig(path, text);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  const shown = rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
  return shown.split(sep).join('/');
}
