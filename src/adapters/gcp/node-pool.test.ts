import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModel, gcpModelOfFile, gcpPlan, references, type GcpResource } from '../../../test/support/gcp-plan.js';

type Json = Record<string, unknown>;
const c = (value: unknown) => ({ constant_value: value });

function cluster(name: string, values: Json, unknown: Json = {}): GcpResource {
  return {
    address: `google_container_cluster.${name}`,
    values: { name, network: 'default', private_cluster_config: [], ...values },
    unknown: { endpoint: true, id: true, master_version: true, node_config: true, node_pool: true, self_link: true, subnetwork: true, ...unknown },
    expressions: Object.fromEntries(Object.entries({ name, ...values }).map(([k, v]) => [k, c(v)])),
  };
}

function pool(name: string, clusterName: string, values: Json): GcpResource {
  return {
    address: `google_container_node_pool.${name}`,
    values: { cluster: clusterName, name, node_config: [{ machine_type: 'e2-standard-4', tags: ['nodes'] }], ...values },
    unknown: { id: true, instance_group_urls: true, node_locations: !('node_locations' in values), version: true, node_config: [{ service_account: true }] },
    expressions: { cluster: references(`google_container_cluster.${clusterName}`, 'name'), ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, c(v)])) },
  };
}

const m = gcpModel(
  gcpPlan([
    cluster('regional', { location: 'europe-west1', node_locations: ['europe-west1-b', 'europe-west1-c'], initial_node_count: 2 }),
    cluster('zonal', { location: 'europe-west1-b', node_locations: ['europe-west1-c'], remove_default_node_pool: true, initial_node_count: 1 }),
    pool('zonal_spread', 'zonal', { node_count: 2 }),
    pool('totals', 'regional', { autoscaling: [{ total_min_node_count: 3, total_max_node_count: 12 }], initial_node_count: 1 }),
  ]),
);

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
