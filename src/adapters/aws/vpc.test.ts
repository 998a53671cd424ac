import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

const plan = awsModel(awsPlan(vpcPlan));

describe('aws_vpc', () => {
  it('a network over its range; the region comes from the ARN once known', () => {
    expect(entityIn(plan, 'aws_vpc.main', 'network')).toMatchObject({ cidrs: ['10.0.0.0/16'], region: undefined });
    const state = awsModel(awsState([{ address: 'aws_vpc.main', values: { id: 'vpc-1', arn: 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1', cidr_block: '10.1.0.0/16', ipv6_cidr_block: '' } }]));
    expect(entityIn(state, 'aws_vpc.main', 'network')).toMatchObject({ cidrs: ['10.1.0.0/16'], region: 'eu-west-1' });
  });
});

describe('aws_subnet', () => {
  it('one zone, linked to its VPC before apply', () => {
    const s = entityIn(plan, 'aws_subnet.public', 'subnet');
    expect(s.placement).toEqual({ region: 'us-east-1', zones: { state: 'set', value: ['us-east-1/us-east-1a'] }, zoneRedundant: { state: 'set', value: false } });
    expect(s.cidrs).toEqual(['10.0.0.0/24']);
    expect(edgesOut(plan, s.id, 'in-network')).toEqual(['aws_vpc.main via vpc_id']);
  });

  it('map_public_ip_on_launch: written true is a fact; left out, the plan spells false but it is the default', () => {
    expect(entityIn(plan, 'aws_subnet.public', 'subnet').assignsPublicIp).toEqual({ state: 'set', value: true });
    expect(entityIn(plan, 'aws_subnet.private[0]', 'subnet').assignsPublicIp).toEqual({ state: 'default', value: false });
  });

  it('a zone AWS picks is unpinned; a zone written but known only after apply is unknown', () => {
    const m = awsModel(
      awsPlan([
        { address: 'aws_subnet.picked', values: { cidr_block: '10.0.1.0/24' }, unknown: { availability_zone: true, availability_zone_id: true, id: true }, expressions: { cidr_block: { constant_value: '10.0.1.0/24' } } },
        { address: 'aws_subnet.later', values: {}, unknown: { availability_zone: true, availability_zone_id: true, id: true }, expressions: { availability_zone: { references: ['data.aws_availability_zones.all.names[0]', 'data.aws_availability_zones.all'] } } },
      ]),
    );
    expect(entityIn(m, 'aws_subnet.picked', 'subnet').placement.zones).toEqual({ state: 'default', value: [] });
    expect(entityIn(m, 'aws_subnet.later', 'subnet').placement.zones).toEqual({ state: 'unknown' });
  });

  it('aws_default_subnet hands out public addresses by default and belongs to the default VPC', () => {
    const m = awsModel(
      awsPlan([
        { address: 'aws_default_vpc.default', values: {}, unknown: { cidr_block: true, id: true } },
        { address: 'aws_default_subnet.a', values: { availability_zone: 'us-east-1a', map_public_ip_on_launch: true }, unknown: { cidr_block: true, id: true, vpc_id: true }, expressions: { availability_zone: { constant_value: 'us-east-1a' } } },
      ]),
    );
    expect(entityIn(m, 'aws_default_subnet.a', 'subnet').assignsPublicIp).toEqual({ state: 'default', value: true });
    expect(edgesOut(m, 'aws_default_subnet.a', 'in-network')).toEqual(['aws_default_vpc.default via vpc_id']);
    expect(entityIn(m, 'aws_default_vpc.default', 'network').cidrs).toEqual([]);
  });

  it('a state links by ids, and an AZ id serves as the zone', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1', cidr_block: '10.0.0.0/16' } },
        { address: 'aws_subnet.a', values: { id: 'subnet-1', vpc_id: 'vpc-1', availability_zone: '', availability_zone_id: 'use1-az6', map_public_ip_on_launch: false } },
        { address: 'aws_subnet.stray', values: { id: 'subnet-2', vpc_id: 'vpc-elsewhere', availability_zone: 'us-east-1b' } },
      ]),
    );
    expect(entityIn(m, 'aws_subnet.a', 'subnet').placement.zones).toEqual({ state: 'set', value: ['use1-az6'] });
    expect(entityIn(m, 'aws_subnet.a', 'subnet').assignsPublicIp).toEqual({ state: 'set', value: false });
    expect(edgesOut(m, 'aws_subnet.a', 'in-network')).toEqual(['aws_vpc.main via vpc_id']);
    expect(edgesOut(m, 'aws_subnet.stray', 'in-network')).toEqual([]);
  });

  it('terraform-aws-modules/vpc (0.12): vpc_id through a local the plan does not record is the module\'s one VPC', () => {
    const m = modelOfFile(corpusFile('terraform-compliance/aws-vpc-3az-nat-gateways-module-tf0.12.8.json'));
    expect(edgesOut(m, 'module.vpc.aws_subnet.private[2]', 'in-network')).toEqual(['module.vpc.aws_vpc.this[0] via vpc_id']);
    expect(entityIn(m, 'module.vpc.aws_subnet.private[2]', 'subnet').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1c'] });
  });
});
