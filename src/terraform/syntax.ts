/**
 * Finds where a JSON text first goes wrong, for error messages (Node 20's JSON.parse does not always say).
 * Iterative, so hostile nesting cannot overflow the stack. Returns the offset of the offending character, or the
 * text's length when the text ends early.
 */
export function firstSyntaxError(text: string): { offset: number; endsEarly: boolean } {
  const stack: Array<'{' | '['> = [];
  let i = 0;
  // What may come next: a value, a key (or '}' ), ':' , ',' or a closer.
  let expect: 'value' | 'key-or-close' | 'value-or-close' | 'colon' | 'comma-or-close' | 'end' = 'value';
  const n = text.length;
  const ws = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
  while (i < n) {
    const c = text[i]!;
    if (ws(c)) {
      i++;
      continue;
    }
    if (expect === 'end') return { offset: i, endsEarly: false };
    if (expect === 'colon') {
      if (c !== ':') return { offset: i, endsEarly: false };
      expect = 'value';
      i++;
      continue;
    }
    if (expect === 'comma-or-close') {
      const top = stack[stack.length - 1];
      if (c === ',') {
        expect = top === '{' ? 'key-or-close' : 'value';
        if (top === '{') {
          // After a comma in an object a key must follow, not a closer.
          i++;
          while (i < n && ws(text[i]!)) i++;
          if (i < n && text[i] !== '"') return { offset: i, endsEarly: false };
        } else i++;
        continue;
      }
      if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        expect = stack.length === 0 ? 'end' : 'comma-or-close';
        i++;
        continue;
      }
      return { offset: i, endsEarly: false };
    }
    if (expect === 'key-or-close') {
      if (c === '}') {
        stack.pop();
        expect = stack.length === 0 ? 'end' : 'comma-or-close';
        i++;
        continue;
      }
      if (c !== '"') return { offset: i, endsEarly: false };
      const end = skipString(text, i);
      if (end < 0) return { offset: n, endsEarly: true };
      i = end;
      expect = 'colon';
      continue;
    }
    if (expect === 'value-or-close' && c === ']') {
      stack.pop();
      expect = stack.length === 0 ? 'end' : 'comma-or-close';
      i++;
      continue;
    }
    // A value.
    if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
      i++;
      continue;
    }
    let end: number;
    if (c === '"') end = skipString(text, i);
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      end = m ? i + m[0].length : -2;
    }
    if (end === -2) return { offset: i, endsEarly: false };
    if (end < 0) return { offset: n, endsEarly: true };
    i = end;
    expect = stack.length === 0 ? 'end' : 'comma-or-close';
  }
  return { offset: n, endsEarly: expect !== 'end' };
}

/** Index after the closing quote of the string starting at `start`, or -1 when it never closes. */
function skipString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return -2;
  }
  return -1;
}
