import { basisOf, byDefault, known, unknownValue, type Host, type Replicas, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { block, str, strings } from '../read.js';
import { base, isBoolean, isCount, isRegionName, lastSegment, placement, readAt, regionOfLocation } from './common.js';
import { attachToNetwork, serviceAccountsAt, stringsAt } from './links.js';

export const CLUSTER = ['google_container_cluster'];

/** Where a cluster runs: `location` (a zone or a region; older plans: `zone`/`region`). */
export function clusterLocation(cluster: ResourceInstance | undefined): string | undefined {
  const raw = str(cluster?.values, 'location') ?? str(cluster?.values, 'zone') ?? str(cluster?.values, 'region');
  return raw ? lastSegment(raw) : undefined;
}

/** A product of counts that keeps how sure its least sure factor is. */
function times(a: Value<number>, b: Value<number>): Value<number> {
  const product = (a.state === 'unknown' ? (a.assumed ?? 1) : a.value) * (b.state === 'unknown' ? (b.assumed ?? 1) : b.value);
  const basis = basisOf(a, b);
  return basis === 'unknown' ? unknownValue(product) : basis === 'default' ? byDefault(product) : known(product);
}

/**
 * The zones of a node pool: its own `node_locations`, else its cluster's (for a zonal cluster, in addition to the
 * cluster's zone), else the cluster's zone; a regional cluster without node locations runs its nodes in three
 * zones of the region that Google picks.
 */
function nodeZones(pool: ResourceInstance, cluster: ResourceInstance | undefined, location: string | undefined): { zones: Value<readonly string[]>; count: Value<number> } {
  const zonal = location !== undefined && !isRegionName(location);
  const own = strings(pool.values, 'node_locations');
  const inherited = strings(cluster?.values, 'node_locations');
  const listed = own.length > 0 ? own : inherited.length > 0 ? [...(zonal ? [location] : []), ...inherited] : zonal ? [location] : [];
  if (listed.length > 0) return { zones: known(listed), count: known(new Set(listed).size) };
  return { zones: unknownValue(), count: byDefault(3) };
}

/**
 * Nodes of a pool: `node_count` (or `initial_node_count`, default 1) in each of its zones; with `autoscaling`,
 * `min_node_count`/`max_node_count` per zone or `total_min_node_count`/`total_max_node_count` for the pool.
 */
function poolReplicas(pool: ResourceInstance, zoneCount: Value<number>): Replicas {
  const fixed = readAt(pool, ['node_count'], 0, isCount);
  const perZone = fixed.state === 'set' || (fixed.state === 'unknown' && pool.configured?.has('node_count')) ? fixed : readAt(pool, ['initial_node_count'], 1, isCount);
  const desired = times(perZone, zoneCount);
  if (!block(pool.values, 'autoscaling')) return { min: desired, desired, max: desired };
  const totalMin = readAt(pool, ['autoscaling', 'total_min_node_count'], 0, isCount);
  const totalMax = readAt(pool, ['autoscaling', 'total_max_node_count'], 0, isCount);
  const min = totalMin.state === 'set' ? totalMin : times(readAt(pool, ['autoscaling', 'min_node_count'], 0, isCount), zoneCount);
  const max = totalMax.state === 'set' ? totalMax : times(readAt(pool, ['autoscaling', 'max_node_count'], 0, isCount), zoneCount);
  return { min, desired, max };
}

/** Nodes of a private cluster have internal addresses only; otherwise every node gets an external one. */
function nodesPublic(pool: ResourceInstance, cluster: ResourceInstance | undefined): Value<boolean> {
  const own = block(pool.values, 'network_config')?.enable_private_nodes;
  if (typeof own === 'boolean') return known(!own);
  const privateNodes = cluster ? readAt(cluster, ['private_cluster_config', 'enable_private_nodes'], false, isBoolean) : unknownValue(false);
  return privateNodes.state === 'unknown' ? unknownValue(true) : { state: privateNodes.state, value: !privateNodes.value };
}

/**
 * A node group of a cluster, from a pool resource or from the attributes of an inline `node_pool` block or of the
 * cluster's default pool (handed in as `pool`).
 */
export function nodeGroup(ctx: MapperContext, id: string, pool: ResourceInstance, cluster: ResourceInstance | undefined): Host {
  const own = str(pool.values, 'location');
  const location = own ? lastSegment(own) : clusterLocation(cluster);
  const { zones, count } = nodeZones(pool, cluster, location);
  const region = regionOfLocation(location);
  return {
    ...base(pool),
    id,
    kind: 'host',
    role: 'node-group',
    replicas: poolReplicas(pool, count),
    placement: placement(region, zones, count.state === 'unknown' ? unknownValue() : { state: count.state, value: count.value >= 2 }),
    publicIp: nodesPublic(pool, cluster),
    labels: [...new Set(stringsAt(pool.values, 'node_config.tags'))].sort(),
    serviceAccounts: serviceAccountsAt(ctx, pool, 'node_config.service_account'),
  };
}

/**
 * `google_container_node_pool`: a GKE node pool. Its nodes are VMs in the cluster's network, so the network's
 * firewall applies to them by their network tags (`node_config.tags`).
 */
export const containerNodePool: Mapper = {
  types: ['google_container_node_pool'],
  map(instance, ctx) {
    const [clusterAddress] = ctx.refs(instance, 'cluster', { types: CLUSTER });
    const cluster = clusterAddress ? ctx.instance(clusterAddress) : undefined;
    ctx.add(nodeGroup(ctx, instance.address, instance, cluster));
    if (!cluster) return;
    if (cluster.mode === 'managed') ctx.link(instance.address, cluster.address, 'member-of', 'cluster');
    attachToNetwork(ctx, instance.address, cluster, 'network', 'subnetwork', cluster.address);
  },
};
