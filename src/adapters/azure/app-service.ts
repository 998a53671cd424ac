import { byDefault, known, unknownValue, valueOf, type Replicas, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { bool, isUnknown, num, str } from '../read.js';
import { base, boolAttr, isNestedUnknown, nested, placement, regionOf } from './common.js';
import { referrers } from './links.js';
import { autoscaleOf } from './scale-set.js';

const PLAN_TYPES = ['azurerm_service_plan', 'azurerm_app_service_plan'];
const APP_PLAN_PATH: ReadonlyArray<readonly [string, string]> = [
  ['azurerm_linux_web_app', 'service_plan_id'],
  ['azurerm_windows_web_app', 'service_plan_id'],
  ['azurerm_linux_function_app', 'service_plan_id'],
  ['azurerm_windows_function_app', 'service_plan_id'],
  ['azurerm_app_service', 'app_service_plan_id'],
  ['azurerm_function_app', 'app_service_plan_id'],
];
const APP_TYPES = APP_PLAN_PATH.map(([type]) => type);

/**
 * SKUs whose workers the platform does not let a plan own: Free and Shared (development tiers, shared workers),
 * and the Consumption and Flex Consumption plans of Function Apps (serverless, scaled by the platform).
 */
const UNOWNED_SKU = /^(F1|D1|SHARED|Y1|FC1)$/i;
const UNOWNED_TIER = /^(Free|Shared|Dynamic|FlexConsumption)$/i;

/**
 * `azurerm_service_plan` (and the legacy `azurerm_app_service_plan`): the workers that run an App Service's web and
 * function apps. Every app of the plan runs on each of its workers, so the plan is the host: a group of
 * `worker_count` instances (legacy `sku.capacity`), or what an autoscale setting or Premium elastic scaling allows,
 * spread over zones only with `zone_balancing_enabled` (legacy `zone_redundant`; default false: Azure keeps the
 * workers in one place of its choosing). `worker_count` unwritten is known only after apply (the provider computes
 * it). The apps on it (`service_plan_id`) join its source; its address is public unless every app turns
 * `public_network_access_enabled` off. Free, Shared and Consumption plans are not modelled: their workers are the
 * platform's. The apps' settings, connection strings and credentials are never read.
 */
export const servicePlan: Mapper = {
  types: PLAN_TYPES,
  map(instance, ctx) {
    const legacy = instance.type === 'azurerm_app_service_plan';
    const sku = legacy ? skuOf(instance, 'size') : str(instance.values, 'sku_name');
    const tier = legacy ? skuOf(instance, 'tier') : undefined;
    if ((sku && UNOWNED_SKU.test(sku)) || (tier && UNOWNED_TIER.test(tier))) return;
    const apps = appsOn(ctx, instance);
    const zoneRedundant = boolAttr(instance, legacy ? 'zone_redundant' : 'zone_balancing_enabled', false);
    const scaled = autoscaleOf(ctx, instance);
    const common = base(instance);
    ctx.add({
      ...common,
      source: [...common.source, ...apps.map((a) => a.address), ...(scaled?.parts ?? [])],
      kind: 'host',
      role: 'group',
      replicas: scaled?.replicas ?? workers(instance, legacy),
      placement: placement(regionOf(instance), byDefault([]), zoneRedundant),
      publicIp: publicOf(apps),
      labels: [],
      serviceAccounts: [],
      scaleKnob: legacy
        ? { attribute: 'sku.capacity', value: '2 or more (3 or more with `zone_redundant = true`, one per zone), or an autoscale setting whose minimum is 2' }
        : { attribute: 'worker_count', value: '2 or more (3 or more with `zone_balancing_enabled = true`, one per zone), or an autoscale setting whose minimum is 2' },
    });
  },
};

/** The apps: read through the plan they run on. */
export const appServiceApps: Mapper = { types: APP_TYPES, map() {} };

function appsOn(ctx: MapperContext, plan: ResourceInstance): ResourceInstance[] {
  const out = APP_PLAN_PATH.flatMap(([type, path]) => referrers(ctx, plan, path, [type]));
  return [...new Set(out)].sort((a, b) => (a.address < b.address ? -1 : 1));
}

/** A value of the legacy `sku` block. */
function skuOf(instance: ResourceInstance, key: string): string | undefined {
  const v = nested(instance.values, 'sku', key);
  return typeof v === 'string' ? v : undefined;
}

/** How many workers: the count written (or in a state), Premium elastic scaling's maximum, else unknown. */
function workers(instance: ResourceInstance, legacy: boolean): Replicas {
  const elastic = legacy ? undefined : bool(instance.values, 'premium_plan_auto_scale_enabled');
  const count = legacy ? nested(instance.values, 'sku', 'capacity') : num(instance.values, 'worker_count');
  const unknownCount = legacy ? isNestedUnknown(instance, 'sku', 'capacity') : isUnknown(instance, 'worker_count');
  const fixed: Value<number> = typeof count === 'number' && !unknownCount ? known(count) : unknownValue(1);
  if (elastic) {
    const most = num(instance.values, 'maximum_elastic_worker_count');
    return { min: fixed, desired: fixed, max: most !== undefined ? known(Math.max(most, valueOf(fixed, 1))) : unknownValue() };
  }
  return { min: fixed, desired: fixed, max: fixed };
}

/** Public unless every app on the plan turns public network access off (default on); no app, no address. */
function publicOf(apps: readonly ResourceInstance[]): Value<boolean> {
  if (apps.length === 0) return known(false);
  const each = apps.map((a) => boolAttr(a, 'public_network_access_enabled', true));
  if (each.some((v) => v.state !== 'unknown' && v.value)) return each.some((v) => v.state === 'set' && v.value) ? known(true) : byDefault(true);
  if (each.some((v) => v.state === 'unknown')) return unknownValue(true);
  return known(false);
}
