import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100).
const resources: readonly PlanResource[] = [
  { address: 'aws_security_group.app', values: { name: 'app' }, unknown: { id: true }, expressions: { name: { constant_value: 'app' } } },
  { address: 'aws_launch_template.app', values: {}, unknown: { id: true, name: true, vpc_security_group_ids: true }, expressions: { vpc_security_group_ids: ref('aws_security_group.app') } },
  {
    address: 'aws_launch_configuration.legacy',
    values: { associate_public_ip_address: true },
    unknown: { name: true, security_groups: true },
    expressions: { associate_public_ip_address: { constant_value: true }, security_groups: ref('aws_security_group.app') },
  },
  { address: 'aws_lb_target_group.app', values: { port: 8080, protocol: 'HTTP' }, unknown: { arn: true, id: true }, expressions: { port: { constant_value: 8080 } } },
  {
    address: 'aws_elb.legacy',
    values: { listener: [{ instance_port: 8080, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http' }] },
    unknown: { availability_zones: true, instances: true, internal: true, name: true, subnets: true },
    expressions: { subnets: { references: ['aws_subnet.private'] } },
  },
  {
    address: 'aws_autoscaling_group.app',
    values: { launch_template: [{ version: '$Latest' }], max_size: 4, min_size: 2 },
    unknown: { availability_zones: true, desired_capacity: true, launch_template: [{ id: true, name: true }], target_group_arns: true, vpc_zone_identifier: true },
    expressions: {
      launch_template: [{ id: ref('aws_launch_template.app'), version: { constant_value: '$Latest' } }],
      max_size: { constant_value: 4 },
      min_size: { constant_value: 2 },
      target_group_arns: { references: ['aws_lb_target_group.app.arn', 'aws_lb_target_group.app'] },
      vpc_zone_identifier: { references: ['aws_subnet.private'] },
    },
  },
  {
    address: 'aws_autoscaling_group.legacy',
    values: { availability_zones: ['us-east-1a'], desired_capacity: 1, max_size: 1, min_size: 1 },
    unknown: { availability_zones: [false], launch_configuration: true, load_balancers: true, vpc_zone_identifier: true },
    expressions: {
      availability_zones: { constant_value: ['us-east-1a'] },
      desired_capacity: { constant_value: 1 },
      launch_configuration: { references: ['aws_launch_configuration.legacy.name', 'aws_launch_configuration.legacy'] },
      load_balancers: { references: ['aws_elb.legacy.name', 'aws_elb.legacy'] },
      max_size: { constant_value: 1 },
      min_size: { constant_value: 1 },
    },
  },
  {
    address: 'aws_autoscaling_attachment.app',
    values: {},
    unknown: { autoscaling_group_name: true, id: true, lb_target_group_arn: true },
    expressions: { autoscaling_group_name: ref('aws_autoscaling_group.legacy'), lb_target_group_arn: { references: ['aws_lb_target_group.app.arn', 'aws_lb_target_group.app'] } },
  },
];
const plan = awsModel(awsPlan([...vpcPlan, ...resources]));

describe('aws_autoscaling_group', () => {
  it('capacity range; desired left out starts at the minimum (a default)', () => {
    const g = entityIn(plan, 'aws_autoscaling_group.app', 'host');
    expect(g.role).toBe('group');
    expect(g.replicas).toEqual({ min: { state: 'set', value: 2 }, desired: { state: 'default', value: 2 }, max: { state: 'set', value: 4 } });
    expect(entityIn(plan, 'aws_autoscaling_group.legacy', 'host').replicas.max).toEqual({ state: 'set', value: 1 });
  });

  it('zones of its subnets (vpc_zone_identifier, every instance of a [*] reference)', () => {
    const g = entityIn(plan, 'aws_autoscaling_group.app', 'host');
    expect(g.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(edgesOut(plan, g.id, 'in-subnet')).toEqual(['aws_subnet.private[0] via vpc_zone_identifier', 'aws_subnet.private[1] via vpc_zone_identifier']);
  });

  it('launch template: its groups protect the group; no public address setting, so the private subnets decide', () => {
    expect(edgesOut(plan, 'aws_autoscaling_group.app', 'protected-by')).toEqual(['aws_security_group.app via aws_launch_template.app']);
    expect(entityIn(plan, 'aws_autoscaling_group.app', 'host').publicIp).toEqual({ state: 'default', value: false });
  });

  it('launch configuration: its groups and its written public address; availability_zones in a default VPC', () => {
    const g = entityIn(plan, 'aws_autoscaling_group.legacy', 'host');
    expect(edgesOut(plan, g.id, 'protected-by')).toEqual(['aws_security_group.app via aws_launch_configuration.legacy']);
    expect(g.publicIp).toEqual({ state: 'set', value: true });
    expect(g.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
  });

  it('target groups, classic ELBs by name, and attachments send it traffic', () => {
    expect(edgesIn(plan, 'aws_autoscaling_group.app', 'targets')).toEqual(['aws_lb_target_group.app via target_group_arns']);
    expect(edgesIn(plan, 'aws_autoscaling_group.legacy', 'targets')).toEqual([
      'aws_elb.legacy#backends via load_balancers',
      'aws_lb_target_group.app via aws_autoscaling_attachment.app',
    ]);
  });

  it('desired_capacity written but known only after apply is unknown; a state knows it', () => {
    const m = awsModel(awsPlan([{ address: 'aws_autoscaling_group.x', values: { min_size: 1, max_size: 3 }, unknown: { desired_capacity: true }, expressions: { desired_capacity: { references: ['var.desired'] } } }]));
    expect(entityIn(m, 'aws_autoscaling_group.x', 'host').replicas.desired).toEqual({ state: 'unknown', assumed: 1 });
    expect(entityIn(m, 'aws_autoscaling_group.x', 'host').placement.zones).toEqual({ state: 'unknown' });
    const s = awsModel(awsState([{ address: 'aws_autoscaling_group.x', values: { min_size: 1, max_size: 3, desired_capacity: 2, availability_zones: ['us-east-1a', 'us-east-1c'], vpc_zone_identifier: [] } }]));
    expect(entityIn(s, 'aws_autoscaling_group.x', 'host').replicas.desired).toEqual({ state: 'set', value: 2 });
  });

  it('terracost (1.5): a mixed instances policy names its template by name', () => {
    const m = modelOfFile(corpusFile('terracost/aws-asg-launch-config-template-modules-tf1.5.1.json'));
    const mixed = entityIn(m, 'module.magento.aws_autoscaling_group.mixed', 'host');
    expect(mixed.replicas).toEqual({ min: { state: 'set', value: 2 }, desired: { state: 'set', value: 3 }, max: { state: 'set', value: 15 } });
    expect(entityIn(m, 'module.magento.aws_autoscaling_group.lc', 'host').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a'] });
  });

  it('juice-shop (1.2): EKS workers over three private subnets, groups from their launch configurations', () => {
    const m = modelOfFile(corpusFile('juice-shop/aws-eks-vpc-3az-asg-sgs-tf1.2.4.json'));
    const g = entityIn(m, 'module.includes.module.eks.aws_autoscaling_group.workers[0]', 'host');
    expect(g.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b', 'us-east-1/us-east-1c'] });
    expect(edgesOut(m, g.id, 'protected-by')).toEqual([
      'module.includes.module.eks.aws_security_group.workers[0] via module.includes.module.eks.aws_launch_configuration.workers[0]',
      'module.sg.aws_security_group.worker_group_mgmt_one via module.includes.module.eks.aws_launch_configuration.workers[0]',
    ]);
  });
});
