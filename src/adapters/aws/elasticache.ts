import { known, type Value } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str, strings } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup, linkSubnets, refersAt, zonesOfSubnets } from './data-links.js';
import { namesAny } from './links.js';
import { dataStore, mapValue, numberAttr, pinnedZone, onlyPortsOf, portsOf, stringAttr } from './datastore.js';

export const CACHE_SUBNET_GROUPS: readonly string[] = ['aws_elasticache_subnet_group'];
export const REPLICATION_GROUP = ['aws_elasticache_replication_group'];

/**
 * A Redis `aws_elasticache_cluster` is one node and cannot take a replica of its own: the fix is a replication group
 * in its place, with the attributes that group needs for a replica in another zone and automatic failover to it.
 */
const REDIS_KNOB = {
  attribute: 'aws_elasticache_replication_group',
  value:
    'one in place of this single-node cluster, with `num_cache_clusters = 2`, `automatic_failover_enabled = true` and `multi_az_enabled = true` (which needs automatic failover) and a subnet group in two zones or more,',
};

/** A value the configuration left to a default, as one it decided: the verdict does not rest on that default. */
const written = <T>(v: Value<T>): Value<T> => (v.state === 'default' ? known(v.value) : v);

/**
 * `aws_elasticache_cluster`: a Redis node (always one) or a Memcached cluster of `num_cache_nodes`, in one zone
 * unless `az_mode = "cross-az"` (Memcached only, default `single-az`) or `preferred_availability_zones` spread it.
 * A cluster that joins a replication group (`replication_group_id`) is one node of that group: the group's
 * mapper counts it, so it makes no entity of its own.
 */
export const elasticacheCluster: Mapper = {
  types: ['aws_elasticache_cluster'],
  map(instance, ctx) {
    // A node of a replication group: it names one, by value or in its configuration.
    if (refersAt(instance, 'replication_group_id')) return;
    const engine = str(instance.values, 'engine') || 'redis';
    const memcached = engine === 'memcached';
    const preferred = [...new Set(strings(instance.values, 'preferred_availability_zones'))].sort();
    const zones: Value<readonly string[]> = preferred.length > 0 ? known(preferred) : pinnedZone(instance);
    const zoneRedundant: Value<boolean> =
      preferred.length >= 2 ? known(true) : mapValue(stringAttr(instance, 'az_mode', 'single-az'), (mode) => mode === 'cross-az');
    const nodes = numberAttr(instance, 'num_cache_nodes', 1);
    ctx.add(
      dataStore(instance, {
        category: 'cache',
        engine,
        ports: portsOf(instance, engine),
        onlyPorts: onlyPortsOf(instance, engine),
        // Redis runs one node here, whatever the defaults say (`az_mode` is Memcached's): no default decides that.
        replicas: memcached ? nodes : written(nodes),
        placement: placementOfZones(zones, memcached ? zoneRedundant : written(zoneRedundant)),
        // ElastiCache nodes have private addresses in the VPC only.
        publiclyAccessible: known(false),
        redundancyKnob: memcached ? { attribute: 'az_mode', value: 'cross-az' } : REDIS_KNOB,
      }),
    );
    linkSubnetGroup(ctx, instance.address, instance, 'subnet_group_name', CACHE_SUBNET_GROUPS);
    linkSecurityGroups(ctx, instance.address, instance, 'security_group_ids');
  },
};

/**
 * `aws_elasticache_serverless_cache`: Valkey, Redis or Memcached without nodes to size. AWS replicates its data over
 * the zones of its `subnet_ids` itself ("across multiple Availability Zones"), so it is zone-redundant by design;
 * it answers on a VPC endpoint behind `security_group_ids`, on 6379 and 6380 for reads (Memcached 11211 and 11212).
 * Modelled so that data paths and ranges reach it; the redundancy rules have nothing to say.
 */
export const elasticacheServerlessCache: Mapper = {
  types: ['aws_elasticache_serverless_cache'],
  map(instance, ctx) {
    const engine = str(instance.values, 'engine') || 'redis';
    const base = portsOf(instance, engine)[0];
    ctx.add(
      dataStore(instance, {
        category: 'cache',
        engine,
        ports: base === undefined ? [] : [base, base + 1],
        replicas: known(2),
        placement: placementOfZones(zonesOfSubnets(ctx, linkSubnets(ctx, instance.address, instance, 'subnet_ids'), namesAny(instance, 'subnet_ids')), known(true)),
        // The endpoint has private addresses in the VPC only.
        publiclyAccessible: known(false),
        redundancyKnob: undefined,
      }),
    );
    linkSecurityGroups(ctx, instance.address, instance, 'security_group_ids');
  },
};
