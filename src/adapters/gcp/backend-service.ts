import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, num, str } from '../read.js';
import { base, isString, lastSegment, readAt } from './common.js';
import { MANAGED_GROUP } from './instance-group.js';
import { stringsAt } from './links.js';

export const BACKEND_SERVICE = ['google_compute_backend_service', 'google_compute_region_backend_service'] as const;
const UNMANAGED_GROUP = 'google_compute_instance_group';
const GROUPS = [...MANAGED_GROUP, UNMANAGED_GROUP];

/**
 * Managed groups by the URL of the instance group they manage (`instance_group`), which is what a backend names
 * when it was written as a literal or read from a state.
 */
function managedByUrl(ctx: MapperContext, url: string): string | undefined {
  const index = ctx.memo('gcp:managed-group-by-url', (ctx) => {
    const out = new Map<string, string>();
    for (const group of ctx.instancesOf(MANAGED_GROUP)) {
      const own = str(group.values, 'instance_group');
      if (own && group.mode === 'managed') out.set(tail(own), group.address);
    }
    return out;
  });
  return index.get(tail(url));
}

const tail = (url: string): string => (url.includes('projects/') ? url.slice(url.indexOf('projects/')) : url);

/** The groups a backend service sends traffic to: managed groups (hosts) and unmanaged groups. */
function backendGroups(ctx: MapperContext, instance: ResourceInstance): ResourceInstance[] {
  const found = new Set(ctx.refs(instance, 'backend.group', { types: GROUPS }));
  for (const url of stringsAt(instance.values, 'backend.group')) {
    const managed = managedByUrl(ctx, url);
    if (managed) found.add(managed);
  }
  return [...found].sort().flatMap((a) => ctx.instance(a) ?? []);
}

/** The port of the backends' named port that the service uses (`port_name`, default `http`). */
function portOf(instance: ResourceInstance, groups: readonly ResourceInstance[]): number | undefined {
  const name = readAt(instance, ['port_name'], 'http', isString);
  const wanted = name.state === 'unknown' ? undefined : name.value;
  for (const group of groups) {
    const port = blocks(group.values, 'named_port').find((p) => str(p, 'name') === wanted);
    if (port && num(port, 'port') !== undefined) return num(port, 'port');
  }
  return undefined;
}

const REGIONAL_SERVICE = 'google_compute_region_backend_service';

/**
 * Whether the service is a passthrough network load balancer's: a regional service with the scheme `EXTERNAL`
 * (external passthrough) or `INTERNAL` (internal passthrough; the regional default). Google delivers the packets
 * unproxied, with the client's address and the port it connected to, so the backends' firewall must admit the
 * clients on the forwarding rule's ports and the named port does not apply. The `*_MANAGED` schemes and every
 * global service are proxies. Undefined when the scheme is not known.
 */
function passthrough(instance: ResourceInstance): boolean | undefined {
  if (instance.type !== REGIONAL_SERVICE) return false;
  const scheme = readAt(instance, ['load_balancing_scheme'], 'INTERNAL', isString);
  if (scheme.state === 'unknown') return undefined;
  return ['EXTERNAL', 'INTERNAL'].includes(scheme.value.toUpperCase());
}

/**
 * `google_compute_backend_service` (global) and `google_compute_region_backend_service`: the pool a load balancer
 * forwards to. Its backends are managed instance groups (linked as hosts) or unmanaged instance groups (linked
 * through to their instances); network endpoint groups (serverless, GKE) are not modelled. A proxy's backends
 * are reached on the service's named port; a passthrough service's on the ports its forwarding rules accept.
 */
export const backendService: Mapper = {
  types: BACKEND_SERVICE,
  map(instance, ctx) {
    const groups = backendGroups(ctx, instance);
    const through = passthrough(instance);
    ctx.add({
      ...base(instance),
      kind: 'target-pool',
      port: through ? undefined : portOf(instance, groups),
      ...(through === undefined ? {} : { clientAddressesPreserved: through }),
      ...(through ? { listenerPorts: true } : {}),
    });
    for (const group of groups) {
      if (group.type !== UNMANAGED_GROUP) {
        ctx.link(instance.address, group.address, 'targets', 'backend.group');
        continue;
      }
      for (const vm of ctx.refs(group, 'instances', { types: ['google_compute_instance'] })) ctx.link(instance.address, vm, 'targets', group.address);
    }
  },
};

export const TARGET_POOL = 'google_compute_target_pool';

/** `google_compute_instance` by `zone/name`, the short form a target pool's `instances` may use. */
function vmByZoneAndName(ctx: MapperContext, entry: string): string | undefined {
  const index = ctx.memo('gcp:instance-by-zone-name', (ctx) => {
    const out = new Map<string, string>();
    for (const vm of ctx.instancesOf(['google_compute_instance'])) {
      const name = str(vm.values, 'name');
      const zone = str(vm.values, 'zone');
      if (name && zone) out.set(`${lastSegment(zone)}/${name}`, vm.address);
    }
    return out;
  });
  return index.get(entry);
}

/**
 * `google_compute_target_pool`: the backends of a target-pool-based external passthrough network load balancer
 * (the forwarding rule's `target`). Its instances are listed in `instances` (URLs, `zone/name`, or references);
 * managed instance groups join it through their `target_pools`. Passthrough: the backends see the client's
 * address and the forwarding rule's ports.
 */
export const targetPool: Mapper = {
  types: [TARGET_POOL],
  map(instance, ctx) {
    ctx.add({ ...base(instance), kind: 'target-pool', port: undefined, clientAddressesPreserved: true, listenerPorts: true });
    const vms = new Set(ctx.refs(instance, 'instances', { types: ['google_compute_instance'] }));
    for (const entry of stringsAt(instance.values, 'instances')) {
      const vm = vmByZoneAndName(ctx, entry);
      if (vm) vms.add(vm);
    }
    for (const vm of [...vms].sort()) ctx.link(instance.address, vm, 'targets', 'instances');
    const groups = ctx.referrers(instance, 'target_pools', MANAGED_GROUP).map((g) => g.address).sort();
    for (const group of groups) ctx.link(instance.address, group, 'targets', `${group}.target_pools`);
  },
};
