import { Buffer } from 'node:buffer';

/*
 * Reads the JSON of a plan or a state from its bytes, piece by piece, without ever holding the file as one string.
 *
 * `terraform show -json` repeats most of a plan: every resource's values appear in `planned_values`, again as
 * `resource_changes[].change.after`, and, for resources the plan leaves alone, a third and fourth time as
 * `change.before` and in `prior_state`. The loader needs each value once per side. This reader walks the document's
 * structure (top level, state values, modules, resource lists) byte by byte and hands each resource to `JSON.parse`
 * on its own; a byte range equal to one already parsed (the unchanged resource's `before`, `after` and prior values)
 * is compared natively and shared instead of parsed again.
 *
 * Invariants:
 * - The result is what `JSON.parse` of the whole text gives, except that `resource_changes[].change.before`/`after`
 *   are `null` where the loader does not read them (a plan with `prior_state.values` / with `planned_values`), and
 *   that a prior-state resource whose values and sensitivity mask have the same bytes as its planned counterpart
 *   holds the planned side's very objects (equal by construction: same bytes, same parse).
 * - Every byte is checked as JSON: by `JSON.parse`, by a native comparison with bytes `JSON.parse` accepted, or by
 *   `skipChecked` (the skipped `before`/`after` values that match nothing). Input that is not exactly the JSON
 *   grammar, or whose shape this reader does not expect (duplicate or escaped keys where it descends, UTF-16, a
 *   top level that is not an object), returns `undefined`: the caller then reads the file whole, as before, and
 *   reports what is wrong with it.
 */

type Json = Record<string, unknown>;
type Side = 'planned' | 'prior' | 'state';

/**
 * Buffer's own UTF-8 decoder, without `toString`'s argument checks (this reader makes a few calls per resource and
 * its offsets are its own); the public method where a Node lacks it.
 */
const utf8Slice: (this: Buffer, start: number, end: number) => string =
  (Buffer.prototype as { utf8Slice?: (this: Buffer, start: number, end: number) => string }).utf8Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('utf8', start, end);
  };

/** Thrown inside the reader to leave the fast path; never escapes it. */
const NOT_HERE = Symbol('not on the fast path');

/** Deeper module nesting than this is read as one piece (no real configuration comes near). */
const MAX_MODULE_DEPTH = 64;

interface Range {
  readonly start: number;
  readonly end: number;
}

interface PlannedResource {
  readonly element: Json;
  /** The element's own bytes. */
  readonly range: Range;
  readonly values: Range | undefined;
  readonly mask: Range | undefined;
}

interface ResourceChange {
  readonly element: Json;
  readonly before: Range | undefined;
  readonly after: Range | undefined;
  readonly afterSensitive: Range | undefined;
}

interface PriorResource {
  readonly element: Json;
  /** The address as scanned, before the element was parsed (checked against the parsed one). */
  readonly address: string | undefined;
  readonly values: Range | undefined;
  /** The values' bytes equal those of the planned resource at `address`. */
  readonly valuesMatch: boolean;
  readonly mask: Range | undefined;
}

/**
 * The parsed JSON of a file's bytes, read in pieces (see above), or `undefined` when the bytes are not UTF-8 JSON
 * of a shape this reader takes: the caller then decodes and parses the whole text.
 */
export function readJsonPieces(bytes: Uint8Array): unknown {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return new PieceReader(buffer).document();
  } catch {
    // NOT_HERE, a SyntaxError from a piece, or a piece too long for one string: the whole-text reader decides, and
    // words the error if there is one.
    return undefined;
  }
}

/** The member names the reader acts on, as small integers (bit positions for duplicate checks). */
const Key = { Other: 0, Escaped: 1, Address: 2, Values: 3, SensitiveValues: 4, Change: 5, Before: 6, After: 7, AfterSensitive: 8, BeforeSensitive: 9 } as const;
type Key = (typeof Key)[keyof typeof Key];

