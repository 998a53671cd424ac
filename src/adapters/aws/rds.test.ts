import { describe, expect, it } from 'vitest';
import { awsModel, awsModelOfFile, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, subnetGroup, type PlanResource } from '../../../test/support/aws-plan.js';
import { corpusFile, modelOfFile, readPlan } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration.
const multi: PlanResource = {
  address: 'aws_db_instance.multi',
  values: { identifier: 'multi', engine: 'postgres', multi_az: true, publicly_accessible: false, db_subnet_group_name: 'main', password: 'hunter2-canary-pw' },
  unknown: { availability_zone: true, id: true, port: true, vpc_security_group_ids: true },
  sensitive: { password: true },
  expressions: {
    db_subnet_group_name: { references: ['aws_db_subnet_group.main.name', 'aws_db_subnet_group.main'] },
    engine: { constant_value: 'postgres' },
    multi_az: { constant_value: true },
    password: { constant_value: 'hunter2-canary-pw' },
    vpc_security_group_ids: references('aws_security_group.data'),
  },
};
const single: PlanResource = {
  address: 'aws_db_instance.single',
  values: { identifier: 'single', engine: 'mysql', availability_zone: 'us-east-1a', publicly_accessible: true, db_subnet_group_name: 'main', password: 'hunter2-canary-pw' },
  unknown: { id: true, multi_az: true, port: true, vpc_security_group_ids: true },
  sensitive: { password: true },
  expressions: {
    availability_zone: { constant_value: 'us-east-1a' },
    db_subnet_group_name: { constant_value: 'main' },
    engine: { constant_value: 'mysql' },
    password: { constant_value: 'hunter2-canary-pw' },
    publicly_accessible: { constant_value: true },
  },
};
const replica: PlanResource = {
  address: 'aws_db_instance.replica',
  values: { identifier: 'replica', replicate_source_db: 'single', publicly_accessible: false },
  unknown: { engine: true, id: true, multi_az: true, port: true },
  expressions: { replicate_source_db: { references: ['aws_db_instance.single.identifier', 'aws_db_instance.single'] } },
};
// `multi_az = var.multi_az` inside a module, fed from an attribute known only after apply.
const fromVariable: PlanResource = {
  address: 'module.db.aws_db_instance.this',
  values: { identifier: 'unknown-az', engine: 'mariadb', publicly_accessible: false },
  unknown: { availability_zone: true, id: true, multi_az: true, port: true },
  expressions: { engine: { constant_value: 'mariadb' }, multi_az: { references: ['var.multi_az'] } },
};

const plan = awsModel(awsPlan([...network, subnetGroup('aws_db_subnet_group.main', 'main'), multi, single, replica, fromVariable], { db: { multi_az: references('aws_subnet.a') } }));

