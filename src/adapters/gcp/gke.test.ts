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
