import { byDefault, known, unknownValue, type Peer, type Replicas, type Value } from '../../model/index.js';
import { addApiEndpoint } from '../api-endpoint.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { block, bool, isUnknown, num, rangePeers, strings, writtenNested } from '../read.js';
import { azureRegion, base, isNestedUnknown, mapValue, placement, regionOf } from './common.js';
import { SUBNET_TYPES } from './network.js';
import { refs } from './links.js';

const CLUSTERS = ['azurerm_kubernetes_cluster'];
const POOLS = ['azurerm_kubernetes_cluster_node_pool'];

/** The id of a cluster's default node pool, declared inside the cluster. */
export const defaultPoolOf = (cluster: string): string => `${cluster}#default_node_pool`;

/**
 * Node counts of a pool: with the autoscaler (`auto_scaling_enabled`, 3.x `enable_auto_scaling`) `min_count` to
 * `max_count`, else `node_count` (default 1).
 */
function nodeCounts(pool: Record<string, unknown> | undefined, unknownCount: boolean): Replicas {
  const autoscale = bool(pool, 'auto_scaling_enabled') ?? bool(pool, 'enable_auto_scaling') ?? false;
  const count = num(pool, 'node_count');
  const desired: Value<number> = count !== undefined ? known(count) : unknownCount ? unknownValue(1) : byDefault(1);
  if (!autoscale) return { min: desired, desired, max: desired };
  const min = num(pool, 'min_count');
  const max = num(pool, 'max_count');
  return { min: min !== undefined ? known(min) : desired, desired, max: max !== undefined ? known(max) : desired };
}

/** Zones of a pool: `zones` (3.x+) or `availability_zones` (2.x); none means "no zone". */
function poolZones(pool: Record<string, unknown> | undefined, unknownZones: boolean): Value<readonly string[]> {
  const zones = [...strings(pool, 'zones'), ...strings(pool, 'availability_zones')];
  if (zones.length > 0) return known(zones);
  return unknownZones ? unknownValue() : byDefault([]);
}

function addPool(ctx: MapperContext, instance: ResourceInstance, id: string, cluster: string | undefined, pool: Record<string, unknown> | undefined, region: string | undefined, unknown: (key: string) => boolean): Value<readonly string[]> {
  const zones = poolZones(pool, unknown('zones') || unknown('availability_zones'));
  const common = base(instance);
  ctx.add({
    ...common,
    id,
    kind: 'host',
    role: 'node-group',
    replicas: nodeCounts(pool, unknown('node_count')),
    placement: placement(region, zones, mapValue(zones, (z) => z.length >= 2)),
    // Off unless written (the provider's default): `true` in a plan is the configuration's choice.
    publicIp: (bool(pool, 'node_public_ip_enabled') ?? bool(pool, 'enable_node_public_ip')) === true ? known(true) : byDefault(false),
    labels: [],
    serviceAccounts: [],
  });
  if (cluster) ctx.link(id, cluster, 'member-of', 'kubernetes_cluster_id');
  return zones;
}

/**
 * `azurerm_kubernetes_cluster`: the managed control plane (a cluster host) and its `default_node_pool` (a node
 * group `<cluster>#default_node_pool`). Microsoft runs the control plane (API server, scheduler, etcd) and
 * "replicates the control plane in multiple zones" (AKS availability zones overview), whatever the node pools'
 * `zones`: it is zone-redundant; what one zone can hold is the nodes.
 */
