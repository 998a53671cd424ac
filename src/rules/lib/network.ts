import { basisOf, isKnownTrue, peerFromText, type Entity, type Gateway, type LoadBalancer, type Placement, type RouteTable, type Subnet } from '../../model/index.js';
import { poolPorts, publicReach as graphPublicReach, type Graph } from '../../graph/index.js';
import type { RuleSettings } from '../rule.js';

/** Whether the internet can reach an entity's address: a public IP, an internet-facing listener, a public endpoint. */
export type Reach = 'yes' | 'no' | 'unknown';

/** The graph's own answer: the rules and the service graph must agree on what the internet can reach. */
export const publicReach: (graph: Graph, entity: Entity) => Reach = graphPublicReach;

const TIER_WORDS: ReadonlyArray<readonly [RegExp, 'edge' | 'app' | 'data']> = [
  [/^(edge|proxy|reverse-?proxy|lb|load-?balancer|ingress|gateway)$/i, 'edge'],
  [/^(app|application|web|frontend|backend|api|worker|service)$/i, 'app'],
  [/^(data|db|database|storage|cache)$/i, 'data'],
];

/** The tier the user gave an entity (config hint, `weaklink:tier` tag, `Tier`/`Role` tag), if any. */
export function tierOf(entity: Entity, settings: RuleSettings): 'edge' | 'app' | 'data' | undefined {
  const hint = settings.tierHint(entity.id);
  if (hint) return hint;
  for (const key of ['weaklink:tier', 'Tier', 'Role']) {
    const value = entity.tags[key];
    const found = value === undefined ? undefined : TIER_WORDS.find(([re]) => re.test(value.trim()));
    if (found) return found[1];
  }
  return undefined;
}

/** A port on which load balancers hand a host the internet's clients as they are, and which balancers do. */
export interface Passthrough {
  readonly port: number;
  /** The balancers in front that face the internet (or may), by id. */
  readonly balancers: readonly string[];
  /** 'yes' when one of them is known to face the internet, 'unknown' when they only may. */
  readonly reach: 'yes' | 'unknown';
}

/**
 * The ports on which `host` must admit the internet's clients themselves: those of the pools that target it and hand
 * it the clients' own addresses, when every load balancer in front of the pool is a network load balancer without a
 * firewall of its own (with one, the host could admit the load balancer's group instead) and one of them faces the
 * internet (an internal one brings no clients from it). An opening to the world on such a port is what the load
 * balancer needs, not a way around it; and through it the internet reaches the host, public address or not.
 */
export function passthroughs(graph: Graph, host: Entity): Passthrough[] {
  const byPort = new Map<number, { balancers: Set<string>; known: boolean }>();
  // Pools that balance traffic over the host, and inbound NAT rules that forward a port to it.
  const pools = [...graph.sources(host.id, 'targets', 'target-pool'), ...graph.sources(host.id, 'port-forwards', 'target-pool')];
  for (const pool of pools) {
    const served = poolPorts(graph, pool);
    if (pool.clientAddressesPreserved !== true || served.length === 0) continue;
    const fronts = balancersInFront(graph, pool.id).map((id) => graph.get(id));
    const bare = (e: Entity | undefined): boolean =>
      e?.kind === 'load-balancer' && e.layer === 'network' && graph.targets(e.id, 'protected-by', 'firewall-policy').length === 0;
    // Only a balancer that faces (or may face) the internet brings the internet's clients.
    const facing = fronts.filter((e): e is LoadBalancer => e?.kind === 'load-balancer' && (e.internetFacing.state === 'unknown' || e.internetFacing.value));
    if (fronts.length === 0 || !fronts.every(bare) || facing.length === 0) continue;
    const known = facing.some((e) => e.internetFacing.state !== 'unknown');
    for (const port of served) {
      let entry = byPort.get(port);
      if (!entry) byPort.set(port, (entry = { balancers: new Set(), known: false }));
      for (const e of facing) entry.balancers.add(e.id);
      entry.known ||= known;
    }
  }
  return [...byPort.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([port, e]) => ({ port, balancers: [...e.balancers].sort(), reach: e.known ? 'yes' : 'unknown' }));
}

/** The ports of `passthroughs`, ascending. */
export function passthroughPorts(graph: Graph, host: Entity): number[] {
  return passthroughs(graph, host).map((p) => p.port);
}

/** The load balancers in front of a target pool: those that forward to it, and those whose listeners do. */
export function balancersInFront(graph: Graph, poolId: string): string[] {
  const out = new Set<string>();
  for (const e of graph.in(poolId, 'forwards-to')) {
    const front = graph.get(e.from);
    if (front?.kind === 'listener') {
      const owners = graph.targets(front.id, 'member-of', 'load-balancer');
      if (owners.length === 0) out.add(front.id);
      for (const lb of owners) out.add(lb.id);
    } else if (front) out.add(front.id);
  }
  return [...out].sort();
}

/** Edges that carry traffic towards an entity: what depends on it. */
const TRAFFIC_EDGES = ['forwards-to', 'targets', 'routes-to'] as const;