/** Each Key's member name, as bytes. */
const NAMES: ReadonlyArray<Uint8Array | undefined> = [
  undefined,
  undefined,
  'address',
  'values',
  'sensitive_values',
  'change',
  'before',
  'after',
  'after_sensitive',
  'before_sensitive',
].map((name) => (name === undefined ? undefined : Buffer.from(name)));

/**
 * The member names of one object as the reader walks it: `plain` while each name it acts on occurs once and no name
 * is escaped (an escaped name could be one of them, and JSON.parse keeps the last of a repeated name); an object that
 * is not plain is read whole. `members` fills it in, and reads the `address` member itself.
 */
class Names {
  plain = true;
  /** The object's `address` member, when it is a string. */
  address: string | undefined;
  private seen = 0;

  note(key: Key): void {
    if (key === Key.Escaped || (key !== Key.Other && this.seen & (1 << key))) this.plain = false;
    this.seen |= 1 << key;
  }
}

class PieceReader {
  private readonly n: number;
  private readonly planned = new Map<string, PlannedResource | null>();
  private readonly changes = new Map<string, ResourceChange | null>();
  private readonly changeList: ResourceChange[] = [];
  private readonly priors: PriorResource[] = [];

  constructor(private readonly b: Buffer) {
    this.n = b.length;
  }

  document(): Json {
    const b = this.b;
    let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    i = this.ws(i);
    if (b[i] !== 0x7b) throw NOT_HERE;
    const [doc, end] = this.object(i, (key, at) => this.topMember(key, at));
    if (this.ws(end) !== this.n) throw NOT_HERE;
    this.settle(doc);
    return doc;
  }

  private topMember(key: string, at: number): [unknown, number] {
    switch (key) {
      case 'planned_values':
        return this.stateValues(at, 'planned');
      case 'values':
        return this.stateValues(at, 'state');
      case 'prior_state':
        if (this.b[at] !== 0x7b) return this.piece(at);
        return this.object(at, (k, a) => (k === 'values' ? this.stateValues(a, 'prior') : this.piece(a)));
      case 'resource_changes':
        return this.array(at, (a) => this.resourceChange(a));
      case 'resources':
        // A raw terraform.tfstate: its resources one by one.
        return this.array(at, (a) => this.piece(a));
      default:
        return this.piece(at);
    }
  }

  private stateValues(at: number, side: Side): [unknown, number] {
    if (this.b[at] !== 0x7b) return this.piece(at);
    return this.object(at, (key, a) => (key === 'root_module' ? this.module(a, side, 0) : this.piece(a)));
  }

  private module(at: number, side: Side, depth: number): [unknown, number] {
    if (this.b[at] !== 0x7b || depth > MAX_MODULE_DEPTH) return this.piece(at);
    return this.object(at, (key, a) => {
      if (key === 'resources') return this.array(a, (r) => this.resource(r, side));
      if (key === 'child_modules') return this.array(a, (m) => this.module(m, side, depth + 1));
      return this.piece(a);
    });
  }

