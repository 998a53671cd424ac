import { describe, expect, it } from 'vitest';
import { edgesFrom, entityIn, gcpModel, trimmedCorpus } from '../../../test/support/gcp-plan.js';

const alextzk = 'alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json';

describe('google_compute_router_nat', () => {
  const m = gcpModel(trimmedCorpus(alextzk, (a) => a.startsWith('module.network.')));

  it('Cloud NAT is regional and survives a zone: a gateway in its region, zone-redundant', () => {
    const nat = entityIn(m, 'module.network.google_compute_router_nat.nat_manual', 'gateway');
    expect(nat.gatewayKind).toBe('nat');
    expect(nat.placement).toEqual({ region: 'europe-west2', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
  });

  it('serves the network of its Cloud Router; its manual addresses are attached to it', () => {
    expect(edgesFrom(m, 'module.network.google_compute_router_nat.nat_manual', 'serves')).toEqual(['module.network.google_compute_network.network via module.network.google_compute_router.router']);
    expect(edgesFrom(m, 'module.network.google_compute_address.address[0]', 'attached-to')).toEqual(['module.network.google_compute_router_nat.nat_manual via nat_ips']);
  });

  it('the router is read through the NAT: no entity, not unmodelled', () => {
    expect(m.entities.has('module.network.google_compute_router.router')).toBe(false);
    expect(m.unmodelled).not.toHaveProperty('google_compute_router');
  });
});
