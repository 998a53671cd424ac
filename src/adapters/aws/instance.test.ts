import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { awsModel, awsModelOfFile, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100).
const group: PlanResource = { address: 'aws_security_group.app', values: { name: 'app' }, unknown: { id: true, vpc_id: true }, expressions: { name: { constant_value: 'app' }, vpc_id: ref('aws_vpc.main') } };
const counted: PlanResource[] = [0, 1].map((i) => ({
  address: `aws_instance.app[${i}]`,
  values: { ami: 'ami-123', instance_type: 't3.micro' },
  unknown: { associate_public_ip_address: true, availability_zone: true, id: true, security_groups: true, subnet_id: true, vpc_security_group_ids: true },
  expressions: { subnet_id: { references: ['aws_subnet.private', 'count.index'] }, vpc_security_group_ids: ref('aws_security_group.app') },
}));
const inPublic: PlanResource = {
  address: 'aws_instance.web',
  values: { ami: 'ami-123' },
  unknown: { associate_public_ip_address: true, availability_zone: true, id: true, subnet_id: true },
  expressions: { subnet_id: ref('aws_subnet.public'), vpc_security_group_ids: ref('aws_security_group.app') },
};
const classic: PlanResource = {
  address: 'aws_instance.classic',
  values: { security_groups: ['app'] },
  unknown: { associate_public_ip_address: true, availability_zone: true, security_groups: [false], subnet_id: true },
  expressions: { security_groups: { constant_value: ['app'] } },
};
const written: PlanResource = {
  address: 'aws_instance.private_only',
  values: { associate_public_ip_address: false },
  unknown: { availability_zone: true, subnet_id: true },
  expressions: { associate_public_ip_address: { constant_value: false }, subnet_id: ref('aws_subnet.public') },
};
const plan = awsModel(awsPlan([...vpcPlan, group, ...counted, inPublic, classic, written]));

