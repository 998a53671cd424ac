import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100).
const vpn: readonly PlanResource[] = [
  { address: 'aws_vpn_gateway.main', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.main') } },
  { address: 'aws_customer_gateway.office', values: { ip_address: '203.0.113.10', type: 'ipsec.1' }, unknown: { id: true }, expressions: { ip_address: { constant_value: '203.0.113.10' }, type: { constant_value: 'ipsec.1' } } },
  {
    address: 'aws_vpn_connection.office',
    values: { type: 'ipsec.1', static_routes_only: true },
    unknown: { customer_gateway_id: true, vpn_gateway_id: true, tunnel1_address: true, tunnel2_address: true },
    expressions: { customer_gateway_id: ref('aws_customer_gateway.office'), type: { constant_value: 'ipsec.1' }, vpn_gateway_id: ref('aws_vpn_gateway.main') },
  },
  { address: 'aws_ec2_transit_gateway.hub', values: {}, unknown: { id: true } },
  {
    address: 'aws_ec2_transit_gateway_vpc_attachment.main',
    values: {},
    unknown: { subnet_ids: true, transit_gateway_id: true, vpc_id: true },
    expressions: { subnet_ids: { references: ['aws_subnet.private'] }, transit_gateway_id: ref('aws_ec2_transit_gateway.hub'), vpc_id: ref('aws_vpc.main') },
  },
];
const plan = awsModel(awsPlan([...vpcPlan, ...vpn]));

describe('aws_vpn_gateway, aws_ec2_transit_gateway', () => {
  it('AWS-redundant hubs that serve their VPCs (own vpc_id, or an attachment)', () => {
    for (const id of ['aws_vpn_gateway.main', 'aws_ec2_transit_gateway.hub']) {
      const hub = entityIn(plan, id, 'gateway');
      expect(hub.gatewayKind).toBe('transit');
      expect(hub.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    }
    expect(edgesOut(plan, 'aws_vpn_gateway.main', 'serves')).toEqual(['aws_vpc.main via vpc_id']);
    expect(edgesOut(plan, 'aws_ec2_transit_gateway.hub', 'serves')).toEqual(['aws_vpc.main via aws_ec2_transit_gateway_vpc_attachment.main']);
  });

  it('aws_vpn_gateway_attachment: a state, by ids', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1' } },
        { address: 'aws_vpn_gateway.main', values: { id: 'vgw-1', vpc_id: '' } },
        { address: 'aws_vpn_gateway_attachment.main', values: { id: 'vpc-attachment-1', vpc_id: 'vpc-1', vpn_gateway_id: 'vgw-1' } },
      ]),
    );
    expect(edgesOut(m, 'aws_vpn_gateway.main', 'serves')).toEqual(['aws_vpc.main via aws_vpn_gateway_attachment.main']);
    expect(m.unmodelled).not.toHaveProperty('aws_vpn_gateway_attachment');
  });
});

describe('aws_vpn_connection', () => {
  it('one path (two tunnels, one customer gateway), serving its VPN gateway and the VPC behind it', () => {
    const conn = entityIn(plan, 'aws_vpn_connection.office', 'gateway');
    expect(conn.gatewayKind).toBe('vpn');
    expect(conn.paths).toEqual({ state: 'set', value: 1 });
    // The device on the other side: two connections to it are still one path.
    expect(conn.peers).toEqual(['aws_customer_gateway.office']);
    // Its two tunnels already exist: a second path is a second device and a connection to it.
    expect(conn.redundancyKnob?.attribute).toBe('aws_customer_gateway');
    expect(conn.redundancyKnob?.value).toContain('a second `aws_vpn_connection` to it');
    expect(edgesOut(plan, conn.id, 'serves')).toEqual(['aws_vpc.main via vpn_gateway_id', 'aws_vpn_gateway.main via vpn_gateway_id']);
  });

  it('the customer gateway is consumed: no entity, not unmodelled', () => {
    expect(plan.entities.has('aws_customer_gateway.office')).toBe(false);
    expect(plan.unmodelled).toEqual({});
  });

  it('gjkraken (1.11): a VPN on a transit gateway serves the hub', () => {
    const m = modelOfFile(corpusFile('gjkraken/aws-tgw-vpc-endpoints-sgs-awscc-tf1.11.2.json'));
    expect(edgesOut(m, 'aws_vpn_connection.private_ip_vpn', 'serves')).toContain('aws_ec2_transit_gateway.tgw via transit_gateway_id');
    expect(entityIn(m, 'aws_vpn_connection.private_ip_vpn', 'gateway').paths).toEqual({ state: 'set', value: 1 });
  });
});

describe('aws_ec2_transit_gateway_vpc_attachment', () => {
  // A real plan (terraform 1.11, aws 5.100): fixtures/aws/transit-attachment/main.tf.
  const m = modelOfFile('fixtures/aws/transit-attachment/plan.json');

  it("the transit gateway's presence in the VPC: in the zones of its subnets, serving the VPC, a member of the hub", () => {
    const one = entityIn(m, 'aws_ec2_transit_gateway_vpc_attachment.payments', 'gateway');
    expect(one.gatewayKind).toBe('transit');
    expect(one.placement).toEqual({ region: 'eu-west-1', zones: { state: 'set', value: ['eu-west-1/eu-west-1a'] }, zoneRedundant: { state: 'set', value: false } });
    expect(edgesOut(m, one.id, 'serves')).toEqual(['aws_vpc.spoke["payments"] via vpc_id']);
    expect(edgesOut(m, one.id, 'member-of')).toEqual(['aws_ec2_transit_gateway.hub via transit_gateway_id']);
    const all = entityIn(m, 'aws_ec2_transit_gateway_vpc_attachment.orders', 'gateway');
    expect(all.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    // The hub still serves both VPCs through them.
    expect(edgesOut(m, 'aws_ec2_transit_gateway.hub', 'serves')).toEqual([
      'aws_vpc.spoke["orders"] via aws_ec2_transit_gateway_vpc_attachment.orders',
      'aws_vpc.spoke["payments"] via aws_ec2_transit_gateway_vpc_attachment.payments',
    ]);
  });
});

