import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { entityIn, gcpModelOfFile } from '../../../test/support/gcp-plan.js';

describe('google_compute_address / google_compute_global_address', () => {
  const m = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));

  it('EXTERNAL by default: a public address, regional or global', () => {
    expect(entityIn(m, 'module.network.google_compute_address.address[0]', 'public-address').placement.region).toBe('europe-west2');
    expect(entityIn(m, 'module.network.google_compute_global_address.loadbalancer_ip', 'public-address').placement.region).toBeUndefined();
  });

  it('INTERNAL ranges (service peering, fixed internal IPs) are no public address', () => {
    expect(m.entities.has('module.network.google_compute_global_address.private_ip_address')).toBe(false);
    const tgc = gcpModelOfFile(corpusFile('tgc/gcp-address-network-subnetwork-tf1.7.2.json'));
    expect(tgc.entities.has('google_compute_address.internal_with_subnet_and_address')).toBe(false);
    expect(tgc.unmodelled).not.toHaveProperty('google_compute_address');
  });
});
