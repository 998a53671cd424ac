import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, entityIn, ref } from '../../../test/support/aws-network.js';

// Trimmed from `terraform plan` (1.11, aws 5.100).
const resources: readonly PlanResource[] = [
  { address: 'aws_instance.classic', values: { ami: 'ami-123' }, unknown: { id: true } },
  { address: 'aws_eip.classic', values: { domain: 'vpc' }, unknown: { id: true, instance: true }, expressions: { domain: { constant_value: 'vpc' }, instance: ref('aws_instance.classic') } },
  { address: 'aws_instance.appliance', values: {}, unknown: { id: true, network_interface: [{ network_interface_id: true }] }, expressions: { network_interface: [{ network_interface_id: ref('aws_network_interface.appliance') }] } },
  { address: 'aws_network_interface.appliance', values: {}, unknown: { id: true, attachment: true } },
  { address: 'aws_eip.appliance', values: { domain: 'vpc' }, unknown: { id: true } },
  { address: 'aws_eip_association.appliance', values: {}, unknown: { allocation_id: true, network_interface_id: true }, expressions: { allocation_id: ref('aws_eip.appliance'), network_interface_id: ref('aws_network_interface.appliance') } },
  { address: 'aws_eip.spare', values: { domain: 'vpc' }, unknown: { id: true } },
];
const plan = awsModel(awsPlan(resources));

describe('aws_eip', () => {
  it('a regional public address, attached to the instance it names', () => {
    const eip = entityIn(plan, 'aws_eip.classic', 'public-address');
    expect(eip.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(edgesIn(plan, 'aws_instance.classic', 'attached-to')).toEqual(['aws_eip.classic via instance']);
  });

  it('aws_eip_association: to the instance behind the interface it names', () => {
    expect(edgesIn(plan, 'aws_instance.appliance', 'attached-to')).toEqual(['aws_eip.appliance via aws_eip_association.appliance']);
  });

  it('an unattached address is attached to nothing', () => {
    expect(plan.edges.filter((e) => e.from === 'aws_eip.spare')).toEqual([]);
  });

  it('a state: association by public address, to an instance id', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_instance.a', values: { id: 'i-1' } },
        { address: 'aws_eip.a', values: { id: 'eipalloc-1', public_ip: '198.51.100.7' } },
        { address: 'aws_eip_association.a', values: { id: 'eipassoc-1', public_ip: '198.51.100.7', instance_id: 'i-1' } },
      ]),
    );
    expect(edgesIn(m, 'aws_instance.a', 'attached-to')).toEqual(['aws_eip.a via aws_eip_association.a']);
  });
});
