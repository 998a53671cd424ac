import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, subnetGroup, type PlanResource } from '../../../test/support/aws-plan.js';

const cacheSubnetGroup = subnetGroup('aws_elasticache_subnet_group.main', 'main');

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration.
const redis: PlanResource = {
  address: 'aws_elasticache_cluster.redis',
  values: { cluster_id: 'redis', engine: 'redis', num_cache_nodes: 1, subnet_group_name: 'main' },
  unknown: { availability_zone: true, az_mode: true, port: true, replication_group_id: true, security_group_ids: true },
  expressions: {
    engine: { constant_value: 'redis' },
    num_cache_nodes: { constant_value: 1 },
    security_group_ids: references('aws_security_group.data'),
    subnet_group_name: { references: ['aws_elasticache_subnet_group.main.name', 'aws_elasticache_subnet_group.main'] },
  },
};
const memcached: PlanResource = {
  address: 'aws_elasticache_cluster.memcached',
  values: { cluster_id: 'memcached', engine: 'memcached', num_cache_nodes: 2, az_mode: 'cross-az', preferred_availability_zones: ['us-east-1a', 'us-east-1b'] },
  unknown: { availability_zone: true, port: true, preferred_availability_zones: [false, false] },
  expressions: {
    az_mode: { constant_value: 'cross-az' },
    engine: { constant_value: 'memcached' },
    num_cache_nodes: { constant_value: 2 },
    preferred_availability_zones: { constant_value: ['us-east-1a', 'us-east-1b'] },
  },
};
const member: PlanResource = {
  address: 'aws_elasticache_cluster.member',
  values: { cluster_id: 'member' },
  unknown: { engine: true, id: true, num_cache_nodes: true, replication_group_id: true },
  expressions: { replication_group_id: references('aws_elasticache_replication_group.plain') },
};

const plan = awsModel(awsPlan([...network, cacheSubnetGroup, redis, memcached, member]));

describe('aws_elasticache_cluster', () => {
  it('a Redis cluster is one node in one zone, in the subnet group its plan references', () => {
    const cache = dataStoreIn(plan, 'aws_elasticache_cluster.redis');
    expect(cache).toMatchObject({ category: 'cache', engine: 'redis', ports: [6379] });
    expect(cache.replicas).toEqual({ state: 'set', value: 1 });
    // A Redis node is never spread whatever `az_mode` (Memcached's) says: no default decides that.
    expect(cache.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(cache.placement.zones).toEqual({ state: 'default', value: [] });
    expect(cache.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(cache.redundancyKnob?.attribute).toBe('aws_elasticache_replication_group');
    expect(cache.redundancyKnob?.value).toContain('`num_cache_clusters = 2`, `automatic_failover_enabled = true` and `multi_az_enabled = true`');
    expect(edgesFrom(plan, cache.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_elasticache_subnet_group.main', 'aws_subnet.b via aws_elasticache_subnet_group.main']);
    expect(edgesFrom(plan, cache.id, 'protected-by')).toEqual(['aws_security_group.data via security_group_ids']);
  });

  it('Memcached across zones', () => {
    const cache = dataStoreIn(plan, 'aws_elasticache_cluster.memcached');
    expect(cache).toMatchObject({ engine: 'memcached', ports: [11211], redundancyKnob: { attribute: 'az_mode', value: 'cross-az' } });
    expect(cache.replicas).toEqual({ state: 'set', value: 2 });
    expect(cache.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(cache.placement.zoneRedundant).toEqual({ state: 'set', value: true });
  });

  it('a node of a replication group is no store of its own', () => {
    expect(plan.entities.has('aws_elasticache_cluster.member')).toBe(false);
    expect(plan.unmodelled).not.toHaveProperty('aws_elasticache_subnet_group');
  });

  it('Memcached in one zone, az_mode written: a fact; in a state', () => {
    const state = awsModel(
      awsState([{ address: 'aws_elasticache_cluster.m', values: { id: 'm', engine: 'memcached', num_cache_nodes: 3, az_mode: 'single-az', availability_zone: 'us-east-1c', port: 11211, replication_group_id: null } }]),
    );
    const cache = dataStoreIn(state, 'aws_elasticache_cluster.m');
    expect(cache.placement).toEqual({ region: 'us-east-1', zones: { state: 'set', value: ['us-east-1/us-east-1c'] }, zoneRedundant: { state: 'set', value: false } });
    expect(cache.replicas).toEqual({ state: 'set', value: 3 });
  });
});

describe('aws_elasticache_serverless_cache', () => {
  // From `terraform plan` (1.11, aws 5.100): engine and name written, subnets and groups by reference.
  const serverless: PlanResource = {
    address: 'aws_elasticache_serverless_cache.sessions',
    values: { cache_usage_limits: [], engine: 'valkey', kms_key_id: null, name: 'sessions', security_group_ids: [null], snapshot_arns_to_restore: null, subnet_ids: [null, null], tags: null, tags_all: {}, timeouts: null, user_group_id: null },
    unknown: { arn: true, endpoint: true, id: true, reader_endpoint: true, security_group_ids: [true], subnet_ids: [true, true], tags_all: {} },
    expressions: {
      engine: { constant_value: 'valkey' },
      name: { constant_value: 'sessions' },
      security_group_ids: references('aws_security_group.data'),
      subnet_ids: { references: ['aws_subnet.a', 'aws_subnet.b'] },
    },
  };
  const m = awsModel(awsPlan([...network, serverless]));

  it('zone-redundant by design, on its endpoint\'s two ports, in its subnets and groups', () => {
    const cache = dataStoreIn(m, 'aws_elasticache_serverless_cache.sessions');
    expect(cache).toMatchObject({ category: 'cache', engine: 'valkey', ports: [6379, 6380], redundancyKnob: undefined });
    expect(cache.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(cache.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(edgesFrom(m, cache.id, 'in-subnet')).toEqual(['aws_subnet.a via subnet_ids', 'aws_subnet.b via subnet_ids']);
    expect(edgesFrom(m, cache.id, 'protected-by')).toEqual(['aws_security_group.data via security_group_ids']);
  });
});
