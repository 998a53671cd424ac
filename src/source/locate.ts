import { posix } from 'node:path';
import { configAddress, parseAddress } from '../terraform/index.js';
import { declaringAddress } from './address.js';
import { parseDirective, type InlineSuppression } from './directive.js';
import { scanHcl, type Block, type ScannedFile } from './scan.js';

/** A `.tf` file as handed in: a repository-relative path with `/` separators, and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface BlockLocation {
  readonly file: string;
  readonly line: number;
}

/** Where an address is declared, and the inline suppressions that cover it (its block's and its module calls'). */
export interface Located {
  readonly location: BlockLocation | undefined;
  readonly suppressions: readonly InlineSuppression[];
}

export interface Locator {
  locate(address: string): Located;
}

/** Every declaration in a set of `.tf` files, by module directory. */
export interface SourceIndex {
  /**
   * The locator for one workspace, rooted at the directory that declares most of its root-level names
   * (the config addresses of its root resources and `module.<name>` of its module calls).
   */
  workspace(configAddresses: Iterable<string>): Locator;
}

interface Declaration {
  readonly location: BlockLocation;
  readonly suppressions: readonly InlineSuppression[];
  /** Module calls: the directory of a local module, or undefined for a registry or remote one. */
  readonly child: string | undefined;
}

type Directory = Map<string, Declaration>;

const NOWHERE: Located = { location: undefined, suppressions: [] };

/** Scans the files once and indexes their `resource`, `data` and `module` blocks. Pure over the texts. */
export function locateBlocks(files: readonly SourceFile[]): SourceIndex {
  const dirs = new Map<string, Directory>();
  // Override files merge into blocks declared elsewhere: the declaration proper wins, whatever the path order.
  const ordered = [...files].sort((a, b) => Number(isOverride(a.path)) - Number(isOverride(b.path)) || compare(a.path, b.path));
  for (const file of ordered) {
    const dir = posix.dirname(file.path);
    let decls = dirs.get(dir);
    if (!decls) dirs.set(dir, (decls = new Map()));
    const scanned = scanHcl(file.text);
    const covering = suppressionsByBlock(scanned, file.path);
    scanned.blocks.forEach((block, i) => {
      const key = keyOf(block);
      if (key === undefined || decls.has(key)) return;
      const local = block.kind === 'module' && block.source !== undefined && /^\.\.?(\/|$)/.test(block.source);
      decls.set(key, {
        location: { file: file.path, line: block.line },
        suppressions: covering[i] ?? [],
        child: local ? posix.join(dir, block.source!) : undefined,
      });
    });
  }
  return { workspace: (addresses) => locator(dirs, rootOf(dirs, addresses)) };
}

function locator(dirs: ReadonlyMap<string, Directory>, root: string | undefined): Locator {
  const cache = new Map<string, Located>();
  return {
    locate(address: string): Located {
      if (root === undefined) return NOWHERE;
      const declared = configAddress(declaringAddress(address));
      let found = cache.get(declared);
      if (!found) cache.set(declared, (found = walk(dirs, root, declared)));
      return found;
    },
  };
}

function walk(dirs: ReadonlyMap<string, Directory>, root: string, declared: string): Located {
  const parts = parseAddress(declared);
  if (!parts) return NOWHERE;
  const suppressions: InlineSuppression[] = [];
  let dir = dirs.get(root);
  const calls = parts.moduleConfig ? parts.moduleConfig.split('.').filter((_, i) => i % 2 === 1) : [];
  for (const name of calls) {
    const call = dir?.get(`module.${name}`);
    if (!call) return NOWHERE;
    suppressions.push(...call.suppressions);
    const inside = call.child === undefined ? undefined : dirs.get(call.child);
    // A registry, remote or out-of-tree module: its call is the closest line the user owns.
    if (!inside) return { location: call.location, suppressions };
    dir = inside;
  }
  const decl = dir?.get(`${parts.mode === 'data' ? 'data.' : ''}${parts.type}.${parts.name}`);
  if (!decl) return NOWHERE;
  return { location: decl.location, suppressions: [...suppressions, ...decl.suppressions] };
}

function rootOf(dirs: ReadonlyMap<string, Directory>, addresses: Iterable<string>): string | undefined {
  const keys = new Set<string>();
  for (const address of addresses) {
    if (!address.startsWith('module.')) keys.add(address);
    else {
      const dot = address.indexOf('.', 'module.'.length);
      keys.add(dot < 0 ? address : address.slice(0, dot));
    }
  }
  const scores = new Map<string, number>();
  for (const [dir, decls] of dirs) {
    // Count from the smaller side: a workspace may name few keys, and a tree may hold thousands of directories.
    let score = 0;
    if (keys.size < decls.size) {
      for (const key of keys) if (decls.has(key)) score++;
    } else {
      for (const key of decls.keys()) if (keys.has(key)) score++;
    }
    if (score > 0) scores.set(dir, score);
  }
  let best: string | undefined;
  let bestScore = 0;
  for (const [dir, score] of scores) {
    if (score > bestScore || (score === bestScore && best !== undefined && shallower(dir, best))) {
      best = dir;
      bestScore = score;
    }
  }
  return best;
}

/** For each block (by index), the directives above or inside it. */
function suppressionsByBlock(scanned: ScannedFile, file: string): InlineSuppression[][] {
  const out: InlineSuppression[][] = [];
  const { blocks, commentLines } = scanned;
  let b = 0;
  for (const comment of scanned.directives) {
    const directive = parseDirective(comment, file);
    if (!directive) continue;
    while (b < blocks.length && blocks[b]!.endLine < comment.line) b++;
    const block = blocks[b];
    if (!block) break;
    if (block.line > comment.line && !gapIsComments(commentLines, comment.line, block.line)) continue;
    (out[b] ??= []).push(directive);
  }
  return out;
}

function gapIsComments(commentLines: ReadonlySet<number>, from: number, to: number): boolean {
  for (let l = from; l < to; l++) if (!commentLines.has(l)) return false;
  return true;
}

function keyOf(block: Block): string | undefined {
  const [a, b] = block.labels;
  if (block.kind === 'module') return block.labels.length === 1 ? `module.${a}` : undefined;
  if (block.labels.length !== 2) return undefined;
  return block.kind === 'data' ? `data.${a}.${b}` : `${a}.${b}`;
}

const isOverride = (path: string): boolean => /(^|\/|_)override\.tf$/.test(path);
const depthOf = (dir: string): number => (dir === '.' ? 0 : dir.split('/').length);
const shallower = (a: string, b: string): boolean => depthOf(a) < depthOf(b) || (depthOf(a) === depthOf(b) && a < b);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
