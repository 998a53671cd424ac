import { known, type Value } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str, strings } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup, refersAt } from './data-links.js';
import { dataStore, mapValue, numberAttr, pinnedZone, portsOf, stringAttr } from './datastore.js';

export const CACHE_SUBNET_GROUPS: readonly string[] = ['aws_elasticache_subnet_group'];
export const REPLICATION_GROUP = ['aws_elasticache_replication_group'];

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
    ctx.add(
      dataStore(instance, {
        category: 'cache',
        engine,
        ports: portsOf(instance, engine),
        replicas: numberAttr(instance, 'num_cache_nodes', 1),
        placement: placementOfZones(zones, zoneRedundant),
        // ElastiCache nodes have private addresses in the VPC only.
        publiclyAccessible: known(false),
        redundancyKnob: memcached
          ? { attribute: 'az_mode', value: 'cross-az' }
          : { attribute: 'aws_elasticache_replication_group', value: 'num_cache_clusters = 2 with multi_az_enabled = true' },
      }),
    );
    linkSubnetGroup(ctx, instance.address, instance, 'subnet_group_name', CACHE_SUBNET_GROUPS);
    linkSecurityGroups(ctx, instance.address, instance, 'security_group_ids');
  },
};
