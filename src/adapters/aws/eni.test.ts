import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';

// Trimmed from `terraform plan` (1.11, aws 5.100): an appliance launched with an interface of its own.
const group: PlanResource = { address: 'aws_security_group.app', values: { name: 'app' }, unknown: { id: true }, expressions: { name: { constant_value: 'app' } } };
const extra: PlanResource = { address: 'aws_security_group.extra', values: { name: 'extra' }, unknown: { id: true }, expressions: { name: { constant_value: 'extra' } } };
const eni: PlanResource = {
  address: 'aws_network_interface.appliance',
  values: {},
  unknown: { attachment: true, id: true, security_groups: true, subnet_id: true },
  expressions: { security_groups: ref('aws_security_group.app'), subnet_id: { references: ['aws_subnet.private[1].id', 'aws_subnet.private[1]', 'aws_subnet.private'] } },
};
const appliance: PlanResource = {
  address: 'aws_instance.appliance',
  values: { network_interface: [{ delete_on_termination: false, device_index: 0, network_card_index: 0 }] },
  unknown: { associate_public_ip_address: true, id: true, network_interface: [{ network_interface_id: true }], subnet_id: true },
  expressions: { network_interface: [{ device_index: { constant_value: 0 }, network_interface_id: ref('aws_network_interface.appliance') }] },
};
const attachment: PlanResource = {
  address: 'aws_network_interface_sg_attachment.extra',
  values: {},
  unknown: { id: true, network_interface_id: true, security_group_id: true },
  expressions: { network_interface_id: ref('aws_network_interface.appliance'), security_group_id: ref('aws_security_group.extra') },
};
const detached: PlanResource = { address: 'aws_network_interface.spare', values: {}, unknown: { id: true, subnet_id: true }, expressions: { subnet_id: ref('aws_subnet.public') } };
const plan = awsModel(awsPlan([...vpcPlan, group, extra, eni, appliance, attachment, detached]));

describe('aws_network_interface', () => {
  it('no entity: its subnet and groups are folded into the instance it is attached to', () => {
    expect(plan.entities.has('aws_network_interface.appliance')).toBe(false);
    expect(edgesOut(plan, 'aws_instance.appliance', 'in-subnet')).toEqual(['aws_subnet.private[1] via aws_network_interface.appliance']);
    expect(edgesOut(plan, 'aws_instance.appliance', 'protected-by')).toEqual([
      'aws_security_group.app via aws_network_interface.appliance',
      'aws_security_group.extra via aws_network_interface_sg_attachment.extra',
    ]);
  });

  it('the instance takes the interface\'s zone, and no automatic public address', () => {
    const host = entityIn(plan, 'aws_instance.appliance', 'host');
    expect(host.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1b'] });
    expect(host.publicIp).toEqual({ state: 'set', value: false });
  });

  it('a detached interface leaves nothing, and nothing unmodelled', () => {
    expect(plan.edges.filter((e) => e.via === 'aws_network_interface.spare')).toEqual([]);
    expect(plan.unmodelled).toEqual({});
  });

  it('attached by aws_network_interface_attachment or its own attachment block (a state)', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_subnet.a', values: { id: 'subnet-1', availability_zone: 'us-east-1a' } },
        { address: 'aws_instance.a', values: { id: 'i-1' } },
        { address: 'aws_instance.b', values: { id: 'i-2' } },
        { address: 'aws_network_interface.a', values: { id: 'eni-1', subnet_id: 'subnet-1', attachment: [] } },
        { address: 'aws_network_interface_attachment.a', values: { id: 'eni-attach-1', instance_id: 'i-1', network_interface_id: 'eni-1', device_index: 1 } },
        { address: 'aws_network_interface.b', values: { id: 'eni-2', subnet_id: 'subnet-1', attachment: [{ instance: 'i-2', device_index: 1 }] } },
      ]),
    );
    expect(edgesOut(m, 'aws_instance.a', 'in-subnet')).toEqual(['aws_subnet.a via aws_network_interface.a']);
    expect(edgesOut(m, 'aws_instance.b', 'in-subnet')).toEqual(['aws_subnet.a via aws_network_interface.b']);
  });
});
