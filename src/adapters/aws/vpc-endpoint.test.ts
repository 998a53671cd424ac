import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { awsModel, awsState } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn } from '../../../test/support/aws-network.js';
import { modelOfFile } from '../../../test/support/plans.js';

// A real plan (terraform 1.11, aws 5.100): fixtures/aws/interface-endpoints/main.tf.
const plan = modelOfFile('fixtures/aws/interface-endpoints/plan.json');

describe('aws_vpc_endpoint', () => {
  it('must fire once on the block of endpoints in one zone; stays quiet on the endpoint in every zone and on the gateway endpoint', () => {
    const found = check(plan, 'plan.json').filter((f) => f.resources.some((r) => r.startsWith('aws_vpc_endpoint.')));
    expect(found.map((f) => [f.rule, f.resources[0]])).toEqual([['spof', 'aws_vpc_endpoint.service["ecr.api"]']]);
    expect(found[0]!.message).toContain('3 interface endpoints of aws_vpc_endpoint.service (ecr.api, ecr.dkr and logs) have their interfaces in eu-west-1a only');
    expect(found[0]!.resources).toEqual(expect.arrayContaining(['aws_vpc_endpoint.service["ecr.dkr"]', 'aws_vpc_endpoint.service["logs"]', 'aws_autoscaling_group.app']));
  });

  it('an interface endpoint: in the zones of its subnets, serving its VPC, with the service as its far end', () => {
    const ecr = entityIn(plan, 'aws_vpc_endpoint.service["ecr.api"]', 'gateway');
    expect(ecr).toMatchObject({ gatewayKind: 'endpoint', peers: ['com.amazonaws.eu-west-1.ecr.api'] });
    expect(ecr.placement).toEqual({ region: 'eu-west-1', zones: { state: 'set', value: ['eu-west-1/eu-west-1a'] }, zoneRedundant: { state: 'set', value: false } });
    expect(edgesOut(plan, ecr.id, 'serves')).toEqual(['aws_vpc.main via vpc_id']);
    const sts = entityIn(plan, 'aws_vpc_endpoint.sts', 'gateway');
    expect(sts.placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a', 'eu-west-1/eu-west-1b', 'eu-west-1/eu-west-1c'] });
    expect(sts.placement.zoneRedundant).toEqual({ state: 'set', value: true });
  });

  it('a gateway endpoint (the default type) is not modelled, and its security group still counts as used privately', () => {
    expect(plan.entities.has('aws_vpc_endpoint.s3')).toBe(false);
    expect(entityIn(plan, 'aws_security_group.endpoints', 'firewall-policy').usedPrivately).toContain('aws_vpc_endpoint.sts');
  });

  it('a state: subnets added by aws_vpc_endpoint_subnet_association count; subnets outside the plan leave the zones unknown; no private DNS, no model', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1' } },
        { address: 'aws_subnet.a', values: { id: 'subnet-a', vpc_id: 'vpc-1', availability_zone: 'eu-west-1a' } },
        { address: 'aws_subnet.b', values: { id: 'subnet-b', vpc_id: 'vpc-1', availability_zone: 'eu-west-1b' } },
        { address: 'aws_vpc_endpoint.kms', values: { id: 'vpce-kms', vpc_id: 'vpc-1', vpc_endpoint_type: 'Interface', private_dns_enabled: true, service_name: 'com.amazonaws.eu-west-1.kms', subnet_ids: ['subnet-a'] } },
        { address: 'aws_vpc_endpoint.named', values: { id: 'vpce-named', vpc_id: 'vpc-1', vpc_endpoint_type: 'Interface', private_dns_enabled: false, service_name: 'com.amazonaws.eu-west-1.sqs', subnet_ids: ['subnet-a'] } },
        { address: 'aws_vpc_endpoint_subnet_association.kms_b', values: { id: 'a-1', vpc_endpoint_id: 'vpce-kms', subnet_id: 'subnet-b' } },
        { address: 'aws_vpc_endpoint.elsewhere', values: { id: 'vpce-x', vpc_id: 'vpc-1', vpc_endpoint_type: 'Interface', private_dns_enabled: true, service_name: 'com.amazonaws.eu-west-1.sqs', subnet_ids: ['subnet-not-here'] } },
      ]),
    );
    expect(entityIn(m, 'aws_vpc_endpoint.kms', 'gateway').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a', 'eu-west-1/eu-west-1b'] });
    expect(entityIn(m, 'aws_vpc_endpoint.elsewhere', 'gateway').placement.zones).toEqual({ state: 'unknown' });
    // Without private DNS only the clients that name the endpoint use it: nothing the plan shows depends on it.
    expect(m.entities.has('aws_vpc_endpoint.named')).toBe(false);
    expect(m.unmodelled).toEqual({});
  });
});