export function trafficInDegree(graph: Graph, id: string): number {
  return TRAFFIC_EDGES.reduce((n, kind) => n + graph.in(id, kind).length, 0);
}

/**
 * Whether a placement leaves the thing in one zone, and what that verdict rests on; undefined when it spans zones
 * or cannot be told. `unpinned` counts an empty zone list (the cloud picks one place) as one zone.
 */
export function oneZone(placement: Placement, unpinned = true): 'set' | 'default' | 'unknown' | undefined {
  if (isKnownTrue(placement.zoneRedundant, (v) => v)) return undefined;
  if (placement.zones.state === 'unknown') return undefined;
  const n = placement.zones.value.length;
  if (n >= 2 || (n === 0 && !unpinned)) return undefined;
  return basisOf(placement.zoneRedundant, placement.zones);
}

/** The known zones of a placement (empty when unpinned or unknown). */
export const zonesOf = (placement: Placement): readonly string[] => (placement.zones.state === 'unknown' ? [] : placement.zones.value);

/** The zones a subnet is used in: its own, or (for subnets that span zones) those of what runs in it. */
export function zonesUsed(graph: Graph, subnet: Subnet): string[] {
  const own = zonesOf(subnet.placement);
  if (own.length > 0) return [...own];
  const out = new Set<string>();
  for (const e of graph.in(subnet.id, 'in-subnet')) {
    const member = graph.get(e.from);
    if (member && 'placement' in member) for (const z of zonesOf(member.placement)) out.add(z);
  }
  return [...out];
}

/**
 * Which subnets route through which tables and gateways. A subnet without a table of its own uses its network's
 * default table (a route table linked `in-network` with `isDefault`). Memoised per network, so asking for every
 * subnet stays linear.
 */
export class Routing {
  private readonly defaults = new Map<string, RouteTable[]>();
  private readonly unassociated = new Map<string, Subnet[]>();

  constructor(private readonly graph: Graph) {}

  /** The tables a subnet's traffic follows. */
  tablesOf(subnet: Subnet): RouteTable[] {
    const own = this.graph.targets(subnet.id, 'uses-route-table', 'route-table');
    if (own.length > 0) return own;
    return this.graph.targets(subnet.id, 'in-network', 'network').flatMap((n) => this.defaultTables(n.id));
  }

  /** The subnets a table carries: those that use it, and for a default table those with no table of their own. */
  subnetsOf(table: RouteTable): Subnet[] {
    const out = new Map(this.graph.sources(table.id, 'uses-route-table', 'subnet').map((s) => [s.id, s]));
    if (table.isDefault) {
      for (const n of this.graph.targets(table.id, 'in-network', 'network')) for (const s of this.unassociatedSubnets(n.id)) out.set(s.id, s);
    }
    return [...out.values()];
  }

  /**
   * Subnets whose traffic goes through a gateway (or an appliance host a route names): through route tables, or
   * associated with it directly.
   */
  subnetsBehind(gateway: { readonly id: string }): { subnets: Subnet[]; tables: RouteTable[] } {
    const tables = this.graph.sources(gateway.id, 'routes-to', 'route-table');
    const out = new Map(this.graph.sources(gateway.id, 'routes-to', 'subnet').map((s) => [s.id, s]));
    for (const t of tables) for (const s of this.subnetsOf(t)) out.set(s.id, s);
    return { subnets: [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), tables };
  }

  /** The gateways a subnet's traffic is routed to: through its tables, or associated with it directly. */
  gatewaysOf(subnet: Subnet): Gateway[] {
    const out = new Map(this.graph.targets(subnet.id, 'routes-to', 'gateway').map((g) => [g.id, g]));
    for (const table of this.tablesOf(subnet)) for (const g of this.graph.targets(table.id, 'routes-to', 'gateway')) out.set(g.id, g);
    return [...out.values()];
  }

  /** The routes that send a subnet's internet-bound traffic (0.0.0.0/0, ::/0) to an internet gateway. */
  internetRoutes(subnet: Subnet): Array<{ table: RouteTable; gateway: Gateway }> {
    const out: Array<{ table: RouteTable; gateway: Gateway }> = [];
    for (const table of this.tablesOf(subnet)) {
      for (const e of this.graph.out(table.id, 'routes-to')) {
        const target = this.graph.get(e.to);
        if (target?.kind !== 'gateway' || target.gatewayKind !== 'internet') continue;
        if (e.detail === undefined || peerFromText(e.detail).kind === 'world') out.push({ table, gateway: target });
      }
    }
    return out;
  }

  private defaultTables(networkId: string): RouteTable[] {
    let tables = this.defaults.get(networkId);
    if (!tables) this.defaults.set(networkId, (tables = this.graph.sources(networkId, 'in-network', 'route-table').filter((t) => t.isDefault)));
    return tables;
  }

  private unassociatedSubnets(networkId: string): Subnet[] {
    let subnets = this.unassociated.get(networkId);
    if (!subnets) {
      subnets = this.graph.sources(networkId, 'in-network', 'subnet').filter((s) => this.graph.out(s.id, 'uses-route-table').length === 0);
      this.unassociated.set(networkId, subnets);
    }
    return subnets;
  }
}