  /** One resource of planned values, prior state or a state. */
  private resource(at: number, side: Side): [unknown, number] {
    const b = this.b;
    if (b[at] !== 0x7b) return this.piece(at);
    let values: Range | undefined;
    let mask: Range | undefined;
    let valuesMatch = false;
    const names = new Names();
    const end = this.members(at, names, (key, vs) => {
      if (key === Key.Values) {
        const match = side === 'prior' && names.address !== undefined ? this.matchPlanned(names.address, vs) : -1;
        valuesMatch = match >= 0;
        const ve = valuesMatch ? match : this.valueEnd(vs);
        values = { start: vs, end: ve };
        return ve;
      }
      const ve = this.valueEnd(vs);
      if (key === Key.SensitiveValues) mask = { start: vs, end: ve };
      return ve;
    });
    const plain = names.plain;
    if (plain && side === 'prior' && values) {
      // An unchanged resource's prior entry is its planned one, member for member: a copy of that (its values and
      // mask settled later, as for a parsed one) when the bytes around the values are the same too.
      const planned = valuesMatch ? this.planned.get(names.address!) : undefined;
      const element =
        planned?.values && this.sameBytes({ start: at, end: values.start }, { start: planned.range.start, end: planned.values.start }) && this.sameBytes({ start: values.end, end }, { start: planned.values.end, end: planned.range.end })
          ? { ...planned.element, values: null }
          : this.parseWithout(at, end, [values]);
      this.priors.push({ element, address: names.address, values, valuesMatch, mask });
      return [element, end];
    }
    const element = this.parse(at, end);
    // A repeated address, or one whose entry was read whole, is never shared from.
    if (side === 'planned' && typeof element.address === 'string') {
      const known = this.planned.has(element.address);
      this.planned.set(element.address, known || !plain ? null : { element, range: { start: at, end }, values, mask });
    }
    return [element, end];
  }

  /** One entry of `resource_changes`; its `before` and `after` are left for `settle`. */
  private resourceChange(at: number): [unknown, number] {
    const b = this.b;
    if (b[at] !== 0x7b) return this.piece(at);
    let before: Range | undefined;
    let after: Range | undefined;
    let afterSensitive: Range | undefined;
    // The masks whose bytes are the planned resource's `sensitive_values`: that object is theirs too.
    let afterMask: Range | undefined;
    let beforeMask: Range | undefined;
    const names = new Names();
    const changeNames = new Names();
    const end = this.members(at, names, (key, vs) => {
      if (key !== Key.Change || b[vs] !== 0x7b) return this.valueEnd(vs);
      return this.members(vs, changeNames, (k, cs) => {
        if (k === Key.Before || k === Key.After) {
          const address = names.address;
          const match = address === undefined ? -1 : this.matchPlanned(address, cs);
          const ce = match >= 0 ? match : this.skipChecked(cs);
          if (k === Key.Before) before = { start: cs, end: ce };
          else after = { start: cs, end: ce };
          return ce;
        }
        if (k === Key.AfterSensitive || k === Key.BeforeSensitive) {
          const match = names.address === undefined ? -1 : this.matchPlannedMask(names.address, cs);
          const ce = match >= 0 ? match : this.valueEnd(cs);
          if (k === Key.AfterSensitive) {
            afterSensitive = { start: cs, end: ce };
            if (match >= 0) afterMask = afterSensitive;
          } else if (match >= 0) beforeMask = { start: cs, end: ce };
          return ce;
        }
        return this.valueEnd(cs);
      });
    });
    if (!names.plain || !changeNames.plain) {
      const whole = this.parse(at, end);
      if (typeof whole.address === 'string') this.changes.set(whole.address, null);
      return [whole, end];
    }
    const cut: Range[] = [];
    for (const r of [before, after, afterMask, beforeMask]) if (r) cut.push(r);
    cut.sort((x, y) => x.start - y.start);
    const element = this.parseWithout(at, end, cut);
    if (afterMask || beforeMask) {
      const shared = this.planned.get(names.address!)!.element.sensitive_values;
      const change = element.change as Json;
      if (afterMask) change.after_sensitive = shared;
      if (beforeMask) change.before_sensitive = shared;
    }
    const change: ResourceChange = { element, before, after, afterSensitive };
    this.changeList.push(change);
    if (typeof element.address === 'string') {
      const known = this.changes.has(element.address);
      this.changes.set(element.address, known ? null : change);
    }
    return [element, end];
  }

