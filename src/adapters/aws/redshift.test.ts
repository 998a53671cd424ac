import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, subnetGroup, type PlanResource } from '../../../test/support/aws-plan.js';

// Trimmed from `terraform plan` (1.11, aws 5.100): the provider writes its defaults into the plan.
const single: PlanResource = {
  address: 'aws_redshift_cluster.single',
  values: { cluster_identifier: 'single', cluster_type: 'single-node', number_of_nodes: 1, multi_az: false, publicly_accessible: true, port: 5439, master_password: 'Hunter2-canary-pw' },
  unknown: { availability_zone: true },
  sensitive: { master_password: true },
  expressions: { cluster_identifier: { constant_value: 'single' }, cluster_type: { constant_value: 'single-node' }, master_password: { constant_value: 'Hunter2-canary-pw' } },
};
const multi: PlanResource = {
  address: 'aws_redshift_cluster.multi',
  values: { cluster_identifier: 'multi', cluster_type: 'multi-node', number_of_nodes: 2, multi_az: true, publicly_accessible: false, port: 5439, cluster_subnet_group_name: 'main' },
  unknown: { availability_zone: true, vpc_security_group_ids: true },
  expressions: {
    cluster_subnet_group_name: { references: ['aws_redshift_subnet_group.main.name', 'aws_redshift_subnet_group.main'] },
    cluster_type: { constant_value: 'multi-node' },
    multi_az: { constant_value: true },
    number_of_nodes: { constant_value: 2 },
    publicly_accessible: { constant_value: false },
    vpc_security_group_ids: references('aws_security_group.data'),
  },
};

const plan = awsModel(awsPlan([...network, subnetGroup('aws_redshift_subnet_group.main', 'main'), single, multi]));

describe('aws_redshift_cluster', () => {
  it('a single node, public by the provider default: the knob is more RA3 nodes with multi_az', () => {
    const dw = dataStoreIn(plan, 'aws_redshift_cluster.single');
    expect(dw).toMatchObject({ category: 'warehouse', engine: 'redshift', ports: [5439] });
    expect(dw.redundancyKnob?.attribute).toBe('number_of_nodes');
    expect(dw.redundancyKnob?.value).toMatch(/^2 or more on an RA3 `node_type`, with `multi_az = true`/);
    expect(dw.replicas).toEqual({ state: 'set', value: 1 });
    // A written single node cannot be Multi-AZ: the verdict rests on `cluster_type`, not on `multi_az`'s default.
    expect(dw.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(dw.publiclyAccessible).toEqual({ state: 'default', value: true });
    expect(JSON.stringify(dw)).not.toContain('Hunter2');
  });

  it('two nodes with multi_az, private, in its subnet group', () => {
    const dw = dataStoreIn(plan, 'aws_redshift_cluster.multi');
    expect(dw.replicas).toEqual({ state: 'set', value: 2 });
    expect(dw.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(dw.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(dw.redundancyKnob).toEqual({ attribute: 'multi_az', value: 'true' });
    expect(edgesFrom(plan, dw.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_redshift_subnet_group.main', 'aws_subnet.b via aws_redshift_subnet_group.main']);
    expect(edgesFrom(plan, dw.id, 'protected-by')).toEqual(['aws_security_group.data via vpc_security_group_ids']);
  });

  it('a state: the zone it runs in, its port', () => {
    const state = awsModel(
      awsState([{ address: 'aws_redshift_cluster.dw', values: { id: 'dw', cluster_type: 'multi-node', number_of_nodes: 4, multi_az: false, availability_zone: 'us-east-1d', port: 5440, publicly_accessible: false } }]),
    );
    const dw = dataStoreIn(state, 'aws_redshift_cluster.dw');
    expect([dw.replicas, dw.ports, dw.placement.zones]).toEqual([{ state: 'set', value: 4 }, [5440], { state: 'set', value: ['us-east-1/us-east-1d'] }]);
    expect(dw.placement.zoneRedundant).toEqual({ state: 'set', value: false });
  });

  it('no value for publicly_accessible at all: the documented 5.x default, true', () => {
    const state = awsModel(awsState([{ address: 'aws_redshift_cluster.dw', values: { id: 'dw', cluster_type: 'single-node' } }]));
    expect(dataStoreIn(state, 'aws_redshift_cluster.dw').publiclyAccessible).toEqual({ state: 'default', value: true });
  });
});
