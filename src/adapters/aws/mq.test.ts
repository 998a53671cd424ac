import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, dataStoreIn, edgesFrom, network, references, type PlanResource } from '../../../test/support/aws-plan.js';

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration; user passwords left out.
const single: PlanResource = {
  address: 'aws_mq_broker.single',
  values: { engine_type: 'ActiveMQ', deployment_mode: 'SINGLE_INSTANCE', publicly_accessible: false },
  unknown: { security_groups: true, subnet_ids: true },
  expressions: { engine_type: { constant_value: 'ActiveMQ' }, security_groups: references('aws_security_group.data'), subnet_ids: references('aws_subnet.a') },
};
const cluster: PlanResource = {
  address: 'aws_mq_broker.ha',
  values: { engine_type: 'RabbitMQ', deployment_mode: 'CLUSTER_MULTI_AZ', publicly_accessible: true },
  unknown: { subnet_ids: true },
  expressions: { deployment_mode: { constant_value: 'CLUSTER_MULTI_AZ' }, engine_type: { constant_value: 'RabbitMQ' }, publicly_accessible: { constant_value: true } },
};
const standby: PlanResource = {
  address: 'aws_mq_broker.standby',
  values: { engine_type: 'ActiveMQ', deployment_mode: 'ACTIVE_STANDBY_MULTI_AZ', publicly_accessible: false },
  unknown: { subnet_ids: true },
  expressions: { deployment_mode: { constant_value: 'ACTIVE_STANDBY_MULTI_AZ' }, engine_type: { constant_value: 'ActiveMQ' }, subnet_ids: references('aws_subnet.a', 'aws_subnet.b') },
};

const plan = awsModel(awsPlan([...network, single, cluster, standby]));

describe('aws_mq_broker', () => {
  it('SINGLE_INSTANCE by default: one broker in the zone of its subnet', () => {
    const mq = dataStoreIn(plan, 'aws_mq_broker.single');
    expect(mq).toMatchObject({ category: 'broker', engine: 'activemq', redundancyKnob: { attribute: 'deployment_mode', value: 'ACTIVE_STANDBY_MULTI_AZ' } });
    expect(mq.ports).toEqual([5671, 8162, 8883, 61614, 61617, 61619]);
    expect(mq.replicas).toEqual({ state: 'default', value: 1 });
    expect(mq.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    expect(mq.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
    expect(mq.publiclyAccessible).toEqual({ state: 'default', value: false });
    expect(edgesFrom(plan, mq.id, 'in-subnet')).toEqual(['aws_subnet.a via subnet_ids']);
    expect(edgesFrom(plan, mq.id, 'protected-by')).toEqual(['aws_security_group.data via security_groups']);
  });

  it('a RabbitMQ cluster: three nodes in three zones, public', () => {
    const mq = dataStoreIn(plan, 'aws_mq_broker.ha');
    expect(mq).toMatchObject({ engine: 'rabbitmq', ports: [443, 5671] });
    expect(mq.replicas).toEqual({ state: 'set', value: 3 });
    expect(mq.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(mq.placement.zones).toEqual({ state: 'default', value: [] });
    expect(mq.publiclyAccessible).toEqual({ state: 'set', value: true });
  });

  it('ActiveMQ active/standby in two subnets', () => {
    const mq = dataStoreIn(plan, 'aws_mq_broker.standby');
    expect(mq.replicas).toEqual({ state: 'set', value: 2 });
    expect(mq.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
  });
});
