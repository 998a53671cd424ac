import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, type PlanResource } from '../../../test/support/aws-plan.js';

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration.
const kafka: PlanResource = {
  address: 'aws_msk_cluster.kafka',
  values: { number_of_broker_nodes: 2, broker_node_group_info: [{ az_distribution: 'DEFAULT', instance_type: 'kafka.m5.large' }] },
  unknown: { broker_node_group_info: [{ client_subnets: true, connectivity_info: true, security_groups: true, storage_info: true }] },
  expressions: {
    broker_node_group_info: [{ client_subnets: references('aws_subnet.a', 'aws_subnet.b'), instance_type: { constant_value: 'kafka.m5.large' }, security_groups: references('aws_security_group.data') }],
    number_of_broker_nodes: { constant_value: 2 },
  },
};

describe('aws_msk_cluster', () => {
  it('brokers over two client subnets in two zones, linked before apply', () => {
    const plan = awsModel(awsPlan([...network, kafka]));
    const msk = dataStoreIn(plan, 'aws_msk_cluster.kafka');
    expect(msk).toMatchObject({ category: 'stream', engine: 'kafka', ports: [9092, 9094, 9096, 9098] });
    expect(msk.replicas).toEqual({ state: 'set', value: 2 });
    expect(msk.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(msk.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(msk.publiclyAccessible).toEqual({ state: 'default', value: false });
    expect(edgesFrom(plan, msk.id, 'in-subnet')).toEqual(['aws_subnet.a via broker_node_group_info.client_subnets', 'aws_subnet.b via broker_node_group_info.client_subnets']);
    expect(edgesFrom(plan, msk.id, 'protected-by')).toEqual(['aws_security_group.data via broker_node_group_info.security_groups']);
  });

  it('a state with one client subnet and public brokers', () => {
    const state = awsModel(
      awsState([
        { address: 'aws_subnet.a', values: { id: 'subnet-1', availability_zone: 'us-east-1a' } },
        {
          address: 'aws_msk_cluster.solo',
          values: {
            id: 'arn:aws:kafka:us-east-1:1:cluster/solo',
            number_of_broker_nodes: 1,
            broker_node_group_info: [{ client_subnets: ['subnet-1'], security_groups: [], connectivity_info: [{ public_access: [{ type: 'SERVICE_PROVIDED_EIPS' }] }] }],
          },
        },
      ]),
    );
    const msk = dataStoreIn(state, 'aws_msk_cluster.solo');
    expect(msk.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(msk.publiclyAccessible).toEqual({ state: 'set', value: true });
    expect(edgesFrom(state, msk.id, 'in-subnet')).toEqual(['aws_subnet.a via broker_node_group_info.client_subnets']);
  });
});
