import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, edgesTo, entityIn, gcpModel, gcpModelOfFile, gcpPlan, gcpState } from '../../../test/support/gcp-plan.js';

describe('google_compute_network', () => {
  it('a network and its one firewall, read first match by priority', () => {
    const m = gcpModelOfFile(corpusFile('regula/gcp-subnetworks-flow-logs-tf0.13.5.json'));
    expect(entityIn(m, 'google_compute_network.custom-test', 'network')).toMatchObject({ cloud: 'gcp', cidrs: [], region: undefined });
    expect(entityIn(m, 'google_compute_network.custom-test#firewall', 'firewall-policy')).toMatchObject({ evaluation: 'first-match', isDefault: false, source: ['google_compute_network.custom-test'] });
    expect(edgesFrom(m, 'google_compute_network.custom-test#firewall', 'in-network')).toEqual(['google_compute_network.custom-test via google_compute_firewall']);
  });
});

describe('google_compute_subnetwork', () => {
  it('regional: it spans the zones of its region, so it names no single zone', () => {
    const m = gcpModelOfFile(corpusFile('regula/gcp-subnetworks-flow-logs-tf0.13.5.json'));
    const subnet = entityIn(m, 'google_compute_subnetwork.valid-subnet-1', 'subnet');
    expect(subnet.cidrs).toEqual(['10.2.0.0/16']);
    expect(subnet.placement).toEqual({ region: 'us-central1', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
    expect(subnet.assignsPublicIp).toEqual({ state: 'set', value: false });
    expect(edgesTo(m, 'google_compute_network.custom-test', 'in-network').filter((e) => e.includes('subnetwork'))).toEqual([
      'google_compute_subnetwork.invalid-subnet-1 via network',
      'google_compute_subnetwork.valid-subnet-1 via network',
      'google_compute_subnetwork.valid-subnet-2 via network',
    ]);
  });

  it('tgc (1.7): linked through a reference to the network self link', () => {
    const m = gcpModelOfFile(corpusFile('tgc/gcp-address-network-subnetwork-tf1.7.2.json'));
    expect(edgesFrom(m, 'google_compute_subnetwork.default', 'in-network')).toEqual(['google_compute_network.default via network']);
    expect(entityIn(m, 'google_compute_subnetwork.default', 'subnet').placement.region).toBe('us-east1');
  });

  it('a relative name the plan cannot match by id yet still names the network of the plan', () => {
    const m = gcpModel(
      gcpPlan([
        { address: 'google_compute_network.vpc', values: { name: 'vpc' }, unknown: { id: true, self_link: true }, expressions: { name: { constant_value: 'vpc' } } },
        { address: 'google_compute_subnetwork.a', values: { name: 'a', region: 'europe-west4', ip_cidr_range: '10.0.0.0/24', network: 'projects/p/global/networks/vpc' }, unknown: { id: true }, expressions: { network: { constant_value: 'projects/p/global/networks/vpc' } } },
      ]),
    );
    expect(edgesFrom(m, 'google_compute_subnetwork.a', 'in-network')).toEqual(['google_compute_network.vpc via network']);
  });

  it('a state: linked by the network self link it holds', () => {
    const m = gcpModel(
      gcpState([
        { address: 'google_compute_network.vpc', values: { name: 'vpc', self_link: 'https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc', id: 'projects/p/global/networks/vpc' } },
        { address: 'google_compute_subnetwork.a', values: { name: 'a', region: 'europe-west4', ip_cidr_range: '10.0.0.0/24', network: 'https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc' } },
      ]),
    );
    expect(edgesFrom(m, 'google_compute_subnetwork.a', 'in-network')).toEqual(['google_compute_network.vpc via network']);
  });
});
