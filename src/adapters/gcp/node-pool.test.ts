import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModelOfFile } from '../../../test/support/gcp-plan.js';
import { gkeModel as m } from '../../../test/support/gke-plan.js';

describe('google_container_node_pool', () => {
  it('per-zone counts times zones: a zonal cluster with an extra node location', () => {
    const nodes = entityIn(m, 'google_container_node_pool.zonal_spread', 'host');
    expect(nodes.replicas).toEqual({ min: { state: 'set', value: 4 }, desired: { state: 'set', value: 4 }, max: { state: 'set', value: 4 } });
    expect(nodes.placement.zones).toEqual({ state: 'set', value: ['europe-west1/europe-west1-b', 'europe-west1/europe-west1-c'] });
    expect(nodes.labels).toEqual(['nodes']);
  });

  it('total_min/total_max count for the whole pool', () => {
    const nodes = entityIn(m, 'google_container_node_pool.totals', 'host');
    expect([nodes.replicas.min, nodes.replicas.desired, nodes.replicas.max]).toEqual([
      { state: 'set', value: 3 },
      { state: 'set', value: 2 },
      { state: 'set', value: 12 },
    ]);
  });

  it('conftest (0.12): a regional cluster without node locations runs a node per zone in three zones by default', () => {
    const real = gcpModelOfFile(corpusFile('conftest/gcp-gke-cluster-node-pool-tf0.12.0-beta2.json'));
    const nodes = entityIn(real, 'google_container_node_pool.primary_preemptible_nodes', 'host');
    expect(nodes.replicas.desired).toEqual({ state: 'default', value: 3 });
    expect(nodes.placement).toEqual({ region: 'us-central1', zones: { state: 'unknown' }, zoneRedundant: { state: 'default', value: true } });
  });

  it('alextzk: autoscaling per zone in one zone; the nodes sit behind the network firewall by their tags', () => {
    const real = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));
    const nodes = entityIn(real, 'module.gke.google_container_node_pool.primary_nodes', 'host');
    expect(nodes.replicas).toEqual({ min: { state: 'set', value: 1 }, desired: { state: 'set', value: 1 }, max: { state: 'set', value: 3 } });
    expect(nodes.placement.zones).toEqual({ state: 'set', value: ['europe-west2/europe-west2-a'] });
    expect(nodes.labels).toEqual(['gke-lb-backend', 'gke-node', 'mycompany-dev-gke']);
    expect(edgesFrom(real, nodes.id, 'protected-by')).toEqual(['module.network.google_compute_network.network#firewall via module.gke.google_container_cluster.primary']);
  });
});
