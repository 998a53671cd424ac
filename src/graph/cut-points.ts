import { DominatorTree, dominators } from './dominators.js';
import { carriesService, search } from './reachability.js';
import { INTERNET, type ServiceEdge, type ServiceGraph, type ServiceNode } from './service.js';
import type { Tier } from './tiers.js';

/** Why a node can fail alone: it has one copy (`single`), or all its copies share one zone (`zone`). */
export type Weakness = 'single' | 'zone';

export function weaknessOf(node: ServiceNode): Weakness | undefined {
  if (node.kind === 'internet' || node.kind === 'junction' || node.zoneRedundant) return undefined;
  const oneZone = node.zonesKnown && node.zones.length <= 1;
  switch (node.kind) {
    case 'hosts':
      if (node.replicasKnown && node.replicas <= 1) return 'single';
      return node.zonesKnown && node.zones.length === 1 ? 'zone' : undefined;
    case 'datastore':
      if (node.replicasKnown && node.replicas <= 1) return 'single';
      return oneZone ? 'zone' : undefined;
    case 'load-balancer':
      return oneZone ? 'zone' : undefined;
    case 'gateway': {
      const gw = node.members[0];
      if (gw?.kind !== 'gateway') return undefined;
      if (gw.gatewayKind === 'nat' || gw.gatewayKind === 'firewall') return oneZone ? 'zone' : undefined;
      if (gw.gatewayKind === 'vpn' || gw.gatewayKind === 'interconnect') return node.replicasKnown && node.replicas <= 1 ? 'single' : undefined;
      return undefined;
    }
  }
}

/** A node whose failure (or whose zone's) stops part of the service, with what stops. */
export interface CutPoint {
  readonly node: number;
  readonly weakness: Weakness;
  /** Serving nodes (edge and application) that stop, the cut point itself included, by index. */
  readonly stopped: readonly number[];
  /** Stopped nodes that run copies outside the cut point's zone: what a zone weakness takes down elsewhere. */
  readonly elsewhere: readonly number[];
  /** The share of the serving replicas (edge and application tiers) that stops, 0-1. */
  readonly share: number;
  /** A service path from the internet through the cut point to the data. */
  readonly path: readonly number[];
  /**
   * Every service path from the internet to the data passes through the node (a data node: every path to it). When
   * false it cuts off only what `stopped` names: other paths (another entry, another front) reach the data past it.
   */
  readonly onEveryPath: boolean;
  readonly entry: ServiceEdge | undefined;
}

const outside = (node: ServiceNode, zones: readonly string[]): boolean =>
  zones.length === 0 ? node.zones.length >= 2 : node.zones.some((z) => !zones.includes(z));

/** The service paths' dominator trees: from the internet, and (post-dominators) from a sink behind every data node. */
export interface ServiceCore {
  readonly members: Uint8Array;
  readonly dom: DominatorTree;
  readonly pdom: DominatorTree;
}

export function serviceCore(service: ServiceGraph, tiers: ReadonlyArray<Tier | undefined>, members: Uint8Array): ServiceCore {
  const n = service.nodes.length;
  const sink = n;
  const inS = (v: number): boolean => v === INTERNET || members[v] === 1;
  const succ: number[][] = Array.from({ length: n + 1 }, () => []);
  const pred: number[][] = Array.from({ length: n + 1 }, () => []);
  for (let v = 0; v < n; v++) {
    if (!inS(v)) continue;
    for (const e of service.out[v]!) {
      if (!carriesService(e) || !inS(e.to)) continue;
      succ[v]!.push(e.to);
      pred[e.to]!.push(v);
    }
    if (tiers[v] === 'data' && v !== INTERNET) {
      succ[v]!.push(sink);
      pred[sink]!.push(v);
    }
  }
  return { members, dom: new DominatorTree(dominators(n + 1, INTERNET, succ, pred), INTERNET), pdom: new DominatorTree(dominators(n + 1, sink, pred, succ), sink) };
}

/**
 * Cut points between the internet and the data: dominators of the service paths (Lengauer-Tarjan from the
 * internet) and post-dominators (from a virtual sink behind every data node), so a node is a cut point when every
 * path into or out of some serving node passes through it. A data node stops everything that reaches it. Only
 * weak nodes count (one copy, or one zone whose loss stops copies elsewhere). O(e log n) plus the size of what
 * each cut point stops.
 */
