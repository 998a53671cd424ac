import { describe, expect, it } from 'vitest';
import type { FirewallRule } from '../../model/index.js';
import { check } from '../../analyze.js';
import { awsModel, awsModelOfFile, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile } from '../../../test/support/plans.js';

const scaling = (min: number, desired: number, max: number) => ({
  values: { scaling_config: [{ desired_size: desired, max_size: max, min_size: min }] },
  expressions: { scaling_config: [{ desired_size: { constant_value: desired }, max_size: { constant_value: max }, min_size: { constant_value: min } }] },
});

// Trimmed from `terraform plan` (1.11, aws 5.100).
const resources: readonly PlanResource[] = [
  { address: 'aws_security_group.ops', values: { name: 'ops' }, unknown: { id: true } },
  { address: 'aws_lb_target_group.api', values: { port: 8081 }, unknown: { arn: true } },
  {
    address: 'aws_ecs_service.api',
    values: { name: 'api', desired_count: 3, launch_type: 'FARGATE', network_configuration: [{ assign_public_ip: false }], scheduling_strategy: 'REPLICA' },
    unknown: { load_balancer: [{ target_group_arn: true }], network_configuration: [{ security_groups: true, subnets: true }] },
    expressions: {
      desired_count: { constant_value: 3 },
      load_balancer: [{ container_name: { constant_value: 'api' }, target_group_arn: { references: ['aws_lb_target_group.api.arn', 'aws_lb_target_group.api'] } }],
      network_configuration: [{ security_groups: ref('aws_security_group.ops'), subnets: { references: ['aws_subnet.private'] } }],
    },
  },
  { address: 'aws_ecs_service.agent', values: { name: 'agent', scheduling_strategy: 'DAEMON' }, expressions: { scheduling_strategy: { constant_value: 'DAEMON' } } },
  { address: 'aws_ecs_service.idle', values: { name: 'idle', scheduling_strategy: 'REPLICA' }, unknown: { cluster: true } },
  {
    address: 'aws_eks_cluster.c',
    values: { name: 'c', vpc_config: [{ endpoint_private_access: false, endpoint_public_access: false }] },
    unknown: { vpc_config: [{ cluster_security_group_id: true, public_access_cidrs: true, security_group_ids: true, subnet_ids: true, vpc_id: true }] },
    expressions: { name: { constant_value: 'c' }, vpc_config: [{ endpoint_public_access: { constant_value: false }, security_group_ids: ref('aws_security_group.ops'), subnet_ids: { references: ['aws_subnet.private'] } }] },
  },
  {
    address: 'aws_eks_node_group.open',
    values: { cluster_name: 'c', remote_access: [{ ec2_ssh_key: 'ops' }], ...scaling(1, 2, 4).values },
    unknown: { remote_access: [{}], scaling_config: [{}], subnet_ids: true },
    expressions: { cluster_name: { references: ['aws_eks_cluster.c.name', 'aws_eks_cluster.c'] }, remote_access: [{ ec2_ssh_key: { constant_value: 'ops' } }], subnet_ids: { references: ['aws_subnet.private'] }, ...scaling(1, 2, 4).expressions },
  },
  {
    address: 'aws_eks_node_group.guarded',
    values: { cluster_name: 'c', remote_access: [{ ec2_ssh_key: 'ops' }], ...scaling(1, 1, 1).values },
    unknown: { remote_access: [{ source_security_group_ids: true }], scaling_config: [{}], subnet_ids: true },
    expressions: {
      cluster_name: { references: ['aws_eks_cluster.c.name', 'aws_eks_cluster.c'] },
      remote_access: [{ ec2_ssh_key: { constant_value: 'ops' }, source_security_group_ids: ref('aws_security_group.ops') }],
      subnet_ids: { references: ['aws_subnet.private[0].id', 'aws_subnet.private[0]', 'aws_subnet.private'] },
      ...scaling(1, 1, 1).expressions,
    },
  },
];
const plan = awsModel(awsPlan([...vpcPlan, ...resources]));
const ruleOf = (policy: string): FirewallRule => entityIn(plan, `${policy}#ingress[0]`, 'firewall-rule');

