/** The top-level blocks weaklink points at: the ones that declare resources, and module calls. */
export const LOCATED_BLOCKS = ['resource', 'data', 'module'] as const;
export type LocatedBlock = (typeof LOCATED_BLOCKS)[number];

export interface Block {
  readonly kind: LocatedBlock;
  readonly labels: readonly string[];
  /** 1-based line of the block's first word. */
  readonly line: number;
  /** 1-based line of the closing brace (the last line for a block left open). */
  readonly endLine: number;
  /** Module calls: the literal `source` argument. */
  readonly source: string | undefined;
}

export interface Comment {
  readonly line: number;
  /** The comment's text after `#` or `//`. */
  readonly text: string;
}

export interface ScannedFile {
  /** In order of appearance. */
  readonly blocks: readonly Block[];
  /** Line comments that mention `weaklink:`, in order. */
  readonly directives: readonly Comment[];
  /** Lines that hold nothing but a comment (the glue that keeps a directive "above" its block). */
  readonly commentLines: ReadonlySet<number>;
}

const NL = 10;
const QUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const STAR = 42;
const SLASH = 47;
const LT = 60;
const EQ = 61;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 0xfeff;

const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
const KINDS: ReadonlySet<string> = new Set(LOCATED_BLOCKS);

/**
 * A block scanner for HCL's native syntax: it knows strings (with `${...}` and `%{...}` templates, which may nest
 * strings and braces), heredocs (`<<EOF`, `<<-EOF`), comments (`#`, `//`, `/* *\/`) and brace nesting, which is all
 * it takes to find where each top-level block starts and ends. It reads no expressions and never throws: a file
 * Terraform would reject still yields the blocks before the damage.
 */
export function scanHcl(text: string): ScannedFile {
  const blocks: Block[] = [];
  const directives: Comment[] = [];
  const commentLines = new Set<number>();
  const n = text.length;
  let pos = 0;
  let line = 1;
  let depth = 0;
  /** Words and string literals of the statement being read at depth 0 or 1; `\0` stands for anything else. */
  let words: string[] = [];
  let wordsLine = 1;
  let lineHasCode = false;
  let open: { kind: LocatedBlock; labels: string[]; line: number; source: string | undefined } | undefined;

  const lineComment = (from: number): void => {
    const end = text.indexOf('\n', from);
    const stop = end < 0 ? n : end;
    if (!lineHasCode) commentLines.add(line);
    const body = text.slice(from, stop);
    if (body.includes('weaklink:')) directives.push({ line, text: body });
    pos = stop;
  };

  /** From just after an opening quote to just after the closing one; stops before a newline outside a template. */
  const skipString = (): string => {
    const start = pos;
    let simple = true;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        pos++;
        return simple ? text.slice(start, pos - 1) : '\0';
      }
      if (c === NL) return '\0';
      if (c === BACKSLASH) {
        simple = false;
        pos += 2;
      } else if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(pos + 1) === LBRACE) {
        simple = false;
        if (text.charCodeAt(pos - 1) === c && pos - 1 >= start) {
          pos += 2; // `$${` and `%%{` are escapes, not templates
          continue;
        }
        pos += 2;
        skipExpression();
      } else pos++;
    }
    return '\0';
  };

  /** From just after `${` to just after the matching `}`. */
  const skipExpression = (): void => {
    let nest = 0;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        pos++;
        skipString();
        continue;
      }
      if (c === NL) line++;
      else if (c === LBRACE) nest++;
      else if (c === RBRACE) {
        if (nest === 0) {
          pos++;
          return;
        }
        nest--;
      } else if (c === LT && skipHeredoc()) continue;
      pos++;
    }
  };

  /** At `<<`: skips a heredoc up to the end of its closing line and says whether there was one. */
  const skipHeredoc = (): boolean => {
    HEREDOC.lastIndex = pos;
    const m = HEREDOC.exec(text);
    if (!m) return false;
    const marker = m[1]!;
    pos = HEREDOC.lastIndex;
    line++;
    while (pos < n) {
      const end = text.indexOf('\n', pos);
      const stop = end < 0 ? n : end;
      const closes = text.slice(pos, stop).trim() === marker;
      pos = stop;
      if (closes || end < 0) return true;
      pos++;
      line++;
    }
    return true;
  };

  const note = (word: string): void => {
    if (words.length === 0) wordsLine = line;
    words.push(word);
  };

  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === NL) {
      line++;
      pos++;
      lineHasCode = false;
      if (depth <= 1) words = [];
      continue;
    }
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c === HASH || (c === SLASH && text.charCodeAt(pos + 1) === SLASH)) {
      lineComment(pos + (c === HASH ? 1 : 2));
      continue;
    }
    if (c === SLASH && text.charCodeAt(pos + 1) === STAR) {
      const end = text.indexOf('*/', pos + 2);
      const stop = end < 0 ? n : end + 2;
      for (let i = text.indexOf('\n', pos); i >= 0 && i < stop; i = text.indexOf('\n', i + 1)) line++;
      pos = stop;
      continue;
    }
    lineHasCode = true;
    if (c === QUOTE) {
      pos++;
      const literal = skipString();
      if (depth <= 1) note(literal);
      if (depth === 1 && open?.kind === 'module' && words.length === 3 && words[0] === 'source' && words[1] === '=' && literal !== '\0') {
        open.source = literal;
      }
      continue;
    }
    if (c === LBRACE) {
      if (depth === 0) {
        const [first, ...labels] = words;
        if (first !== undefined && KINDS.has(first) && labels.every((l) => l !== '\0')) {
          open = { kind: first as LocatedBlock, labels, line: wordsLine, source: undefined };
        }
      }
      depth++;
      words = [];
      pos++;
      continue;
    }
    if (c === RBRACE) {
      if (depth > 0) depth--;
      if (depth === 0 && open) {
        blocks.push({ kind: open.kind, labels: open.labels, line: open.line, endLine: line, source: open.source });
        open = undefined;
      }
      words = [];
      pos++;
      continue;
    }
    if (c === LT && skipHeredoc()) {
      lineHasCode = false;
      continue;
    }
    if (depth <= 1 && isIdentStart(c)) {
      const start = pos;
      while (pos < n && isIdentPart(text.charCodeAt(pos))) pos++;
      note(text.slice(start, pos));
      continue;
    }
    if (depth <= 1) note(c === EQ ? '=' : '\0');
    pos++;
  }
  if (open) blocks.push({ kind: open.kind, labels: open.labels, line: open.line, endLine: line, source: open.source });
  return { blocks, directives, commentLines };
}
