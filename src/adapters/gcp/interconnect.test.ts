import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { edgesFrom, entityIn, gcpModel, gcpPlan, gcpState, references, vpcNetwork, constant, type GcpResource } from '../../../test/support/gcp-plan.js';

const c = constant;
const network = vpcNetwork;

const router: GcpResource = {
  address: 'google_compute_router.edge',
  values: { bgp: [{ advertise_mode: 'DEFAULT', asn: 16550, keepalive_interval: 20 }], name: 'edge', project: 'acme-prod', region: 'europe-west2' },
  unknown: { id: true, network: true, self_link: true, bgp: [{ advertised_ip_ranges: true }] },
  expressions: { bgp: [{ asn: c(16550) }], name: c('edge'), network: references('google_compute_network.vpc'), region: c('europe-west2') },
};

/** A Partner Interconnect VLAN attachment, as google 6.x plans one. */
function partner(name: string, domain?: string): GcpResource {
  return {
    address: `google_compute_interconnect_attachment.${name}`,
    values: {
      admin_enabled: true,
      candidate_subnets: null,
      description: null,
      edge_availability_domain: domain ?? 'AVAILABILITY_DOMAIN_ANY',
      encryption: 'NONE',
      interconnect: null,
      ipsec_internal_addresses: null,
      name,
      project: 'acme-prod',
      region: 'europe-west2',
      timeouts: null,
      type: 'PARTNER',
    },
    unknown: { bandwidth: true, cloud_router_ip_address: true, creation_timestamp: true, customer_router_ip_address: true, google_reference_id: true, id: true, mtu: true, pairing_key: true, partner_asn: true, private_interconnect_info: true, router: true, self_link: true, state: true, vlan_tag8021q: true },
    expressions: { name: c(name), router: references('google_compute_router.edge', 'self_link'), type: c('PARTNER'), ...(domain ? { edge_availability_domain: c(domain) } : {}) },
  };
}

/** A Dedicated Interconnect VLAN attachment on the Interconnect at `url`: its domain is known only after apply. */
function dedicated(name: string, url: string): GcpResource {
  return {
    address: `google_compute_interconnect_attachment.${name}`,
    values: { admin_enabled: true, bandwidth: 'BPS_10G', description: null, interconnect: url, name, project: 'acme-prod', region: 'europe-west2', timeouts: null, type: 'DEDICATED', vlan_tag8021q: 100 },
    unknown: { cloud_router_ip_address: true, creation_timestamp: true, customer_router_ip_address: true, edge_availability_domain: true, google_reference_id: true, id: true, mtu: true, private_interconnect_info: true, router: true, self_link: true, state: true },
    expressions: { bandwidth: c('BPS_10G'), interconnect: c(url), name: c(name), router: references('google_compute_router.edge', 'self_link'), type: c('DEDICATED'), vlan_tag8021q: c(100) },
  };
}

const IC = 'https://www.googleapis.com/compute/v1/projects/acme-net/global/interconnects';
const model = (resources: readonly GcpResource[]) => gcpModel(gcpPlan([network, router, ...resources]));
const spofs = (resources: readonly GcpResource[]) => check(model(resources), 'plan.json').filter((f) => f.rule === 'spof');

describe('google_compute_interconnect_attachment', () => {
  it('one dedicated path, regional, landing in its edge availability domain, serving the network of its router', () => {
    const m = model([partner('a', 'AVAILABILITY_DOMAIN_1')]);
    const link = entityIn(m, 'google_compute_interconnect_attachment.a', 'gateway');
    expect(link).toMatchObject({ gatewayKind: 'interconnect', paths: { state: 'set', value: 1 }, peers: ['edge availability domain 1 of europe-west2'] });
    expect(link.placement).toEqual({ region: 'europe-west2', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
    expect(edgesFrom(m, link.id, 'serves')).toEqual(['google_compute_network.vpc via google_compute_router.edge']);
    expect(m.unmodelled).toEqual({});
  });

  it('a Partner attachment in any domain has no known far end; a Dedicated one planned lands on its Interconnect', () => {
    expect(entityIn(model([partner('a')]), 'google_compute_interconnect_attachment.a', 'gateway').peers).toBeUndefined();
    expect(entityIn(model([dedicated('d', `${IC}/ld5-a`)]), 'google_compute_interconnect_attachment.d', 'gateway').peers).toEqual(['Interconnect ld5-a']);
  });

  it('a state: a Dedicated attachment reports its domain, which is what counts', () => {
    const m = gcpModel(
      gcpState([
        { address: 'google_compute_interconnect_attachment.d', values: { id: 'projects/acme-prod/regions/europe-west2/interconnectAttachments/d', type: 'DEDICATED', interconnect: `${IC}/ld5-a`, edge_availability_domain: 'AVAILABILITY_DOMAIN_2', region: 'https://www.googleapis.com/compute/v1/projects/acme-prod/regions/europe-west2' } },
      ]),
    );
    expect(entityIn(m, 'google_compute_interconnect_attachment.d', 'gateway').peers).toEqual(['edge availability domain 2 of europe-west2']);
  });

  it('must fire: the only attachment; two attachments in one domain (one finding naming both); two on one Interconnect', () => {
    const one = spofs([partner('a', 'AVAILABILITY_DOMAIN_1')]);
    expect(one).toHaveLength(1);
    expect(one[0]!.message).toContain('google_compute_interconnect_attachment.a is the only dedicated path to google_compute_network.vpc, landing at edge availability domain 1 of europe-west2');
    const sameDomain = spofs([partner('a', 'AVAILABILITY_DOMAIN_1'), partner('b', 'AVAILABILITY_DOMAIN_1')]);
    expect(sameDomain.map((f) => f.resources)).toEqual([['google_compute_interconnect_attachment.a', 'google_compute_interconnect_attachment.b', 'google_compute_network.vpc']]);
    expect(sameDomain[0]!.message).toContain('both land at edge availability domain 1 of europe-west2');
    const sameInterconnect = spofs([dedicated('a', `${IC}/ld5-a`), dedicated('b', `${IC}/ld5-a`)]);
    expect(sameInterconnect.map((f) => f.resources[0])).toEqual(['google_compute_interconnect_attachment.a']);
  });

  it('stays quiet: one attachment per domain (the 99.9% topology), two Interconnects, domains left to the partner', () => {
    expect(spofs([partner('a', 'AVAILABILITY_DOMAIN_1'), partner('b', 'AVAILABILITY_DOMAIN_2')])).toEqual([]);
    expect(spofs([dedicated('a', `${IC}/ld5-a`), dedicated('b', `${IC}/ld5-b`)])).toEqual([]);
    expect(spofs([partner('a'), partner('b')])).toEqual([]);
  });
});
