/**
 * Deterministic synthetic plans shaped like a monorepo's: services (for_each) -> stacks (count) -> a data module,
 * three levels of modules; per stack a VPC with subnets across three zones, route tables, a NAT gateway, security
 * groups referencing each other, an ALB with target group and listener, an autoscaling group on a launch
 * template, instances by count, an RDS database and a cache. Planned against a prior state holding everything (the
 * common case on a big repository), with about 2% of resources updated in place, so both sides are analysed.
 */

type Json = Record<string, unknown>;

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

interface Res {
  readonly type: string;
  readonly name: string;
  readonly index?: number;
  readonly values: Json;
  readonly unknown?: Json;
  readonly sensitive?: Json;
  readonly refs: Record<string, string[]>;
}

/** One stack's resources; ids are unique and derived from the stack number. */
function stack(n: number): { root: Res[]; data: Res[] } {
  const id = (kind: string, i = 0) => `${kind}-${n.toString(16).padStart(8, '0')}${i}`;
  const tags = (name: string) => ({ Name: `${name}-${n}`, Environment: n % 2 ? 'prod' : 'staging', Team: `team-${n % 17}`, CostCenter: `cc-${n % 5}` });
  const vpc = id('vpc');
  const subnets = ZONES.map((_, i) => id('subnet', i));
  const sgLb = id('sg', 1);
  const sgApp = id('sg', 2);
  const sgDb = id('sg', 3);
  const rule = (from: number, to: number, cidrs: string[], groups: string[]) => ({
    from_port: from, to_port: to, protocol: 'tcp', cidr_blocks: cidrs, ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: groups, self: false, description: '',
  });
  const egress = [{ ...rule(0, 0, ['0.0.0.0/0'], []), protocol: '-1' }];
  const sg = (sgId: string, name: string, ingress: unknown[]) => ({
    id: sgId, arn: `arn:aws:ec2:us-east-1:123456789012:security-group/${sgId}`, name: `${name}-${n}`, description: 'Managed by Terraform', vpc_id: vpc, ingress, egress, owner_id: '123456789012', revoke_rules_on_delete: false, tags: tags(name), tags_all: tags(name), timeouts: null,
  });
  const root: Res[] = [
    { type: 'aws_vpc', name: 'main', values: { id: vpc, cidr_block: `10.${n % 256}.0.0/16`, enable_dns_hostnames: true, enable_dns_support: true, instance_tenancy: 'default', tags: tags('vpc'), tags_all: tags('vpc'), arn: `arn:aws:ec2:us-east-1:123456789012:vpc/${vpc}` }, refs: {} },
    ...ZONES.map((az, i): Res => ({ type: 'aws_subnet', name: 'private', index: i, values: { id: subnets[i], vpc_id: vpc, availability_zone: az, cidr_block: `10.${n % 256}.${i}.0/24`, map_public_ip_on_launch: false, assign_ipv6_address_on_creation: false, tags: tags(`private-${i}`), tags_all: tags(`private-${i}`) }, refs: { vpc_id: ['aws_vpc.main'] } })),
    { type: 'aws_internet_gateway', name: 'main', values: { id: id('igw'), vpc_id: vpc, tags: tags('igw') }, refs: { vpc_id: ['aws_vpc.main'] } },
    { type: 'aws_nat_gateway', name: 'main', values: { id: id('nat'), subnet_id: subnets[0], allocation_id: id('eipalloc'), connectivity_type: 'public', tags: tags('nat') }, refs: { subnet_id: ['aws_subnet.private'] } },
    { type: 'aws_route_table', name: 'private', values: { id: id('rtb'), vpc_id: vpc, route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: id('nat'), gateway_id: '', ipv6_cidr_block: '' }], tags: tags('rtb') }, refs: { vpc_id: ['aws_vpc.main'], 'route.nat_gateway_id': ['aws_nat_gateway.main'] } },
    ...ZONES.map((_, i): Res => ({ type: 'aws_route_table_association', name: 'private', index: i, values: { id: id('rtbassoc', i), subnet_id: subnets[i], route_table_id: id('rtb'), gateway_id: null }, refs: { subnet_id: ['aws_subnet.private'], route_table_id: ['aws_route_table.private'] } })),
    { type: 'aws_security_group', name: 'lb', values: sg(sgLb, 'lb', [rule(443, 443, ['0.0.0.0/0'], []), rule(80, 80, ['0.0.0.0/0'], [])]), refs: { vpc_id: ['aws_vpc.main'] } },
    { type: 'aws_security_group', name: 'app', values: sg(sgApp, 'app', [rule(8080, 8080, [], [sgLb]), rule(22, 22, n % 50 === 0 ? ['0.0.0.0/0'] : ['10.0.0.0/8'], [])]), refs: { vpc_id: ['aws_vpc.main'], 'ingress.security_groups': ['aws_security_group.lb'] } },
    { type: 'aws_lb', name: 'web', values: { id: id('alb'), arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-${n}/${id('x')}`, internal: false, load_balancer_type: 'application', subnets: subnets, security_groups: [sgLb], idle_timeout: 60, enable_http2: true, ip_address_type: 'ipv4', tags: tags('alb') }, refs: { subnets: ['aws_subnet.private'], security_groups: ['aws_security_group.lb'] } },
    { type: 'aws_lb_target_group', name: 'web', values: { id: id('tg'), arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-${n}/${id('t')}`, port: 8080, protocol: 'HTTP', vpc_id: vpc, target_type: 'instance', health_check: [{ path: '/health', port: 'traffic-port', protocol: 'HTTP', interval: 30, healthy_threshold: 3, unhealthy_threshold: 3, matcher: '200', timeout: 5, enabled: true }] }, refs: { vpc_id: ['aws_vpc.main'] } },
    { type: 'aws_lb_listener', name: 'https', values: { id: id('lst'), load_balancer_arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-${n}/${id('x')}`, port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08', default_action: [{ type: 'forward', target_group_arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-${n}/${id('t')}` }] }, refs: { load_balancer_arn: ['aws_lb.web'], 'default_action.target_group_arn': ['aws_lb_target_group.web'] } },
    { type: 'aws_launch_template', name: 'app', values: { id: id('lt'), name: `app-${n}`, image_id: 'ami-0123456789abcdef0', instance_type: 't3.medium', vpc_security_group_ids: [sgApp], user_data: 'IyEvYmluL2Jhc2gKZWNobyBoZWxsbwo=', tags: tags('lt') }, sensitive: {}, refs: { vpc_security_group_ids: ['aws_security_group.app'] } },
    { type: 'aws_autoscaling_group', name: 'app', values: { id: `app-${n}`, name: `app-${n}`, min_size: 2, max_size: 6, desired_capacity: 3, vpc_zone_identifier: subnets, target_group_arns: [`arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-${n}/${id('t')}`], health_check_type: 'ELB', launch_template: [{ id: id('lt'), version: '$Latest', name: `app-${n}` }] }, refs: { vpc_zone_identifier: ['aws_subnet.private'], target_group_arns: ['aws_lb_target_group.web'], 'launch_template.id': ['aws_launch_template.app'] } },
    ...[0, 1].map((i): Res => ({ type: 'aws_instance', name: 'worker', index: i, values: { id: id('i', i), ami: 'ami-0123456789abcdef0', instance_type: 't3.large', availability_zone: ZONES[i], subnet_id: subnets[i], vpc_security_group_ids: [sgApp], associate_public_ip_address: false, monitoring: true, ebs_optimized: true, root_block_device: [{ volume_size: 50, volume_type: 'gp3', encrypted: true, delete_on_termination: true }], tags: tags(`worker-${i}`), tags_all: tags(`worker-${i}`) }, refs: { subnet_id: ['aws_subnet.private'], vpc_security_group_ids: ['aws_security_group.app'] } })),
  ];
  const data: Res[] = [
    { type: 'aws_security_group', name: 'db', values: sg(sgDb, 'db', [rule(5432, 5432, [], [sgApp]), rule(6379, 6379, [], [sgApp])]), refs: { vpc_id: ['var.vpc_id'], 'ingress.security_groups': ['var.app_sg'] } },
    { type: 'aws_db_subnet_group', name: 'db', values: { id: `db-${n}`, name: `db-${n}`, subnet_ids: subnets, tags: tags('dbsg') }, refs: { subnet_ids: ['var.subnets'] } },
    { type: 'aws_db_instance', name: 'main', values: { id: id('db'), identifier: `db-${n}`, engine: 'postgres', engine_version: '15.4', instance_class: 'db.r6g.large', allocated_storage: 100, multi_az: n % 10 !== 0, publicly_accessible: false, db_subnet_group_name: `db-${n}`, vpc_security_group_ids: [sgDb], username: 'app', password: 'bench-not-a-secret', port: 5432, storage_encrypted: true, backup_retention_period: 7, tags: tags('db') }, sensitive: { password: true }, refs: { db_subnet_group_name: ['aws_db_subnet_group.db'], vpc_security_group_ids: ['aws_security_group.db'] } },
    { type: 'aws_elasticache_replication_group', name: 'cache', values: { id: `cache-${n}`, replication_group_id: `cache-${n}`, description: 'cache', engine: 'redis', node_type: 'cache.r6g.large', num_cache_clusters: n % 7 === 0 ? 1 : 2, automatic_failover_enabled: n % 7 !== 0, multi_az_enabled: n % 7 !== 0, port: 6379, security_group_ids: [sgDb], subnet_group_name: `cache-${n}` }, refs: { security_group_ids: ['aws_security_group.db'] } },
  ];
  return { root, data };
}