export function cutPoints(
  service: ServiceGraph,
  tiers: ReadonlyArray<Tier | undefined>,
  core: ServiceCore,
  isReplica: (node: ServiceNode) => boolean = () => false,
): CutPoint[] {
  const n = service.nodes.length;
  const { members, dom, pdom } = core;
  const inS = (v: number): boolean => v === INTERNET || members[v] === 1;
  const serving = (v: number): boolean => v < n && inS(v) && v !== INTERNET && (tiers[v] === 'edge' || tiers[v] === 'app');
  const total = sumReplicas(service, range(n).filter(serving));
  const inService = (e: ServiceEdge): boolean => carriesService(e) && inS(e.from) && inS(e.to);
  const fromInternet = search(n, [INTERNET], (v) => service.out[v]!, (e) => e.to, inService).via;
  const data = range(n).filter((v) => inS(v) && v !== INTERNET && tiers[v] === 'data');
  const toData = search(n, data, (v) => service.in[v]!, (e) => e.from, inService).via;
  const upstream = new LocalSearch(n, (v) => service.in[v]!, (e) => e.from, inService);
  const out: CutPoint[] = [];
  for (let d = 1; d < n; d++) {
    const node = service.nodes[d]!;
    const weakness = inS(d) ? weaknessOf(node) : undefined;
    if (!weakness) continue;
    const isData = tiers[d] === 'data';
    // A read replica's data lives on in its source: losing it stops the reads sent to it (single-az-database says
    // so), not the service's data.
    if (isData && isReplica(node)) continue;
    const reached = isData ? upstream.from(d) : [...dom.subtree(d), ...pdom.subtree(d)];
    const stopped = [...new Set([d, ...reached.filter(serving)])].sort((a, b) => a - b);
    const others = stopped.filter((v) => v !== d);
    const elsewhere = weakness === 'zone' ? others.filter((v) => outside(service.nodes[v]!, node.zones)) : others;
    // Nothing else stops: the node's own finding (spof, single-az-database) says all there is to say.
    if (weakness === 'zone' ? elsewhere.length === 0 : others.length === 0) continue;
    const path = pathThrough(d, fromInternet, toData, tiers);
    // The internet post-dominated by the node: no path from it reaches the data without passing through the node.
    const onEveryPath = isData || reached.includes(INTERNET);
    out.push({ node: d, weakness, stopped, elsewhere, share: total === 0 ? 1 : sumReplicas(service, stopped.filter(serving)) / total, path, entry: path.length > 1 ? fromInternet[path[1]!] : undefined, onEveryPath });
  }
  return out;
}

/**
 * Breadth-first searches from one node at a time over a graph of n nodes, each costing only what it visits: the
 * marks are reset node by node rather than allocated per search (a plan with thousands of weak data stores would
 * otherwise pay n for each of them).
 */
class LocalSearch {
  private readonly seen: Uint8Array;

  constructor(
    n: number,
    private readonly edges: (v: number) => readonly ServiceEdge[],
    private readonly next: (e: ServiceEdge) => number,
    private readonly keep: (e: ServiceEdge) => boolean,
  ) {
    this.seen = new Uint8Array(n);
  }

  /** Nodes reached from `start`, `start` first, in breadth-first order. */
  from(start: number): number[] {
    const queue = [start];
    this.seen[start] = 1;
    for (let head = 0; head < queue.length; head++) {
      for (const e of this.edges(queue[head]!)) {
        const w = this.next(e);
        if (this.seen[w] || !this.keep(e)) continue;
        this.seen[w] = 1;
        queue.push(w);
      }
    }
    for (const v of queue) this.seen[v] = 0;
    return queue;
  }
}

function pathThrough(d: number, fromInternet: ReadonlyArray<ServiceEdge | undefined>, toData: ReadonlyArray<ServiceEdge | undefined>, tiers: ReadonlyArray<Tier | undefined>): number[] {
  const up: number[] = [];
  for (let v = d, guard = 0; v !== INTERNET && guard < fromInternet.length; guard++) {
    const e = fromInternet[v];
    if (!e) break;
    up.push(e.from);
    v = e.from;
  }
  const down: number[] = [];
  for (let v = d, guard = 0; tiers[v] !== 'data' && guard < toData.length; guard++) {
    const e = toData[v];
    if (!e) break;
    down.push(e.to);
    v = e.to;
  }
  return [...up.reverse(), d, ...down];
}

export function sumReplicas(service: ServiceGraph, nodes: readonly number[]): number {
  return nodes.reduce((sum, v) => sum + Math.max(1, service.nodes[v]!.replicas), 0);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
