import { known } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str, strings } from '../read.js';
import { base, lastSegment, regionalPlacement } from './common.js';
import { firewallOf, networkPolicies } from './links.js';

/**
 * `google_compute_network`: a global VPC network, and the one firewall every network has. Google evaluates a
 * network's firewall rules by priority and the first that matches decides, then an implied deny of all ingress;
 * a network made by Terraform starts with no rules (only the `default` network Google creates has some).
 */
export const computeNetwork: Mapper = {
  types: ['google_compute_network'],
  map(instance, ctx) {
    ctx.add({ ...base(instance), kind: 'network', cidrs: [], region: undefined });
    const policy = firewallOf(instance.address);
    ctx.add({ ...base(instance), id: policy, kind: 'firewall-policy', evaluation: 'first-match', isDefault: false });
    ctx.link(policy, instance.address, 'in-network', 'google_compute_firewall');
  },
};

/**
 * `google_compute_subnetwork`: a regional range. Unlike an AWS subnet it is not bound to a zone: instances in any
 * zone of its region use it, so it spans the region's zones. Google never gives instances an external address
 * for being in a subnetwork (that takes an `access_config`).
 */
export const computeSubnetwork: Mapper = {
  types: ['google_compute_subnetwork'],
  map(instance, ctx) {
    const region = str(instance.values, 'region');
    ctx.add({
      ...base(instance),
      kind: 'subnet',
      cidrs: strings(instance.values, 'ip_cidr_range'),
      placement: regionalPlacement(region ? lastSegment(region) : undefined),
      assignsPublicIp: known(false),
    });
    for (const network of networkPolicies(ctx, instance, 'network').networks) ctx.link(instance.address, network, 'in-network', 'network');
  },
};