describe('aws_db_instance', () => {
  it('multi_az = true: a standby in another zone, linked to its subnets and group before apply', () => {
    const db = dataStoreIn(plan, 'aws_db_instance.multi');
    expect(db).toMatchObject({ category: 'relational', engine: 'postgres', ports: [5432], redundancyKnob: { attribute: 'multi_az', value: 'true' } });
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    // The plan spells out `publicly_accessible = false`, but the configuration left it to the default.
    expect(db.publiclyAccessible).toEqual({ state: 'default', value: false });
    expect(edgesFrom(plan, db.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_db_subnet_group.main', 'aws_subnet.b via aws_db_subnet_group.main']);
    expect(edgesFrom(plan, db.id, 'protected-by')).toEqual(['aws_security_group.data via vpc_security_group_ids']);
  });

  it('multi_az left out: single-AZ by the documented default, in the zone it names', () => {
    const db = dataStoreIn(plan, 'aws_db_instance.single');
    expect(db.replicas).toEqual({ state: 'default', value: 1 });
    expect(db.placement).toEqual({ region: 'us-east-1', zones: { state: 'set', value: ['us-east-1/us-east-1a'] }, zoneRedundant: { state: 'default', value: false } });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: true });
    expect(db.ports).toEqual([3306]);
    // The subnet group is named by a literal here: it is found by its name.
    expect(edgesFrom(plan, db.id, 'in-subnet')).toHaveLength(2);
  });

  it('multi_az from a variable known only after apply: unknown, never false', () => {
    const db = dataStoreIn(plan, 'module.db.aws_db_instance.this');
    expect(db.placement.zoneRedundant).toEqual({ state: 'unknown', assumed: false });
    expect(db.replicas).toEqual({ state: 'unknown', assumed: 1 });
    expect(db.placement.zones).toEqual({ state: 'default', value: [] }); // AWS picks the zone
    expect(db.ports).toEqual([3306]);
  });

  it('a read replica references its source, takes its engine, and adds no standby to it', () => {
    const db = dataStoreIn(plan, 'aws_db_instance.replica');
    expect(db.engine).toBe('mysql');
    expect(edgesFrom(plan, db.id, 'references')).toEqual(['aws_db_instance.single via replicate_source_db']);
    expect(dataStoreIn(plan, 'aws_db_instance.single').replicas).toEqual({ state: 'default', value: 1 });
  });

  it('the subnet group is consumed: no entity, not counted as unmodelled', () => {
    expect(plan.entities.has('aws_db_subnet_group.main')).toBe(false);
    expect(plan.unmodelled).not.toHaveProperty('aws_db_subnet_group');
  });

  it('a state: everything known, links by ids and names', () => {
    const state = awsModel(
      awsState([
        { address: 'aws_subnet.a', values: { id: 'subnet-1', availability_zone: 'us-east-1a' } },
        { address: 'aws_db_subnet_group.main', values: { id: 'main', name: 'main', subnet_ids: ['subnet-1'] } },
        { address: 'aws_db_instance.main', values: { engine: 'postgres', port: 6432, multi_az: false, availability_zone: 'us-east-1a', db_subnet_group_name: 'main', replicate_source_db: '' } },
      ]),
    );
    const db = dataStoreIn(state, 'aws_db_instance.main');
    expect(db.replicas).toEqual({ state: 'set', value: 1 });
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(db.ports).toEqual([6432]);
    expect(edgesFrom(state, db.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_db_subnet_group.main']);
    expect(edgesFrom(state, db.id, 'references')).toEqual([]);
  });
});

describe('aws_db_instance in real plans', () => {
  it('infracost: Multi-AZ SQL Server and single-AZ MySQL by default', () => {
    const m = modelOfFile(corpusFile('infracost/aws-rds-x4-asg-x3-alb-elb-ecs-tf0.12.28.json'));
    const sqlserver = dataStoreIn(m, 'aws_db_instance.db_sqlserver');
    expect([sqlserver.ports, sqlserver.replicas, sqlserver.placement.zoneRedundant]).toEqual([[1433], { state: 'set', value: 2 }, { state: 'set', value: true }]);
    const mysql = dataStoreIn(m, 'aws_db_instance.db_mysql');
    expect([mysql.ports, mysql.replicas, mysql.placement.zoneRedundant]).toEqual([[3306], { state: 'default', value: 1 }, { state: 'default', value: false }]);
  });

  it('checkov (0.12): multi_az = false written is a fact; publicly accessible; subnets by references only', () => {
    const m = awsModelOfFile(corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json'));
    const db = dataStoreIn(m, 'aws_db_instance.default');
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: true });
    expect(edgesFrom(m, db.id, 'in-subnet')).toEqual(['aws_subnet.web_subnet via aws_db_subnet_group.default', 'aws_subnet.web_subnet2 via aws_db_subnet_group.default']);
    expect(edgesFrom(m, db.id, 'protected-by')).toEqual(['aws_security_group.default via vpc_security_group_ids']);
  });

  it('infracost state: zone and subnet group known', () => {
    const m = modelOfFile(corpusFile('infracost/state-aws-ec2-rds-tf0.14.11.json'));
    const db = dataStoreIn(m, 'module.db.module.db_1.module.db_instance.aws_db_instance.this[0]');
    expect(db.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1f'] });
    expect(db.replicas).toEqual({ state: 'set', value: 1 });
  });

  it('no password reaches the model', () => {
    for (const [file, secret] of [
      ['snyk-policy-engine/aws-db-instance-sensitive-values-tf1.2.2.json', 'foobarbaz'],
      ['checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json', 'Aa1234321Bb'],
    ] as const) {
      const doc = readPlan(corpusFile(file));
      expect(JSON.stringify(doc)).not.toContain(secret);
      const m = modelOfFile(corpusFile(file));
      expect(m.entities.size).toBeGreaterThan(0);
      expect(JSON.stringify({ entities: [...m.entities.values()], edges: m.edges })).not.toContain(secret);
    }
    expect(JSON.stringify({ entities: [...plan.entities.values()], edges: plan.edges })).not.toContain('hunter2');
  });
});

describe('the ports an RDS instance answers on, and whether they are all', () => {
  it('the engine default, when the configuration leaves `port` out, is all it answers on; a port written but known only after apply may be any', () => {
    const randomPort: PlanResource = {
      ...single,
      address: 'aws_db_instance.random_port',
      expressions: { ...single.expressions, port: { references: ['random_integer.port.result', 'random_integer.port'] } },
    };
    const m = awsModel(awsPlan([multi, single, randomPort]));
    expect(dataStoreIn(m, 'aws_db_instance.multi')).toMatchObject({ ports: [5432], onlyPorts: true });
    expect(dataStoreIn(m, 'aws_db_instance.single')).toMatchObject({ ports: [3306], onlyPorts: true });
    const random = dataStoreIn(m, 'aws_db_instance.random_port');
    expect(random.ports).toEqual([3306]);
    expect(random.onlyPorts).toBeUndefined();
  });
});
