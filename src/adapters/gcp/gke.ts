import { known, unknownValue, type Knob, type Peer, type Placement, type Value } from '../../model/index.js';
import { addApiEndpoint } from '../api-endpoint.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, rangePeers } from '../read.js';
import { base, isBoolean, isRegionName, placement, readAt, regionOfLocation } from './common.js';
import { attachToNetwork } from './links.js';
import { CLUSTER, clusterLocation, nodeGroup } from './node-pool.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The control plane's API endpoint is public unless `private_cluster_config.enable_private_endpoint` is true ("the
 * cluster's private endpoint is used as the cluster endpoint and access through the public endpoint is disabled")
 * or `control_plane_endpoints_config.ip_endpoints_config.enabled` is false ("Controls whether to allow direct IP
 * access. Defaults to `true`."), per the provider's docs (website/docs/r/container_cluster.html.markdown).
 */
function publicEndpoint(cluster: ResourceInstance): Value<boolean> {
  const ipEndpoints = readAt(cluster, ['control_plane_endpoints_config', 'ip_endpoints_config', 'enabled'], true, isBoolean);
  if (ipEndpoints.state !== 'unknown' && !ipEndpoints.value) return known(false);
  const privateEndpoint = readAt(cluster, ['private_cluster_config', 'enable_private_endpoint'], false, isBoolean);
  return privateEndpoint.state === 'unknown' ? unknownValue(true) : { state: privateEndpoint.state, value: !privateEndpoint.value };
}

/** Compute Engine's public addresses, which `gcp_public_cidrs_access_enabled` admits: a named range, not the internet. */
const GCE_PUBLIC: Peer = { kind: 'service', name: 'Google Compute Engine public IP addresses' };

/**
 * Who may reach the public endpoint: `master_authorized_networks_config`. Left out, master authorized networks are
 * off and any address may connect; written, only its `cidr_blocks[].cidr_block` ("External networks that can
 * access the Kubernetes cluster master through HTTPS"), none at all when it lists none ("Omit the nested
 * `cidr_blocks` attribute to disallow external access (except the cluster node IPs, which GKE automatically
 * whitelists)"), and Compute Engine's public addresses when `gcp_public_cidrs_access_enabled` is true (provider
 * docs, container_cluster.html.markdown).
 */
function publicApiEndpoint(ctx: MapperContext, cluster: ResourceInstance): void {
  const mask = isObject(cluster.unknown) ? cluster.unknown.master_authorized_networks_config : cluster.unknown;
  const firstMask: unknown = Array.isArray(mask) ? mask[0] : mask;
  const [config] = blocks(cluster.values, 'master_authorized_networks_config');
  let peers: Peer[];
  let basis: 'set' | 'default' = 'set';
  if (!config) {
    const written = cluster.configured === undefined || cluster.configured.has('master_authorized_networks_config');
    if (firstMask === true && written) peers = [{ kind: 'unknown' }];
    else {
      peers = [{ kind: 'world', family: 'ipv4' }];
      basis = 'default';
    }
  } else {
    const listMask = firstMask === true ? true : isObject(firstMask) ? firstMask.cidr_blocks : undefined;
    const list = config.cidr_blocks;
    const masks = Array.isArray(listMask) ? listMask : [];
    const ranges = rangePeers(
      Array.isArray(list) ? list.map((b) => (isObject(b) ? b.cidr_block : undefined)) : list,
      listMask === true ? true : masks.map((m) => (m === true ? true : isObject(m) ? m.cidr_block : undefined)),
    );
    peers = [...(ranges ?? [{ kind: 'unknown' }]), ...(config.gcp_public_cidrs_access_enabled === true ? [GCE_PUBLIC] : [])];
  }
  addApiEndpoint(ctx, base(cluster), 'master_authorized_networks_config', peers, {
    basis,
    close: [
      { attribute: 'private_cluster_config.enable_private_nodes', value: 'true' },
      { attribute: 'private_cluster_config.enable_private_endpoint', value: 'true' },
    ],
    narrow: { attribute: 'master_authorized_networks_config', value: 'a `cidr_blocks` entry for each office, VPN or CI range that needs the API' },
  });
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
    const publicIp = publicEndpoint(instance);
    ctx.add({
      ...base(instance),
      kind: 'host',
      role: 'cluster',
      replicas: regional ? { min: known(3), desired: known(3), max: known(3) } : { min: known(1), desired: known(1), max: known(1) },
      placement: controlPlanePlacement(location, regional),
      publicIp,
      labels: [],
      serviceAccounts: [],
      ...(location !== undefined && regional === false ? { scaleKnob: regionalKnob(location) } : {}),
    });
    for (const pool of inlinePools(ctx, instance)) {
      ctx.link(pool, instance.address, 'member-of', 'node_pool');
      attachToNetwork(ctx, pool, instance, 'network', 'subnetwork', instance.address);
    }
    if (publicIp.state === 'unknown' || publicIp.value) publicApiEndpoint(ctx, instance);
    // The control plane runs in a Google-managed project: the network's firewall rules do not apply to it.
    for (const subnet of ctx.refs(instance, 'subnetwork', { types: ['google_compute_subnetwork'] })) ctx.link(instance.address, subnet, 'in-subnet', 'subnetwork');
  },
};
