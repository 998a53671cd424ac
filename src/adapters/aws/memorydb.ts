import { byDefault, known, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { blocks, str } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup } from './data-links.js';
import { consumed, dataStore, mapValue, numberAttr, onlyPortsOf, portsOf } from './datastore.js';

const MEMORYDB_SUBNET_GROUPS: readonly string[] = ['aws_memorydb_subnet_group'];

/**
 * `aws_memorydb_cluster`: Redis/Valkey shards (`num_shards`, default 1) of a primary and `num_replicas_per_shard`
 * replicas (default 1, so two nodes a shard). The data is kept in a Multi-AZ transaction log, but a shard with no
 * replica stops taking writes until its one node is replaced; with replicas, MemoryDB's Multi-AZ is on by itself
 * (it "requires each shard to have more than one node, and is automatically enabled") and places them over zones.
 * A state lists each node's zone under `shards[].nodes[]`; a plan leaves the zones to AWS.
 */
export const memorydbCluster: Mapper = {
  types: ['aws_memorydb_cluster'],
  map(instance, ctx) {
    const engine = str(instance.values, 'engine') || 'redis';
    const copies = mapValue(numberAttr(instance, 'num_replicas_per_shard', 1), (replicas) => Math.max(0, replicas) + 1);
    const zones = nodeZones(instance);
    // A state that shows every node in one zone (a subnet group of one zone) is not zone-redundant, replicas or not.
    const oneZone = zones.state === 'set' && zones.value.length === 1;
    ctx.add(
      dataStore(instance, {
        category: 'cache',
        engine,
        ports: portsOf(instance, engine),
        onlyPorts: onlyPortsOf(instance, engine),
        replicas: copies,
        placement: placementOfZones(zones, oneZone ? known(false) : mapValue(copies, (n) => n >= 2)),
        // MemoryDB nodes have private addresses in the VPC only.
        publiclyAccessible: known(false),
        redundancyKnob: { attribute: 'num_replicas_per_shard', value: '1' },
      }),
    );
    linkSubnetGroup(ctx, instance.address, instance, 'subnet_group_name', MEMORYDB_SUBNET_GROUPS);
    linkSecurityGroups(ctx, instance.address, instance, 'security_group_ids');
  },
};

/** `aws_memorydb_subnet_group`: read through the cluster that names it. */
export const memorydbSubnetGroup = consumed(MEMORYDB_SUBNET_GROUPS);

function nodeZones(instance: ResourceInstance): Value<readonly string[]> {
  const zones = blocks(instance.values, 'shards')
    .flatMap((shard) => blocks(shard, 'nodes'))
    .map((node) => str(node, 'availability_zone'))
    .filter((zone): zone is string => zone !== undefined && zone !== '');
  return zones.length > 0 ? known([...new Set(zones)].sort()) : byDefault([]);
}
