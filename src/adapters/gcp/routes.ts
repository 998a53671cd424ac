import type { Mapper } from '../mapper.js';
import { str, strings } from '../read.js';
import { base } from './common.js';
import { networkPolicies } from './links.js';

const INSTANCE = ['google_compute_instance'];

/**
 * `google_compute_route`: a custom route of a VPC network. Google has no route tables: a route applies to every
 * instance of its network, or to those carrying one of its `tags`. A route to an instance (`next_hop_instance`: a
 * NAT instance, a network appliance) is modelled as a table of its own in the network, the default one that every
 * subnet follows when the route has no tags (so the appliance carries their traffic), and one no subnet follows when
 * tags narrow it to some instances (which the plan cannot place by subnet). Other next hops (the default internet
 * gateway, an address, a VPN tunnel, an internal load balancer) make no edge.
 */
export const computeRoute: Mapper = {
  types: ['google_compute_route'],
  map(instance, ctx) {
    const targets = ctx.refs(instance, 'next_hop_instance', { types: INSTANCE });
    ctx.add({ ...base(instance), kind: 'route-table', isDefault: strings(instance.values, 'tags').length === 0 });
    for (const network of networkPolicies(ctx, instance, 'network').networks) ctx.link(instance.address, network, 'in-network', 'network');
    const destination = str(instance.values, 'dest_range');
    for (const t of targets) ctx.link(instance.address, t, 'routes-to', 'next_hop_instance', destination);
  },
};