export const kubernetesCluster: Mapper = {
  types: CLUSTERS,
  map(instance, ctx) {
    const pool = block(instance.values, 'default_node_pool');
    const region = regionOf(instance);
    const poolId = defaultPoolOf(instance.address);
    const zones = addPool(ctx, instance, poolId, instance.address, pool, region, (key) => isNestedUnknown(instance, 'default_node_pool', key));
    for (const s of refs(ctx, instance, 'default_node_pool.vnet_subnet_id', SUBNET_TYPES)) ctx.link(poolId, s, 'in-subnet', 'default_node_pool.vnet_subnet_id');
    const planes = byDefault(2);
    // `private_cluster_enabled` defaults to false; known only after apply, whether the API is public is too.
    const isPublic: Value<boolean> = isUnknown(instance, 'private_cluster_enabled') ? unknownValue() : known(!(bool(instance.values, 'private_cluster_enabled') ?? false));
    ctx.add({
      ...base(instance),
      kind: 'host',
      role: 'cluster',
      replicas: { min: planes, desired: planes, max: planes },
      placement: placement(region, zones, known(true)),
      publicIp: isPublic,
      labels: [],
      serviceAccounts: [],
    });
    if (isPublic.state === 'unknown' || isPublic.value) publicApiEndpoint(ctx, instance);
  },
};

/**
 * Who may reach the API server of a cluster that is not private: `api_server_access_profile.authorized_ip_ranges`
 * ("Set of authorized IP ranges to allow access to API server"), or in 2.x/3.x the top-level
 * `api_server_authorized_ip_ranges` ("The IP ranges to whitelist for incoming traffic to the masters"); none listed
 * is any address. `private_cluster_enabled` "Should this Kubernetes Cluster have its API server only exposed on
 * internal IP addresses? ... Defaults to `false`." (provider docs, kubernetes_cluster.html.markdown).
 */
function publicApiEndpoint(ctx: MapperContext, instance: ResourceInstance): void {
  const profile = block(instance.values, 'api_server_access_profile');
  const legacyWritten = instance.configured?.has('api_server_authorized_ip_ranges') === true;
  const profileWritten = writtenNested(instance, 'api_server_access_profile', 'authorized_ip_ranges');
  const legacyValue = instance.values.api_server_authorized_ip_ranges;
  const useLegacy = legacyWritten || (profileWritten !== true && nonEmpty(legacyValue) && !nonEmpty(profile?.authorized_ip_ranges));
  const attribute = useLegacy ? 'api_server_authorized_ip_ranges' : 'api_server_access_profile.authorized_ip_ranges';
  const unknownList = useLegacy ? isUnknown(instance, 'api_server_authorized_ip_ranges') : isNestedUnknown(instance, 'api_server_access_profile', 'authorized_ip_ranges');
  // Written, or not to be told (a state, a `dynamic` block): an unknown list is then really unknown.
  const written = useLegacy ? legacyWritten || instance.configured === undefined : profileWritten !== false && (profileWritten === true || instance.configured === undefined || profile !== undefined);
  const listed = rangePeers(useLegacy ? legacyValue : profile?.authorized_ip_ranges, unknownList ? true : undefined);
  const peers: Peer[] = listed === undefined ? (written ? [{ kind: 'unknown' }] : [WORLD]) : listed.length > 0 ? listed : [WORLD];
  const defaulted = (listed === undefined && !written) || (listed !== undefined && listed.length === 0 && !(useLegacy ? legacyWritten : profileWritten === true));
  addApiEndpoint(ctx, base(instance), attribute, peers, {
    basis: defaulted ? 'default' : 'set',
    close: [{ attribute: 'private_cluster_enabled', value: 'true' }],
    narrow: { attribute, value: 'the office, VPN or CI ranges that need the API' },
  });
}

const nonEmpty = (v: unknown): boolean => (Array.isArray(v) && v.length > 0) || typeof v === 'string';

const WORLD: Peer = { kind: 'world', family: 'ipv4' };

/** `azurerm_kubernetes_cluster_node_pool`: a further node group of its cluster. */
export const kubernetesNodePool: Mapper = {
  types: POOLS,
  map(instance, ctx) {
    const [cluster] = refs(ctx, instance, 'kubernetes_cluster_id', CLUSTERS);
    const region = cluster ? regionOf(ctx.instance(cluster)!) : azureRegion(undefined);
    addPool(ctx, instance, instance.address, cluster, instance.values, region, (key) => isUnknown(instance, key) && instance.configured?.has(key) !== false);
    for (const s of refs(ctx, instance, 'vnet_subnet_id', SUBNET_TYPES)) ctx.link(instance.address, s, 'in-subnet', 'vnet_subnet_id');
  },
};