  /**
   * Fills in what the pieces left open, once the whole document is known: the `before`/`after` values the loader
   * reads (only when the plan has no prior state / planned values to read instead), and each prior resource's values,
   * shared with the planned side where bytes and mask are the same, parsed otherwise.
   */
  private settle(doc: Json): void {
    const prior = doc.prior_state;
    const readsBefore = !(typeof prior === 'object' && prior !== null && (prior as Json).values);
    const readsAfter = !doc.planned_values;
    for (const { element, before, after } of this.changeList) {
      const change = element.change as Json;
      if (readsBefore && before) change.before = this.parse(before.start, before.end);
      if (readsAfter && after) change.after = this.parse(after.start, after.end);
    }
    for (const p of this.priors) {
      const planned = p.address === undefined ? undefined : this.planned.get(p.address);
      const mask = planned && p.valuesMatch && p.element.address === p.address ? this.plannedMask(p.address!, planned) : undefined;
      if (planned && mask && this.sameBytes(p.mask, mask.range)) {
        p.element.values = planned.element.values;
        if (p.mask) p.element.sensitive_values = mask.value;
      } else if (p.values) {
        p.element.values = this.parse(p.values.start, p.values.end);
      }
    }
  }

  /** The mask the loader applies to a planned resource: its change's `after_sensitive`, else its own. */
  private plannedMask(address: string, planned: PlannedResource): { value: unknown; range: Range | undefined } | undefined {
    const change = this.changes.get(address);
    if (change === null) return undefined;
    if (change) {
      const c = change.element.change;
      const value = typeof c === 'object' && c !== null ? (c as Json).after_sensitive : undefined;
      if (value !== undefined && value !== null) return change.afterSensitive ? { value, range: change.afterSensitive } : undefined;
    }
    return { value: planned.element.sensitive_values, range: planned.mask };
  }

  private sameBytes(a: Range | undefined, b: Range | undefined): boolean {
    if (!a || !b) return a === b;
    return a.end - a.start === b.end - b.start && this.b.compare(this.b, a.start, a.end, b.start, b.end) === 0;
  }

  /** End of the value at `at` if its bytes are those of the planned `sensitive_values` at `address`, else -1. */
  private matchPlannedMask(address: string, at: number): number {
    return this.objectAt(at, this.planned.get(address)?.mask);
  }

  /** End of the value at `at` if its bytes are those of the planned values at `address`, else -1. */
  private matchPlanned(address: string, at: number): number {
    return this.objectAt(at, this.planned.get(address)?.values);
  }

  /** End of the object at `at` if its bytes are those of `range` (bytes JSON.parse accepted), else -1. */
  private objectAt(at: number, range: Range | undefined): number {
    if (!range || this.b[at] !== 0x7b) return -1;
    const end = at + (range.end - range.start);
    return end <= this.n && this.b.compare(this.b, range.start, range.end, at, end) === 0 ? end : -1;
  }

  /** An object read member by member into a new object (as JSON.parse would build it); duplicate keys leave. */
  private object(at: number, member: (key: string, at: number) => [unknown, number]): [Json, number] {
    const b = this.b;
    const out: Json = {};
    let i = this.ws(at + 1);
    if (b[i] === 0x7d) return [out, i + 1];
    for (;;) {
      if (b[i] !== 0x22) throw NOT_HERE;
      const ke = this.stringEnd(i);
      const key = this.key(i, ke);
      if (Object.hasOwn(out, key)) throw NOT_HERE;
      i = this.ws(ke);
      if (b[i] !== 0x3a) throw NOT_HERE;
      const [value, end] = member(key, this.ws(i + 1));
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      i = this.ws(end);
      if (b[i] === 0x2c) i = this.ws(i + 1);
      else if (b[i] === 0x7d) return [out, i + 1];
      else throw NOT_HERE;
    }
  }

  private array(at: number, item: (at: number) => [unknown, number]): [unknown, number] {
    const b = this.b;
    if (b[at] !== 0x5b) return this.piece(at);
    const out: unknown[] = [];
    let i = this.ws(at + 1);
    if (b[i] === 0x5d) return [out, i + 1];
    for (;;) {
      const [value, end] = item(i);
      out.push(value);
      i = this.ws(end);
      if (b[i] === 0x2c) i = this.ws(i + 1);
      else if (b[i] === 0x5d) return [out, i + 1];
      else throw NOT_HERE;
    }
  }

