import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, type PlanResource } from '../../../test/support/aws-plan.js';

// Trimmed from `terraform plan` (1.11, aws 5.100): engine, port and zones are left to AWS.
const subnets: PlanResource = {
  address: 'aws_memorydb_subnet_group.cache',
  values: { description: 'Managed by Terraform', name: 'cache', tags: null },
  unknown: { arn: true, id: true, name_prefix: true, subnet_ids: true, tags_all: true, vpc_id: true },
  expressions: { name: { constant_value: 'cache' }, subnet_ids: references('aws_subnet.a', 'aws_subnet.b') },
};
const single: PlanResource = {
  address: 'aws_memorydb_cluster.sessions',
  values: { acl_name: 'open-access', name: 'sessions', node_type: 'db.t4g.small', num_replicas_per_shard: 0, num_shards: 1, tls_enabled: true },
  unknown: { arn: true, cluster_endpoint: true, engine: true, id: true, port: true, security_group_ids: true, shards: true, subnet_group_name: true },
  expressions: {
    acl_name: { constant_value: 'open-access' },
    name: { constant_value: 'sessions' },
    node_type: { constant_value: 'db.t4g.small' },
    num_replicas_per_shard: { constant_value: 0 },
    num_shards: { constant_value: 1 },
    security_group_ids: references('aws_security_group.data'),
    subnet_group_name: references('aws_memorydb_subnet_group.cache'),
  },
};
const defaults: PlanResource = {
  address: 'aws_memorydb_cluster.plain',
  values: { acl_name: 'open-access', name: 'plain', node_type: 'db.t4g.small', num_replicas_per_shard: 1, num_shards: 1 },
  unknown: { engine: true, id: true, port: true, shards: true },
  expressions: { acl_name: { constant_value: 'open-access' }, name: { constant_value: 'plain' }, node_type: { constant_value: 'db.t4g.small' } },
};

const plan = awsModel(awsPlan([...network, subnets, single, defaults]));

const node = (az: string) => ({ availability_zone: az, name: `n-${az}`, endpoint: [{ address: 'x', port: 6379 }] });

describe('aws_memorydb_cluster', () => {
  it('no replica: a single node, not zone-redundant, in its subnet group and security group', () => {
    const store = dataStoreIn(plan, 'aws_memorydb_cluster.sessions');
    expect(store).toMatchObject({ category: 'cache', engine: 'redis', ports: [6379], redundancyKnob: { attribute: 'num_replicas_per_shard', value: '1' } });
    expect(store.replicas).toEqual({ state: 'set', value: 1 });
    expect(store.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(edgesFrom(plan, store.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_memorydb_subnet_group.cache', 'aws_subnet.b via aws_memorydb_subnet_group.cache']);
    expect(edgesFrom(plan, store.id, 'protected-by')).toEqual(['aws_security_group.data via security_group_ids']);
  });

  it('nothing written: one replica per shard by default, so Multi-AZ (MemoryDB turns it on itself)', () => {
    const store = dataStoreIn(plan, 'aws_memorydb_cluster.plain');
    expect(store.replicas).toEqual({ state: 'default', value: 2 });
    expect(store.placement.zoneRedundant).toEqual({ state: 'default', value: true });
    expect(store.placement.zones).toEqual({ state: 'default', value: [] });
  });

  it('a state: the zones of its nodes; replicas that all sit in one zone are not zone-redundant', () => {
    const state = awsModel(
      awsState([
        { address: 'aws_memorydb_cluster.spread', values: { id: 'spread', engine: 'valkey', port: 6380, num_replicas_per_shard: 1, shards: [{ name: '0001', nodes: [node('eu-west-1a'), node('eu-west-1b')] }] } },
        { address: 'aws_memorydb_cluster.packed', values: { id: 'packed', engine: 'redis', num_replicas_per_shard: 2, shards: [{ name: '0001', nodes: [node('eu-west-1a'), node('eu-west-1a'), node('eu-west-1a')] }] } },
      ]),
    );
    const spread = dataStoreIn(state, 'aws_memorydb_cluster.spread');
    expect(spread).toMatchObject({ engine: 'valkey', ports: [6380] });
    expect(spread.placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a', 'eu-west-1/eu-west-1b'] });
    expect(spread.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    const packed = dataStoreIn(state, 'aws_memorydb_cluster.packed');
    expect(packed.replicas).toEqual({ state: 'set', value: 3 });
    expect(packed.placement.zoneRedundant).toEqual({ state: 'set', value: false });
  });
});
