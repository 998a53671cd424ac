import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, num, str } from '../read.js';
import { base, isString, readAt } from './common.js';
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

/**
 * `google_compute_backend_service` (global) and `google_compute_region_backend_service`: the pool a load balancer
 * forwards to. Its backends are managed instance groups (linked as hosts) or unmanaged instance groups (linked
 * through to their instances); network endpoint groups (serverless, GKE) are not modelled.
 */
export const backendService: Mapper = {
  types: BACKEND_SERVICE,
  map(instance, ctx) {
    const groups = backendGroups(ctx, instance);
    ctx.add({ ...base(instance), kind: 'target-pool', port: portOf(instance, groups) });
    for (const group of groups) {
      if (group.type !== UNMANAGED_GROUP) {
        ctx.link(instance.address, group.address, 'targets', 'backend.group');
        continue;
      }
      for (const vm of ctx.refs(group, 'instances', { types: ['google_compute_instance'] })) ctx.link(instance.address, vm, 'targets', group.address);
    }
  },
};
