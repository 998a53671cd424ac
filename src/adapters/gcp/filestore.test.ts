import { describe, expect, it } from 'vitest';
import { entityIn, gcpModel, gcpPlan } from '../../../test/support/gcp-plan.js';

const filestore = (name: string, tier: string, location: string) => ({
  address: `google_filestore_instance.${name}`,
  values: { file_shares: [{ capacity_gb: 1024, name: 'share' }], location, name, networks: [{ modes: ['MODE_IPV4'], network: 'default' }], tier },
  unknown: { create_time: true, etag: true, id: true, networks: [{ ip_addresses: true, reserved_ip_range: true }] },
  expressions: { location: { constant_value: location }, name: { constant_value: name }, tier: { constant_value: tier } },
});

describe('google_filestore_instance', () => {
  const m = gcpModel(gcpPlan([filestore('bad_basic', 'BASIC_HDD', 'us-central1-b'), filestore('bad_zonal', 'ZONAL', 'us-central1-c'), filestore('good_regional', 'REGIONAL', 'us-central1'), filestore('good_enterprise', 'ENTERPRISE', 'us-central1')]));

  it('BASIC and ZONAL tiers live in the one zone of their location', () => {
    for (const [id, zone] of [
      ['google_filestore_instance.bad_basic', 'us-central1/us-central1-b'],
      ['google_filestore_instance.bad_zonal', 'us-central1/us-central1-c'],
    ] as const) {
      const share = entityIn(m, id, 'datastore');
      expect(share).toMatchObject({ category: 'file', ports: [2049], replicas: { state: 'set', value: 1 } });
      expect(share.placement).toEqual({ region: 'us-central1', zones: { state: 'set', value: [zone] }, zoneRedundant: { state: 'set', value: false } });
    }
  });

  it('REGIONAL and ENTERPRISE tiers survive a zone', () => {
    for (const id of ['google_filestore_instance.good_regional', 'google_filestore_instance.good_enterprise']) {
      expect(entityIn(m, id, 'datastore').placement).toEqual({ region: 'us-central1', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
    }
  });
});
