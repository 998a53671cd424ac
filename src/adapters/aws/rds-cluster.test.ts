import { describe, expect, it } from 'vitest';
import { awsModel, awsModelOfFile, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, subnetGroup, type PlanResource } from '../../../test/support/aws-plan.js';
import { corpusFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration.
const twoZones: PlanResource[] = [
  subnetGroup('aws_db_subnet_group.main', 'main'),
  {
    address: 'aws_rds_cluster.two_zones',
    values: { cluster_identifier: 'two-zones', engine: 'aurora-postgresql', engine_mode: 'provisioned', db_subnet_group_name: 'main', master_password: 'hunter2-canary-pw' },
    unknown: { availability_zones: true, id: true, port: true, vpc_security_group_ids: true },
    sensitive: { master_password: true },
    expressions: {
      cluster_identifier: { constant_value: 'two-zones' },
      db_subnet_group_name: { references: ['aws_db_subnet_group.main.name', 'aws_db_subnet_group.main'] },
      engine: { constant_value: 'aurora-postgresql' },
      master_password: { constant_value: 'hunter2-canary-pw' },
      vpc_security_group_ids: references('aws_security_group.data'),
    },
  },
  ...['us-east-1a', 'us-east-1b'].map((az, i) => ({
    address: `aws_rds_cluster_instance.two_zones[${i}]`,
    values: { availability_zone: az, engine: 'aurora-postgresql' },
    unknown: { cluster_identifier: true, id: true, publicly_accessible: true },
    expressions: { availability_zone: { references: ['count.index'] }, cluster_identifier: references('aws_rds_cluster.two_zones') },
  })),
];

// The instance names its cluster by a literal, so nothing but the name links them before apply.
const oneInstance: PlanResource[] = [
  {
    address: 'aws_rds_cluster.one',
    values: { cluster_identifier: 'one', engine: 'aurora-mysql', engine_mode: 'provisioned', availability_zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
    unknown: { availability_zones: [false, false, false], id: true, port: true },
    expressions: { availability_zones: { constant_value: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }, cluster_identifier: { constant_value: 'one' } },
  },
  {
    address: 'aws_rds_cluster_instance.one',
    values: { cluster_identifier: 'one', publicly_accessible: true, engine: 'aurora-mysql' },
    unknown: { availability_zone: true, id: true },
    expressions: { cluster_identifier: { constant_value: 'one' }, publicly_accessible: { constant_value: true } },
  },
];

const multiAzCluster: PlanResource = {
  address: 'aws_rds_cluster.multiaz',
  values: { cluster_identifier: 'multiaz', engine: 'postgres', engine_mode: 'provisioned', db_cluster_instance_class: 'db.r6gd.xlarge' },
  unknown: { availability_zones: true, id: true, port: true },
  expressions: { cluster_identifier: { constant_value: 'multiaz' }, db_cluster_instance_class: { constant_value: 'db.r6gd.xlarge' } },
};

// Two DocumentDB instances, both pinned to one zone; two Neptune instances left to AWS.
const docdb: PlanResource[] = [
  subnetGroup('aws_docdb_subnet_group.main', 'docdb'),
  {
    address: 'aws_docdb_cluster.docs',
    values: { cluster_identifier: 'docs', engine: 'docdb', port: 27017, db_subnet_group_name: 'docdb' },
    unknown: { availability_zones: true, id: true },
    expressions: { db_subnet_group_name: { references: ['aws_docdb_subnet_group.main.name', 'aws_docdb_subnet_group.main'] } },
  },
  ...[0, 1].map((i) => ({
    address: `aws_docdb_cluster_instance.docs[${i}]`,
    values: { availability_zone: 'us-east-1a' },
    unknown: { cluster_identifier: true, id: true, publicly_accessible: true },
    expressions: { availability_zone: { constant_value: 'us-east-1a' }, cluster_identifier: references('aws_docdb_cluster.docs') },
  })),
];
const neptune: PlanResource[] = [
  {
    address: 'aws_neptune_cluster.graph',
    values: { cluster_identifier: 'graph', engine: 'neptune', port: 8182 },
    unknown: { id: true, vpc_security_group_ids: true },
    expressions: { vpc_security_group_ids: references('aws_security_group.data') },
  },
  ...[0, 1].map((i) => ({
    address: `aws_neptune_cluster_instance.graph[${i}]`,
    values: { publicly_accessible: false },
    unknown: { availability_zone: true, cluster_identifier: true, id: true },
    expressions: { cluster_identifier: references('aws_neptune_cluster.graph') },
  })),
];

// Aurora instances left to AWS, as terraform plans them: `availability_zone` unset (unknown until apply).
const unpinned = (name: string, clusterZones?: string[]): PlanResource[] => [
  {
    address: `aws_rds_cluster.${name}`,
    values: { cluster_identifier: name, engine: 'aurora-postgresql', engine_mode: 'provisioned', ...(clusterZones ? { availability_zones: clusterZones } : {}) },
    unknown: { ...(clusterZones ? {} : { availability_zones: true }), id: true, port: true },
    expressions: { cluster_identifier: { constant_value: name }, engine: { constant_value: 'aurora-postgresql' }, ...(clusterZones ? { availability_zones: { constant_value: clusterZones } } : {}) },
  },
  ...[0, 1].map((i) => ({
    address: `aws_rds_cluster_instance.${name}[${i}]`,
    values: { engine: 'aurora-postgresql', instance_class: 'db.r6g.large' },
    unknown: { availability_zone: true, cluster_identifier: true, id: true, publicly_accessible: true },
    expressions: { cluster_identifier: references(`aws_rds_cluster.${name}`), instance_class: { constant_value: 'db.r6g.large' } },
  })),
];

const plan = awsModel(awsPlan([...network, ...twoZones, ...oneInstance, multiAzCluster, ...docdb, ...neptune, ...unpinned('spread'), ...unpinned('onezone', ['us-east-1a'])]));

describe('clusters with instance resources', () => {
  it('Aurora with instances in two zones: zone-redundant, the instances part of its source', () => {
    const db = dataStoreIn(plan, 'aws_rds_cluster.two_zones');
    expect(db).toMatchObject({ category: 'relational', engine: 'aurora-postgresql', ports: [5432] });
    expect(db.source).toEqual(['aws_rds_cluster.two_zones', 'aws_rds_cluster_instance.two_zones[0]', 'aws_rds_cluster_instance.two_zones[1]']);
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(db.publiclyAccessible).toEqual({ state: 'default', value: false });
    expect(edgesFrom(plan, db.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_db_subnet_group.main', 'aws_subnet.b via aws_db_subnet_group.main']);
    expect(edgesFrom(plan, db.id, 'protected-by')).toEqual(['aws_security_group.data via vpc_security_group_ids']);
  });

  it('Aurora with one instance (found by its literal cluster_identifier): one zone, public through that instance', () => {
    const db = dataStoreIn(plan, 'aws_rds_cluster.one');
    expect(db.source).toEqual(['aws_rds_cluster.one', 'aws_rds_cluster_instance.one']);
    expect(db.replicas).toEqual({ state: 'set', value: 1 });
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(db.placement.zones).toEqual({ state: 'default', value: [] });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: true });
    expect(db.ports).toEqual([3306]);
    expect(db.redundancyKnob).toEqual({ attribute: 'aws_rds_cluster_instance', value: 'a second instance in another zone (`count = 2` on the instance block, each `availability_zone` pinned or left to AWS)' });
    expect(db.storageSpansZones).toBe(true);
  });

  it('two instances in one zone are not zone-redundant', () => {
    const db = dataStoreIn(plan, 'aws_docdb_cluster.docs');
    expect(db).toMatchObject({ category: 'document', engine: 'docdb', ports: [27017] });
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(edgesFrom(plan, db.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_docdb_subnet_group.main', 'aws_subnet.b via aws_docdb_subnet_group.main']);
  });

  it('two instances left to AWS: zones and redundancy known only after apply', () => {
    const db = dataStoreIn(plan, 'aws_neptune_cluster.graph');
    expect(db).toMatchObject({ category: 'graph', engine: 'neptune', ports: [8182] });
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.placement.zoneRedundant).toEqual({ state: 'unknown' });
    expect(edgesFrom(plan, db.id, 'protected-by')).toEqual(['aws_security_group.data via vpc_security_group_ids']);
  });

  it('Aurora instances left to AWS: RDS puts the first three in different zones of the cluster', () => {
    const db = dataStoreIn(plan, 'aws_rds_cluster.spread');
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.placement.zoneRedundant).toEqual({ state: 'default', value: true });
  });

  it('Aurora instances left to AWS in a cluster that names one zone: that zone', () => {
    const db = dataStoreIn(plan, 'aws_rds_cluster.onezone');
    expect(db.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    expect(db.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
  });

  it('Neptune (or DocumentDB) instances left to AWS: random zones, known only after apply', () => {
    const db = dataStoreIn(plan, 'aws_neptune_cluster.graph');
    expect(db.placement).toMatchObject({ zones: { state: 'unknown' }, zoneRedundant: { state: 'unknown' } });
  });

  it('a Multi-AZ DB cluster is three instances in three zones by design', () => {
    const db = dataStoreIn(plan, 'aws_rds_cluster.multiaz');
    expect([db.replicas, db.placement.zoneRedundant, db.ports]).toEqual([{ state: 'set', value: 3 }, { state: 'set', value: true }, [5432]]);
  });

  it('instances are no entities and are not unmodelled', () => {
    expect([...plan.entities.keys()].filter((id) => id.includes('_instance.'))).toEqual([]);
    expect(Object.keys(plan.unmodelled).filter((t) => t.endsWith('_instance'))).toEqual([]);
  });

  it('a state: instances found by id, zones known', () => {
    const state = awsModel(
      awsState([
        { address: 'aws_rds_cluster.main', values: { id: 'main', cluster_identifier: 'main', engine: 'aurora-mysql', port: 3306 } },
        { address: 'aws_rds_cluster_instance.a', values: { id: 'main-a', cluster_identifier: 'main', availability_zone: 'eu-west-1a', publicly_accessible: false } },
        { address: 'aws_rds_cluster_instance.b', values: { id: 'main-b', cluster_identifier: 'main', availability_zone: 'eu-west-1a', publicly_accessible: false } },
      ]),
    );
    const db = dataStoreIn(state, 'aws_rds_cluster.main');
    expect(db.placement).toEqual({ region: 'eu-west-1', zones: { state: 'set', value: ['eu-west-1/eu-west-1a'] }, zoneRedundant: { state: 'set', value: false } });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: false });
  });
});

describe('clusters in real plans', () => {
  it('terraform-compliance: an Aurora cluster whose instances this plan does not hold', () => {
    const db = dataStoreIn(awsModelOfFile(corpusFile('terraform-compliance/aws-rds-cluster-aurora-tf0.12.3.json')), 'aws_rds_cluster.default');
    expect(db.replicas).toEqual({ state: 'unknown' });
    expect(db.placement.zoneRedundant).toEqual({ state: 'unknown' });
    expect(db.placement.zones).toEqual({ state: 'set', value: ['us-west-2/us-west-2a', 'us-west-2/us-west-2b', 'us-west-2/us-west-2c'] });
    expect(JSON.stringify(db)).not.toContain('"bar"');
  });

  it('checkov: a Neptune cluster with one instance (count = 1)', () => {
    const db = dataStoreIn(awsModelOfFile(corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json')), 'aws_neptune_cluster.default');
    expect(db.source).toEqual(['aws_neptune_cluster.default', 'aws_neptune_cluster_instance.default[0]']);
    expect([db.replicas, db.placement.zoneRedundant]).toEqual([{ state: 'set', value: 1 }, { state: 'set', value: false }]);
  });
});
