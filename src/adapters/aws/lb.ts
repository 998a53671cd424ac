import { known, unknownValue, type LoadBalancer, type LoadBalancerLayer, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, num, strings } from '../read.js';
import { base, placementOfZones } from './common.js';
import { boolAttr, mapValue, stringAttr } from './datastore.js';
import { EIP_TYPES, ELB_TYPES, elbPool, INSTANCE_TYPES, LB_TYPES, linkGroupsAt, linkSubnetsAt, namesAny, subnetZones } from './links.js';

const LAYERS: Readonly<Record<string, LoadBalancerLayer>> = { application: 'application', network: 'network', gateway: 'gateway' };

/**
 * A load balancer entity. It runs a node in each of its zones, so its replicas are its zones: unknown while the
 * zones are. `internal` defaults to false: a load balancer faces the internet unless it says otherwise.
 */
function loadBalancer(instance: ResourceInstance, layer: LoadBalancerLayer, zones: Value<readonly string[]>): LoadBalancer {
  const count: Value<number> = zones.state === 'unknown' ? unknownValue() : { state: zones.state, value: zones.value.length };
  return {
    ...base(instance),
    kind: 'load-balancer',
    layer,
    internetFacing: mapValue(boolAttr(instance, 'internal', false), (internal) => !internal),
    placement: placementOfZones(zones, known(false)),
    replicas: { min: count, desired: count, max: count },
  };
}

/** Zones of a load balancer in subnets; a load balancer that names none has no zones AWS could pick alone. */
function zonesIn(ctx: MapperContext, instance: ResourceInstance, subnets: readonly string[], keys: string[]): Value<readonly string[]> {
  return namesAny(instance, ...keys) ? subnetZones(ctx, subnets, true) : unknownValue();
}

/**
 * `aws_lb`, `aws_alb`: an application (the default `load_balancer_type`), network or gateway load balancer in the
 * zones of its `subnets` / `subnet_mapping`, behind its `security_groups`. Elastic IPs of its subnet mappings are
 * attached to it.
 */
export const applicationLoadBalancer: Mapper = {
  types: LB_TYPES,
  map(instance, ctx) {
    const id = instance.address;
    const type = stringAttr(instance, 'load_balancer_type', 'application');
    const layer = type.state === 'unknown' ? 'application' : (LAYERS[type.value] ?? 'application');
    const subnets = [...new Set([...linkSubnetsAt(ctx, id, instance, 'subnets'), ...linkSubnetsAt(ctx, id, instance, 'subnet_mapping.subnet_id')])].sort();
    ctx.add(loadBalancer(instance, layer, zonesIn(ctx, instance, subnets, ['subnets', 'subnet_mapping'])));
    linkGroupsAt(ctx, id, instance, 'security_groups');
    for (const eip of ctx.refs(instance, 'subnet_mapping.allocation_id', { types: EIP_TYPES })) ctx.link(eip, id, 'attached-to', 'subnet_mapping.allocation_id');
  },
};

/**
 * `aws_elb`: a classic load balancer in its `subnets`' zones (or `availability_zones` in a default VPC). Its
 * inline `listener` blocks become listeners; the instances it registers (`instances`, `aws_elb_attachment`,
 * groups that name it in `load_balancers`) sit in one target pool of its own, `<address>#backends`, since a
 * classic ELB has no target group: it forwards to that pool, and the pool targets them.
 */
export const classicLoadBalancer: Mapper = {
  types: ELB_TYPES,
  map(instance, ctx) {
    const id = instance.address;
    const subnets = linkSubnetsAt(ctx, id, instance, 'subnets');
    const zones = namesAny(instance, 'subnets') || !namesAny(instance, 'availability_zones') ? zonesIn(ctx, instance, subnets, ['subnets']) : availabilityZones(instance);
    ctx.add(loadBalancer(instance, 'classic', zones));
    linkGroupsAt(ctx, id, instance, 'security_groups');
    const listeners = blocks(instance.values, 'listener');
    const ports = [...new Set(listeners.map((l) => num(l, 'instance_port')).filter((p): p is number => p !== undefined))];
    const pool = elbPool(id);
    ctx.add({ ...base(instance), id: pool, kind: 'target-pool', port: ports.length === 1 ? ports[0] : undefined });
    ctx.link(id, pool, 'forwards-to', 'listener');
    listeners.forEach((l, i) => {
      const port = num(l, 'lb_port');
      const listener = `${id}#listener[${i}]`;
      ctx.add({ ...base(instance), id: listener, kind: 'listener', port: port === undefined ? unknownValue() : known(port), protocol: protocolOf(l, 'lb_protocol') });
      ctx.link(listener, id, 'member-of', 'listener');
      ctx.link(listener, pool, 'forwards-to', 'listener');
    });
    for (const target of ctx.refs(instance, 'instances', { types: INSTANCE_TYPES })) ctx.link(pool, target, 'targets', 'instances');
  },
};

function availabilityZones(instance: ResourceInstance): Value<readonly string[]> {
  const zones = strings(instance.values, 'availability_zones');
  return zones.length > 0 ? known(zones) : unknownValue();
}

/** A listener protocol in one spelling (`HTTP`, `TCP`), whatever case the configuration used. */
export function protocolOf(values: Record<string, unknown>, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' && v !== '' ? v.toUpperCase() : undefined;
}

/** `aws_elb_attachment`: registers an instance with a classic ELB. */
export const classicAttachment: Mapper = {
  types: ['aws_elb_attachment'],
  map(instance, ctx) {
    for (const elb of ctx.refs(instance, 'elb', { types: ELB_TYPES })) {
      for (const target of ctx.refs(instance, 'instance', { types: INSTANCE_TYPES })) ctx.link(elbPool(elb), target, 'targets', instance.address);
    }
  },
};
