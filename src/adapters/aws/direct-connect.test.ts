import { describe, expect, it } from 'vitest';
import { awsModel, awsState } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn } from '../../../test/support/aws-network.js';
import { modelOfFile } from '../../../test/support/plans.js';

// A real plan (terraform 1.11, aws 5.100): fixtures/aws/direct-connect/main.tf.
const plan = modelOfFile('fixtures/aws/direct-connect/plan.json');

describe('aws_dx_connection, aws_dx_lag', () => {
  it('one dedicated path each, at its Direct Connect location', () => {
    for (const id of ['aws_dx_connection.corp["primary"]', 'aws_dx_connection.corp["secondary"]', 'aws_dx_lag.lab', 'aws_dx_connection.shared']) {
      const link = entityIn(plan, id, 'gateway');
      expect(link.gatewayKind).toBe('interconnect');
      expect(link.paths).toEqual({ state: 'set', value: 1 });
    }
    expect(entityIn(plan, 'aws_dx_connection.corp["primary"]', 'gateway').peers).toEqual(['EqLD5']);
    expect(entityIn(plan, 'aws_dx_connection.prod[1]', 'gateway').peers).toEqual(['TCSH']);
  });

  it('serves the VPN gateway a private interface names, and its VPC', () => {
    expect(edgesOut(plan, 'aws_dx_connection.prod[0]', 'serves')).toEqual([
      'aws_vpc.prod via aws_dx_private_virtual_interface.prod[0]',
      'aws_vpn_gateway.prod via aws_dx_private_virtual_interface.prod[0]',
    ]);
  });

  it('serves, through a Direct Connect gateway, the VPN or transit gateways associated with it and their VPCs', () => {
    expect(edgesOut(plan, 'aws_dx_connection.corp["secondary"]', 'serves')).toEqual([
      'aws_vpc.corp via aws_dx_private_virtual_interface.corp["secondary"]',
      'aws_vpn_gateway.corp via aws_dx_private_virtual_interface.corp["secondary"]',
    ]);
    expect(edgesOut(plan, 'aws_dx_connection.shared', 'serves')).toEqual([
      'aws_ec2_transit_gateway.hub via aws_dx_transit_virtual_interface.shared',
      'aws_vpc.shared via aws_dx_transit_virtual_interface.shared',
    ]);
  });

  it('a connection in a LAG is the LAG: no entity of its own; the LAG serves what its interfaces reach', () => {
    expect(plan.entities.has('aws_dx_connection.lab[0]')).toBe(false);
    expect(plan.entities.has('aws_dx_connection.lab[1]')).toBe(false);
    expect(edgesOut(plan, 'aws_dx_lag.lab', 'serves')).toEqual(['aws_vpc.lab via aws_dx_private_virtual_interface.lab', 'aws_vpn_gateway.lab via aws_dx_private_virtual_interface.lab']);
  });

  it("a partner's hosted interface accepted here stands for the connection the plan does not hold: one path, site unknown", () => {
    const accepted = entityIn(plan, 'aws_dx_hosted_private_virtual_interface_accepter.partner', 'gateway');
    expect(accepted).toMatchObject({ gatewayKind: 'interconnect', paths: { state: 'set', value: 1 } });
    expect(accepted.peers).toBeUndefined();
    expect(edgesOut(plan, accepted.id, 'serves')).toEqual([
      'aws_vpc.partner via aws_dx_hosted_private_virtual_interface_accepter.partner',
      'aws_vpn_gateway.partner via aws_dx_hosted_private_virtual_interface_accepter.partner',
    ]);
  });

  it('a state holding both sides: the connection stands for the hosted interface and serves what its accepter reaches', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1' } },
        { address: 'aws_vpn_gateway.main', values: { id: 'vgw-1', vpc_id: 'vpc-1' } },
        { address: 'aws_dx_connection.owned', values: { id: 'dxcon-1', location: 'EqDC2' } },
        { address: 'aws_dx_hosted_private_virtual_interface.tenant', values: { id: 'dxvif-1', connection_id: 'dxcon-1' } },
        { address: 'aws_dx_hosted_private_virtual_interface_accepter.tenant', values: { id: 'dxvif-1', virtual_interface_id: 'dxvif-1', vpn_gateway_id: 'vgw-1' } },
      ]),
    );
    expect(m.entities.has('aws_dx_hosted_private_virtual_interface_accepter.tenant')).toBe(false);
    expect(edgesOut(m, 'aws_dx_connection.owned', 'serves')).toEqual([
      'aws_vpc.main via aws_dx_hosted_private_virtual_interface.tenant',
      'aws_vpn_gateway.main via aws_dx_hosted_private_virtual_interface.tenant',
    ]);
  });

  it('interfaces, Direct Connect gateways, associations and memberships are consumed, not unmodelled', () => {
    expect(plan.unmodelled).toEqual({});
  });

  it('a state, by ids: a LAG member by its association, interfaces by connection_id, a location left out', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1' } },
        { address: 'aws_vpn_gateway.main', values: { id: 'vgw-1', vpc_id: 'vpc-1' } },
        { address: 'aws_dx_lag.main', values: { id: 'dxlag-1', location: 'EqDC2' } },
        { address: 'aws_dx_connection.member', values: { id: 'dxcon-1', location: 'EqDC2' } },
        { address: 'aws_dx_connection_association.member', values: { id: 'dxcon-1', connection_id: 'dxcon-1', lag_id: 'dxlag-1' } },
        { address: 'aws_dx_connection.other', values: { id: 'dxcon-2' } },
        { address: 'aws_dx_private_virtual_interface.main', values: { id: 'dxvif-1', connection_id: 'dxlag-1', vpn_gateway_id: 'vgw-1' } },
      ]),
    );
    expect(m.entities.has('aws_dx_connection.member')).toBe(false);
    expect(edgesOut(m, 'aws_dx_lag.main', 'serves')).toEqual(['aws_vpc.main via aws_dx_private_virtual_interface.main', 'aws_vpn_gateway.main via aws_dx_private_virtual_interface.main']);
    const other = entityIn(m, 'aws_dx_connection.other', 'gateway');
    expect(other.peers).toBeUndefined();
    expect(edgesOut(m, other.id, 'serves')).toEqual([]);
  });
});
