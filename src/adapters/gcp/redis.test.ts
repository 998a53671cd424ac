import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModel, gcpModelOfFile, gcpPlan } from '../../../test/support/gcp-plan.js';

describe('google_redis_instance', () => {
  it('STANDARD_HA: a replica in the alternative zone, zone-redundant', () => {
    const m = gcpModelOfFile(corpusFile('terraform-validator/gcp-memorystore-redis-network-tf1.0.10.json'));
    const cache = entityIn(m, 'google_redis_instance.cache', 'datastore');
    expect(cache).toMatchObject({ category: 'cache', engine: 'redis', ports: [6379], publiclyAccessible: { state: 'set', value: false } });
    expect(cache.replicas).toEqual({ state: 'default', value: 2 });
    expect(cache.placement).toEqual({ region: 'us-central1', zones: { state: 'set', value: ['us-central1/us-central1-a', 'us-central1/us-central1-f'] }, zoneRedundant: { state: 'set', value: true } });
    expect(edgesFrom(m, cache.id, 'in-network')).toEqual(['google_compute_network.redis-network via authorized_network']);
  });

  it('BASIC (the default tier): one node, in one zone Google picks when none is written', () => {
    const m = gcpModel(
      gcpPlan([
        {
          address: 'google_redis_instance.bad_basic',
          values: { memory_size_gb: 1, name: 'basic', region: 'us-central1' },
          unknown: { alternative_location_id: true, current_location_id: true, host: true, id: true, location_id: true, port: true, tier: true },
          expressions: { memory_size_gb: { constant_value: 1 }, name: { constant_value: 'basic' } },
        },
      ]),
    );
    const cache = entityIn(m, 'google_redis_instance.bad_basic', 'datastore');
    expect(cache.replicas).toEqual({ state: 'default', value: 1 });
    expect(cache.placement).toEqual({ region: 'us-central1', zones: { state: 'default', value: [] }, zoneRedundant: { state: 'default', value: false } });
    expect(cache.redundancyKnob).toEqual({ attribute: 'tier', value: '"STANDARD_HA"' });
  });
});
