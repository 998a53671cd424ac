import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { awsModel, awsState } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn } from '../../../test/support/aws-network.js';
import { modelOfFile } from '../../../test/support/plans.js';

// A real plan (terraform 1.11, aws 5.100): fixtures/aws/network-firewall/main.tf.
const plan = modelOfFile('fixtures/aws/network-firewall/plan.json');

describe('aws_networkfirewall_firewall', () => {
  it('must fire on the one-zone firewall with the AWS fix (a subnet mapping per zone); stays quiet on the two-zone one', () => {
    const found = check(plan, 'plan.json').filter((f) => f.resources[0]?.startsWith('aws_networkfirewall_firewall.'));
    expect(found.map((f) => [f.rule, f.resources[0]])).toEqual([['cut-point', 'aws_networkfirewall_firewall.app']]);
    expect(found[0]!.remediation).toContain('one `subnet_mapping` per zone');
  });

  it('a managed firewall in the zones of its subnet mappings, serving its VPC; routes reach it by its endpoint', () => {
    const fw = entityIn(plan, 'aws_networkfirewall_firewall.app', 'gateway');
    expect(fw.gatewayKind).toBe('firewall');
    expect(fw.placement).toEqual({ region: 'eu-west-1', zones: { state: 'set', value: ['eu-west-1/eu-west-1a'] }, zoneRedundant: { state: 'set', value: false } });
    expect(edgesOut(plan, fw.id, 'in-subnet')).toEqual(['aws_subnet.app_firewall via subnet_mapping.subnet_id']);
    expect(edgesOut(plan, fw.id, 'serves')).toEqual(['aws_vpc.app via vpc_id']);
    expect(edgesOut(plan, 'aws_route_table.app_private', 'routes-to')).toEqual(['aws_networkfirewall_firewall.app via route.vpc_endpoint_id 0.0.0.0/0']);
  });

  it('two subnet mappings from a dynamic block (subnets unknown to the plan): two zones, since AWS takes one subnet per zone', () => {
    const fw = entityIn(plan, 'aws_networkfirewall_firewall.api', 'gateway');
    expect(fw.placement.zones).toEqual({ state: 'unknown' });
    expect(fw.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(plan.unmodelled).toEqual({ aws_networkfirewall_firewall_policy: 1 });
  });

  it('a state: a route by the endpoint id the firewall reports for one of its zones', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_subnet.fw', values: { id: 'subnet-fw', availability_zone: 'eu-west-1a' } },
        {
          address: 'aws_networkfirewall_firewall.egress',
          values: { id: 'arn:aws:network-firewall:eu-west-1:111122223333:firewall/egress', subnet_mapping: [{ subnet_id: 'subnet-fw' }], firewall_status: [{ sync_states: [{ availability_zone: 'eu-west-1a', attachment: [{ endpoint_id: 'vpce-0fw1', subnet_id: 'subnet-fw' }] }] }] },
        },
        { address: 'aws_route_table.private', values: { id: 'rtb-1', route: [{ cidr_block: '0.0.0.0/0', vpc_endpoint_id: 'vpce-0fw1' }] } },
        { address: 'aws_route_table.other', values: { id: 'rtb-2', route: [{ cidr_block: '0.0.0.0/0', vpc_endpoint_id: 'vpce-0gwlb' }] } },
      ]),
    );
    expect(edgesOut(m, 'aws_route_table.private', 'routes-to')).toEqual(['aws_networkfirewall_firewall.egress via route.vpc_endpoint_id 0.0.0.0/0']);
    expect(edgesOut(m, 'aws_route_table.other', 'routes-to')).toEqual([]);
    expect(entityIn(m, 'aws_networkfirewall_firewall.egress', 'gateway').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a'] });
  });
});
