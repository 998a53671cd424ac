import { known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, num, str } from '../read.js';
import { base, isNestedUnknown, mapValue, nested, placement, regionOf, zonesAttr } from './common.js';
import { frontendIps, internetFacing } from './lb.js';
import { SUBNET_TYPES } from './network.js';
import { refs } from './links.js';

export const APP_GATEWAY_TYPES = ['azurerm_application_gateway'];

/** The id of the one target pool that stands for all of an application gateway's backend pools. */
export const backendOf = (gateway: string): string => `${gateway}#backend_address_pool`;

/** Application gateways by their ids, indexed once per adapter run. */
function gatewaysById(ctx: MapperContext): Map<string, string> {
  return ctx.memo('azure:app-gateway-by-id', (ctx) => {
    const index = new Map<string, string>();
    for (const gateway of ctx.instancesOf(APP_GATEWAY_TYPES)) {
      const id = str(gateway.values, 'id');
      if (id) index.set(id.toLowerCase(), gateway.address);
    }
    return index;
  });
}

/** Every string at a dotted path of nested blocks. */
function stringsAt(values: unknown, path: string): string[] {
  let layer: unknown[] = [values];
  for (const step of path.split('.')) {
    layer = layer.flatMap((node) => (Array.isArray(node) ? node : [node])).flatMap((n) => (typeof n === 'object' && n !== null && step in n ? [(n as Record<string, unknown>)[step]] : []));
  }
  return layer.flatMap((n) => (Array.isArray(n) ? n : [n])).filter((s): s is string => typeof s === 'string');
}

/**
 * The backend pools of application gateways that `instance` names at `path`. A pool is a block of its gateway
 * (`<gateway id>/backendAddressPools/<name>`), so it is found by reference to the gateway or by the id's prefix.
 */
export function appGatewayPools(ctx: MapperContext, instance: ResourceInstance, path: string): string[] {
  const found = new Set(refs(ctx, instance, path, APP_GATEWAY_TYPES).map(backendOf));
  for (const id of stringsAt(instance.values, path)) {
    const at = id.toLowerCase().indexOf('/backendaddresspools/');
    const gateway = at > 0 ? gatewaysById(ctx).get(id.slice(0, at).toLowerCase()) : undefined;
    if (gateway) found.add(backendOf(gateway));
  }
  return [...found].sort();
}

/** `sku.capacity`, or the autoscale minimum and maximum (v2 SKUs). */
function capacity(instance: ResourceInstance): { min: Value<number>; desired: Value<number>; max: Value<number> } {
  const fixed = nested(instance.values, 'sku', 'capacity');
  if (typeof fixed === 'number') return { min: known(fixed), desired: known(fixed), max: known(fixed) };
  const min = nested(instance.values, 'autoscale_configuration', 'min_capacity');
  const max = nested(instance.values, 'autoscale_configuration', 'max_capacity');
  if (typeof min === 'number') {
    // Without a maximum the service scales up to its limit (125 instances for v2).
    return { min: known(min), desired: known(min), max: known(typeof max === 'number' ? max : 125) };
  }
  const unknown = isNestedUnknown(instance, 'sku', 'capacity') || isNestedUnknown(instance, 'autoscale_configuration');
  return unknown ? { min: unknownValue(1), desired: unknownValue(1), max: unknownValue(1) } : { min: known(1), desired: known(1), max: known(1) };
}

/**
 * `azurerm_application_gateway`: a layer-7 load balancer with its instances spread over `zones` (v2 SKUs only),
 * internet-facing when a frontend uses a public IP. Its backend pools stand as one target pool; each
 * `http_listener` is a listener on the port of its `frontend_port`.
 */
export const applicationGateway: Mapper = {
  types: APP_GATEWAY_TYPES,
  map(instance, ctx) {
    const ips = frontendIps(ctx, instance, 'frontend_ip_configuration.public_ip_address_id');
    const zones = zonesAttr(instance);
    ctx.add({
      ...base(instance),
      kind: 'load-balancer',
      layer: 'application',
      internetFacing: internetFacing(instance, 'frontend_ip_configuration', ips),
      placement: placement(regionOf(instance), zones, mapValue(zones, (z) => z.length >= 2)),
      replicas: capacity(instance),
    });
    for (const ip of ips) ctx.link(ip, instance.address, 'attached-to', 'frontend_ip_configuration.public_ip_address_id');
    for (const s of refs(ctx, instance, 'gateway_ip_configuration.subnet_id', SUBNET_TYPES)) {
      ctx.link(instance.address, s, 'in-subnet', 'gateway_ip_configuration.subnet_id');
    }
    const pool = backendOf(instance.address);
    const backendPort = blocks(instance.values, 'backend_http_settings').map((b) => num(b, 'port')).find((p) => p !== undefined);
    ctx.add({ ...base(instance), id: pool, kind: 'target-pool', port: backendPort });
    ctx.link(instance.address, pool, 'forwards-to', 'backend_address_pool');
    const ports = new Map(blocks(instance.values, 'frontend_port').map((p) => [str(p, 'name'), num(p, 'port')]));
    blocks(instance.values, 'http_listener').forEach((listener, i) => {
      const id = `${instance.address}#http_listener[${i}]`;
      const port = ports.get(str(listener, 'frontend_port_name'));
      ctx.add({ ...base(instance), id, kind: 'listener', port: port !== undefined ? known(port) : unknownValue(), protocol: str(listener, 'protocol') });
      ctx.link(id, instance.address, 'member-of', 'http_listener');
      ctx.link(id, pool, 'forwards-to', 'request_routing_rule');
    });
  },
};