  /**
   * Walks an object's members without building it, noting their names: `member` gets each key's kind and its
   * value's start and returns the value's end (the `address` member is read here).
   */
  private members(at: number, names: Names, member: (key: Key, valueAt: number) => number): number {
    const b = this.b;
    let i = this.ws(at + 1);
    if (b[i] === 0x7d) return i + 1;
    for (;;) {
      if (b[i] !== 0x22) throw NOT_HERE;
      const ke = this.stringEnd(i);
      const key = this.keyKind(i + 1, ke - 1);
      names.note(key);
      i = this.ws(ke);
      if (b[i] !== 0x3a) throw NOT_HERE;
      const vs = this.ws(i + 1);
      let ve: number;
      if (key === Key.Address) {
        ve = this.valueEnd(vs);
        names.address = this.addressOf(vs, ve);
      } else ve = member(key, vs);
      i = this.ws(ve);
      if (b[i] === 0x2c) i = this.ws(i + 1);
      else if (b[i] === 0x7d) return i + 1;
      else throw NOT_HERE;
    }
  }

  private keyKind(start: number, end: number): Key {
    const b = this.b;
    const length = end - start;
    const kind =
      length === 5 ? Key.After
      : length === 6 ? (b[start] === 0x76 ? Key.Values : b[start] === 0x63 ? Key.Change : Key.Before)
      : length === 7 ? Key.Address
      : length === 15 ? Key.AfterSensitive
      : length === 16 ? (b[start] === 0x73 ? Key.SensitiveValues : Key.BeforeSensitive)
      : Key.Other;
    if (kind !== Key.Other && this.bytesAre(start, NAMES[kind]!)) return kind;
    for (let i = start; i < end; i++) if (b[i] === 0x5c) return Key.Escaped;
    return Key.Other;
  }

  private bytesAre(at: number, name: Uint8Array): boolean {
    for (let k = 0; k < name.length; k++) if (this.b[at + k] !== name[k]) return false;
    return true;
  }

  private key(start: number, end: number): string {
    const b = this.b;
    for (let i = start + 1; i < end - 1; i++) {
      const c = b[i]!;
      if (c < 0x20 || c > 0x7e || c === 0x5c) return JSON.parse(this.text(start, end)) as string;
    }
    return b.toString('latin1', start + 1, end - 1);
  }

  /** The address a member value [start, end) states, if it is a string; plain ones straight from the bytes. */
  private addressOf(start: number, end: number): string | undefined {
    const b = this.b;
    if (b[start] !== 0x22) return undefined;
    for (let i = start + 1; i < end - 1; i++) {
      const c = b[i]!;
      if (c < 0x20 || c === 0x5c) {
        const value: unknown = this.parse(start, end);
        return typeof value === 'string' ? value : undefined;
      }
    }
    return this.text(start + 1, end - 1);
  }

  private piece(at: number): [unknown, number] {
    const end = this.valueEnd(at);
    return [this.parse(at, end), end];
  }

  private parse(start: number, end: number): Json {
    return JSON.parse(this.text(start, end)) as Json;
  }

  /** JSON.parse of [start, end) with each (sorted, disjoint) range inside it read as `null`. */
  private parseWithout(start: number, end: number, cut: readonly Range[]): Json {
    let text = '';
    let from = start;
    for (const r of cut) {
      text += `${this.text(from, r.start)}null`;
      from = r.end;
    }
    return JSON.parse(text + this.text(from, end)) as Json;
  }

  private text(start: number, end: number): string {
    return utf8Slice.call(this.b, start, end);
  }

