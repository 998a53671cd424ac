import { coversFamily, parseCidr, type Range } from './cidr.js';

/**
 * Where traffic may come from or go to. `world` is the internet (0.0.0.0/0, ::/0, `*`, `Internet`, `Any`);
 * `policy` is another firewall policy's members (an AWS security group referenced by id); `label` and
 * `service-account` select hosts by their labels (Google network tags) or identities; `service` is a named cloud
 * range that is not the internet (Azure `VirtualNetwork`, `AzureLoadBalancer`, an AWS prefix list); `unknown` is a
 * source the plan does not tell, and `sensitive` says why: its ranges are marked sensitive in the plan, so the loader
 * dropped them (they may hold the internet or not; nothing under the mark is kept).
 */
export type Peer =
  | {
      readonly kind: 'world';
      readonly family: 'ipv4' | 'ipv6' | 'any';
      /** The ranges as the rule wrote them when they only add up to the world (`0.0.0.0/1`, `128.0.0.0/1`). */
      readonly spelled?: readonly string[];
      /** What holds the range when the rule names it indirectly (a prefix list's address). */
      readonly via?: string;
    }
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'policy'; readonly id: string }
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'service-account'; readonly account: string }
  | { readonly kind: 'service'; readonly name: string }
  | { readonly kind: 'self' }
  | { readonly kind: 'unknown'; readonly sensitive?: true };

/** The address ranges of a rule that the plan marks sensitive: unknown, and never the world nor a known range. */
export const SENSITIVE_PEER: Peer = Object.freeze({ kind: 'unknown', sensitive: true });

export const isSensitivePeer = (peer: Peer): boolean => peer.kind === 'unknown' && peer.sensitive === true;

/**
 * Every Azure service's address, other customers' subscriptions included: what Azure's 0.0.0.0-0.0.0.0 database
 * firewall rule ("allow Azure services and resources to access this server") admits.
 */
export const AZURE_SERVICES_PEER: Peer = Object.freeze({ kind: 'service', name: 'AzureServices' });

export const isAzureServicesPeer = (peer: Peer): boolean => peer.kind === 'service' && peer.name === 'AzureServices';

