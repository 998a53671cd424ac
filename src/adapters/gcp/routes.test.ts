import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { constant, edgesFrom, entityIn, gcpModel, gcpPlan, references, vpcNetwork, type GcpResource } from '../../../test/support/gcp-plan.js';

const subnet: GcpResource = {
  address: 'google_compute_subnetwork.app',
  values: { ip_cidr_range: '10.0.0.0/20', name: 'app', region: 'europe-west1' },
  unknown: { id: true, network: true, self_link: true },
  expressions: { ip_cidr_range: constant('10.0.0.0/20'), name: constant('app'), network: references('google_compute_network.vpc'), region: constant('europe-west1') },
};

/** A VM in the app subnetwork, as google 6.x plans it; the NAT instance forwards (`can_ip_forward`). */
function vm(name: string, zone: string, forward = false): GcpResource {
  return {
    address: `google_compute_instance.${name}`,
    values: { can_ip_forward: forward, machine_type: 'e2-small', name, zone, boot_disk: [{ initialize_params: [{ image: 'debian-cloud/debian-12' }] }], network_interface: [{ access_config: forward ? [{}] : [] }], tags: forward ? ['nat'] : ['app'] },
    unknown: { id: true, instance_id: true, self_link: true, network_interface: [{ access_config: forward ? [{ nat_ip: true }] : [], network: true, network_ip: true, subnetwork: true }] },
    expressions: {
      can_ip_forward: constant(forward),
      machine_type: constant('e2-small'),
      name: constant(name),
      zone: constant(zone),
      network_interface: [{ ...(forward ? { access_config: [{}] } : {}), subnetwork: references('google_compute_subnetwork.app') }],
    },
  };
}

/** A route of the network to the NAT instance, for every instance or only those tagged `tags`. */
function route(tags: readonly string[] = []): GcpResource {
  return {
    address: 'google_compute_route.egress',
    values: { dest_range: '0.0.0.0/0', name: 'egress-via-nat', next_hop_instance_zone: 'europe-west1-b', priority: 800, tags },
    unknown: { id: true, network: true, next_hop_instance: true, next_hop_network: true, self_link: true },
    expressions: { dest_range: constant('0.0.0.0/0'), name: constant('egress-via-nat'), network: references('google_compute_network.vpc', 'self_link'), next_hop_instance: references('google_compute_instance.nat', 'self_link'), priority: constant(800), ...(tags.length > 0 ? { tags: constant(tags) } : {}) },
  };
}

const base = [vpcNetwork, subnet, vm('nat', 'europe-west1-b', true), vm('app-b', 'europe-west1-b'), vm('app-c', 'europe-west1-c')];
const about = (more: GcpResource[]) => check(gcpModel(gcpPlan([...base, ...more])), 'plan.json').filter((f) => f.rule === 'spof' && f.resources[0] === 'google_compute_instance.nat');

describe('google_compute_route', () => {
  it("a route without tags is a default table of the network, routing to the instance it names", () => {
    const m = gcpModel(gcpPlan([...base, route()]));
    expect(entityIn(m, 'google_compute_route.egress', 'route-table').isDefault).toBe(true);
    expect(edgesFrom(m, 'google_compute_route.egress', 'in-network')).toEqual(['google_compute_network.vpc via network']);
    expect(edgesFrom(m, 'google_compute_route.egress', 'routes-to')).toEqual(['google_compute_instance.nat via next_hop_instance']);
    expect(m.unmodelled).toEqual({});
  });

  it('must fire: a NAT instance every subnet of the network routes through', () => {
    const found = about([route()]);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('google_compute_instance.nat is a single instance carrying traffic (the next hop for 1 subnet)');
  });

  it('stays quiet when tags narrow the route to some instances (the plan cannot place them by subnet)', () => {
    expect(entityIn(gcpModel(gcpPlan([...base, route(['legacy'])])), 'google_compute_route.egress', 'route-table').isDefault).toBe(false);
    expect(about([route(['legacy'])])).toEqual([]);
  });
});