describe('aws_ecs_service', () => {
  it('desired_count tasks in its subnets\' zones, behind its groups, targeted by its target group', () => {
    const svc = entityIn(plan, 'aws_ecs_service.api', 'host');
    expect(svc.role).toBe('container-service');
    expect(svc.replicas).toEqual({ min: { state: 'set', value: 3 }, desired: { state: 'set', value: 3 }, max: { state: 'set', value: 3 } });
    expect(svc.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(edgesOut(plan, svc.id, 'protected-by')).toEqual(['aws_security_group.ops via network_configuration.security_groups']);
    expect(edgesIn(plan, svc.id, 'targets')).toEqual(['aws_lb_target_group.api via load_balancer.target_group_arn']);
  });

  it('tasks get a public address only by assign_public_ip, never from the subnet', () => {
    expect(entityIn(plan, 'aws_ecs_service.api', 'host').publicIp).toEqual({ state: 'set', value: false });
  });

  it('desired_count left out is 0 by default; a DAEMON service runs a count the plan cannot tell', () => {
    expect(entityIn(plan, 'aws_ecs_service.idle', 'host').replicas.desired).toEqual({ state: 'default', value: 0 });
    expect(entityIn(plan, 'aws_ecs_service.agent', 'host').replicas.desired).toEqual({ state: 'unknown' });
    expect(entityIn(plan, 'aws_ecs_service.agent', 'host').placement.zones).toEqual({ state: 'unknown' });
  });

  it('under an Application Auto Scaling target (a real plan): from min_capacity to max_capacity, whatever desired_count says', () => {
    // fixtures/aws/ecs-autoscaling/main.tf (terraform 1.11, aws 5.100): resource_id = "service/${cluster.name}/${service.name}".
    const m = awsModelOfFile('fixtures/aws/ecs-autoscaling/plan.json');
    expect(entityIn(m, 'aws_ecs_service.web', 'host').replicas).toEqual({ min: { state: 'set', value: 2 }, desired: { state: 'set', value: 2 }, max: { state: 'set', value: 6 } });
    expect(entityIn(m, 'aws_ecs_service.admin', 'host').replicas.max).toEqual({ state: 'set', value: 1 });
    expect(m.unmodelled).not.toHaveProperty('aws_appautoscaling_target');
    // The fix names the setting that runs more tasks: the target's bounds where there is one, else desired_count.
    expect(entityIn(m, 'aws_ecs_service.web', 'host').scaleKnob?.value).toContain('on aws_appautoscaling_target.web');
    const admin = check(m, 'plan.json').find((f) => f.rule === 'spof' && f.resources[0] === 'aws_ecs_service.admin');
    expect(admin?.remediation).toBe("Fix with `desired_count`: 2 or more, with subnets in two zones or more (ECS spreads a service's tasks over their zones).");
  });

  it('a state: the target names the service by cluster and service name; targets of other dimensions or services do not count', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_ecs_service.api', values: { name: 'api', cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/main', desired_count: 1, scheduling_strategy: 'REPLICA' } },
        { address: 'aws_ecs_service.jobs', values: { name: 'jobs', cluster: 'main', desired_count: 1, scheduling_strategy: 'REPLICA' } },
        { address: 'aws_appautoscaling_target.api', values: { service_namespace: 'ecs', resource_id: 'service/main/api', scalable_dimension: 'ecs:service:DesiredCount', min_capacity: 3, max_capacity: 9 } },
        { address: 'aws_appautoscaling_target.other', values: { service_namespace: 'ecs', resource_id: 'service/other/jobs', scalable_dimension: 'ecs:service:DesiredCount', min_capacity: 3, max_capacity: 9 } },
        { address: 'aws_appautoscaling_target.table', values: { service_namespace: 'dynamodb', resource_id: 'table/jobs', scalable_dimension: 'dynamodb:table:ReadCapacityUnits', min_capacity: 5, max_capacity: 50 } },
      ]),
    );
    expect(entityIn(m, 'aws_ecs_service.api', 'host').replicas).toEqual({ min: { state: 'set', value: 3 }, desired: { state: 'set', value: 3 }, max: { state: 'set', value: 9 } });
    expect(entityIn(m, 'aws_ecs_service.jobs', 'host').replicas.max).toEqual({ state: 'set', value: 1 });
  });

  it('infracost (0.12): a Fargate service of two tasks', () => {
    const m = awsModelOfFile(corpusFile('infracost/aws-rds-x4-asg-x3-alb-elb-ecs-tf0.12.28.json'));
    expect(entityIn(m, 'aws_ecs_service.ecs_fargate1', 'host').replicas.max).toEqual({ state: 'set', value: 2 });
  });
});

