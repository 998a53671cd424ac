import { isKnownTrue, type Entity, type PortRange, type TargetPool, type Value } from '../model/index.js';
import { piecesOf, policyLayers, worldOpenings } from './exposure.js';
import type { Graph } from './graph.js';
import { ADMIN_PORTS, DATA_PORTS, coversAll, coversAny, portsListenedOn, servesTraffic } from './ports.js';
import { INTERNET, type ServiceBuilder } from './service.js';

type Reach = 'yes' | 'no' | 'unknown';
type Basis = 'set' | 'default' | 'unknown';

const reachOf = (v: Value<boolean>): Reach => (v.state === 'unknown' ? 'unknown' : v.value ? 'yes' : 'no');

/**
 * Whether the internet can use an entity's address, and what that verdict rests on: a public address attached to it
 * or written (`set`), a provider default such as the public address a host's subnet hands out when the host does not
 * say (`default`), or a value known only after apply (`unknown`).
 */
export function publicAddress(graph: Graph, entity: Entity): { readonly reach: Reach; readonly basis: Basis } {
  if (graph.sources(entity.id, 'attached-to', 'public-address').length > 0) return { reach: 'yes', basis: 'set' };
  const of = (v: Value<boolean>) => ({ reach: reachOf(v), basis: v.state });
  switch (entity.kind) {
    case 'host': {
      const own = of(entity.publicIp);
      if (own.reach === 'no' && own.basis === 'default' && graph.targets(entity.id, 'in-subnet', 'subnet').some((s) => isKnownTrue(s.assignsPublicIp, (v) => v))) return { reach: 'yes', basis: 'default' };
      return own;
    }
    case 'load-balancer':
      return of(entity.internetFacing);
    case 'datastore':
      return of(entity.publiclyAccessible);
    default:
      return { reach: 'unknown', basis: 'unknown' };
  }
}

/**
 * Whether the internet can use an entity's address: a public address attached to it, a host's public IP (or one
 * its subnet hands out by default), an internet-facing load balancer, a publicly accessible data store.
 */
export const publicReach = (graph: Graph, entity: Entity): Reach => publicAddress(graph, entity).reach;

/**
 * The ports a pool's backends are reached on: the pool's own, or, for a pool that keeps the client's destination
 * port (`listenerPorts`), the known ports of the listeners that forward to it. Ascending, each once.
 */
export function poolPorts(graph: Graph, pool: TargetPool): number[] {
  if (!pool.listenerPorts) return pool.port === undefined ? [] : [pool.port];
  const ports = new Set<number>();
  for (const e of graph.in(pool.id, 'forwards-to')) {
    const front = graph.get(e.from);
    if (front?.kind === 'listener' && front.port.state !== 'unknown') ports.add(front.port.value);
  }
  return [...ports].sort((a, b) => a - b);
}

/**
 * Edges from the internet: to internet-facing load balancers whose firewall (if any) admits the world, and to
 * every host, load balancer or data store a world-open rule reaches, one edge per declaring address, as long as
 * the target has (or may have) an address the internet can use.
 */
export function addEntries(b: ServiceBuilder): void {
  const { graph } = b;
  for (const lb of graph.all('load-balancer')) {
    const reach = publicReach(graph, lb);
    if (reach === 'no') continue;
    const open = policyLayers(graph, lb.id).length === 0 ? undefined : worldOpenings(graph, lb);
    if (open && open.length === 0) continue;
    const listeners = graph.sources(lb.id, 'member-of', 'listener').flatMap((l) => (l.port.state === 'unknown' ? [] : [{ from: l.port.value, to: l.port.value }]));
    const ports = listeners.length > 0 ? listeners : (open ?? []).map((o) => o.ports);
    b.link({ from: INTERNET, to: b.nodeOf.get(lb.id)!, kind: 'entry', via: lb.id, ports, service: true, reach, foothold: false });
  }
  for (const kind of ['host', 'datastore'] as const) {
    for (const entity of graph.all(kind)) {
      // A managed control plane's interfaces in the network have private addresses: its public face is its API
      // endpoint, whose access list is no network layer (`endpointOpenings`), so nothing enters through its groups.
      if (entity.kind === 'host' && entity.role === 'cluster') continue;
      const reach = publicReach(graph, entity);
      if (reach === 'no') continue;
      const byAddress = new Map<string, PortRange[]>();
      const together = new Map<string, Set<string>>();
      for (const o of worldOpenings(graph, entity)) {
        // Rules that admit the world only together (no world peer of their own) enter as one, named by the first.
        const pieces = piecesOf(o).map((r) => r.source[0] ?? r.id);
        const first = pieces[0];
        for (const r of o.rules) {
          // A rule the plan does not hold (GCP's default-allow-ssh) is open-ingress's to report, hedged; paths that
          // matter to other rules do not rest on it.
          if (r.presumed) continue;
          let address = r.source[0] ?? r.id;
          if (first !== undefined && pieces.includes(address)) {
            if (address !== first) continue;
            const others = pieces.filter((a) => a !== first);
            if (others.length > 0) {
              const set = together.get(first) ?? new Set<string>();
              others.forEach((a) => set.add(a));
              together.set(first, set);
            }
            address = first;
          }
          const list = byAddress.get(address);
          if (list) list.push(o.ports);
          else byAddress.set(address, [o.ports]);
        }
      }
      const to = b.nodeOf.get(entity.id)!;
      for (const [via, opened] of [...byAddress].sort(([a], [c]) => (a < c ? -1 : 1))) {
        // A managed engine answers only on its own port: SSH open on its group reaches nothing of it.
        const ports = entity.kind === 'datastore' && entity.onlyPorts === true ? portsListenedOn(entity.ports, opened).map((p) => ({ from: p, to: p })) : opened;
        if (ports.length === 0) continue;
        const foothold = kind === 'datastore' || ports.some(coversAll) || coversAny(ports, ADMIN_PORTS) || coversAny(ports, DATA_PORTS);
        const others = together.get(via);
        b.link({ from: INTERNET, to, kind: 'entry', via, ports, service: servesTraffic(ports), reach, foothold, ...(others ? { together: [...others].sort() } : {}) });
      }
    }
  }
}
