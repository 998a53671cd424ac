import { Routing } from './lib/network.js';
import { hostReports, loadBalancerReports } from './lib/spof-compute.js';
import { attachmentReports, endpointReports, natReports, stackReport, vpnReports } from './lib/spof-network.js';
import { storeReports } from './lib/spof-stores.js';
import type { Report, Rule } from './rule.js';

/**
 * Single points of failure: one thing that, when it or its zone fails, stops what depends on it. Ranked by how
 * much forwards or routes to it, and higher when the internet reaches it. Single-node brokers and single-zone
 * databases are the single-az-database rule's.
 */
export const spof: Rule = {
  meta: {
    id: 'spof',
    title: 'Single point of failure',
    category: 'spof',
    tags: ['reliability'],
    description:
      'Finds a host serving traffic with nothing beside it (a NAT instance or appliance that subnets route through included), a load balancer in one zone, one NAT gateway or managed firewall for subnets in several zones, a transit gateway attachment that leaves out zones routed to it, an interface endpoint in one zone while its network runs workloads in others, a single-node cache, a file system in one zone, a VPN or dedicated link (Direct Connect, Cloud Interconnect, ExpressRoute) that is the only path to another site, and a whole stack in one zone.',
    rationale:
      'Instances, zones and tunnels fail routinely; a design survives them only where a second copy stands ready in another zone. Where there is just one, its failure is an outage of everything behind it.',
    remediation: 'Add a second copy in another zone (a group of two instances or more, a zone-redundant service, one NAT gateway per zone, a second VPN path).',
  },
  *check({ graph }) {
    const routing = new Routing(graph);
    const out: Report[] = [];
    for (const list of [hostReports(graph, routing), loadBalancerReports(graph), natReports(graph, routing), attachmentReports(graph, routing), endpointReports(graph), storeReports(graph), vpnReports(graph)]) out.push(...list);
    // Named by a resource no report above names (one finding per rule and resource), or left out.
    const stack = stackReport(graph, new Set(out.map((r) => r.resource)));
    if (stack) out.push(stack);
    yield* out;
  },
};