describe('aws_eks_cluster', () => {
  it('a control plane AWS keeps across zones, in its subnets, behind its groups; endpoint_public_access written false', () => {
    const c = entityIn(plan, 'aws_eks_cluster.c', 'host');
    expect(c.role).toBe('cluster');
    expect(c.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(c.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(c.publicIp).toEqual({ state: 'set', value: false });
    expect(edgesOut(plan, c.id, 'protected-by')).toEqual(['aws_security_group.ops via vpc_config.security_group_ids']);
  });

  it('juice-shop (1.2): a public endpoint over three private subnets, open to the 0.0.0.0/0 the module writes', () => {
    const m = awsModelOfFile(corpusFile('juice-shop/aws-eks-vpc-3az-asg-sgs-tf1.2.4.json'));
    const c = entityIn(m, 'module.includes.module.eks.aws_eks_cluster.this[0]', 'host');
    expect(c.publicIp).toEqual({ state: 'set', value: true });
    expect(edgesOut(m, c.id, 'in-subnet')).toHaveLength(3);
    expect(edgesOut(m, c.id, 'protected-by')).toEqual([`${c.id}#api_endpoint via vpc_config.public_access_cidrs`, 'module.includes.module.eks.aws_security_group.cluster[0] via vpc_config.security_group_ids']);
    expect(entityIn(m, `${c.id}#api_endpoint`, 'firewall-policy').publicEndpoint?.basis).toBe('set');
    expect(entityIn(m, `${c.id}#api_endpoint#ingress[0]`, 'firewall-rule')).toMatchObject({ source: [c.id], protocol: 'tcp', ports: [{ from: 443, to: 443 }], peers: [{ kind: 'world', family: 'ipv4' }] });
  });

  describe('its public API endpoint (a real plan: terraform 1.11, aws 5.100)', () => {
    // fixtures/aws/eks-public-api/main.tf and fixtures/aws/eks-narrowed-api/main.tf.
    const open = awsModelOfFile('fixtures/aws/eks-public-api/plan.json');
    const narrowed = awsModelOfFile('fixtures/aws/eks-narrowed-api/plan.json');
    const peersOf = (m: typeof open, cluster: string) => entityIn(m, `${cluster}#api_endpoint#ingress[0]`, 'firewall-rule').peers;

    it('nothing written: public by default, and public_access_cidrs (unknown in the plan, not configured) is EKS\'s 0.0.0.0/0', () => {
      const c = entityIn(open, 'aws_eks_cluster.bad_default_public', 'host');
      expect(c.publicIp).toEqual({ state: 'set', value: true });
      const list = entityIn(open, 'aws_eks_cluster.bad_default_public#api_endpoint', 'firewall-policy');
      expect(list.publicEndpoint).toMatchObject({ basis: 'default', narrow: { attribute: 'vpc_config.public_access_cidrs' } });
      expect(list.publicEndpoint?.close.map((k) => `${k.attribute} = ${k.value}`)).toEqual(['vpc_config.endpoint_private_access = true', 'vpc_config.endpoint_public_access = false']);
      expect(peersOf(open, 'aws_eks_cluster.bad_default_public')).toEqual([{ kind: 'world', family: 'ipv4' }]);
    });

    it('0.0.0.0/0 written: the world, as set', () => {
      expect(peersOf(open, 'aws_eks_cluster.bad_world_cidrs')).toEqual([{ kind: 'world', family: 'ipv4' }]);
      expect(entityIn(open, 'aws_eks_cluster.bad_world_cidrs#api_endpoint', 'firewall-policy').publicEndpoint?.basis).toBe('set');
    });

    it('endpoint_public_access = false: no public access list at all', () => {
      expect(open.entities.has('aws_eks_cluster.good_private#api_endpoint')).toBe(false);
      expect(edgesOut(open, 'aws_eks_cluster.good_private', 'protected-by')).toEqual([]);
    });

    it('an office range; a range known only after apply is unknown, not the world', () => {
      expect(peersOf(narrowed, 'aws_eks_cluster.good_office_only')).toEqual([{ kind: 'cidr', cidr: '203.0.113.0/24' }]);
      expect(peersOf(narrowed, 'aws_eks_cluster.good_nat_only')).toEqual([{ kind: 'unknown' }]);
    });

    it('the endpoint is no layer of the cluster\'s network: its groups still decide what the VPC reaches', () => {
      const m = awsModelOfFile(corpusFile('juice-shop/aws-eks-vpc-3az-asg-sgs-tf1.2.4.json'));
      const c = 'module.includes.module.eks.aws_eks_cluster.this[0]';
      expect(check(m, 'juice.json').filter((f) => f.rule === 'open-ingress' && f.resources[0] === c)).toHaveLength(1);
    });
  });

  it('public_access_cidrs marked sensitive: the sensitive peer, nothing of the value', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        {
          address: 'aws_eks_cluster.hidden',
          values: { name: 'hidden', vpc_config: [{ endpoint_private_access: false, endpoint_public_access: true, public_access_cidrs: ['198.51.100.7/32'] }] },
          unknown: { vpc_config: [{ cluster_security_group_id: true, public_access_cidrs: [false], subnet_ids: true, vpc_id: true }] },
          sensitive: { vpc_config: [{ public_access_cidrs: true }] },
          expressions: { name: { constant_value: 'hidden' }, vpc_config: [{ public_access_cidrs: { references: ['var.office'] }, subnet_ids: { references: ['aws_subnet.private'] } }] },
        },
      ]),
    );
    expect(entityIn(m, 'aws_eks_cluster.hidden#api_endpoint#ingress[0]', 'firewall-rule').peers).toEqual([{ kind: 'unknown', sensitive: true }]);
    expect(JSON.stringify([...m.entities.values()])).not.toContain('198.51.100.7');
  });
});

