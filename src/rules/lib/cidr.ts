import { cidrPrefix } from '../../model/index.js';

/** IPv4 ranges this broad or broader admit whole organisations' worth of workloads. */
const BROAD_V4 = 16;
/** An IPv6 /48 is a whole site; a VPC gets a /56. */
const BROAD_V6 = 48;

function v4(cidr: string): { base: number; prefix: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { base, prefix };
}

/** True when `outer` contains every address of `inner` (IPv4; IPv6 ranges only when written alike). */
export function containsRange(outer: string, inner: string): boolean {
  const o = v4(outer);
  const i = v4(inner);
  if (!o || !i) return outer.trim().toLowerCase() === inner.trim().toLowerCase();
  if (o.prefix > i.prefix) return false;
  const size = 2 ** (32 - o.prefix);
  return Math.floor(o.base / size) === Math.floor(i.base / size);
}

/**
 * Why a source range is broader than one application's group: a /16 or broader (IPv4; /48 for IPv6), or the
 * whole range of the entity's network. Undefined when it is narrow.
 */
export function broadness(cidr: string, networkCidrs: readonly string[]): string | undefined {
  const prefix = cidrPrefix(cidr);
  if (prefix === undefined) return undefined;
  const limit = cidr.includes(':') ? BROAD_V6 : BROAD_V4;
  if (prefix <= limit) return `a /${prefix}`;
  const whole = networkCidrs.find((n) => containsRange(cidr, n));
  return whole ? `the whole network range ${whole}` : undefined;
}