describe('aws_instance', () => {
  it('one instance in the zone of its subnet (count.index pairs instance [i] with subnet [i])', () => {
    for (const [i, zone] of [[0, 'us-east-1a'], [1, 'us-east-1b']] as const) {
      const host = entityIn(plan, `aws_instance.app[${i}]`, 'host');
      expect(host.role).toBe('instance');
      expect(host.replicas).toEqual({ min: { state: 'set', value: 1 }, desired: { state: 'set', value: 1 }, max: { state: 'set', value: 1 } });
      expect(host.placement.zones).toEqual({ state: 'set', value: [`us-east-1/${zone}`] });
      expect(edgesOut(plan, host.id, 'in-subnet')).toEqual([`aws_subnet.private[${i}] via subnet_id`]);
      expect(edgesOut(plan, host.id, 'protected-by')).toEqual(['aws_security_group.app via vpc_security_group_ids']);
    }
  });

  it('public address left out: it follows the subnet, as a default (private subnet: no; public subnet: yes)', () => {
    expect(entityIn(plan, 'aws_instance.app[0]', 'host').publicIp).toEqual({ state: 'default', value: false });
    expect(entityIn(plan, 'aws_instance.web', 'host').publicIp).toEqual({ state: 'default', value: true });
  });

  it('associate_public_ip_address written is a fact, whatever the subnet says', () => {
    expect(entityIn(plan, 'aws_instance.private_only', 'host').publicIp).toEqual({ state: 'set', value: false });
  });

  it('no subnet at all: the default VPC, whose subnets hand out public addresses; zone picked by AWS', () => {
    const host = entityIn(plan, 'aws_instance.classic', 'host');
    expect(host.publicIp).toEqual({ state: 'default', value: true });
    expect(host.placement.zones).toEqual({ state: 'default', value: [] });
  });

  it('security_groups holds group names (default VPC): resolved by name', () => {
    expect(edgesOut(plan, 'aws_instance.classic', 'protected-by')).toEqual(['aws_security_group.app via security_groups']);
  });

  it('naming no group puts it in the default group of its VPC, when the plan manages that group', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_vpc.main', values: { id: 'vpc-1' } },
        { address: 'aws_subnet.a', values: { id: 'subnet-1', vpc_id: 'vpc-1', availability_zone: 'us-east-1a' } },
        { address: 'aws_default_security_group.main', values: { id: 'sg-default', vpc_id: 'vpc-1', name: 'default' } },
        { address: 'aws_default_security_group.other', values: { id: 'sg-other', vpc_id: 'vpc-2', name: 'default' } },
        { address: 'aws_instance.bare', values: { id: 'i-1', subnet_id: 'subnet-1', associate_public_ip_address: true, availability_zone: 'us-east-1a' } },
      ]),
    );
    expect(edgesOut(m, 'aws_instance.bare', 'protected-by')).toEqual(['aws_default_security_group.main via default_security_group_id']);
    // In a state the flag is what AWS did: a fact.
    expect(entityIn(m, 'aws_instance.bare', 'host').publicIp).toEqual({ state: 'set', value: true });
  });

  it('for_each over a resource: each.value is the instance of the same key, and only that one', () => {
    // `resource "aws_instance" "per_zone" { for_each = aws_subnet.zone; subnet_id = each.value.id }`, as terraform 1.11
    // records it: the for_each names the block, subnet_id names only `each.value`.
    const zone = (key: string, az: string, cidr: string): PlanResource => ({
      address: `aws_subnet.zone["${key}"]`,
      values: { availability_zone: az, cidr_block: cidr, map_public_ip_on_launch: false },
      unknown: { id: true, vpc_id: true },
      expressions: { availability_zone: { references: ['each.value.az', 'each.value'] }, vpc_id: ref('aws_vpc.main') },
      forEach: { references: ['local.zones'] },
    });
    const perZone = (name: string, key: string): PlanResource => ({
      address: `aws_instance.${name}["${key}"]`,
      values: { ami: 'ami-123' },
      unknown: { id: true, subnet_id: true, availability_zone: true },
      expressions: { subnet_id: { references: ['each.value.id', 'each.value'] }, vpc_security_group_ids: ref('aws_security_group.app') },
      forEach: { references: ['aws_subnet.zone'] },
    });
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        group,
        zone('a', 'us-east-1a', '10.0.20.0/24'),
        zone('b', 'us-east-1b', '10.0.21.0/24'),
        perZone('per_zone', 'a'),
        perZone('per_zone', 'b'),
        // `for_each = { for k, s in aws_subnet.zone : s.availability_zone => s }`: keys that name no subnet.
        perZone('remapped', 'us-east-1a'),
      ]),
    );
    expect(edgesOut(m, 'aws_instance.per_zone["a"]', 'in-subnet')).toEqual(['aws_subnet.zone["a"] via subnet_id']);
    expect(edgesOut(m, 'aws_instance.per_zone["b"]', 'in-subnet')).toEqual(['aws_subnet.zone["b"] via subnet_id']);
    expect(entityIn(m, 'aws_instance.per_zone["b"]', 'host').placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1b'] });
    // No instance of the same key: no subnet rather than every subnet of the block.
    expect(edgesOut(m, 'aws_instance.remapped["us-east-1a"]', 'in-subnet')).toEqual([]);
  });

  it('module.vpc.public_subnet_ids[1] of an output listing one block: the second subnet only (and ["c"]: the subnet of that key)', () => {
    // module "vpc" { output "public_subnet_ids" { value = aws_subnet.public[*].id } }, and in the root
    // `subnet_id = module.vpc.public_subnet_ids[1]` (terraform 1.11 records the indexed form and both wider ones).
    const subnet = (i: number, az: string): PlanResource => ({
      address: `module.vpc.aws_subnet.public[${i}]`,
      values: { availability_zone: az, cidr_block: `10.0.${i}.0/24`, map_public_ip_on_launch: true },
      unknown: { id: true, vpc_id: true },
      expressions: { availability_zone: { references: ['var.zones', 'count.index'] }, map_public_ip_on_launch: { constant_value: true } },
    });
    const web = (name: string, subnetRef: readonly string[]): PlanResource => ({
      address: `aws_instance.${name}`,
      values: { ami: 'ami-123' },
      unknown: { id: true, subnet_id: true, availability_zone: true },
      expressions: { subnet_id: { references: subnetRef } },
    });
    const json = awsPlan([
      subnet(0, 'us-east-1a'),
      subnet(1, 'us-east-1b'),
      subnet(2, 'us-east-1c'),
      web('second', ['module.vpc.public_subnet_ids[1]', 'module.vpc.public_subnet_ids', 'module.vpc']),
      web('beyond', ['module.vpc.public_subnet_ids[7]', 'module.vpc.public_subnet_ids', 'module.vpc']),
      web('mixed', ['module.vpc.all_subnet_ids[0]', 'module.vpc.all_subnet_ids', 'module.vpc']),
      // for_each subnets listed by `[for s in aws_subnet.zone : s.id]`: in key order, so [0] is "a".
      { ...subnet(0, 'us-east-1c'), address: 'module.vpc.aws_subnet.zone["c"]' },
      { ...subnet(0, 'us-east-1a'), address: 'module.vpc.aws_subnet.zone["a"]' },
      web('first_zone', ['module.vpc.zone_subnet_ids[0]', 'module.vpc.zone_subnet_ids', 'module.vpc']),
      // `{ for k, s in aws_subnet.zone : k => s.id }` read by key.
      web('zone_c', ['module.vpc.zone_subnet_ids["c"]', 'module.vpc.zone_subnet_ids', 'module.vpc']),
    ]) as { configuration: { root_module: { module_calls: Record<string, { module: Record<string, unknown> }> } } };
    json.configuration.root_module.module_calls.vpc!.module.outputs = {
      public_subnet_ids: { expression: { references: ['aws_subnet.public'] } },
      all_subnet_ids: { expression: { references: ['aws_subnet.public', 'aws_subnet.private'] } },
      zone_subnet_ids: { expression: { references: ['aws_subnet.zone'] } },
    };
    const m = awsModel(json);
    expect(edgesOut(m, 'aws_instance.second', 'in-subnet')).toEqual(['module.vpc.aws_subnet.public[1] via subnet_id']);
    expect(entityIn(m, 'aws_instance.second', 'host').placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1b'] });
    // Past the end, or a list of more than one block: which element is which is not known, so every candidate stays.
    expect(edgesOut(m, 'aws_instance.beyond', 'in-subnet')).toHaveLength(3);
    expect(edgesOut(m, 'aws_instance.mixed', 'in-subnet')).toHaveLength(3);
    expect(edgesOut(m, 'aws_instance.first_zone', 'in-subnet')).toEqual(['module.vpc.aws_subnet.zone["a"] via subnet_id']);
    expect(edgesOut(m, 'aws_instance.zone_c', 'in-subnet')).toEqual(['module.vpc.aws_subnet.zone["c"] via subnet_id']);
  });

  it('a module instance per subnet: `count` with [count.index], or `for_each = aws_subnet.zone` with each.value, in the call', () => {
    // module "counted" { count = 2; subnet_id = aws_subnet.private[count.index].id }
    // module "per_zone" { for_each = aws_subnet.zone; subnet_id = each.value.id }, each calling a module whose
    // instance has `subnet_id = var.subnet_id`.
    const boxed = (address: string): PlanResource => ({
      address,
      values: { ami: 'ami-123' },
      unknown: { id: true, subnet_id: true },
      expressions: { subnet_id: { references: ['var.subnet_id'] } },
    });
    const zone = (key: string, az: string): PlanResource => ({
      address: `aws_subnet.zone["${key}"]`,
      values: { availability_zone: az, cidr_block: key === 'a' ? '10.0.30.0/24' : '10.0.31.0/24' },
      unknown: { id: true, vpc_id: true },
      expressions: { vpc_id: ref('aws_vpc.main') },
    });
    const json = awsPlan(
      [...vpcPlan, zone('a', 'us-east-1a'), zone('b', 'us-east-1b'), boxed('module.counted[0].aws_instance.this'), boxed('module.counted[1].aws_instance.this'), boxed('module.per_zone["b"].aws_instance.this')],
      {
        counted: { subnet_id: { references: ['aws_subnet.private', 'count.index'] } },
        per_zone: { subnet_id: { references: ['each.value.id', 'each.value'] } },
      },
    ) as { configuration: { root_module: { module_calls: Record<string, Record<string, unknown>> } } };
    json.configuration.root_module.module_calls.per_zone!.for_each_expression = { references: ['aws_subnet.zone'] };
    const m = awsModel(json);
    expect(edgesOut(m, 'module.counted[0].aws_instance.this', 'in-subnet')).toEqual(['aws_subnet.private[0] via subnet_id']);
    expect(edgesOut(m, 'module.counted[1].aws_instance.this', 'in-subnet')).toEqual(['aws_subnet.private[1] via subnet_id']);
    expect(edgesOut(m, 'module.per_zone["b"].aws_instance.this', 'in-subnet')).toEqual(['aws_subnet.zone["b"] via subnet_id']);
  });

  it('launched from a template: its groups protect the instance', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        group,
        { address: 'aws_launch_template.app', values: {}, unknown: { id: true, vpc_security_group_ids: true }, expressions: { vpc_security_group_ids: ref('aws_security_group.app') } },
        { address: 'aws_instance.from_template', values: {}, unknown: { id: true, subnet_id: true }, expressions: { launch_template: [{ id: ref('aws_launch_template.app') }], subnet_id: ref('aws_subnet.private') } },
      ]),
    );
    expect(edgesOut(m, 'aws_instance.from_template', 'protected-by')).toEqual(['aws_security_group.app via aws_launch_template.app']);
  });

  it('checkov (0.12): two instances in the subnet that maps public addresses, behind web-node', () => {
    const m = awsModelOfFile(corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json'));
    const host = entityIn(m, 'aws_instance.web_host', 'host');
    expect(host.publicIp).toEqual({ state: 'default', value: true });
    expect(host.placement.zones).toEqual({ state: 'set', value: ['us-west-2/us-west-2a'] });
    expect(edgesOut(m, host.id, 'protected-by')).toEqual(['aws_security_group.web-node via vpc_security_group_ids']);
  });
});

