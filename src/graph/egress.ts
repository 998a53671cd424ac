import { weaknessOf, type Weakness } from './cut-points.js';
import type { ServiceEdge, ServiceGraph } from './service.js';

/** A gateway that is the only way out for some hosts: when it (or its zone) fails, they lose that way out. */
export interface EgressCut {
  readonly gateway: number;
  readonly weakness: Weakness;
  /** Host nodes whose every route of this kind (internet-bound, or to the other site) leaves through the gateway. */
  readonly dependents: readonly number[];
  /** Of those, the ones with copies outside the gateway's zone: the ones its zone's failure cuts off needlessly. */
  readonly elsewhere: readonly number[];
  /** The egress edge of the first dependent, to name the route table in a path. */
  readonly edge: ServiceEdge;
}

/**
 * Egress cut points: for each host node, the NAT (internet-bound) and VPN (other sites) gateways its subnets route
 * through; a weak gateway that is a node's only one of its kind is a cut point for that node's way out. A zonal
 * NAT counts only when it strands copies in other zones (within its own zone, the zone's loss stops them anyway).
 * O(e) over the egress edges.
 */
export function egressCuts(service: ServiceGraph): EgressCut[] {
  const byGateway = new Map<number, { dependents: number[]; elsewhere: number[]; edge: ServiceEdge; weakness: Weakness }>();
  for (const node of service.nodes) {
    if (node.kind !== 'hosts') continue;
    const byKind = new Map<string, ServiceEdge[]>();
    for (const e of service.out[node.index]!) {
      if (e.kind !== 'egress') continue;
      const gw = service.nodes[e.to]!.members[0];
      if (gw?.kind !== 'gateway') continue;
      const list = byKind.get(gw.gatewayKind);
      if (list) list.push(e);
      else byKind.set(gw.gatewayKind, [e]);
    }
    for (const edges of byKind.values()) {
      const gateways = new Set(edges.map((e) => e.to));
      if (gateways.size !== 1) continue;
      const edge = edges[0]!;
      const gateway = service.nodes[edge.to]!;
      const weakness = weaknessOf(gateway);
      if (!weakness) continue;
      const stranded = weakness === 'single' || (gateway.zones.length === 0 ? node.zones.length >= 2 : node.zones.some((z) => !gateway.zones.includes(z)));
      let entry = byGateway.get(edge.to);
      if (!entry) byGateway.set(edge.to, (entry = { dependents: [], elsewhere: [], edge, weakness }));
      entry.dependents.push(node.index);
      if (stranded) entry.elsewhere.push(node.index);
    }
  }
  return [...byGateway.entries()]
    .filter(([, e]) => e.elsewhere.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([gateway, e]) => ({ gateway, weakness: e.weakness, dependents: e.dependents, elsewhere: e.elsewhere, edge: e.edge }));
}
