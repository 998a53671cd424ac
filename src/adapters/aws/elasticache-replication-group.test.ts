import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, subnetGroup, type PlanResource } from '../../../test/support/aws-plan.js';

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration.
const multiAz: PlanResource = {
  address: 'aws_elasticache_replication_group.rg',
  values: {
    replication_group_id: 'rg',
    engine: 'redis',
    num_cache_clusters: 2,
    automatic_failover_enabled: true,
    multi_az_enabled: true,
    preferred_cache_cluster_azs: ['us-east-1a', 'us-east-1b'],
    subnet_group_name: 'main',
    auth_token: 'hunter2-canary-token-xx',
  },
  unknown: { num_node_groups: true, preferred_cache_cluster_azs: [false, false], replicas_per_node_group: true, security_group_ids: true },
  sensitive: { auth_token: true, preferred_cache_cluster_azs: [false, false] },
  expressions: {
    auth_token: { constant_value: 'hunter2-canary-token-xx' },
    automatic_failover_enabled: { constant_value: true },
    multi_az_enabled: { constant_value: true },
    num_cache_clusters: { constant_value: 2 },
    preferred_cache_cluster_azs: { constant_value: ['us-east-1a', 'us-east-1b'] },
    security_group_ids: references('aws_security_group.data'),
    subnet_group_name: { references: ['aws_elasticache_subnet_group.main.name', 'aws_elasticache_subnet_group.main'] },
  },
};
const sharded: PlanResource = {
  address: 'aws_elasticache_replication_group.sharded',
  values: { replication_group_id: 'sharded', engine: 'redis', replicas_per_node_group: 1, num_node_groups: 2, automatic_failover_enabled: true, multi_az_enabled: false },
  unknown: { num_cache_clusters: true },
  expressions: { automatic_failover_enabled: { constant_value: true }, num_node_groups: { constant_value: 2 }, replicas_per_node_group: { constant_value: 1 } },
};
const plain: PlanResource = {
  address: 'aws_elasticache_replication_group.plain',
  values: { replication_group_id: 'plain', engine: 'redis', automatic_failover_enabled: false, multi_az_enabled: false },
  unknown: { id: true, num_cache_clusters: true, num_node_groups: true, replicas_per_node_group: true },
  expressions: { replication_group_id: { constant_value: 'plain' } },
};
const member: PlanResource = {
  address: 'aws_elasticache_cluster.member',
  values: { cluster_id: 'member' },
  unknown: { engine: true, id: true, num_cache_nodes: true, replication_group_id: true },
  expressions: { replication_group_id: references('aws_elasticache_replication_group.plain') },
};

const plan = awsModel(awsPlan([...network, subnetGroup('aws_elasticache_subnet_group.main', 'main'), multiAz, sharded, plain, member]));

describe('aws_elasticache_replication_group', () => {
  it('two nodes with Multi-AZ in two zones', () => {
    const cache = dataStoreIn(plan, 'aws_elasticache_replication_group.rg');
    expect(cache).toMatchObject({ category: 'cache', engine: 'redis', ports: [6379], redundancyKnob: { attribute: 'multi_az_enabled', value: 'true' } });
    expect(cache.replicas).toEqual({ state: 'set', value: 2 });
    expect(cache.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(cache.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(edgesFrom(plan, cache.id, 'in-subnet')).toHaveLength(2);
    expect(edgesFrom(plan, cache.id, 'protected-by')).toEqual(['aws_security_group.data via security_group_ids']);
    expect(JSON.stringify(cache)).not.toContain('hunter2');
  });

  it('shards count their own copies: one replica per shard is two copies', () => {
    const cache = dataStoreIn(plan, 'aws_elasticache_replication_group.sharded');
    expect(cache.replicas).toEqual({ state: 'set', value: 2 });
    expect(cache.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    // No zone written: AWS picks each node's zone at apply, so where two nodes land is unknown, not "one zone".
    expect(cache.placement.zones).toEqual({ state: 'unknown' });
  });

  it('the fix names what is missing: a replica (with failover and Multi-AZ) for one node; Multi-AZ with failover where failover is off', () => {
    expect(dataStoreIn(plan, 'aws_elasticache_replication_group.plain').redundancyKnob).toEqual({
      attribute: 'num_cache_clusters',
      value: '2 or more (a primary and a replica), with `automatic_failover_enabled = true` and `multi_az_enabled = true`,',
    });
    const twoNoFailover = awsModel(awsPlan([{ ...plain, address: 'aws_elasticache_replication_group.two', values: { ...plain.values, num_cache_clusters: 2 }, unknown: { id: true } }]));
    expect(dataStoreIn(twoNoFailover, 'aws_elasticache_replication_group.two').redundancyKnob).toEqual({ attribute: 'multi_az_enabled', value: '`true`, with `automatic_failover_enabled = true`, which Multi-AZ needs,' });
    const oneShard = awsModel(awsPlan([{ ...plain, address: 'aws_elasticache_replication_group.shard', values: { ...plain.values, replicas_per_node_group: 0, num_node_groups: 2 }, unknown: { id: true } }]));
    expect(dataStoreIn(oneShard, 'aws_elasticache_replication_group.shard').redundancyKnob?.attribute).toBe('replicas_per_node_group');
  });

  it('nothing written: one node, no Multi-AZ, by the documented defaults; its member clusters join its source', () => {
    const cache = dataStoreIn(plan, 'aws_elasticache_replication_group.plain');
    expect(cache.replicas).toEqual({ state: 'default', value: 1 });
    expect(cache.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    expect(cache.source).toEqual(['aws_elasticache_replication_group.plain', 'aws_elasticache_cluster.member']);
  });

  it('a state from provider 3.x: number_cache_clusters, automatic failover as the Multi-AZ switch', () => {
    const state = awsModel(
      awsState([
        {
          address: 'aws_elasticache_replication_group.old',
          values: { id: 'old', engine: 'redis', number_cache_clusters: 3, automatic_failover_enabled: true, availability_zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], cluster_mode: [] },
        },
      ]),
    );
    const cache = dataStoreIn(state, 'aws_elasticache_replication_group.old');
    expect(cache.replicas).toEqual({ state: 'set', value: 3 });
    expect(cache.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(cache.placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a', 'eu-west-1/eu-west-1b', 'eu-west-1/eu-west-1c'] });
  });
});
