import { known, unknownValue } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { num } from '../read.js';
import { base } from './common.js';
import { INSTANCE_TYPES, LB_TYPES, LISTENER_TYPES, POOL_TYPES, refsOne } from './links.js';
import { FUNCTION_TYPES, inVpc } from './lambda.js';
import { protocolOf } from './lb.js';

/** `aws_lb_target_group`, `aws_alb_target_group`: the pool of backends a listener forwards to, on `port`. */
export const targetGroup: Mapper = {
  types: POOL_TYPES,
  map(instance, ctx) {
    const preserved = clientAddressesPreserved(instance.values);
    ctx.add({ ...base(instance), kind: 'target-pool', port: num(instance.values, 'port'), ...(preserved === undefined ? {} : { clientAddressesPreserved: preserved }) });
  },
};

/** Target group protocols of a network load balancer, which passes connections through rather than proxying them. */
const PASSTHROUGH_PROTOCOLS = new Set(['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC']);
/** The ones whose targets see the clients' addresses whatever `preserve_client_ip` says. */
const ALWAYS_PRESERVED = new Set(['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC']);

/**
 * Whether the group's targets see the clients' own addresses. Elastic Load Balancing: a network target group
 * (TCP, TLS, UDP, TCP_UDP, QUIC, TCP_QUIC) always preserves them over UDP, TCP_UDP, QUIC and TCP_QUIC; over TCP and
 * TLS by default for `instance` targets (the provider's default `target_type`) and not for `ip` targets, which
 * `preserve_client_ip` (a string, "true" / "false", computed when not set) overrides. HTTP,
 * HTTPS and GENEVE groups sit behind a proxy (an application or gateway load balancer): no. Undefined when the
 * protocol is not known.
 */
function clientAddressesPreserved(values: Record<string, unknown>): boolean | undefined {
  const protocol = protocolOf(values, 'protocol');
  if (protocol === undefined) return undefined;
  if (!PASSTHROUGH_PROTOCOLS.has(protocol)) return false;
  const targetType = typeof values.target_type === 'string' ? values.target_type : 'instance';
  if (targetType !== 'instance' && targetType !== 'ip') return false;
  if (ALWAYS_PRESERVED.has(protocol)) return true;
  const set = values.preserve_client_ip;
  if (set === 'true' || set === true) return true;
  if (set === 'false' || set === false) return false;
  return targetType === 'instance';
}

/**
 * `aws_lb_target_group_attachment`, `aws_alb_target_group_attachment`: registers a target with a pool. Instances
 * and Lambda functions in a VPC (the hosts the model has for them) are modelled; IP addresses and functions
 * outside a VPC are not, and leave no edge.
 */
export const targetGroupAttachment: Mapper = {
  types: ['aws_lb_target_group_attachment', 'aws_alb_target_group_attachment'],
  map(instance, ctx) {
    for (const pool of refsOne(ctx, instance, 'target_group_arn', POOL_TYPES)) {
      for (const target of refsOne(ctx, instance, 'target_id', INSTANCE_TYPES)) ctx.link(pool, target, 'targets', instance.address);
      for (const fn of refsOne(ctx, instance, 'target_id', FUNCTION_TYPES)) {
        const target = ctx.instance(fn);
        if (target && inVpc(target)) ctx.link(pool, fn, 'targets', instance.address);
      }
    }
  },
};

/** Where an action names its target groups: `target_group_arn`, or the weighted `forward` block. */
const actionPaths = (action: string) => [`${action}.target_group_arn`, `${action}.forward.target_group.arn`];

/**
 * Links the listener and its load balancer to the pools `instance` forwards to through `action`. The load balancer
 * forwards to them too (labelled with the listener), so what lies behind it is one hop away.
 */
function linkForwards(ctx: MapperContext, listener: ResourceInstance, instance: ResourceInstance, action: string): void {
  const balancers = refsOne(ctx, listener, 'load_balancer_arn', LB_TYPES);
  for (const path of actionPaths(action)) {
    for (const pool of refsOne(ctx, instance, path, POOL_TYPES)) {
      ctx.link(listener.address, pool, 'forwards-to', instance === listener ? path : instance.address);
      for (const lb of balancers) ctx.link(lb, pool, 'forwards-to', listener.address);
    }
  }
}

/** `aws_lb_listener`, `aws_alb_listener`: a port and protocol of a load balancer, with its default action. */
export const listener: Mapper = {
  types: LISTENER_TYPES,
  map(instance, ctx) {
    const port = num(instance.values, 'port');
    ctx.add({ ...base(instance), kind: 'listener', port: port === undefined ? unknownValue() : known(port), protocol: protocolOf(instance.values, 'protocol') });
    for (const lb of refsOne(ctx, instance, 'load_balancer_arn', LB_TYPES)) ctx.link(instance.address, lb, 'member-of', 'load_balancer_arn');
    linkForwards(ctx, instance, instance, 'default_action');
  },
};

/** `aws_lb_listener_rule`, `aws_alb_listener_rule`: more pools a listener forwards to, under conditions. */
export const listenerRule: Mapper = {
  types: ['aws_lb_listener_rule', 'aws_alb_listener_rule'],
  map(instance, ctx) {
    for (const address of refsOne(ctx, instance, 'listener_arn', LISTENER_TYPES)) {
      const owner = ctx.instance(address);
      if (owner) linkForwards(ctx, owner, instance, 'action');
    }
  },
};
