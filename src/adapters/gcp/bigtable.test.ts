import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { entityIn, gcpModel, gcpPlan, type GcpResource } from '../../../test/support/gcp-plan.js';

const c = (value: unknown) => ({ constant_value: value });

/** A Bigtable instance with one cluster per zone given (`undefined`: the zone left to the provider), as google 6.x plans it. */
function bigtable(zones: ReadonlyArray<string | undefined>): GcpResource {
  const clusters = zones.map((zone, i) => ({ cluster_id: `orders-c${i + 1}`, kms_key_name: null, num_nodes: 1, storage_type: 'SSD', ...(zone ? { zone } : {}) }));
  return {
    address: 'google_bigtable_instance.orders',
    values: { cluster: clusters, deletion_protection: true, display_name: 'orders', force_destroy: false, instance_type: 'PRODUCTION', labels: null, name: 'orders', project: 'acme-prod' },
    unknown: { cluster: zones.map((zone) => ({ state: true, ...(zone ? {} : { zone: true }) })), effective_labels: true, id: true, terraform_labels: true },
    expressions: { cluster: zones.map((zone, i) => ({ cluster_id: c(`orders-c${i + 1}`), num_nodes: c(1), storage_type: c('SSD'), ...(zone ? { zone: c(zone) } : {}) })), name: c('orders') },
  };
}

const spofs = (zones: ReadonlyArray<string | undefined>) => check(gcpModel(gcpPlan([bigtable(zones)])), 'plan.json').filter((f) => f.rule === 'spof');

describe('google_bigtable_instance', () => {
  it('one cluster keeps the data in one zone: must fire, naming the zone', () => {
    const store = entityIn(gcpModel(gcpPlan([bigtable(['europe-west1-b'])])), 'google_bigtable_instance.orders', 'datastore');
    expect(store).toMatchObject({ category: 'key-value', engine: 'bigtable', replicas: { state: 'set', value: 1 }, publiclyAccessible: { state: 'set', value: false } });
    expect(store.placement).toEqual({ region: 'europe-west1', zones: { state: 'set', value: ['europe-west1/europe-west1-b'] }, zoneRedundant: { state: 'set', value: false } });
    const found = spofs(['europe-west1-b']);
    expect(found.map((f) => [f.resources[0], f.severity])).toEqual([['google_bigtable_instance.orders', 'medium']]);
    expect(found[0]!.message).toContain('keeps its data in one zone (europe-west1-b)');
    // The zone left to the provider is still one zone.
    expect(spofs([undefined])).toHaveLength(1);
  });

  it('stays quiet with a cluster in each of two zones (replicated)', () => {
    expect(spofs(['europe-west1-b', 'europe-west1-c'])).toEqual([]);
    expect(spofs([undefined, 'europe-west1-c'])).toEqual([]);
  });
});
