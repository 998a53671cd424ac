import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100).
const eigw: PlanResource = { address: 'aws_egress_only_internet_gateway.main', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.main') } };
const eip: PlanResource = { address: 'aws_eip.nat', values: { domain: 'vpc' }, unknown: { id: true, allocation_id: true }, expressions: { domain: { constant_value: 'vpc' } } };
const zonal: PlanResource = {
  address: 'aws_nat_gateway.main',
  values: { connectivity_type: 'public' },
  unknown: { allocation_id: true, id: true, subnet_id: true },
  expressions: { allocation_id: ref('aws_eip.nat'), subnet_id: ref('aws_subnet.public') },
};
// Provider 6.x (regional NAT, Nov 2025) is not in the local mirror: written in the same format, with the
// attribute names of its documentation (`availability_mode`, `availability_zone_address`, `vpc_id`).
const regionalAuto: PlanResource = {
  address: 'aws_nat_gateway.regional',
  values: { availability_mode: 'regional', connectivity_type: 'public' },
  unknown: { id: true, vpc_id: true, availability_zone_address: true },
  expressions: { availability_mode: { constant_value: 'regional' }, vpc_id: ref('aws_vpc.main') },
};
const regionalOneZone: PlanResource = {
  address: 'aws_nat_gateway.manual',
  values: { availability_mode: 'regional', availability_zone_address: [{ availability_zone: 'us-east-1a' }] },
  unknown: { id: true, vpc_id: true, availability_zone_address: [{ allocation_ids: true }] },
  expressions: {
    availability_mode: { constant_value: 'regional' },
    availability_zone_address: [{ allocation_ids: { references: ['aws_eip.nat.id', 'aws_eip.nat'] }, availability_zone: { constant_value: 'us-east-1a' } }],
    vpc_id: ref('aws_vpc.main'),
  },
};

const plan = awsModel(awsPlan([...vpcPlan, eigw, eip, zonal, regionalAuto, regionalOneZone]));

describe('aws_internet_gateway, aws_egress_only_internet_gateway', () => {
  it('regional and redundant; each serves its VPC', () => {
    for (const [id, kind] of [['aws_internet_gateway.main', 'internet'], ['aws_egress_only_internet_gateway.main', 'egress-only']] as const) {
      const gw = entityIn(plan, id, 'gateway');
      expect(gw.gatewayKind).toBe(kind);
      expect(gw.placement.zoneRedundant).toEqual({ state: 'set', value: true });
      expect(gw.placement.zones).toEqual({ state: 'default', value: [] });
      expect(edgesOut(plan, id, 'serves')).toEqual([`aws_vpc.main via vpc_id`]);
    }
  });

  it('aws_internet_gateway_attachment attaches a detached gateway', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1' } },
        { address: 'aws_internet_gateway.detached', values: { id: 'igw-1', vpc_id: '' } },
        { address: 'aws_internet_gateway_attachment.main', values: { id: 'igw-1:vpc-1', internet_gateway_id: 'igw-1', vpc_id: 'vpc-1' } },
      ]),
    );
    expect(edgesOut(m, 'aws_internet_gateway.detached', 'serves')).toEqual(['aws_vpc.main via aws_internet_gateway_attachment.main']);
  });
});

describe('aws_nat_gateway', () => {
  it('zonal by default: in the zone of its subnet, which the plan knows before apply', () => {
    const nat = entityIn(plan, 'aws_nat_gateway.main', 'gateway');
    expect(nat.gatewayKind).toBe('nat');
    expect(nat.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
    expect(nat.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    expect(edgesOut(plan, nat.id, 'in-subnet')).toEqual(['aws_subnet.public via subnet_id']);
    expect(edgesIn(plan, nat.id, 'attached-to')).toEqual(['aws_eip.nat via allocation_id']);
  });

  it('regional, automatic mode: spans the VPC\'s zones, pinned to none', () => {
    const nat = entityIn(plan, 'aws_nat_gateway.regional', 'gateway');
    expect(nat.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(nat.placement.zones).toEqual({ state: 'default', value: [] });
    expect(edgesOut(plan, nat.id, 'in-network')).toEqual(['aws_vpc.main via vpc_id']);
    expect(edgesOut(plan, nat.id, 'in-subnet')).toEqual([]);
  });

  it('regional, manual mode in one zone only: not zone-redundant', () => {
    const nat = entityIn(plan, 'aws_nat_gateway.manual', 'gateway');
    expect(nat.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
    expect(nat.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(edgesIn(plan, nat.id, 'attached-to')).toEqual(['aws_eip.nat via availability_zone_address.allocation_ids']);
  });

  it('a subnet outside the plan leaves the zone unknown, never empty', () => {
    const m = awsModel(awsPlan([{ address: 'aws_nat_gateway.x', values: { subnet_id: 'subnet-0abc' }, unknown: { id: true }, expressions: { subnet_id: { constant_value: 'subnet-0abc' } } }]));
    expect(entityIn(m, 'aws_nat_gateway.x', 'gateway').placement.zones).toEqual({ state: 'unknown' });
  });

  it('a state: by ids', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_subnet.a', values: { id: 'subnet-1', availability_zone: 'eu-west-1b' } },
        { address: 'aws_eip.a', values: { id: 'eipalloc-1', allocation_id: 'eipalloc-1' } },
        { address: 'aws_nat_gateway.a', values: { id: 'nat-1', subnet_id: 'subnet-1', allocation_id: 'eipalloc-1', connectivity_type: 'public' } },
      ]),
    );
    expect(entityIn(m, 'aws_nat_gateway.a', 'gateway').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1b'] });
    expect(edgesIn(m, 'aws_nat_gateway.a', 'attached-to')).toEqual(['aws_eip.a via allocation_id']);
  });

  it('one per zone with count: each in its own subnet (the count.index idiom), not in all three', () => {
    const m = modelOfFile(corpusFile('terraform-compliance/aws-vpc-3az-nat-gateways-module-tf0.12.8.json'));
    const zones = [0, 1, 2].map((i) => entityIn(m, `module.vpc.aws_nat_gateway.this[${i}]`, 'gateway').placement.zones);
    expect(zones).toEqual(['a', 'b', 'c'].map((z) => ({ state: 'set', value: [`eu-west-1/eu-west-1${z}`] })));
    expect(edgesOut(m, 'module.vpc.aws_nat_gateway.this[1]', 'in-subnet')).toEqual(['module.vpc.aws_subnet.public[1] via subnet_id']);
  });
});
