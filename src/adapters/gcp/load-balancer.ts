import { known, parsePortRange, unknownValue, type Listener, type LoadBalancerLayer, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str, strings } from '../read.js';
import { BACKEND_SERVICE, TARGET_POOL } from './backend-service.js';
import { base, isString, lastSegment, mapValue, readAt, regionalPlacement, unknownAt } from './common.js';
import { ADDRESS, NETWORK, SUBNETWORK } from './links.js';

const HTTP_PROXY = ['google_compute_target_http_proxy', 'google_compute_region_target_http_proxy'];
const HTTPS_PROXY = ['google_compute_target_https_proxy', 'google_compute_region_target_https_proxy', 'google_compute_target_grpc_proxy'];
const STREAM_PROXY = ['google_compute_target_tcp_proxy', 'google_compute_region_target_tcp_proxy', 'google_compute_target_ssl_proxy'];
const PROXY = [...HTTP_PROXY, ...HTTPS_PROXY, ...STREAM_PROXY];
const URL_MAP = ['google_compute_url_map', 'google_compute_region_url_map'];
const URL_MAP_SERVICES = ['default_service', 'path_matcher', 'path_matcher.default_service', 'path_matcher.path_rule.service', 'path_matcher.route_rules.service'];

interface Route {
  readonly pool: string;
  /** The resources between the forwarding rule and the backend service. */
  readonly through: readonly string[];
  /** The forwarding rule's attribute that names the pool or the first of `through`. */
  readonly attribute: 'backend_service' | 'target';
}

/**
 * Backend services a forwarding rule reaches: directly, through a TCP/SSL proxy, or through a proxy's URL map; and
 * the target pool it names as its `target`.
 */
function routes(ctx: MapperContext, instance: ResourceInstance): { routes: Route[]; proxies: ResourceInstance[] } {
  const out: Route[] = ctx.refs(instance, 'backend_service', { types: BACKEND_SERVICE }).map((pool) => ({ pool, through: [], attribute: 'backend_service' as const }));
  for (const pool of ctx.refs(instance, 'target', { types: [TARGET_POOL] })) out.push({ pool, through: [], attribute: 'target' });
  const proxies = ctx.refs(instance, 'target', { types: PROXY }).flatMap((a) => ctx.instance(a) ?? []);
  for (const proxy of proxies) {
    for (const pool of ctx.refs(proxy, 'backend_service', { types: BACKEND_SERVICE })) out.push({ pool, through: [proxy.address], attribute: 'target' });
    for (const map of ctx.refs(proxy, 'url_map', { types: URL_MAP })) {
      const mapInstance = ctx.instance(map);
      if (!mapInstance) continue;
      const pools = new Set(URL_MAP_SERVICES.flatMap((path) => ctx.refs(mapInstance, path, { types: BACKEND_SERVICE })));
      for (const pool of [...pools].sort()) out.push({ pool, through: [proxy.address, map], attribute: 'target' });
    }
  }
  return { routes: out, proxies };
}

function layerOf(proxies: readonly ResourceInstance[]): LoadBalancerLayer {
  return proxies.some((p) => HTTP_PROXY.includes(p.type) || HTTPS_PROXY.includes(p.type)) ? 'application' : 'network';
}

/**
 * The ports a forwarding rule accepts: `port_range` (`"443"`, `"8080-8090"`), else the `ports` list; a rule
 * without either in front of an HTTP(S) proxy takes the proxy's usual port.
 */
function listenerPorts(instance: ResourceInstance, proxies: readonly ResourceInstance[]): Value<number>[] {
  const raw = instance.values.port_range;
  const range = typeof raw === 'number' || (typeof raw === 'string' && raw !== '') ? parsePortRange(raw) : undefined;
  if (range) return [known(range.from)];
  const listed = strings(instance.values, 'ports').flatMap((p) => parsePortRange(p) ?? []);
  if (listed.length > 0) return listed.map((r) => known(r.from));
  if (instance.configured?.has('port_range') && unknownAt(instance, ['port_range'])) return [unknownValue()];
  if (proxies.some((p) => HTTPS_PROXY.includes(p.type))) return [{ state: 'default', value: 443 }];
  if (proxies.some((p) => HTTP_PROXY.includes(p.type))) return [{ state: 'default', value: 80 }];
  return [];
}

function protocolOf(instance: ResourceInstance, proxies: readonly ResourceInstance[]): string | undefined {
  if (proxies.some((p) => HTTPS_PROXY.includes(p.type))) return 'HTTPS';
  if (proxies.some((p) => HTTP_PROXY.includes(p.type))) return 'HTTP';
  return str(instance.values, 'ip_protocol');
}

/**
 * `google_compute_forwarding_rule` (regional) and `google_compute_global_forwarding_rule`: the front of a Google
 * load balancer. `load_balancing_scheme` EXTERNAL (the default) or EXTERNAL_MANAGED faces the internet, INTERNAL*
 * does not. Google's load balancers are distributed services, not machines in a zone: a global one is served from
 * Google's edge, a regional one from every zone of its region. Target proxies and URL maps are followed through
 * to the backend services.
 */
export const forwardingRule: Mapper = {
  types: ['google_compute_forwarding_rule', 'google_compute_global_forwarding_rule'],
  map(instance, ctx) {
    const global = instance.type === 'google_compute_global_forwarding_rule';
    const region = str(instance.values, 'region');
    const found = routes(ctx, instance);
    const scheme = readAt(instance, ['load_balancing_scheme'], 'EXTERNAL', isString);
    ctx.add({
      ...base(instance),
      kind: 'load-balancer',
      layer: layerOf(found.proxies),
      internetFacing: mapValue(scheme, (s) => s.toUpperCase().startsWith('EXTERNAL')),
      placement: regionalPlacement(global || !region ? undefined : lastSegment(region)),
      replicas: { min: known(1), desired: known(1), max: known(1) },
    });
    const protocol = protocolOf(instance, found.proxies);
    const ports = listenerPorts(instance, found.proxies);
    ports.forEach((port, i) => {
      const listener: Listener = { ...base(instance), id: `${instance.address}#listener${ports.length > 1 ? `[${i}]` : ''}`, kind: 'listener', port, protocol };
      ctx.add(listener);
      ctx.link(listener.id, instance.address, 'member-of', 'port_range');
      for (const route of found.routes) ctx.link(listener.id, route.pool, 'forwards-to', via(route));
    });
    for (const route of found.routes) ctx.link(instance.address, route.pool, 'forwards-to', via(route));
    for (const address of ctx.refs(instance, 'ip_address', { types: ADDRESS })) ctx.link(address, instance.address, 'attached-to', 'ip_address');
    for (const subnet of ctx.refs(instance, 'subnetwork', { types: SUBNETWORK })) ctx.link(instance.address, subnet, 'in-subnet', 'subnetwork');
    for (const network of ctx.refs(instance, 'network', { types: NETWORK })) ctx.link(instance.address, network, 'in-network', 'network');
  },
};

const via = (route: Route): string => (route.through.length > 0 ? route.through.join(' -> ') : route.attribute);

/** Target proxies and URL maps: read by the forwarding rule in front of them. */
export const loadBalancerParts: Mapper = { types: [...PROXY, ...URL_MAP], map() {} };
