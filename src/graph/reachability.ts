import { INTERNET, type ServiceEdge, type ServiceGraph } from './service.js';
import type { Tier } from './tiers.js';

/**
 * How the internet reaches data or an admin port other than through the front door:
 * - `direct`: a world-open rule reaches a data store itself;
 * - `foothold`: a world-open rule reaches a host on admin, data or all ports, and from that host the firewalls
 *   let traffic on to a data store (`internet -> sg.bastion -> bastion -> db`);
 * - `forwarded`: an internet-facing load balancer forwards straight to a data store;
 * - `admin`: an internet-facing load balancer forwards to a host's admin port.
 * The expected path (load balancer or proxy, then the application, then the data) is none of these.
 */
export type ExposureKind = 'direct' | 'foothold' | 'forwarded' | 'admin';

export interface Exposure {
  readonly kind: ExposureKind;
  /** The edge from the internet: its `via` is the opening (a rule's address) or the load balancer. */
  readonly entry: ServiceEdge;
  /** Node indices from the internet to the target, junctions left out. */
  readonly path: readonly number[];
  /** The edges behind the path, junction hops included, to say why each step is allowed. */
  readonly hops: readonly ServiceEdge[];
}

/** Edges a request of the service travels: no egress, no admin-only rule, no entry to an address nobody can use. */
export const carriesService = (e: ServiceEdge): boolean => e.kind !== 'egress' && e.service;

/** Edges an intruder on a host can follow: every admitted port, admin ones included. */
const lateral = (e: ServiceEdge): boolean => e.kind === 'admits' || e.kind === 'member' || e.kind === 'depends';

/**
 * Nodes on some service path from the internet to a data node: reached from the internet and reaching data over
 * service edges. Two breadth-first searches: O(n + e).
 */
export function servicePaths(service: ServiceGraph, tiers: ReadonlyArray<Tier | undefined>): { readonly members: Uint8Array; readonly data: number[] } {
  const n = service.nodes.length;
  const data = service.nodes.filter((v) => tiers[v.index] === 'data').map((v) => v.index);
  const forward = search(n, [INTERNET], (v) => service.out[v]!, (e) => e.to, carriesService);
  const backward = search(n, data, (v) => service.in[v]!, (e) => e.from, carriesService);
  const members = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (forward.seen[v] && backward.seen[v]) members[v] = 1;
  return { members, data: data.filter((d) => members[d]) };
}

/**
 * Breadth-first search from `starts` over edges passing `keep`; `via[v]` is the edge v was first reached by,
 * `order` the nodes in the order reached.
 */
export function search(
  n: number,
  starts: readonly number[],
  edges: (v: number) => readonly ServiceEdge[],
  next: (e: ServiceEdge) => number,
  keep: (e: ServiceEdge) => boolean,
): { seen: Uint8Array; via: Array<ServiceEdge | undefined>; order: number[] } {
  const seen = new Uint8Array(n);
  const via: Array<ServiceEdge | undefined> = new Array(n);
  const queue: number[] = [];
  for (const s of starts) if (!seen[s]) (seen[s] = 1), queue.push(s);
  for (let head = 0; head < queue.length; head++) {
    for (const e of edges(queue[head]!)) {
      const w = next(e);
      if (seen[w] || !keep(e)) continue;
      seen[w] = 1;
      via[w] = e;
      queue.push(w);
    }
  }
  return { seen, via, order: queue };
}

/**
 * Every exposure of data or admin ports, one per entry edge, each with the shortest path to the nearest data
 * (one backward search from all data nodes at once, so O(n + e) however many entries there are).
 */
export function exposures(service: ServiceGraph, tiers: ReadonlyArray<Tier | undefined>): Exposure[] {
  const n = service.nodes.length;
  const isData = (v: number): boolean => tiers[v] === 'data';
  const data = service.nodes.filter((v) => isData(v.index)).map((v) => v.index);
  // toward[v]: the edge leaving v on a shortest lateral path to data.
  const toward = search(n, data, (v) => service.in[v]!, (e) => e.from, lateral).via;
  const out: Exposure[] = [];
  for (const entry of service.out[INTERNET]!) {
    if (entry.kind !== 'entry') continue;
    const target = entry.to;
    if (isData(target)) {
      out.push({ kind: 'direct', entry, path: [INTERNET, target], hops: [entry] });
      continue;
    }
    if (service.nodes[target]!.kind === 'load-balancer') {
      for (const f of service.out[target]!) {
        if (f.kind !== 'forwards') continue;
        if (isData(f.to)) out.push({ kind: 'forwarded', entry, path: [INTERNET, target, f.to], hops: [entry, f] });
        else if (!f.service) out.push({ kind: 'admin', entry, path: [INTERNET, target, f.to], hops: [entry, f] });
      }
      continue;
    }
    if (!entry.foothold || toward[target] === undefined) continue;
    const hops: ServiceEdge[] = [entry];
    for (let v = target, guard = 0; !isData(v) && guard < n; guard++) {
      const e = toward[v]!;
      hops.push(e);
      v = e.to;
    }
    const path = [INTERNET, ...hops.map((h) => h.to).filter((v) => service.nodes[v]!.kind !== 'junction')];
    out.push({ kind: 'foothold', entry, path, hops });
  }
  return out;
}

/** A path as addresses: `internet`, the opening (when the internet enters through a firewall rule), the nodes. */
export function pathText(service: ServiceGraph, path: readonly number[], entry?: ServiceEdge): string[] {
  const ids = path.filter((v) => service.nodes[v]!.kind !== 'junction').map((v) => service.nodes[v]!.id);
  if (entry && path[0] === INTERNET && ids.length > 1 && entry.via !== ids[1]) return [ids[0]!, entry.via, ...ids.slice(1)];
  return ids;
}
