/** An address range as two integers (IPv4 and IPv6 alike, as bigints), so containment is two comparisons. */
export interface Range {
  readonly v6: boolean;
  readonly start: bigint;
  readonly end: bigint;
  /** The prefix length: the leading bits every address of the range shares. */
  readonly prefix: number;
}

function v4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out = out * 256n + BigInt(p);
  }
  return out;
}

function v6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  let out = 0n;
  for (const g of [...head, ...Array<string>(missing).fill('0'), ...tail]) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    out = out * 65536n + BigInt(`0x${g}`);
  }
  return out;
}

/** `10.0.1.0/24` or `2001:db8::/32` as a range; undefined when it is not a CIDR. */
export function parseCidr(cidr: string): Range | undefined {
  const m = /^([0-9a-f:.]+)\/(\d{1,3})$/i.exec(cidr.trim());
  if (!m) return undefined;
  const isV6 = m[1]!.includes(':');
  const base = isV6 ? v6(m[1]!) : v4(m[1]!);
  const bits = isV6 ? 128 : 32;
  const prefix = Number(m[2]);
  if (base === undefined || prefix > bits) return undefined;
  const size = 1n << BigInt(bits - prefix);
  const start = (base / size) * size;
  return { v6: isV6, start, end: start + size - 1n, prefix };
}

/**
 * How many addresses a CIDR holds, as a float, and its family, read from the prefix length alone (no parse):
 * enough to tell whether ranges could add up to a whole family before joining them.
 */
export function cidrSize(cidr: string): { readonly v6: boolean; readonly size: number } | undefined {
  const v6 = cidr.includes(':');
  const size = 2 ** ((v6 ? 128 : 32) - Number(cidr.slice(cidr.lastIndexOf('/') + 1)));
  return size > 0 ? { v6, size } : undefined;
}

/** The size of a whole family: every IPv4 or every IPv6 address. */
export const familySize = (v6: boolean): number => 2 ** (v6 ? 128 : 32);

/** True when `outer` holds every address of `inner`. */
export const contains = (outer: Range, inner: Range): boolean => outer.v6 === inner.v6 && outer.start <= inner.start && inner.end <= outer.end;

/**
 * Whether ranges together hold every address of their family (IPv4 when `v6` is false): `0.0.0.0/1` and
 * `128.0.0.0/1` do, as `0.0.0.0/0` does.
 */
export function coversFamily(ranges: readonly Range[], v6: boolean): boolean {
  const own = ranges.filter((r) => r.v6 === v6).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const last = (1n << (v6 ? 128n : 32n)) - 1n;
  let next = 0n;
  for (const r of own) {
    if (r.start > next) return false;
    if (r.end + 1n > next) next = r.end + 1n;
    if (next > last) return true;
  }
  return false;
}