  private ws(i: number): number {
    const b = this.b;
    for (;;) {
      const c = b[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
      i++;
    }
  }

  private stringEnd(at: number): number {
    const b = this.b;
    const n = this.n;
    let i = at + 1;
    while (i < n) {
      const c = b[i]!;
      if (c === 0x22) return i + 1;
      i += c === 0x5c ? 2 : 1;
    }
    throw NOT_HERE;
  }

  /**
   * End of the value at `at`, trusting it to be JSON (what it spans is handed to JSON.parse, which checks it).
   */
  private valueEnd(at: number): number {
    const b = this.b;
    const n = this.n;
    const first = b[at];
    if (first === 0x22) return this.stringEnd(at);
    let i = at;
    if (first !== 0x7b && first !== 0x5b) {
      while (i < n) {
        const c = b[i]!;
        if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
        i++;
      }
      if (i === at) throw NOT_HERE;
      return i;
    }
    let depth = 0;
    while (i < n) {
      const c = b[i]!;
      if (c === 0x22) {
        i = this.stringEnd(i);
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw NOT_HERE;
  }

  /**
   * End of the JSON value at `at`, checking it against the JSON grammar as it goes (for values skipped, never
   * parsed). Iterative: nesting depth costs memory, not stack.
   */
  private skipChecked(at: number): number {
    const b = this.b;
    const closers: number[] = [];
    let i = at;
    for (;;) {
      // A value.
      i = this.ws(i);
      const c = b[i];
      if (c === 0x22) i = this.checkedString(i);
      else if (c === 0x7b || c === 0x5b) {
        const close = c === 0x7b ? 0x7d : 0x5d;
        i = this.ws(i + 1);
        if (b[i] === close) i++;
        else {
          closers.push(close);
          if (close === 0x7d) i = this.checkedKey(i);
          continue;
        }
      } else if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) i = this.checkedNumber(i);
      else if (c === 0x74) i = this.literal(i, 'true');
      else if (c === 0x66) i = this.literal(i, 'false');
      else if (c === 0x6e) i = this.literal(i, 'null');
      else throw NOT_HERE;
      // After a value: a comma or the closers of the containers it ends.
      for (;;) {
        if (closers.length === 0) return i;
        i = this.ws(i);
        const close = closers[closers.length - 1]!;
        if (b[i] === 0x2c) {
          i = this.ws(i + 1);
          if (close === 0x7d) i = this.checkedKey(i);
          break;
        }
        if (b[i] !== close) throw NOT_HERE;
        closers.pop();
        i++;
      }
    }
  }

  /** A key and its colon; returns where the value starts. */
  private checkedKey(at: number): number {
    if (this.b[at] !== 0x22) throw NOT_HERE;
    const i = this.ws(this.checkedString(at));
    if (this.b[i] !== 0x3a) throw NOT_HERE;
    return i + 1;
  }

  private checkedString(at: number): number {
    const b = this.b;
    const n = this.n;
    let i = at + 1;
    while (i < n) {
      const c = b[i]!;
      if (c === 0x22) return i + 1;
      if (c < 0x20) throw NOT_HERE;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      const e = b[i + 1];
      if (e === 0x75) {
        for (let k = i + 2; k < i + 6; k++) if (!isHex(b[k])) throw NOT_HERE;
        i += 6;
      } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) i += 2;
      else throw NOT_HERE;
    }
    throw NOT_HERE;
  }

  private checkedNumber(at: number): number {
    const b = this.b;
    let i = at;
    if (b[i] === 0x2d) i++;
    if (b[i] === 0x30) i++;
    else if (isDigit(b[i])) while (isDigit(b[i])) i++;
    else throw NOT_HERE;
    if (b[i] === 0x2e) {
      i++;
      if (!isDigit(b[i])) throw NOT_HERE;
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (!isDigit(b[i])) throw NOT_HERE;
      while (isDigit(b[i])) i++;
    }
    return i;
  }

  private literal(at: number, word: string): number {
    for (let k = 0; k < word.length; k++) if (this.b[at + k] !== word.charCodeAt(k)) throw NOT_HERE;
    return at + word.length;
  }
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
