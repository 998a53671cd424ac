import { peerFromText, type Gateway, type RouteTable, type Subnet } from '../model/index.js';
import type { Graph } from './graph.js';

/** A way out of a subnet: the gateway, and the table (or association) that sends traffic there. */
export interface Route {
  readonly gateway: Gateway;
  /** The route table, or for a direct association (Azure subnet -> NAT gateway) the edge's `via`. */
  readonly via: string;
  readonly destination: string | undefined;
}

/**
 * Gateways a subnet depends on to leave its network: NAT and firewalls for the internet, VPN, interconnect and
 * transit for other sites.
 */
const EGRESS_KINDS: ReadonlySet<Gateway['gatewayKind']> = new Set(['nat', 'firewall', 'vpn', 'interconnect', 'transit']);

/** Gateways that carry the way out to the internet (and count only for routes to it). */
export const isInternetEgress = (gateway: Gateway): boolean => gateway.gatewayKind === 'nat' || gateway.gatewayKind === 'firewall';

/**
 * The egress routes of each subnet. A subnet without a table of its own uses its network's default table;
 * NAT gateways count only for internet-bound destinations (0.0.0.0/0, ::/0). Memoised per network, so asking
 * for every subnet stays linear in the routes.
 */
export class EgressRoutes {
  private readonly defaults = new Map<string, RouteTable[]>();
  private readonly byTable = new Map<string, Route[]>();

  constructor(private readonly graph: Graph) {}

  of(subnet: Subnet): Route[] {
    const out: Route[] = [];
    for (const e of this.graph.out(subnet.id, 'routes-to')) {
      const g = this.graph.get(e.to);
      if (g?.kind === 'gateway' && egress(g, e.detail)) out.push({ gateway: g, via: e.via, destination: e.detail });
    }
    for (const table of this.tablesOf(subnet)) out.push(...this.routesOf(table));
    return out;
  }

  private tablesOf(subnet: Subnet): RouteTable[] {
    const own = this.graph.targets(subnet.id, 'uses-route-table', 'route-table');
    if (own.length > 0) return own;
    return this.graph.targets(subnet.id, 'in-network', 'network').flatMap((n) => {
      let tables = this.defaults.get(n.id);
      if (!tables) this.defaults.set(n.id, (tables = this.graph.sources(n.id, 'in-network', 'route-table').filter((t) => t.isDefault)));
      return tables;
    });
  }

  private routesOf(table: RouteTable): Route[] {
    let routes = this.byTable.get(table.id);
    if (!routes) {
      routes = [];
      for (const e of this.graph.out(table.id, 'routes-to')) {
        const g = this.graph.get(e.to);
        if (g?.kind === 'gateway' && egress(g, e.detail)) routes.push({ gateway: g, via: table.id, destination: e.detail });
      }
      this.byTable.set(table.id, routes);
    }
    return routes;
  }
}

function egress(gateway: Gateway, destination: string | undefined): boolean {
  if (!EGRESS_KINDS.has(gateway.gatewayKind)) return false;
  return !isInternetEgress(gateway) || destination === undefined || peerFromText(destination).kind === 'world';
}
