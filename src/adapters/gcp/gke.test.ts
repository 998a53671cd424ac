import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModelOfFile } from '../../../test/support/gcp-plan.js';
import { gkeModel as m } from '../../../test/support/gke-plan.js';

describe('google_container_cluster', () => {
  it('a region makes a regional control plane (three replicas across zones); its public endpoint by default', () => {
    const cp = entityIn(m, 'google_container_cluster.regional', 'host');
    expect(cp).toMatchObject({ role: 'cluster', publicIp: { state: 'default', value: true } });
    expect(cp.replicas.desired).toEqual({ state: 'set', value: 3 });
    expect(cp.placement).toEqual({ region: 'europe-west1', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
  });

  it('the default pool, kept unless removed: initial_node_count in each node location', () => {
    const nodes = entityIn(m, 'google_container_cluster.regional#default-pool', 'host');
    expect(nodes.role).toBe('node-group');
    expect(nodes.replicas.desired).toEqual({ state: 'set', value: 4 });
    expect(nodes.placement).toMatchObject({ zones: { state: 'set', value: ['europe-west1/europe-west1-b', 'europe-west1/europe-west1-c'] }, zoneRedundant: { state: 'set', value: true } });
    expect(edgesFrom(m, nodes.id, 'member-of')).toEqual(['google_container_cluster.regional via node_pool']);
    expect(m.entities.has('google_container_cluster.zonal#default-pool')).toBe(false);
  });

  it('a zone makes a zonal control plane: one replica, lost with its zone', () => {
    const cp = entityIn(m, 'google_container_cluster.zonal', 'host');
    expect(cp.replicas.max).toEqual({ state: 'set', value: 1 });
    expect(cp.placement).toEqual({ region: 'europe-west1', zones: { state: 'set', value: ['europe-west1/europe-west1-b'] }, zoneRedundant: { state: 'set', value: false } });
    // `location` (ForceNew) set to the region: a new, regional cluster.
    expect(cp.scaleKnob).toEqual({
      attribute: 'location',
      value:
        '`"europe-west1"`, the region, instead of a zone: a regional cluster runs control plane replicas in several zones; `location` forces a new cluster, and its node pools then run their node count in each zone (`node_locations` narrows them)',
    });
  });

  it('alextzk: zonal, private endpoint, default pool removed', () => {
    const real = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));
    const cp = entityIn(real, 'module.gke.google_container_cluster.primary', 'host');
    expect(cp.publicIp).toEqual({ state: 'set', value: false });
    expect(cp.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(real.entities.has('module.gke.google_container_cluster.primary#default-pool')).toBe(false);
  });

  it('terraform-validator: the default pool carries the cluster node_config tags and service account', () => {
    const real = gcpModelOfFile(corpusFile('terraform-validator/gcp-gke-cluster-full-tf1.0.10.json'));
    expect(entityIn(real, 'google_container_cluster.full_list_default_1#default-pool', 'host')).toMatchObject({ labels: ['test-tags'], serviceAccounts: ['test-service_account'], publicIp: { state: 'set', value: false } });
  });
});
