import { known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, num, str, strings } from '../read.js';
import { base, isNestedUnknown, placement, regionOf, stringAttr } from './common.js';
import { PUBLIC_IP_TYPES, publicIpZones, SUBNET_TYPES } from './network.js';
import { refs, referrers } from './links.js';

export const LB_TYPES = ['azurerm_lb'];
export const LB_POOL_TYPES = ['azurerm_lb_backend_address_pool'];

/** Public IPs a resource's frontends use (`frontend_ip_configuration.public_ip_address_id` and the like). */
export function frontendIps(ctx: MapperContext, instance: ResourceInstance, path: string): string[] {
  return refs(ctx, instance, path, PUBLIC_IP_TYPES);
}

/**
 * Internet-facing when a frontend uses a public IP: known when one does (by reference or id), unknown when the
 * ids are known only after apply, else false.
 */
export function internetFacing(instance: ResourceInstance, blockKey: string, ips: readonly string[]): Value<boolean> {
  const written = blocks(instance.values, blockKey).flatMap((f) => strings(f, 'public_ip_address_id')).filter((id) => id !== '');
  if (ips.length > 0 || written.length > 0) return known(true);
  if (instance.references.has(`${blockKey}.public_ip_address_id`) && isNestedUnknown(instance, blockKey, 'public_ip_address_id')) return unknownValue(false);
  return known(false);
}

/** Zones of one frontend: its own `zones` (internal frontends; 2.x `availability_zone`), else its public IP's. */
function frontendZones(ctx: MapperContext, frontend: Record<string, unknown>, ips: readonly string[]): string[] | undefined {
  const own = strings(frontend, 'zones');
  if (own.length > 0) return own;
  const legacy = str(frontend, 'availability_zone');
  if (legacy === 'Zone-Redundant') return ['1', '2', '3'];
  if (legacy && /^\d$/.test(legacy)) return [legacy];
  if (ips.length === 0) return [];
  const ipZones = ips.map((a) => publicIpZones(ctx.instance(a)!)).map((z) => z.zones);
  if (ipZones.some((z) => z.state === 'unknown')) return undefined;
  return [...new Set(ipZones.flatMap((z) => (z.state === 'unknown' ? [] : z.value)))];
}

/**
 * `azurerm_lb`: a layer-4 load balancer. Basic (the provider's default) has no zones; a Standard frontend is
 * zonal, zone-redundant (several zones) or "no zone" as its own zones or its public IP's say. The load balancer is
 * zone-redundant only when every frontend is.
 */
export const loadBalancer: Mapper = {
  types: LB_TYPES,
  map(instance, ctx) {
    const sku = stringAttr(instance, 'sku', 'Basic');
    const basic = sku.state !== 'unknown' && sku.value.toLowerCase() === 'basic';
    const frontends = blocks(instance.values, 'frontend_ip_configuration');
    const ips = frontendIps(ctx, instance, 'frontend_ip_configuration.public_ip_address_id');
    let zones: Value<readonly string[]> = known([]);
    let redundant = frontends.length > 0 && !basic;
    if (!basic) {
      // References name the resource, not the block: a frontend not known to be private is judged by all the IPs.
      const perFrontend = frontends.map((f) => frontendZones(ctx, f, str(f, 'subnet_id') ? [] : ips));
      if (perFrontend.some((z) => z === undefined)) zones = unknownValue();
      else zones = known([...new Set(perFrontend.flatMap((z) => z ?? []))]);
      redundant = redundant && perFrontend.every((z) => z !== undefined && z.length >= 2);
    }
    const placed = placement(regionOf(instance), zones, zones.state === 'unknown' ? unknownValue(false) : known(redundant));
    const count = zones.state === 'unknown' ? 1 : Math.max(1, zones.value.length);
    ctx.add({
      ...base(instance),
      kind: 'load-balancer',
      layer: 'network',
      internetFacing: internetFacing(instance, 'frontend_ip_configuration', ips),
      placement: placed,
      replicas: { min: known(count), desired: known(count), max: known(count) },
    });
    for (const ip of ips) ctx.link(ip, instance.address, 'attached-to', 'frontend_ip_configuration.public_ip_address_id');
    for (const s of refs(ctx, instance, 'frontend_ip_configuration.subnet_id', SUBNET_TYPES)) {
      ctx.link(instance.address, s, 'in-subnet', 'frontend_ip_configuration.subnet_id');
    }
  },
};

