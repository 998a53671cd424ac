import type { ServiceAnalysis } from './analysis.js';
import { INTERNET, type LinkKind, type NodeKind, type ServiceEdge } from './service.js';
import type { Tier } from './tiers.js';

/** A node as a picture needs it: no model entities, only addresses and counts. */
export interface SummaryNode {
  /** The primary address, or `internet`. */
  readonly id: string;
  readonly label: string;
  readonly kind: Exclude<NodeKind, 'junction'>;
  readonly tier: Tier | undefined;
  readonly replicas: number;
  readonly replicasKnown: boolean;
  readonly zones: readonly string[];
  /** Every address the node stands for, to place findings on it. */
  readonly members: readonly string[];
}

export interface SummaryEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
}

export type TierLane = Tier | 'internet' | 'gateway';

export interface TierSummary {
  readonly tier: TierLane;
  readonly nodes: number;
  readonly replicas: number;
  readonly zones: readonly string[];
}

/**
 * The service graph of one input, small and plain enough to carry in the report: its nodes (junctions left out),
 * its edges with junctions contracted when there are at most `limit` nodes, and always the tiers with their counts,
 * zones and the edges between tiers, which is what a large graph is drawn as.
 */
export interface ServiceSummary {
  readonly nodes: readonly SummaryNode[];
  /** Empty when the graph has more than `limit` nodes: draw `tierEdges` then. */
  readonly edges: readonly SummaryEdge[];
  readonly tiers: readonly TierSummary[];
  readonly tierEdges: ReadonlyArray<{ readonly from: TierLane; readonly to: TierLane; readonly kind: LinkKind }>;
}

/** Past this many nodes a picture is drawn by tier. */
export const DIAGRAM_NODE_LIMIT = 40;

const LANES: readonly TierLane[] = ['internet', 'edge', 'app', 'data', 'gateway'];

/** Summarises a service analysis; O(n + e), plus the contracted edges when the graph is small. */
export function summarizeService(a: ServiceAnalysis, limit = DIAGRAM_NODE_LIMIT): ServiceSummary {
  const { service, tiers } = a;
  const connected = (v: number): boolean => service.out[v]!.length > 0 || service.in[v]!.length > 0;
  const shown = service.nodes.filter((v) => v.kind !== 'junction' && (tiers[v.index] !== undefined || connected(v.index)) && (v.index !== INTERNET || service.out[INTERNET]!.length > 0));
  const laneOf = (v: number): TierLane | undefined => (v === INTERNET ? 'internet' : (tiers[v] ?? (service.nodes[v]!.kind === 'gateway' ? 'gateway' : undefined)));
  const nodes: SummaryNode[] = shown.map((v) => ({
    id: v.id,
    label: v.label,
    kind: v.kind === 'junction' ? 'hosts' : v.kind,
    tier: tiers[v.index],
    replicas: v.replicas,
    replicasKnown: v.replicasKnown,
    zones: v.zones,
    members: v.index === INTERNET ? ['internet'] : v.members.map((m) => m.id),
  }));
  const edges: SummaryEdge[] = [];
  const tierEdges = new Map<string, { from: TierLane; to: TierLane; kind: LinkKind }>();
  const seen = new Set<string>();
  const small = shown.length <= limit;
  const addTier = (from: TierLane | undefined, to: TierLane | undefined, kind: LinkKind): void => {
    if (from && to) tierEdges.set(`${from}>${to}>${kind}`, { from, to, kind });
  };
  if (small) {
    for (const v of shown) {
      for (const [to, kind] of contracted(a, v.index)) {
        const key = `${v.index}>${to}>${kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ from: v.id, to: service.nodes[to]!.id, kind });
        addTier(laneOf(v.index), laneOf(to), kind);
      }
    }
  } else {
    // Junctions stand between tiers: the lanes that feed each one, then the lanes it admits into. O(n + e).
    const feeds = new Map<number, Set<TierLane>>();
    for (let pass = 0; pass < 2; pass++) {
      for (const v of service.nodes) {
        if (v.kind !== 'junction') continue;
        const lanes = feeds.get(v.index) ?? new Set<TierLane>();
        for (const e of service.in[v.index]!) {
          if (service.nodes[e.from]!.kind === 'junction') for (const l of feeds.get(e.from) ?? []) lanes.add(l);
          else {
            const l = laneOf(e.from);
            if (l) lanes.add(l);
          }
        }
        feeds.set(v.index, lanes);
      }
    }
    for (const v of service.nodes) {
      for (const e of service.out[v.index]!) {
        if (service.nodes[e.to]!.kind === 'junction') continue;
        if (v.kind === 'junction') for (const l of feeds.get(v.index) ?? []) addTier(l, laneOf(e.to), e.kind);
        else addTier(laneOf(v.index), laneOf(e.to), e.kind);
      }
    }
  }
  // A NAT or VPN gateway leads out again: draw where egress goes.
  for (const v of shown) if (v.kind === 'gateway' && service.in[v.index]!.some((e) => e.kind === 'egress')) {
    if (small) edges.push({ from: v.id, to: 'internet', kind: 'egress' });
    tierEdges.set('gateway>internet>egress', { from: 'gateway', to: 'internet', kind: 'egress' });
  }
  const byLane = new Map<TierLane, typeof shown>();
  for (const v of shown) {
    const lane = laneOf(v.index);
    if (lane === undefined) continue;
    const list = byLane.get(lane);
    if (list) list.push(v);
    else byLane.set(lane, [v]);
  }
  const tierList: TierSummary[] = LANES.map((tier) => {
    const members = byLane.get(tier) ?? [];
    return { tier, nodes: members.length, replicas: members.reduce((n, v) => n + (v.index === INTERNET ? 0 : v.replicas), 0), zones: [...new Set(members.flatMap((v) => v.zones))].sort() };
  }).filter((t) => t.nodes > 0);
  const order = (e: { from: TierLane; to: TierLane }): number => LANES.indexOf(e.from) * 10 + LANES.indexOf(e.to);
  return { nodes, edges, tiers: tierList, tierEdges: [...tierEdges.values()].sort((x, y) => order(x) - order(y) || (x.kind < y.kind ? -1 : 1)) };
}

/** Where a node's edges lead, through junctions (a group's members, a subnet a CIDR covers) to the nodes that admit them. */
function contracted(a: ServiceAnalysis, from: number): Array<[number, LinkKind]> {
  const out: Array<[number, LinkKind]> = [];
  const stack: ServiceEdge[] = [...a.service.out[from]!];
  const visited = new Set<number>();
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (a.service.nodes[e.to]!.kind !== 'junction') {
      if (e.kind !== 'member') out.push([e.to, e.kind]);
      continue;
    }
    if (visited.has(e.to)) continue;
    visited.add(e.to);
    stack.push(...a.service.out[e.to]!);
  }
  return out.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
}
