import { byDefault, known, unknownValue, type Replicas, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str, strings } from '../read.js';
import { base, lastSegment, mapValue, placement, readCount, regionOfZone, unknownAt } from './common.js';
import { externalIp, identity, zoneOf } from './instance.js';
import { attachToNetwork } from './links.js';

const TEMPLATE = ['google_compute_instance_template', 'google_compute_region_instance_template'] as const;
const AUTOSCALER = ['google_compute_autoscaler', 'google_compute_region_autoscaler'] as const;
export const MANAGED_GROUP = ['google_compute_instance_group_manager', 'google_compute_region_instance_group_manager'] as const;
const REGIONAL_GROUP = 'google_compute_region_instance_group_manager';

/**
 * The zones of a regional group: `distribution_policy_zones` when written; otherwise Google spreads the group over
 * up to three zones of the region that it picks, which the plan cannot name.
 */
function regionalZones(instance: ResourceInstance): { zones: Value<readonly string[]>; zoneRedundant: Value<boolean> } {
  const listed = strings(instance.values, 'distribution_policy_zones');
  const written = !instance.configured || instance.configured.has('distribution_policy_zones');
  if (listed.length > 0) {
    const zones: Value<readonly string[]> = written ? known(listed) : byDefault(listed);
    return { zones, zoneRedundant: mapValue(zones, (z) => new Set(z).size >= 2) };
  }
  if (written && unknownAt(instance, ['distribution_policy_zones'])) return { zones: unknownValue(), zoneRedundant: unknownValue() };
  return { zones: unknownValue(), zoneRedundant: byDefault(true) };
}

/**
 * Capacity: an autoscaler that targets the group sets its bounds (`min_replicas`, which Google picks when left
 * out, and `max_replicas`); without one the group keeps `target_size` instances (default 0).
 */
function replicasOf(ctx: MapperContext, instance: ResourceInstance): Replicas {
  const size = readCount(instance, ['target_size'], 0);
  const [autoscaler] = ctx.referrers(instance, 'target', AUTOSCALER).sort((a, b) => (a.address < b.address ? -1 : 1));
  if (!autoscaler) return { min: size, desired: size, max: size };
  const minWritten = readCount(autoscaler, ['autoscaling_policy', 'min_replicas'], 1);
  const min = minWritten.state === 'default' ? unknownValue(1) : minWritten;
  const max = readCount(autoscaler, ['autoscaling_policy', 'max_replicas'], 1);
  const desired = instance.configured?.has('target_size') ? size : min;
  return { min, desired, max };
}

/** The instance templates a group launches from (`version.instance_template`, or the older `instance_template`). */
function templatesOf(ctx: MapperContext, instance: ResourceInstance): ResourceInstance[] {
  const addresses = new Set([...ctx.refs(instance, 'version.instance_template', { types: TEMPLATE }), ...ctx.refs(instance, 'instance_template', { types: TEMPLATE })]);
  return [...addresses].sort().flatMap((a) => ctx.instance(a) ?? []);
}

/**
 * `google_compute_instance_group_manager` (zonal: all instances in `zone`) and
 * `google_compute_region_instance_group_manager` (instances spread over `distribution_policy_zones`): a group of
 * identical VMs. Network, tags, service account and external addresses come from the instance template.
 */
export const instanceGroupManager: Mapper = {
  types: MANAGED_GROUP,
  map(instance, ctx) {
    const regional = instance.type === REGIONAL_GROUP;
    const region = str(instance.values, 'region');
    const where = regional ? regionalZones(instance) : { zones: zoneOf(instance), zoneRedundant: known(false) };
    const [template] = templatesOf(ctx, instance);
    ctx.add({
      ...base(instance),
      kind: 'host',
      role: 'group',
      replicas: replicasOf(ctx, instance),
      placement: placement(region ? lastSegment(region) : undefined, where.zones, where.zoneRedundant),
      publicIp: template ? externalIp(template) : unknownValue(false),
      ...(template ? identity(ctx, template, region ? lastSegment(region) : regionOfZone(lastSegment(str(instance.values, 'zone') ?? ''))) : { labels: [], serviceAccounts: [] }),
    });
    if (template) attachToNetwork(ctx, instance.address, template, 'network_interface.network', 'network_interface.subnetwork', template.address);
  },
};

/**
 * Read through the group that uses them: instance templates (by the group manager), autoscalers (for the group's
 * bounds) and unmanaged instance groups (a backend service reaches their instances).
 */
export const groupParts: Mapper = {
  types: [...TEMPLATE, ...AUTOSCALER, 'google_compute_instance_group'],
  map() {},
};
