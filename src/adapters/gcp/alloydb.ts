import { byDefault, unknownValue, type DataStore, type Value } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { blocks, str } from '../read.js';
import { base, isBoolean, isString, lastSegment, mapValue, placement, readAt } from './common.js';
import { networkPolicies } from './links.js';
import { authorizedNetworks, authorizedRange } from './sql.js';

const INSTANCE = ['google_alloydb_instance'];
const CLUSTER = ['google_alloydb_cluster'];

/**
 * `google_alloydb_instance`: an AlloyDB for PostgreSQL instance. A PRIMARY one is the cluster's database:
 * `availability_type` REGIONAL (the default) keeps a standby node in a second zone and fails over to it; ZONAL (a
 * basic instance) is one node in one zone, `gce_zone` or one Google picks. READ_POOL and SECONDARY instances are
 * read replicas (a pool of one node is zonal by design, a secondary is in another region) and make no store of
 * their own. The region and network are the cluster's (`location`, `network_config.network`, or the older
 * `network`); `network_config.enable_public_ip` gives the instance a public address, open to the ranges of
 * `authorized_external_networks` only.
 */
export const alloydbInstance: Mapper = {
  types: INSTANCE,
  map(instance, ctx) {
    const type = str(instance.values, 'instance_type');
    if (type !== undefined && type.toUpperCase() !== 'PRIMARY') return;
    const cluster = ctx.refs(instance, 'cluster', { types: CLUSTER }).flatMap((a) => ctx.instance(a) ?? [])[0];
    const availability = readAt(instance, ['availability_type'], 'REGIONAL', isString);
    const regional = mapValue(availability, (a) => a.toUpperCase() !== 'ZONAL');
    const zone = str(instance.values, 'gce_zone');
    const zones: Value<readonly string[]> = regional.state === 'unknown' ? unknownValue() : regional.value ? unknownValue() : zone ? { state: regional.state, value: [zone] } : byDefault([]);
    const location = str(cluster?.values, 'location');
    const network = blocks(instance.values, 'network_config')[0];
    const publicIp = readAt(instance, ['network_config', 'enable_public_ip'], false, isBoolean);
    const store: DataStore = {
      ...base(instance),
      kind: 'datastore',
      category: 'relational',
      engine: 'postgres',
      ports: [5432],
      replicas: mapValue(regional, (r) => (r ? 2 : 1)),
      placement: placement(location ? lastSegment(location) : undefined, zones, regional),
      publiclyAccessible: publicIp,
      redundancyKnob: { attribute: 'availability_type', value: '"REGIONAL"' },
    };
    ctx.add(store);
    if (publicIp.state === 'unknown' || publicIp.value) {
      const ranges = blocks(network, 'authorized_external_networks').map((n) => authorizedRange(n, 'cidr_range'));
      authorizedNetworks(ctx, instance, store, 'network_config.authorized_external_networks', ranges);
    }
    if (cluster) {
      const path = cluster.references.has('network_config.network') || blocks(cluster.values, 'network_config').length > 0 ? 'network_config.network' : 'network';
      for (const n of networkPolicies(ctx, cluster, path).networks) ctx.link(instance.address, n, 'in-network', cluster.address);
    }
  },
};

/** `google_alloydb_cluster`: read by its instances (region, network). */
export const alloydbCluster: Mapper = { types: CLUSTER, map() {} };
