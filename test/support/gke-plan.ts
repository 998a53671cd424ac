/**
 * A small GKE plan shared by the cluster and node pool mapper tests: a regional and a zonal cluster, and a node pool
 * on each, in the format the google provider writes.
 */
import { gcpModel, gcpPlan, references, type GcpResource } from './gcp-plan.js';

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

export const gkeModel = gcpModel(
  gcpPlan([
    cluster('regional', { location: 'europe-west1', node_locations: ['europe-west1-b', 'europe-west1-c'], initial_node_count: 2 }),
    cluster('zonal', { location: 'europe-west1-b', node_locations: ['europe-west1-c'], remove_default_node_pool: true, initial_node_count: 1 }),
    pool('zonal_spread', 'zonal', { node_count: 2 }),
    pool('totals', 'regional', { autoscaling: [{ total_min_node_count: 3, total_max_node_count: 12 }], initial_node_count: 1 }),
  ]),
);