export interface GeneratedPlan {
  readonly text: string;
  readonly resources: number;
}

/** A plan with about `target` resource instances. Same target, same bytes. */
export interface GenerateOptions {
  /** Also open SSH to the world on one security group: a change the model sees, so both sides are checked. */
  readonly ruleChange?: boolean;
  /**
   * Also create a log group in one stack: a new resource the model does not see, as most pull requests add
   * something. The two sides then hold different sets of resources.
   */
  readonly added?: boolean;
}

/** The resource `added` creates in stack 1. */
function logGroup(n: number): Res {
  return {
    type: 'aws_cloudwatch_log_group', name: 'app',
    values: { name: `/app/${n}`, retention_in_days: 30, skip_destroy: false, log_group_class: 'STANDARD', kms_key_id: null, tags: { Name: `app-${n}` } },
    unknown: { arn: true, id: true, tags_all: true }, refs: {},
  };
}

export function generatePlan(target: number, options: GenerateOptions = {}): GeneratedPlan {
  const perStack = stack(0).root.length + stack(0).data.length;
  const stacks = Math.max(1, Math.round(target / perStack));
  const services = Math.max(1, Math.round(Math.sqrt(stacks / 4)));
  const perService = Math.ceil(stacks / services);
  const changes: Json[] = [];
  const serviceModules: Json[] = [];
  const priorServiceModules: Json[] = [];
  let count = 0;
  for (let s = 0; s < services; s++) {
    const svc = `module.svc["svc-${s}"]`;
    const stackModules: Json[] = [];
    const priorStackModules: Json[] = [];
    for (let k = 0; k < perService && s * perService + k < stacks; k++) {
      const n = s * perService + k;
      const { root: stackRoot, data } = stack(n);
      const created = options.added === true && n === 1 ? logGroup(n) : undefined;
      const root = created ? [...stackRoot, created] : stackRoot;
      const stackAddr = `${svc}.module.stack[${k}]`;
      const dataAddr = `${stackAddr}.module.data`;
      const emit = (module: string, list: Res[]) =>
        list.map((r) => {
          const local = `${r.type}.${r.name}${r.index === undefined ? '' : `[${r.index}]`}`;
          const address = `${module}.${local}`;
          count++;
          // About 1 in 50 resources changes in place (new tags), as in a pull request's plan. With `ruleChange`,
          // the plan also opens SSH to the world on one security group that admitted it from 10.0.0.0/8 only.
          const opened = options.ruleChange === true && n === 1 && r.type === 'aws_security_group' && r.name === 'app';
          const changed = count % 50 === 7 || opened;
          const after = opened
            ? { ...r.values, ingress: (r.values.ingress as Json[]).map((rule) => (rule.from_port === 22 ? { ...rule, cidr_blocks: ['0.0.0.0/0'] } : rule)) }
            : r.values;
          const before = changed && !opened ? { ...r.values, tags: { ...(r.values.tags as Json | undefined), Revision: 'old' } } : r.values;
          const isNew = r === created;
          changes.push({
            address, module_address: module, mode: 'managed', type: r.type, name: r.name, ...(r.index === undefined ? {} : { index: r.index }),
            provider_name: 'registry.terraform.io/hashicorp/aws',
            change: isNew
              ? { actions: ['create'], before: null, after, after_unknown: r.unknown ?? {}, before_sensitive: false, after_sensitive: r.sensitive ?? {} }
              : { actions: [changed ? 'update' : 'no-op'], before, after, after_unknown: r.unknown ?? {}, before_sensitive: r.sensitive ?? {}, after_sensitive: r.sensitive ?? {} },
          });
          const resource = { address, mode: 'managed', type: r.type, name: r.name, ...(r.index === undefined ? {} : { index: r.index }), provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 1 };
          // The prior state holds what the change's `before` says, as Terraform writes it (nothing, for a new one).
          return { planned: { ...resource, values: after, sensitive_values: r.sensitive ?? {} }, prior: isNew ? undefined : { ...resource, values: before, sensitive_values: r.sensitive ?? {} } };
        });
      const rootResources = emit(stackAddr, root);
      const dataResources = emit(dataAddr, data);
      stackModules.push({ address: stackAddr, resources: rootResources.map((r) => r.planned), child_modules: [{ address: dataAddr, resources: dataResources.map((r) => r.planned) }] });
      priorStackModules.push({ address: stackAddr, resources: rootResources.flatMap((r) => r.prior ?? []), child_modules: [{ address: dataAddr, resources: dataResources.flatMap((r) => r.prior ?? []) }] });
    }
    serviceModules.push({ address: svc, child_modules: stackModules });
    priorServiceModules.push({ address: svc, child_modules: priorStackModules });
  }
  const configOf = (list: Res[]) =>
    list.filter((r, i, all) => all.findIndex((o) => o.type === r.type && o.name === r.name) === i).map((r) => ({
      address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, provider_config_key: 'aws',
      expressions: Object.fromEntries(Object.entries(r.refs).map(([k, refs]) => [k.split('.')[0]!, k.includes('.') ? [{ [k.split('.')[1]!]: { references: refs } }] : { references: refs }])),
      schema_version: 1, ...(r.index === undefined ? {} : { count_expression: { constant_value: 3 } }),
    }));
  const sample = stack(0);
  const configuration = {
    provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'us-east-1' } } } },
    root_module: {
      module_calls: {
        svc: {
          source: './modules/service', for_each_expression: { references: ['var.services'] },
          module: {
            module_calls: {
              stack: {
                source: './modules/stack', count_expression: { references: ['var.stacks'] },
                module: {
                  resources: configOf(options.added === true ? [...sample.root, logGroup(0)] : sample.root),
                  module_calls: { data: { source: './modules/data', expressions: { vpc_id: { references: ['aws_vpc.main.id', 'aws_vpc.main'] }, app_sg: { references: ['aws_security_group.app.id', 'aws_security_group.app'] }, subnets: { references: ['aws_subnet.private'] } }, module: { resources: configOf(sample.data) } } },
                },
              },
            },
          },
        },
      },
    },
  };
  const values = { root_module: { child_modules: serviceModules } };
  const priorValues = { root_module: { child_modules: priorServiceModules } };
  const plan = {
    format_version: '1.2', terraform_version: '1.11.4', planned_values: values, resource_changes: changes,
    prior_state: { format_version: '1.0', terraform_version: '1.11.4', values: priorValues },
    configuration, timestamp: '2026-01-01T00:00:00Z', applyable: false, complete: true, errored: false,
  };
  return { text: JSON.stringify(plan), resources: count };
}
