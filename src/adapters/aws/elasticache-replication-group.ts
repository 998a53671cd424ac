import { byDefault, known, unknownValue, type Knob, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { block, blocks, num, str, strings } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup, membersOf } from './data-links.js';
import { boolAttr, dataStore, mapValue, numberAttr, onlyPortsOf, portsOf, readList } from './datastore.js';
import { CACHE_SUBNET_GROUPS, REPLICATION_GROUP } from './elasticache.js';

/**
 * `aws_elasticache_replication_group`: Redis/Valkey with a primary and replicas per shard. Replicas count the
 * copies of each shard (`replicas_per_node_group` + 1, or `num_cache_clusters` over `num_node_groups`, default
 * 1); it is zone-redundant with `multi_az_enabled` (default false; it needs `automatic_failover_enabled`).
 * Member `aws_elasticache_cluster`s join its source; a plan does not count them yet, a state already does.
 */
export const elasticacheReplicationGroup: Mapper = {
  types: REPLICATION_GROUP,
  map(instance, ctx) {
    const engine = str(instance.values, 'engine') || 'redis';
    const members = membersOf(ctx, instance, ['aws_elasticache_cluster'], 'replication_group_id', 'replication_group_id');
    const copies = copiesPerShard(instance);
    ctx.add(
      dataStore(instance, {
        category: 'cache',
        engine,
        ports: portsOf(instance, engine),
        onlyPorts: onlyPortsOf(instance, engine),
        replicas: copies,
        placement: placementOfZones(zonesOf(instance, copies), multiAz(instance)),
        // ElastiCache nodes have private addresses in the VPC only.
        publiclyAccessible: known(false),
        redundancyKnob: knobOf(instance, copies),
        parts: members.map((m) => m.address),
      }),
    );
    linkSubnetGroup(ctx, instance.address, instance, 'subnet_group_name', CACHE_SUBNET_GROUPS);
    linkSecurityGroups(ctx, instance.address, instance, 'security_group_ids');
  },
};

/**
 * What to change for a copy in another zone: the replica count when there is no replica (Multi-AZ needs one, and
 * automatic failover), else `multi_az_enabled`, with automatic failover where it is off.
 */
function knobOf(instance: ResourceInstance, copies: Value<number>): Knob {
  const failover = boolAttr(instance, 'automatic_failover_enabled', false);
  const failoverOn = failover.state !== 'unknown' && failover.value;
  if (copies.state === 'unknown' || copies.value > 1) {
    return failoverOn ? { attribute: 'multi_az_enabled', value: 'true' } : { attribute: 'multi_az_enabled', value: '`true`, with `automatic_failover_enabled = true`, which Multi-AZ needs,' };
  }
  const both = failoverOn ? '`multi_az_enabled = true`' : '`automatic_failover_enabled = true` and `multi_az_enabled = true`';
  const sharded = num(instance.values, 'replicas_per_node_group') !== undefined || num(block(instance.values, 'cluster_mode'), 'replicas_per_node_group') !== undefined;
  return sharded
    ? { attribute: 'replicas_per_node_group', value: `1 or more (a replica per shard), with ${both},` }
    : { attribute: 'num_cache_clusters', value: `2 or more (a primary and a replica), with ${both},` };
}

function copiesPerShard(instance: ResourceInstance): Value<number> {
  const v = instance.values;
  // Provider 3.x wrote shards in a `cluster_mode` block and the node count as `number_cache_clusters`.
  const legacy = block(v, 'cluster_mode');
  const replicasPerShard = num(v, 'replicas_per_node_group') ?? num(legacy, 'replicas_per_node_group');
  if (replicasPerShard !== undefined) return known(replicasPerShard + 1);
  const shards = Math.max(1, num(v, 'num_node_groups') ?? num(legacy, 'num_node_groups') ?? 1);
  const legacyTotal = num(v, 'number_cache_clusters');
  const total = legacyTotal !== undefined ? known(legacyTotal) : numberAttr(instance, 'num_cache_clusters', 1);
  return mapValue(total, (n) => Math.max(1, Math.floor(n / shards)));
}

/**
 * The nodes' zones: preferred zones, a legacy zone list, or the shards' own. With none written, AWS picks each
 * node's zone at apply: one node's zone is "the one zone the cloud picks", but several nodes may land apart or
 * together, which only a state shows (unknown, not one zone).
 */
function zonesOf(instance: ResourceInstance, copies: Value<number>): Value<readonly string[]> {
  const preferred = readList(instance, 'preferred_cache_cluster_azs');
  if (preferred.state !== 'default') return preferred;
  const legacy = strings(instance.values, 'availability_zones');
  if (legacy.length > 0) return known(legacy);
  const shardZones = blocks(instance.values, 'node_group_configuration').flatMap((g) => [
    ...strings(g, 'primary_availability_zone'),
    ...strings(g, 'replica_availability_zones'),
  ]);
  if (shardZones.length > 0) return known([...new Set(shardZones)]);
  const several = copies.state === 'unknown' ? (copies.assumed ?? 1) >= 2 : copies.value >= 2;
  return several ? unknownValue() : byDefault([]);
}

function multiAz(instance: ResourceInstance): Value<boolean> {
  // Plans from providers before `multi_az_enabled` existed: automatic failover was then the Multi-AZ switch.
  if (!('multi_az_enabled' in instance.values)) return boolAttr(instance, 'automatic_failover_enabled', false);
  return boolAttr(instance, 'multi_az_enabled', false);
}
