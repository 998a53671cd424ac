import { describe, expect, it } from 'vitest';
import { awsModel, awsModelOfFile, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100). The inline routes' targets are unknown per route, while the
// configuration records the references of the whole `route` attribute together.
const routes: readonly PlanResource[] = [
  { address: 'aws_egress_only_internet_gateway.main', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.main') } },
  { address: 'aws_nat_gateway.main', values: { connectivity_type: 'public' }, unknown: { id: true, subnet_id: true }, expressions: { subnet_id: ref('aws_subnet.public') } },
  { address: 'aws_vpn_gateway.main', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.main') } },
  {
    address: 'aws_route_table.public',
    values: { route: [{ ipv6_cidr_block: '::/0' }, { cidr_block: '0.0.0.0/0' }] },
    unknown: { id: true, route: [{ egress_only_gateway_id: true }, { gateway_id: true }], vpc_id: true },
    expressions: { route: { references: [...ref('aws_internet_gateway.main').references, ...ref('aws_egress_only_internet_gateway.main').references] }, vpc_id: ref('aws_vpc.main') },
  },
  { address: 'aws_route_table.private', values: {}, unknown: { id: true, route: true, vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.main') } },
  {
    address: 'aws_route.private_nat',
    values: { destination_cidr_block: '0.0.0.0/0' },
    unknown: { nat_gateway_id: true, route_table_id: true },
    expressions: { destination_cidr_block: { constant_value: '0.0.0.0/0' }, nat_gateway_id: ref('aws_nat_gateway.main'), route_table_id: ref('aws_route_table.private') },
  },
  {
    address: 'aws_route.main_vpn',
    values: { destination_cidr_block: '192.168.0.0/16' },
    unknown: { gateway_id: true, route_table_id: true },
    expressions: { destination_cidr_block: { constant_value: '192.168.0.0/16' }, gateway_id: ref('aws_vpn_gateway.main'), route_table_id: { references: ['aws_vpc.main.main_route_table_id', 'aws_vpc.main'] } },
  },
  { address: 'aws_route_table_association.public', values: {}, unknown: { route_table_id: true, subnet_id: true }, expressions: { route_table_id: ref('aws_route_table.public'), subnet_id: ref('aws_subnet.public') } },
  { address: 'aws_route_table_association.private[0]', values: {}, unknown: { route_table_id: true, subnet_id: true }, expressions: { route_table_id: ref('aws_route_table.private'), subnet_id: { references: ['aws_subnet.private', 'count.index'] } } },
  { address: 'aws_route_table_association.private[1]', values: {}, unknown: { route_table_id: true, subnet_id: true } },
];
const plan = awsModel(awsPlan([...vpcPlan, ...routes]));

describe('aws_route_table (inline routes)', () => {
  it('before apply: each unknown target is matched to the reference of its kind, with its destination', () => {
    expect(entityIn(plan, 'aws_route_table.public', 'route-table').isDefault).toBe(false);
    expect(edgesOut(plan, 'aws_route_table.public', 'routes-to')).toEqual([
      'aws_egress_only_internet_gateway.main via route.egress_only_gateway_id ::/0',
      'aws_internet_gateway.main via route.gateway_id 0.0.0.0/0',
    ]);
    expect(edgesOut(plan, 'aws_route_table.public', 'in-network')).toEqual(['aws_vpc.main via vpc_id']);
  });

  it('a state: targets by id; the local route leads nowhere', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1', default_route_table_id: 'rtb-main' } },
        { address: 'aws_internet_gateway.main', values: { id: 'igw-1', vpc_id: 'vpc-1' } },
        { address: 'aws_nat_gateway.a', values: { id: 'nat-1' } },
        { address: 'aws_route_table.rt', values: { id: 'rtb-1', vpc_id: 'vpc-1', route: [{ cidr_block: '10.0.0.0/16', gateway_id: 'local', nat_gateway_id: '' }, { cidr_block: '0.0.0.0/0', gateway_id: '', nat_gateway_id: 'nat-1' }] } },
        { address: 'aws_default_route_table.main', values: { id: 'rtb-main', default_route_table_id: 'rtb-main', vpc_id: 'vpc-1', route: [{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' }] } },
      ]),
    );
    expect(edgesOut(m, 'aws_route_table.rt', 'routes-to')).toEqual(['aws_nat_gateway.a via route.nat_gateway_id 0.0.0.0/0']);
    expect(entityIn(m, 'aws_default_route_table.main', 'route-table').isDefault).toBe(true);
    expect(edgesOut(m, 'aws_default_route_table.main', 'in-network')).toEqual(['aws_vpc.main via vpc_id']);
    expect(edgesOut(m, 'aws_default_route_table.main', 'routes-to')).toEqual(['aws_internet_gateway.main via route.gateway_id 0.0.0.0/0']);
  });

  it('terraform-compliance (0.12, no references inside `route`): the VPC\'s one internet gateway', () => {
    const m = awsModelOfFile(corpusFile('terraform-compliance/aws-alb-listeners-4-subnets-sg-tf0.12.10.json'));
    expect(edgesOut(m, 'aws_route_table.test-pub-rtb', 'routes-to')).toEqual(['aws_internet_gateway.test-igw via route.gateway_id 0.0.0.0/0']);
  });

  it('well-built fixture (for_each): each zone\'s table routes to its own NAT gateway only', () => {
    const m = awsModelOfFile(new URL('../../../fixtures/aws/well-built/plan.json', import.meta.url).pathname);
    for (const zone of ['a', 'b', 'c']) {
      expect(edgesOut(m, `aws_route_table.private["${zone}"]`, 'routes-to')).toEqual([`aws_nat_gateway.zonal["${zone}"] via route.nat_gateway_id 0.0.0.0/0`]);
    }
  });
});

describe('aws_route', () => {
  it('a route in a table, labelled with its address and destination', () => {
    expect(edgesOut(plan, 'aws_route_table.private', 'routes-to')).toEqual(['aws_nat_gateway.main via aws_route.private_nat 0.0.0.0/0']);
  });

  it('a route into the VPC\'s main table (main_route_table_id) goes to a stand-in for the table AWS made', () => {
    const main = entityIn(plan, 'aws_vpc.main#main_route_table', 'route-table');
    expect(main.isDefault).toBe(true);
    expect(edgesOut(plan, main.id, 'in-network')).toEqual(['aws_vpc.main via main_route_table_id']);
    expect(edgesOut(plan, main.id, 'routes-to')).toEqual(['aws_vpn_gateway.main via aws_route.main_vpn 192.168.0.0/16']);
  });

  it('a route to a network interface goes to the instance it is attached to', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_route_table.rt', values: { id: 'rtb-1' } },
        { address: 'aws_instance.nat', values: { id: 'i-1' } },
        { address: 'aws_network_interface.nat', values: { id: 'eni-1', attachment: [{ instance: 'i-1', device_index: 0 }] } },
        { address: 'aws_route.out', values: { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', network_interface_id: 'eni-1' } },
      ]),
    );
    expect(edgesOut(m, 'aws_route_table.rt', 'routes-to')).toEqual(['aws_instance.nat via aws_route.out 0.0.0.0/0']);
  });

  it("a NAT instance by its primary interface: the instance (before apply by reference, in a state by the interface's id)", () => {
    const m = awsModelOfFile('fixtures/aws/nat-instance/plan.json');
    expect(edgesOut(m, 'aws_route_table.private', 'routes-to')).toEqual(['aws_instance.nat via route.network_interface_id 0.0.0.0/0']);
    const state = awsModel(
      awsState([
        { address: 'aws_instance.nat', values: { id: 'i-1', primary_network_interface_id: 'eni-1' } },
        { address: 'aws_route_table.rt', values: { id: 'rtb-1', route: [{ cidr_block: '0.0.0.0/0', network_interface_id: 'eni-1' }] } },
        { address: 'aws_route_table.other', values: { id: 'rtb-2' } },
        { address: 'aws_route.out', values: { route_table_id: 'rtb-2', destination_cidr_block: '0.0.0.0/0', network_interface_id: 'eni-1' } },
      ]),
    );
    expect(edgesOut(state, 'aws_route_table.rt', 'routes-to')).toEqual(['aws_instance.nat via route.network_interface_id 0.0.0.0/0']);
    expect(edgesOut(state, 'aws_route_table.other', 'routes-to')).toEqual(['aws_instance.nat via aws_route.out 0.0.0.0/0']);
  });
});

describe('route table associations', () => {
  it('subnets use their tables; with count, association [i] is subnet [i]', () => {
    expect(edgesIn(plan, 'aws_route_table.private', 'uses-route-table')).toEqual([
      'aws_subnet.private[0] via aws_route_table_association.private[0]',
      'aws_subnet.private[1] via aws_route_table_association.private[1]',
    ]);
    expect(edgesOut(plan, 'aws_subnet.public', 'uses-route-table')).toEqual(['aws_route_table.public via aws_route_table_association.public']);
  });

  it('aws_main_route_table_association makes a table the default one of its VPC', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1' } },
        { address: 'aws_route_table.custom', values: { id: 'rtb-1', vpc_id: 'vpc-1' } },
        { address: 'aws_route_table.other', values: { id: 'rtb-2', vpc_id: 'vpc-1' } },
        { address: 'aws_main_route_table_association.main', values: { id: 'rtbassoc-1', route_table_id: 'rtb-1', vpc_id: 'vpc-1' } },
      ]),
    );
    expect(entityIn(m, 'aws_route_table.custom', 'route-table').isDefault).toBe(true);
    expect(entityIn(m, 'aws_route_table.other', 'route-table').isDefault).toBe(false);
    expect(edgesOut(m, 'aws_route_table.custom', 'in-network')).toEqual(['aws_vpc.main via aws_main_route_table_association.main', 'aws_vpc.main via vpc_id']);
  });
});
