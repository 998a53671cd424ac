import { byDefault, known, unknownValue, type FirewallRule, type Peer, type Replicas, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { block, rangePeers, str, writtenNested } from '../read.js';
import { addApiEndpoint } from '../api-endpoint.js';
import { base, placementOfZones } from './common.js';
import { consumed, isBoolean, isNumber, numberAttr, readNested, stringAttr } from './datastore.js';
import { host } from './instance.js';
import { applyLaunchSettings } from './launch.js';
import { ELB_TYPES, elbPool, GROUP_TYPES, linkGroupsAt, linkSubnetsAt, namesAny, POOL_TYPES, refsOne, subnetZones } from './links.js';

const same = (n: Value<number>): Replicas => ({ min: n, desired: n, max: n });

/**
 * `aws_ecs_service`: a container service. A REPLICA service (the default `scheduling_strategy`) runs
 * `desired_count` tasks (default 0), or, under an `aws_appautoscaling_target`, from its `min_capacity` to its
 * `max_capacity`; a DAEMON service runs one on each container instance of its cluster, a count the plan cannot
 * tell. Tasks with their own interfaces (`network_configuration`) run in those subnets and
 * groups, and get a public address only by `assign_public_ip` (default false): unlike an instance they never take
 * their subnet's launch setting.
 */
export const ecsService: Mapper = {
  types: ['aws_ecs_service'],
  map(instance, ctx) {
    const id = instance.address;
    const strategy = stringAttr(instance, 'scheduling_strategy', 'REPLICA');
    const daemon = strategy.state !== 'unknown' && strategy.value === 'DAEMON';
    const target = daemon ? undefined : scalingTargetOf(ctx, instance);
    const replicas = daemon ? same(unknownValue()) : scaled(numberAttr(instance, 'desired_count', 0), target);
    const subnets = linkSubnetsAt(ctx, id, instance, 'network_configuration.subnets');
    const networked = block(instance.values, 'network_configuration') !== undefined || namesAny(instance, 'network_configuration');
    const assign = readNested(instance, 'network_configuration', 'assign_public_ip', false, isBoolean);
    ctx.add(
      host(instance, {
        role: 'container-service',
        replicas,
        placement: placementOfZones(networked ? subnetZones(ctx, subnets, true) : unknownValue(), known(false)),
        publicIp: assign.state === 'unknown' ? assign : known(assign.value),
        scaleKnob: target
          ? { attribute: 'min_capacity', value: `2 or more, and \`max_capacity\` with it, on ${target.address}, with subnets in two zones or more` }
          : { attribute: 'desired_count', value: '2 or more, with subnets in two zones or more (ECS spreads a service\'s tasks over their zones)' },
      }),
    );
    linkGroupsAt(ctx, id, instance, 'network_configuration.security_groups');
    for (const pool of ctx.refs(instance, 'load_balancer.target_group_arn', { types: POOL_TYPES })) ctx.link(pool, id, 'targets', 'load_balancer.target_group_arn');
    for (const elb of ctx.refs(instance, 'load_balancer.elb_name', { types: ELB_TYPES })) ctx.link(elbPool(elb), id, 'targets', 'load_balancer.elb_name');
  },
};

const SCALING_TARGETS: readonly string[] = ['aws_appautoscaling_target'];

/** Scalable targets: read by what they scale (an ECS service's task count); the rest scale nothing the model holds. */
export const scalingTargets: Mapper = consumed(SCALING_TARGETS);

/**
 * The Application Auto Scaling target of a service's task count (`scalable_dimension = "ecs:service:DesiredCount"`):
 * the one whose `resource_id` (`service/<cluster>/<service>`) refers to the service, or, in a state, names it.
 */
function scalingTargetOf(ctx: MapperContext, service: ResourceInstance): ResourceInstance | undefined {
  const isTaskCount = (t: ResourceInstance) => (str(t.values, 'scalable_dimension') ?? 'ecs:service:DesiredCount') === 'ecs:service:DesiredCount';
  const referring = ctx.referrers(service, 'resource_id', SCALING_TARGETS).filter(isTaskCount);
  if (referring.length > 0) return [...referring].sort((a, b) => (a.address < b.address ? -1 : 1))[0];
  const name = str(service.values, 'name');
  const cluster = str(service.values, 'cluster');
  if (!name || !cluster) return undefined;
  const byResourceId = ctx.memo('aws:ecs-scaling-targets', (ctx) => {
    const out = new Map<string, ResourceInstance>();
    for (const t of ctx.instancesOf(SCALING_TARGETS)) {
      const id = str(t.values, 'resource_id');
      if (id?.startsWith('service/') && isTaskCount(t) && !out.has(id)) out.set(id, t);
    }
    return out;
  });
  // `cluster` holds the cluster's ARN (`arn:aws:ecs:...:cluster/main`) or its name.
  return byResourceId.get(`service/${cluster.slice(cluster.lastIndexOf('/') + 1)}/${name}`);
}

/**
 * A service's task count under autoscaling: between the target's `min_capacity` and `max_capacity`, starting from
 * `desired_count` (which the scaling keeps within them). Without a target, `desired_count` is all it ever runs.
 */
function scaled(desired: Value<number>, target: ResourceInstance | undefined): Replicas {
  if (!target) return same(desired);
  const min = numberAttr(target, 'min_capacity', 0);
  const max = numberAttr(target, 'max_capacity', 0);
  const start = desired.state !== 'unknown' && min.state !== 'unknown' && max.state !== 'unknown' ? { ...desired, value: Math.min(Math.max(desired.value, min.value), Math.max(min.value, max.value)) } : desired;
  return { min, desired: start, max };
}

/**
 * `aws_eks_cluster`: a Kubernetes control plane. AWS runs it (at least two API servers, etcd across three zones)
 * redundantly in the region; it places its interfaces in `vpc_config.subnet_ids` behind
 * `vpc_config.security_group_ids`. `endpoint_public_access` (default true) puts its API on the internet, open to
 * `public_access_cidrs`.
 */
export const eksCluster: Mapper = {
  types: ['aws_eks_cluster'],
  map(instance, ctx) {
    const id = instance.address;
    const subnets = linkSubnetsAt(ctx, id, instance, 'vpc_config.subnet_ids');
    const publicIp = readNested(instance, 'vpc_config', 'endpoint_public_access', true, isBoolean);
    ctx.add(
      host(instance, {
        role: 'cluster',
        replicas: same(byDefault(2)),
        placement: placementOfZones(subnetZones(ctx, subnets, namesAny(instance, 'vpc_config')), known(true)),
        publicIp,
      }),
    );
    linkGroupsAt(ctx, id, instance, 'vpc_config.security_group_ids');
    if (publicIp.state === 'unknown' || publicIp.value) publicApiEndpoint(ctx, instance);
  },
};

/**
 * The EKS public API endpoint's access list. The provider's docs (website/docs/r/eks_cluster.html.markdown,
 * `vpc_config` arguments): `endpoint_public_access` "Default is `true`"; `public_access_cidrs` "Indicates which CIDR
 * blocks can access the Amazon EKS public API server endpoint when enabled. EKS defaults this to a list with
 * `0.0.0.0/0`." The list is Optional and Computed: left out, a new cluster's plan knows it only after apply, and
 * EKS applies its default. The security groups guard the private endpoint's interfaces only.
 */
function publicApiEndpoint(ctx: MapperContext, instance: ResourceInstance): void {
  const written = writtenNested(instance, 'vpc_config', 'public_access_cidrs');
  const mask = instance.unknown === true ? true : nestedMask(instance.unknown, 'vpc_config', 'public_access_cidrs');
  const listed = rangePeers(block(instance.values, 'vpc_config')?.public_access_cidrs, mask);
  // Left out (or empty), EKS opens the endpoint to 0.0.0.0/0; written but known only after apply, it is unknown.
  const peers: Peer[] = listed === undefined && written !== false ? [{ kind: 'unknown' }] : listed && listed.length > 0 ? listed : [WORLD];
  addApiEndpoint(ctx, base(instance), 'vpc_config.public_access_cidrs', peers, {
    basis: written === false ? 'default' : 'set',
    close: [
      { attribute: 'vpc_config.endpoint_private_access', value: 'true' },
      { attribute: 'vpc_config.endpoint_public_access', value: 'false' },
    ],
    narrow: { attribute: 'vpc_config.public_access_cidrs', value: 'the office, VPN or CI ranges that need the API' },
  });
}

const WORLD: Peer = { kind: 'world', family: 'ipv4' };

/** The `after_unknown` mask of `key` in the first `blockKey` block. */
function nestedMask(mask: unknown, blockKey: string, key: string): unknown {
  const blockMask = typeof mask === 'object' && mask !== null && !Array.isArray(mask) ? (mask as Record<string, unknown>)[blockKey] : undefined;
  const first: unknown = Array.isArray(blockMask) ? blockMask[0] : blockMask;
  if (first === true) return true;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[key] : undefined;
}

/**
 * The group EKS makes for a node group's `remote_access`: SSH (22) from `source_security_group_ids`, or, when the
 * block names none, from the whole internet (AWS: "port 22 on the worker nodes is opened to the internet").
 */
function remoteAccess(ctx: MapperContext, instance: ResourceInstance): void {
  const access = block(instance.values, 'remote_access');
  if (!access && !namesAny(instance, 'remote_access')) return;
  const policy = `${instance.address}#remote_access`;
  const groups = ctx.refs(instance, 'remote_access.source_security_group_ids', { types: GROUP_TYPES });
  const written = groups.length > 0 || (Array.isArray(access?.source_security_group_ids) && access.source_security_group_ids.length > 0) || instance.references.has('remote_access.source_security_group_ids');
  const peers: Peer[] = groups.length > 0 ? groups.map((g) => ({ kind: 'policy', id: g })) : written ? [{ kind: 'unknown' }] : [{ kind: 'world', family: 'ipv4' }];
  ctx.add({ ...base(instance), id: policy, kind: 'firewall-policy', evaluation: 'allow-union', isDefault: false });
  const rule: FirewallRule = {
    ...base(instance),
    id: `${policy}#ingress[0]`,
    kind: 'firewall-rule',
    policy,
    direction: 'ingress',
    action: 'allow',
    priority: undefined,
    protocol: 'tcp',
    ports: [{ from: 22, to: 22 }],
    peers,
    targets: { kind: 'all' },
    enabled: known(true),
  };
  ctx.add(rule);
  ctx.link(instance.address, policy, 'protected-by', 'remote_access');
}

/**
 * `aws_eks_node_group`: managed worker nodes, `scaling_config` min/desired/max, in the zones of `subnet_ids`.
 * Nodes get public addresses as their subnets hand them out; their groups come from the launch template, and
 * `remote_access` adds an SSH group of its own.
 */
export const eksNodeGroup: Mapper = {
  types: ['aws_eks_node_group'],
  map(instance, ctx) {
    const id = instance.address;
    const subnets = linkSubnetsAt(ctx, id, instance, 'subnet_ids');
    const launch = applyLaunchSettings(ctx, id, instance);
    const scaling = (key: string) => readNested(instance, 'scaling_config', key, 0, isNumber);
    ctx.add(
      host(instance, {
        role: 'node-group',
        replicas: { min: scaling('min_size'), desired: scaling('desired_size'), max: scaling('max_size') },
        placement: placementOfZones(subnetZones(ctx, subnets, true), known(false)),
        publicIp: launch.publicIp ?? byDefault(false),
      }),
    );
    remoteAccess(ctx, instance);
    for (const cluster of refsOne(ctx, instance, 'cluster_name', ['aws_eks_cluster'])) ctx.link(id, cluster, 'member-of', 'cluster_name');
  },
};