describe('aws_eks_node_group', () => {
  it('scaling_config min/desired/max in its subnets\' zones, a member of its cluster', () => {
    const ng = entityIn(plan, 'aws_eks_node_group.open', 'host');
    expect(ng.role).toBe('node-group');
    expect(ng.replicas).toEqual({ min: { state: 'set', value: 1 }, desired: { state: 'set', value: 2 }, max: { state: 'set', value: 4 } });
    expect(ng.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(ng.publicIp).toEqual({ state: 'default', value: false });
    expect(edgesOut(plan, ng.id, 'member-of')).toEqual(['aws_eks_cluster.c via cluster_name']);
  });

  it('remote_access without source groups opens SSH to the internet (the group EKS makes)', () => {
    expect(edgesOut(plan, 'aws_eks_node_group.open', 'protected-by')).toEqual(['aws_eks_node_group.open#remote_access via remote_access']);
    expect(ruleOf('aws_eks_node_group.open#remote_access')).toMatchObject({ direction: 'ingress', protocol: 'tcp', ports: [{ from: 22, to: 22 }], peers: [{ kind: 'world', family: 'ipv4' }] });
  });

  it('remote_access with source groups admits SSH from those groups only', () => {
    expect(ruleOf('aws_eks_node_group.guarded#remote_access').peers).toEqual([{ kind: 'policy', id: 'aws_security_group.ops' }]);
    expect(entityIn(plan, 'aws_eks_node_group.guarded', 'host').placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
  });

  it('checkov (0.14): subnets outside the plan leave the zones unknown; no remote_access, no SSH group', () => {
    const m = awsModelOfFile(corpusFile('checkov/aws-eks-node-group-remote-access-tf0.14.6.json'));
    const ng = entityIn(m, 'aws_eks_node_group.test', 'host');
    expect(ng.placement.zones).toEqual({ state: 'unknown' });
    expect(ng.replicas.max).toEqual({ state: 'set', value: 1 });
    expect(m.entities.has('aws_eks_node_group.test#remote_access')).toBe(false);
  });
});
