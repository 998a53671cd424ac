import { byDefault, known, unknownValue, type Replicas, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, num } from '../read.js';
import { appGatewayPools } from './app-gateway.js';
import { base, isNestedUnknown, mapValue, nested, numberAttr, placement, regionOf, zonesAttr } from './common.js';
import { LB_POOL_TYPES, NAT_POOL_TYPES, NAT_RULE_TYPES, natBackendOf } from './lb.js';
import { linkPool } from './nic.js';
import { SUBNET_TYPES } from './network.js';
import { NSG_TYPES } from './nsg.js';
import { refs, referrers } from './links.js';

export const SCALE_SET_TYPES = [
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_windows_virtual_machine_scale_set',
  'azurerm_orchestrated_virtual_machine_scale_set',
  'azurerm_virtual_machine_scale_set',
];
const AUTOSCALE = ['azurerm_monitor_autoscale_setting'];
const ASG_TYPES = ['azurerm_application_security_group'];

/**
 * The bounds of an `azurerm_monitor_autoscale_setting` that targets `instance` (`target_resource_id`): the lowest
 * minimum and the highest maximum over its profiles, starting at the first default. Undefined without one.
 */
export function autoscaleOf(ctx: MapperContext, instance: ResourceInstance): { replicas: Replicas; parts: string[] } | undefined {
  for (const setting of referrers(ctx, instance, 'target_resource_id', AUTOSCALE)) {
    const capacities = blocks(setting.values, 'profile').flatMap((p) => blocks(p, 'capacity'));
    const mins = capacities.map((c) => num(c, 'minimum')).filter((n): n is number => n !== undefined);
    const maxes = capacities.map((c) => num(c, 'maximum')).filter((n): n is number => n !== undefined);
    const defaults = capacities.map((c) => num(c, 'default')).filter((n): n is number => n !== undefined);
    if (mins.length > 0 && maxes.length > 0) {
      const min = Math.min(...mins);
      return { replicas: { min: known(min), desired: known(defaults[0] ?? min), max: known(Math.max(...maxes)) }, parts: [setting.address] };
    }
  }
  return undefined;
}

/** How many instances: `instances` (default 0), the legacy `sku.capacity`, or an autoscale setting's bounds. */
function replicasOf(ctx: MapperContext, instance: ResourceInstance): { replicas: Replicas; parts: string[] } {
  const scaled = autoscaleOf(ctx, instance);
  if (scaled) return scaled;
  let count: Value<number>;
  if (instance.type === 'azurerm_virtual_machine_scale_set') {
    const capacity = nested(instance.values, 'sku', 'capacity');
    count = typeof capacity === 'number' ? known(capacity) : isNestedUnknown(instance, 'sku', 'capacity') ? unknownValue(1) : byDefault(0);
  } else {
    count = numberAttr(instance, 'instances', 0);
  }
  return { replicas: { min: count, desired: count, max: count }, parts: [] };
}

/** The attribute paths of a scale set's network blocks: `network_interface` (current) or `network_profile` (legacy). */
function paths(instance: ResourceInstance) {
  const nic = instance.type === 'azurerm_virtual_machine_scale_set' ? 'network_profile' : 'network_interface';
  return { nic, ip: `${nic}.ip_configuration` };
}

/** Whether any ip_configuration gives each instance a public IP (`public_ip_address` block, legacy `_configuration`). */
function publicIpOf(instance: ResourceInstance, nic: string): Value<boolean> {
  const configs = blocks(instance.values, nic).flatMap((n) => blocks(n, 'ip_configuration'));
  if (configs.some((c) => blocks(c, 'public_ip_address').length > 0 || blocks(c, 'public_ip_address_configuration').length > 0)) return known(true);
  if (isNestedUnknown(instance, nic) && instance.configured?.has(nic)) return unknownValue(false);
  return byDefault(false);
}

/** Links a scale set to its subnets, NSGs, backend pools and application security groups; returns the latter. */
function linkNetwork(ctx: MapperContext, instance: ResourceInstance): string[] {
  const { nic, ip } = paths(instance);
  const id = instance.address;
  for (const s of refs(ctx, instance, `${ip}.subnet_id`, SUBNET_TYPES)) ctx.link(id, s, 'in-subnet', `${ip}.subnet_id`);
  for (const nsg of refs(ctx, instance, `${nic}.network_security_group_id`, NSG_TYPES)) ctx.link(id, nsg, 'protected-by', `${nic}.network_security_group_id`);
  for (const pool of refs(ctx, instance, `${ip}.load_balancer_backend_address_pool_ids`, LB_POOL_TYPES)) {
    linkPool(ctx, pool, id, `${ip}.load_balancer_backend_address_pool_ids`);
  }
  for (const nat of refs(ctx, instance, `${ip}.load_balancer_inbound_nat_rules_ids`, [...NAT_POOL_TYPES, ...NAT_RULE_TYPES])) {
    ctx.link(natBackendOf(nat), id, 'port-forwards', `${ip}.load_balancer_inbound_nat_rules_ids`);
  }
  for (const pool of appGatewayPools(ctx, instance, `${ip}.application_gateway_backend_address_pool_ids`)) {
    ctx.link(pool, id, 'targets', `${ip}.application_gateway_backend_address_pool_ids`);
  }
  return refs(ctx, instance, `${ip}.application_security_group_ids`, ASG_TYPES);
}

/**
 * Virtual machine scale sets (uniform, flexible/orchestrated, and the legacy resource): a group of instances over
 * `zones`. With several zones the group spans them (`zone_balance` only makes the spread strict); without zones it
 * is "no zone", however many instances it runs.
 */
export const scaleSet: Mapper = {
  types: SCALE_SET_TYPES,
  map(instance, ctx) {
    const zones = zonesAttr(instance);
    const { replicas, parts } = replicasOf(ctx, instance);
    const labels = linkNetwork(ctx, instance);
    const common = base(instance);
    ctx.add({
      ...common,
      source: [...common.source, ...parts],
      kind: 'host',
      role: 'group',
      replicas,
      placement: placement(regionOf(instance), zones, mapValue(zones, (z) => z.length >= 2)),
      publicIp: publicIpOf(instance, paths(instance).nic),
      labels,
      serviceAccounts: [],
    });
  },
};

/** `azurerm_monitor_autoscale_setting`: read through the scale set or App Service plan it targets. */
export const autoscaleSetting: Mapper = { types: AUTOSCALE, map() {} };
