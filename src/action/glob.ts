import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';

/** Folders a `**` never walks into: not where plans live, and large. */
const SKIPPED = new Set(['.git', 'node_modules', '.terraform']);

/**
 * Paths or globs (`*`, `?` within one path segment, `**` across segments, `{a,b}`), one per entry -> the existing
 * files they name, each once, in the order given and sorted within a glob. A plain path is kept as given even when
 * missing, so the reader reports it by name. Our own, since fs.globSync needs Node 22.
 */
export function expandPlans(patterns: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      out.push(file);
    }
  };
  for (const raw of patterns) {
    const pattern = raw.replaceAll('\\', '/');
    if (!/[*?{]/.test(pattern)) {
      add(raw);
      continue;
    }
    for (const file of matchGlob(pattern, cwd)) add(file);
  }
  return out;
}

/** Files matching one glob, relative to `cwd` when the glob is relative, sorted. */
export function matchGlob(pattern: string, cwd: string): string[] {
  const segments = pattern.split('/');
  const absolute = isAbsolute(pattern);
  const fixed: string[] = [];
  while (segments.length > 1 && !/[*?{]/.test(segments[0]!)) fixed.push(segments.shift()!);
  const root = fixed.join('/') || (absolute ? '/' : '.');
  const re = compile(segments.join('/'));
  const results: string[] = [];
  const deep = segments.some((s) => s.includes('**'));
  const depth = segments.length;
  const walk = (dir: string, rel: string, level: number): void => {
    let entries;
    try {
      entries = readdirSync(join(absolute ? '' : cwd, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const relPath = rel === '' ? e.name : `${rel}/${e.name}`;
      const full = dir === '.' ? e.name : posix.join(dir, e.name);
      if (e.isDirectory()) {
        const named = segments.includes(e.name);
        if ((deep || level + 1 < depth) && (named || !SKIPPED.has(e.name))) walk(full, relPath, level + 1);
      } else if ((e.isFile() || e.isSymbolicLink()) && re.test(relPath)) {
        results.push(full);
      }
    }
  };
  if (existsSync(absolute ? root : join(cwd, root))) walk(root, '', 0);
  return results.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function compile(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more whole segments.
      if (glob[i + 2] === '/') {
        source += '(?:[^/]*/)*';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) source += '\\{';
      else {
        source += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`;
        i = end;
      }
    } else source += escape(c);
  }
  return new RegExp(`^${source}$`, 's');
}

const escape = (s: string): string => s.replace(/[\\^$.|+()[\]{}*?]/g, '\\$&');
