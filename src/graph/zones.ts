import type { ServiceCore } from './cut-points.js';
import { carriesService, search } from './reachability.js';
import { INTERNET, type ServiceEdge, type ServiceGraph, type ServiceNode } from './service.js';
import { TIERS, type Tier } from './tiers.js';

/** A zone whose loss cuts the internet off some data although no single node is to blame. */
export interface ZoneSpof {
  readonly zone: string;
  /** The service's nodes that live only in that zone, nearest the internet first. */
  readonly nodes: readonly number[];
  /** The data nodes the internet can no longer reach. */
  readonly cutOff: readonly number[];
  /** A service path (before the zone fails) from the internet to the first data node cut off. */
  readonly path: readonly number[];
  readonly entry: ServiceEdge | undefined;
}

export interface ZoneFacts {
  /** The zones each tier spans, over every node of the tier. */
  readonly byTier: ReadonlyMap<Tier, readonly string[]>;
  /** The regions every zonal node runs in. */
  readonly regions: readonly string[];
  readonly spofs: readonly ZoneSpof[];
}

/** Lives only in `zone`: known zones, that one alone, and no copy kept elsewhere by the service. */
const onlyIn = (node: ServiceNode, zone: string): boolean => !node.zoneRedundant && node.zonesKnown && node.zones.length === 1 && node.zones[0] === zone;

/**
 * Zones spanned per tier, regions, and zone single points of failure: for each zone, the service paths with every
 * node that lives only in that zone removed; a data node the internet no longer reaches is cut off, and unless
 * one node of that zone explains it alone (the data node itself, whose own finding or cut point reports it, or a
 * dominator of it that a cut point reports), the zone is the weak link, even when every tier has two copies.
 * O(z (n + e)) for z zones.
 */
export function zoneFacts(service: ServiceGraph, tiers: ReadonlyArray<Tier | undefined>, core: ServiceCore, reported: ReadonlySet<number>): ZoneFacts {
  const n = service.nodes.length;
  const byTier = new Map<Tier, Set<string>>(TIERS.map((t) => [t, new Set<string>()]));
  const regions = new Set<string>();
  for (const node of service.nodes) {
    const tier = tiers[node.index];
    if (tier) for (const z of node.zones) byTier.get(tier)!.add(z);
    if (tier || node.kind === 'gateway') for (const r of node.regions) regions.add(r);
  }
  const inS = (v: number): boolean => v === INTERNET || core.members[v] === 1;
  const data = service.nodes.filter((v) => v.index !== INTERNET && inS(v.index) && tiers[v.index] === 'data').map((v) => v.index);
  const zones = new Set<string>();
  for (const node of service.nodes) if (inS(node.index)) for (const z of node.zones) zones.add(z);
  const inService = (e: ServiceEdge): boolean => carriesService(e) && inS(e.from) && inS(e.to);
  const before = search(n, [INTERNET], (v) => service.out[v]!, (e) => e.to, inService);
  const spofs: ZoneSpof[] = [];
  for (const zone of [...zones].sort()) {
    const dead = (v: number): boolean => v !== INTERNET && onlyIn(service.nodes[v]!, zone);
    const after = search(n, [INTERNET], (v) => service.out[v]!, (e) => e.to, (e) => inService(e) && !dead(e.to));
    const cutOff = data.filter((d) => dead(d) || !after.seen[d]);
    const blamed = (v: number): boolean => dead(v) && reported.has(v);
    // A data node that itself lives only in the zone is its own weak link even when it is no cut point (nothing
    // else stops with it, as when the internet reaches it directly): its own finding (single-az-database, spof)
    // names it and its fix; the zone adds nothing.
    const unexplained = cutOff.filter((d) => !dead(d) && !blamed(d) && !dominatedBy(core, d, blamed));
    if (unexplained.length === 0) continue;
    const first = unexplained[0]!;
    const path = walkBack(before.via, first);
    const order = new Map(before.order.map((v, i) => [v, i]));
    const nodes = before.order.filter((v) => inS(v) && dead(v) && tiers[v] !== undefined).sort((a, b) => order.get(a)! - order.get(b)!);
    spofs.push({ zone, nodes, cutOff: unexplained, path, entry: path.length > 1 ? before.via[path[1]!] : undefined });
  }
  return {
    byTier: new Map(TIERS.map((t) => [t, [...byTier.get(t)!].sort()])),
    regions: [...regions].sort(),
    spofs,
  };
}

function dominatedBy(core: ServiceCore, d: number, test: (v: number) => boolean): boolean {
  for (let v = core.dom.idom[d]!, guard = 0; v >= 0 && v !== INTERNET && guard < core.dom.idom.length; v = core.dom.idom[v]!, guard++) if (test(v)) return true;
  return false;
}

function walkBack(via: ReadonlyArray<ServiceEdge | undefined>, to: number): number[] {
  const path = [to];
  for (let v = to, guard = 0; v !== INTERNET && guard < via.length; guard++) {
    const e = via[v];
    if (!e) break;
    path.push(e.from);
    v = e.from;
  }
  return path.reverse();
}