describe('instances in subnets a data source reads (a shared VPC)', () => {
  // As Terraform 1.11 writes a `data "aws_subnet"` read while planning: only in prior_state and the configuration.
  const shared = (name: string, zone: string): PlanResource => ({
    address: `data.aws_subnet.${name}`,
    values: { arn: `arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0${name}`, assign_ipv6_address_on_creation: false, availability_zone: zone, availability_zone_id: 'euw1-az1', cidr_block: '10.20.1.0/24', default_for_az: false, filter: [{ name: 'tag:Name', values: [`shared-${name}`] }], id: `subnet-0${name}`, map_public_ip_on_launch: false, owner_id: '111122223333', state: 'available', tags: { Name: `shared-${name}` }, timeouts: null, vpc_id: 'vpc-0shared' },
    sensitive: { filter: [{ values: [false] }], tags: {} },
    expressions: { filter: [{ name: { constant_value: 'tag:Name' }, values: { constant_value: [`shared-${name}`] } }] },
  });
  const web = (i: number, subnet: string): PlanResource => ({
    address: `aws_instance.web[${i}]`,
    values: { ami: 'ami-0123456789abcdef0', instance_type: 't3.small', subnet_id: `subnet-0${subnet}` },
    unknown: { associate_public_ip_address: true, availability_zone: true, id: true, private_ip: true, security_groups: true, vpc_security_group_ids: true },
    ...(i === 0 ? { expressions: { ami: { constant_value: 'ami-0123456789abcdef0' }, instance_type: { constant_value: 't3.small' }, subnet_id: { references: ['local.subnet_ids', 'count.index'] } } } : {}),
  });

  it('take their zones from what the data source read', () => {
    const m = awsModel(awsPlan([web(0, 'a'), web(1, 'b')], {}, [shared('a', 'eu-west-1a'), shared('b', 'eu-west-1b')]));
    expect(entityIn(m, 'aws_instance.web[0]', 'host').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a'] });
    expect(entityIn(m, 'aws_instance.web[1]', 'host').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1b'] });
    // A data source is read for references only: no entity of its own.
    expect(m.entities.has('data.aws_subnet.a')).toBe(false);
  });
});

describe('aws_instance public address: what the plan shows, with or without its configuration', () => {
  // infracost's plan (terraform 0.14.11): instance_1 exists (no-op, `public_ip` 11.11.11.11, its subnet not in the plan);
  // instance_2 is new, writes neither a subnet nor `associate_public_ip_address` (both in after_unknown).
  const file = corpusFile('infracost/aws-ec2-rds-modules-tf0.14.11.json');
  const json: Record<string, unknown> = JSON.parse(readFileSync(file, 'utf8'));
  const withConfiguration = awsModel(json);
  const withoutConfiguration = awsModel(Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'configuration')));
  const state = awsModelOfFile(corpusFile('infracost/state-aws-ec2-rds-tf0.14.11.json'));

  it('a public_ip it already has is a public address, in the plan with or without configuration and in the state', () => {
    for (const m of [withConfiguration, withoutConfiguration, state]) {
      expect(entityIn(m, 'aws_instance.instance_1', 'host').publicIp).toEqual({ state: 'set', value: true });
      expect(entityIn(m, 'module.instances.aws_instance.module_instance_1', 'host').publicIp).toEqual({ state: 'set', value: true });
    }
  });

  it('left out, with no subnet: the default VPC hands it one, as a default', () => {
    expect(entityIn(withConfiguration, 'aws_instance.instance_2', 'host').publicIp).toEqual({ state: 'default', value: true });
  });

  it('unknown with no configuration to show it was left out: the plan does not know', () => {
    expect(entityIn(withoutConfiguration, 'aws_instance.instance_2', 'host').publicIp).toEqual({ state: 'unknown', assumed: false });
  });
});

describe('an instance whose subnet is one of several the plan cannot tell apart', () => {
  // fixtures/aws/startup-bastion: `subnet_id = values(aws_subnet.private)[count.index].id`, which the plan records as
  // a reference to every aws_subnet.private instance (a, b, c in three zones).
  it('sits in one zone known only after apply, not in all three', () => {
    const m = awsModelOfFile(new URL('../../../fixtures/aws/startup-bastion/plan.json', import.meta.url).pathname);
    for (const id of ['aws_instance.app[0]', 'aws_instance.app[1]']) {
      const app = m.entities.get(id);
      expect(app?.kind === 'host' ? app.placement.zones : undefined).toEqual({ state: 'unknown' });
      expect(edgesOut(m, id, 'in-subnet')).toHaveLength(3);
    }
  });
});
