import { describe, expect, it } from 'vitest';
import { awsModel, awsModelOfFile, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100).
const resources: readonly PlanResource[] = [
  { address: 'aws_security_group.alb', values: { name: 'alb' }, unknown: { id: true } },
  { address: 'aws_lb.web', values: { load_balancer_type: 'application' }, unknown: { arn: true, internal: true, security_groups: true, subnets: true }, expressions: { security_groups: ref('aws_security_group.alb'), subnets: { references: ['aws_subnet.private'] } } },
  {
    address: 'aws_lb.internal',
    values: { internal: true, load_balancer_type: 'network', subnet_mapping: [{}] },
    unknown: { subnet_mapping: [{ allocation_id: true, outpost_id: true, subnet_id: true }] },
    expressions: {
      internal: { constant_value: true },
      load_balancer_type: { constant_value: 'network' },
      subnet_mapping: [{ allocation_id: ref('aws_eip.nlb'), subnet_id: { references: ['aws_subnet.private[0].id', 'aws_subnet.private[0]', 'aws_subnet.private'] } }],
    },
  },
  { address: 'aws_eip.nlb', values: { domain: 'vpc' }, unknown: { id: true } },
  { address: 'aws_instance.web', values: {}, unknown: { id: true, subnet_id: true }, expressions: { subnet_id: ref('aws_subnet.public') } },
  {
    address: 'aws_elb.legacy',
    values: { listener: [{ instance_port: 8080, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http' }, { instance_port: 8080, instance_protocol: 'tcp', lb_port: 443, lb_protocol: 'tcp' }] },
    unknown: { availability_zones: true, instances: true, internal: true, listener: [{}, {}], name: true, subnets: true },
    expressions: { instances: ref('aws_instance.web'), subnets: { references: ['aws_subnet.private'] } },
  },
  { address: 'aws_lb.nowhere', values: { load_balancer_type: 'application' }, unknown: { internal: true, subnets: true } },
];
const plan = awsModel(awsPlan([...vpcPlan, ...resources]));

describe('aws_lb, aws_alb', () => {
  it('count = var.create ? 1 : 0 keys the load balancer [0], yet `subnets = aws_subnet.private[*].id` means every subnet, not the one of key [0]', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        { address: 'aws_lb.conditional[0]', values: { load_balancer_type: 'application' }, unknown: { arn: true, subnets: true }, expressions: { subnets: { references: ['aws_subnet.private'] } } },
        // `subnet_id = aws_subnet.private[count.index].id` on a counted instance: terraform records `count.index` beside the block.
        { address: 'aws_instance.pinned[1]', values: {}, unknown: { id: true, subnet_id: true }, expressions: { subnet_id: { references: ['aws_subnet.private', 'count.index'] } } },
      ]),
    );
    expect(edgesOut(m, 'aws_lb.conditional[0]', 'in-subnet')).toEqual(['aws_subnet.private[0] via subnets', 'aws_subnet.private[1] via subnets']);
    expect(entityIn(m, 'aws_lb.conditional[0]', 'load-balancer').placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(edgesOut(m, 'aws_instance.pinned[1]', 'in-subnet')).toEqual(['aws_subnet.private[1] via subnet_id']);
  });

  it('application by default; internet-facing unless `internal` (left out: a default); a node per subnet zone', () => {
    const lb = entityIn(plan, 'aws_lb.web', 'load-balancer');
    expect(lb.layer).toBe('application');
    expect(lb.internetFacing).toEqual({ state: 'default', value: true });
    expect(lb.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(lb.replicas.desired).toEqual({ state: 'set', value: 2 });
    expect(edgesOut(plan, lb.id, 'in-subnet')).toEqual(['aws_subnet.private[0] via subnets', 'aws_subnet.private[1] via subnets']);
    expect(edgesOut(plan, lb.id, 'protected-by')).toEqual(['aws_security_group.alb via security_groups']);
  });

  it('an internal network load balancer in one subnet mapping, with its Elastic IP', () => {
    const nlb = entityIn(plan, 'aws_lb.internal', 'load-balancer');
    expect([nlb.layer, nlb.internetFacing]).toEqual(['network', { state: 'set', value: false }]);
    expect(nlb.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
    expect(nlb.replicas.max).toEqual({ state: 'set', value: 1 });
    expect(edgesIn(plan, nlb.id, 'attached-to')).toEqual(['aws_eip.nlb via subnet_mapping.allocation_id']);
  });

  it('no subnets named: zones (and so nodes) unknown, never "one zone"', () => {
    const lb = entityIn(plan, 'aws_lb.nowhere', 'load-balancer');
    expect(lb.placement.zones).toEqual({ state: 'unknown' });
    expect(lb.replicas.min).toEqual({ state: 'unknown' });
  });

  it('infracost (0.12): aws_alb and aws_lb of type network', () => {
    const m = awsModelOfFile(corpusFile('infracost/aws-rds-x4-asg-x3-alb-elb-ecs-tf0.12.28.json'));
    expect(entityIn(m, 'aws_alb.alb1', 'load-balancer').layer).toBe('application');
    expect(entityIn(m, 'aws_lb.nlb1', 'load-balancer').layer).toBe('network');
  });
});

describe('aws_elb', () => {
  it('classic, in its subnets\' zones; inline listeners belong to it and forward to its backends', () => {
    const elb = entityIn(plan, 'aws_elb.legacy', 'load-balancer');
    expect([elb.layer, elb.internetFacing]).toEqual(['classic', { state: 'default', value: true }]);
    expect(elb.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(entityIn(plan, 'aws_elb.legacy#listener[1]', 'listener')).toMatchObject({ port: { state: 'set', value: 443 }, protocol: 'TCP' });
    expect(edgesIn(plan, elb.id, 'member-of')).toEqual(['aws_elb.legacy#listener[0] via listener', 'aws_elb.legacy#listener[1] via listener']);
    expect(edgesOut(plan, 'aws_elb.legacy#listener[0]', 'forwards-to')).toEqual(['aws_elb.legacy#backends via listener']);
  });

  it('its registered instances sit in one pool of its own (a classic ELB has no target group)', () => {
    expect(entityIn(plan, 'aws_elb.legacy#backends', 'target-pool').port).toBe(8080);
    expect(edgesOut(plan, 'aws_elb.legacy', 'forwards-to')).toEqual(['aws_elb.legacy#backends via listener']);
    expect(edgesOut(plan, 'aws_elb.legacy#backends', 'targets')).toEqual(['aws_instance.web via instances']);
  });

  it('availability_zones in a default VPC; aws_elb_attachment registers an instance (a state)', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_elb.a', values: { id: 'a', name: 'a', availability_zones: ['us-west-2a'], subnets: [], internal: false, listener: [] } },
        { address: 'aws_instance.x', values: { id: 'i-1' } },
        { address: 'aws_elb_attachment.x', values: { id: 'a-1', elb: 'a', instance: 'i-1' } },
      ]),
    );
    expect(entityIn(m, 'aws_elb.a', 'load-balancer').placement.zones).toEqual({ state: 'set', value: ['us-west-2/us-west-2a'] });
    expect(entityIn(m, 'aws_elb.a', 'load-balancer').internetFacing).toEqual({ state: 'set', value: true });
    expect(edgesOut(m, 'aws_elb.a#backends', 'targets')).toEqual(['aws_instance.x via aws_elb_attachment.x']);
  });
});