/** `azurerm_lb_backend_address_pool`: the pool a load balancer forwards to; scale sets and NICs join it. */
export const lbBackendPool: Mapper = {
  types: LB_POOL_TYPES,
  map(instance, ctx) {
    const rules = referrers(ctx, instance, 'backend_address_pool_ids', LB_RULE_TYPES);
    const legacyRules = referrers(ctx, instance, 'backend_address_pool_id', LB_RULE_TYPES);
    const port = [...rules, ...legacyRules].map((r) => num(r.values, 'backend_port')).find((p) => p !== undefined);
    // Azure Load Balancer passes traffic through (it maps the frontend's address and port to the backend's and
    // keeps the client's address): the backends' NSGs must admit the clients themselves.
    ctx.add({ ...base(instance), kind: 'target-pool', port, clientAddressesPreserved: true });
    for (const lb of refs(ctx, instance, 'loadbalancer_id', LB_TYPES)) ctx.link(lb, instance.address, 'forwards-to', 'loadbalancer_id');
  },
};

const LB_RULE_TYPES = ['azurerm_lb_rule'];

/** `azurerm_lb_rule`: a listener on `frontend_port`, part of its load balancer, forwarding to its pools. */
export const lbRule: Mapper = {
  types: LB_RULE_TYPES,
  map(instance, ctx) {
    const port = num(instance.values, 'frontend_port');
    ctx.add({
      ...base(instance),
      kind: 'listener',
      // Port 0 with protocol All is an HA-ports rule: every port.
      port: port !== undefined ? known(port) : unknownValue(),
      protocol: str(instance.values, 'protocol'),
    });
    for (const lb of refs(ctx, instance, 'loadbalancer_id', LB_TYPES)) ctx.link(instance.address, lb, 'member-of', 'loadbalancer_id');
    for (const key of ['backend_address_pool_ids', 'backend_address_pool_id']) {
      for (const pool of refs(ctx, instance, key, LB_POOL_TYPES)) ctx.link(instance.address, pool, 'forwards-to', key);
    }
  },
};

export const NAT_RULE_TYPES = ['azurerm_lb_nat_rule'];
export const NAT_POOL_TYPES = ['azurerm_lb_nat_pool'];

/** The pool of backends an inbound NAT rule or NAT pool forwards to: the rule's own, not a resource. */
export const natBackendOf = (nat: string): string => `${nat}#backend`;

/**
 * `azurerm_lb_nat_rule` (VMs, by `azurerm_network_interface_nat_rule_association` or, with a frontend port range,
 * every member of `backend_address_pool_id`) and `azurerm_lb_nat_pool` (scale sets, by their ip configuration's
 * `load_balancer_inbound_nat_rules_ids`): a frontend port (or one per backend, from a range) forwarded to each
 * backend's `backend_port`. A listener on the load balancer and a pool of its own whose backends are linked by
 * `port-forwards` edges, not `targets`: it reaches them from the frontend, it balances no traffic over them, so
 * nothing that reads a pool's members as a tier sees them. Azure Load Balancer passes the client's address through,
 * so the backends' NSGs admit the clients themselves.
 */
export const lbNat: Mapper = {
  types: [...NAT_RULE_TYPES, ...NAT_POOL_TYPES],
  map(instance, ctx) {
    const port = num(instance.values, 'frontend_port') ?? num(instance.values, 'frontend_port_start');
    ctx.add({ ...base(instance), kind: 'listener', port: port !== undefined ? known(port) : unknownValue(), protocol: str(instance.values, 'protocol') });
    const pool = natBackendOf(instance.address);
    ctx.add({
      ...base(instance),
      id: pool,
      kind: 'target-pool',
      port: num(instance.values, 'backend_port'),
      clientAddressesPreserved: true,
    });
    ctx.link(instance.address, pool, 'forwards-to', 'backend_port');
    for (const lb of refs(ctx, instance, 'loadbalancer_id', LB_TYPES)) ctx.link(instance.address, lb, 'member-of', 'loadbalancer_id');
  },
};

/**
 * The NAT rules' pools that reach a member of the backend pool `pool` (rules with a frontend port range and
 * `backend_address_pool_id`): each member gets a frontend port of its own.
 */
export function natPoolsThrough(ctx: MapperContext, pool: string): string[] {
  const instance = ctx.instance(pool);
  if (!instance) return [];
  return referrers(ctx, instance, 'backend_address_pool_id', NAT_RULE_TYPES).map((r) => natBackendOf(r.address));
}
