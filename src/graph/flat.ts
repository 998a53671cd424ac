import { cidrPrefix, isAllPorts, type FirewallRule, type Peer } from '../model/index.js';
import { contains, parseCidr } from './cidr.js';
import { connectsOutOnly } from './exposure.js';
import type { Graph } from './graph.js';
import type { ServiceGraph } from './service.js';
import type { Tier } from './tiers.js';

/** Nodes of several tiers that share one subnet or one firewall policy, and the tiers they are. */
export interface SharedPlace {
  /** The subnet or policy id. */
  readonly place: string;
  readonly nodes: readonly number[];
  readonly tiers: readonly Tier[];
}

/** A rule that admits every port from the whole network (or its own members) to nodes of the service. */
export interface AnyToAny {
  readonly rule: FirewallRule;
  /** What the rule admits from: `self`, the CIDRs, `VirtualNetwork`. */
  readonly from: readonly string[];
  readonly nodes: readonly number[];
  readonly tiers: readonly Tier[];
}

export interface FlatFacts {
  /** Every tiered node that has a subnet sits in this one subnet, and there are at least two tiers. */
  readonly subnet: SharedPlace | undefined;
  /** Policies that protect nodes of every tier present (at least two). */
  readonly policies: readonly SharedPlace[];
  readonly anyToAny: readonly AnyToAny[];
}

const sortedTiers = (set: Iterable<Tier>): Tier[] => [...new Set(set)].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
const ORDER: readonly Tier[] = ['edge', 'app', 'data'];

/**
 * Flat networks: all tiers in one subnet, all tiers behind one firewall policy, and any-to-any rules inside the
 * network (every port from the network's own range, a /16 or broader private range, `VirtualNetwork`, or the
 * policy's own members when they span tiers). World sources are open-ingress's. O(n + e + r).
 */
export function flatFacts(graph: Graph, service: ServiceGraph, tiers: ReadonlyArray<Tier | undefined>): FlatFacts {
  const tiered = service.nodes.filter((v) => tiers[v.index] !== undefined);
  const present = new Set(tiered.map((v) => tiers[v.index]!));
  const subnet = oneSubnet(graph, service, tiers, tiered);

  const protectedBy = new Map<string, Set<number>>();
  for (const node of tiered) {
    for (const m of node.members) {
      // A function's groups name it as a source; they protect nothing on it (it takes no connections).
      if (connectsOutOnly(m)) continue;
      for (const e of graph.out(m.id, 'protected-by')) {
        const set = protectedBy.get(e.to);
        if (set) set.add(node.index);
        else protectedBy.set(e.to, new Set([node.index]));
      }
    }
  }
  const policies: SharedPlace[] = [];
  const anyToAny: AnyToAny[] = [];
  for (const [policy, set] of [...protectedBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const nodes = [...set].sort((a, b) => a - b);
    const own = new Set(nodes.map((v) => tiers[v]!));
    if (present.size >= 2 && nodes.length >= 2 && [...present].every((t) => own.has(t))) policies.push({ place: policy, nodes, tiers: sortedTiers(own) });
    // The ranges of the members' networks, worked out only for a rule that opens every port (few do).
    let networks: string[] | undefined;
    const networksOf = (): string[] => (networks ??= networkRanges(graph, policy, nodes, service));
    for (const rule of graph.rulesOf(policy)) {
      if (rule.direction !== 'ingress' || rule.action !== 'allow' || rule.enabled.state === 'unknown' || !rule.enabled.value) continue;
      // A rule the cloud presumably made (GCP's default-allow-internal) is not one the plan can be asked to narrow.
      if (rule.presumed) continue;
      if (!isAllPorts(rule.ports) || (rule.protocol !== 'all' && rule.protocol !== 'tcp')) continue;
      const from = rule.peers.flatMap((p) => internalWhole(p, networksOf, own.size));
      if (from.length > 0 && own.size >= 1) anyToAny.push({ rule, from, nodes, tiers: sortedTiers(own) });
    }
  }
  return { subnet, policies, anyToAny };
}

/**
 * Every tiered node that has a subnet sits in the same one, and they are of two tiers or more. Stops at the first
 * node elsewhere (on a big service that is the second one), so most nodes' subnets are never listed.
 */
function oneSubnet(graph: Graph, service: ServiceGraph, tiers: ReadonlyArray<Tier | undefined>, tiered: ReadonlyArray<{ readonly index: number }>): SharedPlace | undefined {
  let single: string | undefined;
  const nodes: number[] = [];
  const placedTiers = new Set<Tier>();
  for (const { index } of tiered) {
    const subnets = new Set(service.nodes[index]!.members.flatMap((m) => graph.out(m.id, 'in-subnet').map((e) => e.to)));
    if (subnets.size === 0) continue;
    const [only] = subnets;
    if (subnets.size !== 1 || (single !== undefined && only !== single)) return undefined;
    single = only;
    nodes.push(index);
    placedTiers.add(tiers[index]!);
  }
  return single !== undefined && placedTiers.size >= 2 ? { place: single, nodes, tiers: sortedTiers(placedTiers) } : undefined;
}

/** The peer, named, when it admits a whole network from inside; `self` only counts across tiers. */
function internalWhole(peer: Peer, networks: () => readonly string[], tierCount: number): string[] {
  if (peer.kind === 'self') return tierCount >= 2 ? ['self'] : [];
  if (peer.kind === 'service') return peer.name.toLowerCase() === 'virtualnetwork' ? [peer.name] : [];
  if (peer.kind !== 'cidr') return [];
  const range = parseCidr(peer.cidr);
  const prefix = cidrPrefix(peer.cidr);
  if (!range || prefix === undefined || prefix === 0) return [];
  const broad = prefix <= (range.v6 ? 48 : 16);
  const whole = (): boolean =>
    networks().some((n) => {
      const r = parseCidr(n);
      return r !== undefined && contains(range, r);
    });
  return broad || whole() ? [peer.cidr] : [];
}

function networkRanges(graph: Graph, policy: string, nodes: readonly number[], service: ServiceGraph): string[] {
  const out = new Set<string>();
  for (const n of graph.targets(policy, 'in-network', 'network')) n.cidrs.forEach((c) => out.add(c));
  for (const v of nodes) {
    for (const m of service.nodes[v]!.members) {
      for (const s of graph.targets(m.id, 'in-subnet', 'subnet')) for (const n of graph.targets(s.id, 'in-network', 'network')) n.cidrs.forEach((c) => out.add(c));
    }
  }
  return [...out].sort();
}
