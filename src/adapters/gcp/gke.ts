import { known, unknownValue, type Knob, type Placement, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks } from '../read.js';
import { base, isBoolean, isRegionName, placement, readAt, regionOfLocation } from './common.js';
import { attachToNetwork } from './links.js';
import { CLUSTER, clusterLocation, nodeGroup } from './node-pool.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The control plane's API endpoint is public unless `private_cluster_config.enable_private_endpoint` is true. */
function publicEndpoint(cluster: ResourceInstance): Value<boolean> {
  const privateEndpoint = readAt(cluster, ['private_cluster_config', 'enable_private_endpoint'], false, isBoolean);
  return privateEndpoint.state === 'unknown' ? unknownValue(true) : { state: privateEndpoint.state, value: !privateEndpoint.value };
}

/** A regional control plane runs in three zones Google picks; a zonal one in its zone only. */
function controlPlanePlacement(location: string | undefined, regional: boolean | undefined): Placement {
  if (location === undefined || regional === undefined) return { region: undefined, zones: unknownValue(), zoneRedundant: unknownValue() };
  if (regional) return { region: regionOfLocation(location), zones: unknownValue(), zoneRedundant: known(true) };
  return placement(undefined, known([location]), known(false));
}

/** The attributes of the i-th inline node pool (or of the default pool) seen as a pool resource of their own. */
function poolView(cluster: ResourceInstance, values: Json, unknown: unknown): ResourceInstance {
  return { ...cluster, values, unknown, configured: undefined };
}

/**
 * The node groups declared inside the cluster: inline `node_pool` blocks, or else the default pool of
 * `initial_node_count` nodes per zone that GKE creates unless `remove_default_node_pool` is true (Autopilot
 * manages its nodes itself).
 */
function inlinePools(ctx: MapperContext, cluster: ResourceInstance): string[] {
  const mask = isObject(cluster.unknown) ? cluster.unknown : {};
  const pools = blocks(cluster.values, 'node_pool');
  const poolMasks = Array.isArray(mask.node_pool) ? mask.node_pool : [];
  const ids = pools.map((pool, i) => {
    const id = `${cluster.address}#node_pool[${i}]`;
    ctx.add(nodeGroup(ctx, id, poolView(cluster, pool, poolMasks[i]), cluster));
    return id;
  });
  if (pools.length > 0 || (cluster.configured?.has('node_pool') ?? false)) return ids;
  const autopilot = readAt(cluster, ['enable_autopilot'], false, isBoolean);
  const removed = readAt(cluster, ['remove_default_node_pool'], false, isBoolean);
  if ((autopilot.state !== 'unknown' && autopilot.value) || removed.state === 'unknown' || removed.value) return ids;
  const values: Json = {};
  for (const key of ['initial_node_count', 'node_config']) if (cluster.values[key] !== undefined) values[key] = cluster.values[key];
  const id = `${cluster.address}#default-pool`;
  ctx.add(nodeGroup(ctx, id, poolView(cluster, values, { initial_node_count: mask.initial_node_count, node_config: mask.node_config }), cluster));
  return [id];
}

/**
 * A zonal cluster becomes regional only as a new cluster: `location` forces replacement. Node pools of a regional
 * cluster run their node count in each of its zones unless `node_locations` says which.
 */
function regionalKnob(zone: string): Knob {
  const region = regionOfLocation(zone);
  return {
    attribute: 'location',
    value: `${region ? `\`"${region}"\`, the region,` : 'the region'} instead of a zone: a regional cluster runs control plane replicas in several zones; \`location\` forces a new cluster, and its node pools then run their node count in each zone (\`node_locations\` narrows them)`,
  };
}

/**
 * `google_container_cluster`: a GKE cluster, as its control plane. A `location` that is a zone makes a zonal
 * cluster, whose one control plane fails with its zone; a region makes a regional cluster with three control plane
 * replicas in different zones (Autopilot clusters are always regional). Node groups declared inside it become
 * node-group hosts beside it; separate `google_container_node_pool` resources map themselves.
 */
export const containerCluster: Mapper = {
  types: CLUSTER,
  map(instance, ctx) {
    const location = clusterLocation(instance);
    const autopilot = readAt(instance, ['enable_autopilot'], false, isBoolean);
    const regional = location !== undefined ? isRegionName(location) || (autopilot.state !== 'unknown' && autopilot.value) : undefined;
    ctx.add({
      ...base(instance),
      kind: 'host',
      role: 'cluster',
      replicas: regional ? { min: known(3), desired: known(3), max: known(3) } : { min: known(1), desired: known(1), max: known(1) },
      placement: controlPlanePlacement(location, regional),
      publicIp: publicEndpoint(instance),
      labels: [],
      serviceAccounts: [],
      ...(location !== undefined && regional === false ? { scaleKnob: regionalKnob(location) } : {}),
    });
    for (const pool of inlinePools(ctx, instance)) {
      ctx.link(pool, instance.address, 'member-of', 'node_pool');
      attachToNetwork(ctx, pool, instance, 'network', 'subnetwork', instance.address);
    }
    // The control plane runs in a Google-managed project: the network's firewall rules do not apply to it.
    for (const subnet of ctx.refs(instance, 'subnetwork', { types: ['google_compute_subnetwork'] })) ctx.link(instance.address, subnet, 'in-subnet', 'subnetwork');
  },
};