export const PROTOCOLS = ['all', 'tcp', 'udp', 'icmp', 'icmpv6', 'other'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** An inclusive port range; `{from: 0, to: 65535}` is every port. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const ALL_PORTS: readonly PortRange[] = [{ from: 0, to: 65535 }];

/**
 * Which members of a policy a rule applies to (Google firewall targets); `all` is every member. `all-of` picks the
 * members every one of its selectors picks (a Google `goto_next` for one secure tag passing traffic on to a rule
 * for a network tag: the VMs with both).
 */
export type TargetSelector =
  | { readonly kind: 'all' }
  | { readonly kind: 'labels'; readonly labels: readonly string[] }
  | { readonly kind: 'service-accounts'; readonly accounts: readonly string[] }
  | { readonly kind: 'all-of'; readonly of: readonly TargetSelector[] };

/** Whether a selector picks a member with these labels and service accounts. */
export function selects(t: TargetSelector, labels: readonly string[], accounts: readonly string[]): boolean {
  switch (t.kind) {
    case 'all':
      return true;
    case 'labels':
      return t.labels.some((l) => labels.includes(l));
    case 'service-accounts':
      return t.accounts.some((a) => accounts.includes(a));
    case 'all-of':
      return t.of.every((s) => selects(s, labels, accounts));
  }
}

/** The labels and service accounts a selector names anywhere (a member with all of them is picked). */
export function selectorItems(t: TargetSelector): { readonly labels: string[]; readonly accounts: string[] } {
  if (t.kind === 'labels') return { labels: [...t.labels], accounts: [] };
  if (t.kind === 'service-accounts') return { labels: [], accounts: [...t.accounts] };
  if (t.kind === 'all') return { labels: [], accounts: [] };
  const parts = t.of.map(selectorItems);
  return { labels: parts.flatMap((p) => p.labels), accounts: parts.flatMap((p) => p.accounts) };
}

/**
 * How a policy's rules combine. `allow-union`: any allow admits, there are no denies (AWS security groups).
 * `first-match`: rules are read in priority order (lowest number first) and the first that matches decides,
 * then the implicit deny (Azure NSGs, Google VPC firewalls, AWS network ACLs).
 */
export type Evaluation = 'allow-union' | 'first-match';

/**
 * A rule's ranges that together hold a whole address family (`0.0.0.0/1` and `128.0.0.0/1`: the split that slips
 * past a check for `0.0.0.0/0`) are the internet: one world peer for that family, spelled as written. Other peers
 * are kept as they are; the same list comes back when nothing adds up.
 */
export function collapseWorld(peers: readonly Peer[]): readonly Peer[] {
  let cidrs = 0;
  for (const p of peers) if (p.kind === 'cidr') cidrs++;
  if (cidrs < 2) return peers;
  let out: readonly Peer[] = peers;
  for (const v6 of [false, true]) {
    const family = out.filter((p): p is Extract<Peer, { kind: 'cidr' }> => p.kind === 'cidr' && p.cidr.includes(':') === v6);
    if (family.length < 2) continue;
    const ranges = family.map((p) => parseCidr(p.cidr)).filter((r): r is Range => r !== undefined);
    if (!coversFamily(ranges, v6)) continue;
    const spelled = [...new Set(family.map((p) => p.cidr))].sort();
    out = [...out.filter((p) => !family.includes(p as Extract<Peer, { kind: 'cidr' }>)), { kind: 'world', family: v6 ? 'ipv6' : 'ipv4', spelled }];
  }
  return out;
}

export function isWorld(peer: Peer): boolean {
  return peer.kind === 'world';
}

/** Peers that name an address range by CIDR: a broad one (a /8 or /16) instead of the one group that needs access. */
export function cidrPrefix(cidr: string): number | undefined {
  const m = /\/(\d{1,3})$/.exec(cidr);
  return m ? Number(m[1]) : undefined;
}

/** Normalises a source written as text in any cloud's vocabulary into a Peer. */
export function peerFromText(text: string): Peer {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (t === '*' || lower === 'internet' || lower === 'any' || t === '0.0.0.0/0' || t === '0.0.0.0') return { kind: 'world', family: t === '*' || lower === 'any' || lower === 'internet' ? 'any' : 'ipv4' };
  if (/^::\/0$/.test(t) || t === '::') return { kind: 'world', family: 'ipv6' };
  if (/^[0-9a-f:.]+\/\d{1,3}$/i.test(t)) {
    return cidrPrefix(t) === 0 ? { kind: 'world', family: t.includes(':') ? 'ipv6' : 'ipv4' } : { kind: 'cidr', cidr: t };
  }
  if (/^[0-9.]+$/.test(t) || (t.includes(':') && /^[0-9a-f:]+$/i.test(t))) return { kind: 'cidr', cidr: t.includes(':') ? `${t}/128` : `${t}/32` };
  if (t === '' ) return { kind: 'unknown' };
  return { kind: 'service', name: t };
}

export function portsCover(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some((r) => r.from <= port && port <= r.to);
}

export function isAllPorts(ranges: readonly PortRange[]): boolean {
  return ranges.some((r) => r.from <= 1 && r.to >= 65535);
}

/** Parses `22`, `80-443`, `*`, `0-65535` (Azure, Google) into a range; undefined when it is not a port spec. */
export function parsePortRange(text: string | number): PortRange | undefined {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 && text <= 65535 ? { from: text, to: text } : undefined;
  const t = text.trim();
  if (t === '*' || t === '') return { from: 0, to: 65535 };
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(t);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || to < from) return undefined;
  return { from, to };
}

export function formatPorts(ranges: readonly PortRange[]): string {
  if (isAllPorts(ranges)) return 'all ports';
  return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
}

