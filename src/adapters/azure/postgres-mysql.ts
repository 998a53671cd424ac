import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { str, strings } from '../read.js';
import { base, boolAttr, isNestedUnknown, nested, placement, regionOf, zonesAttr } from './common.js';
import { firewallRules, serverFirewall } from './db-firewall.js';
import { SUBNET_TYPES } from './network.js';
import { refs } from './links.js';

const ENGINES = { postgres: 5432, mysql: 3306 } as const;
type Engine = keyof typeof ENGINES;
const engineOf = (type: string): Engine => (type.includes('postgresql') ? 'postgres' : 'mysql');

const FLEXIBLE = ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server'];
const SINGLE = ['azurerm_postgresql_server', 'azurerm_mysql_server'];

/** `high_availability.mode`: `ZoneRedundant`, `SameZone`, or no block at all (no standby). */
function haMode(instance: ResourceInstance): Value<'ZoneRedundant' | 'SameZone' | 'none'> {
  const mode = nested(instance.values, 'high_availability', 'mode');
  if (mode === 'ZoneRedundant' || mode === 'SameZone') return known(mode);
  if (isNestedUnknown(instance, 'high_availability', 'mode') && instance.configured?.has('high_availability') !== false) return unknownValue('none');
  // `mode = "Disabled"` (provider 3.x) and no block both mean no standby.
  return mode === 'Disabled' ? known('none') : byDefault('none');
}

/**
 * Whether a flexible server takes connections from public addresses. A server in a delegated subnet (private
 * access) never does; otherwise `public_network_access_enabled` (PostgreSQL; MySQL 3.x) or `public_network_access`
 * (MySQL 4.x) says, by default yes.
 */
function flexiblePublicAccess(instance: ResourceInstance, delegated: boolean): Value<boolean> {
  if (delegated) return known(false);
  const text = str(instance.values, 'public_network_access');
  if (text !== undefined && instance.configured?.has('public_network_access') !== false) return known(text.toLowerCase() === 'enabled');
  return boolAttr(instance, 'public_network_access_enabled', true);
}

/**
 * `azurerm_postgresql_flexible_server`, `azurerm_mysql_flexible_server`: a server in `zone` (or one Azure picks),
 * with a standby in another zone (`ZoneRedundant`), in the same zone (`SameZone`: survives a host failure, not a
 * zone's), or none. Its firewall rules form `<server>#firewall`; with private access the subnet's NSG guards it.
 */
export const flexibleServer: Mapper = {
  types: FLEXIBLE,
  map(instance, ctx) {
    const engine = engineOf(instance.type);
    const mode = haMode(instance);
    const primary = zonesAttr(instance, 'zone');
    const standby = strings({ zone: nested(instance.values, 'high_availability', 'standby_availability_zone') }, 'zone').filter((z) => z !== '');
    const zones: Value<readonly string[]> =
      primary.state === 'unknown' ? primary : { state: primary.state, value: mode.state !== 'unknown' && mode.value === 'ZoneRedundant' ? [...primary.value, ...standby] : primary.value };
    const subnets = refs(ctx, instance, 'delegated_subnet_id', SUBNET_TYPES);
    const delegated = subnets.length > 0 || (str(instance.values, 'delegated_subnet_id') ?? '') !== '';
    const publicAccess = flexiblePublicAccess(instance, delegated);
    const on = (v: 'ZoneRedundant' | 'SameZone' | 'none') => v !== 'none';
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'relational',
      engine,
      ports: [ENGINES[engine]],
      replicas: mode.state === 'unknown' ? unknownValue(1) : { state: mode.state, value: on(mode.value) ? 2 : 1 },
      placement: placement(regionOf(instance), zones, mode.state === 'unknown' ? unknownValue(false) : { state: mode.state, value: mode.value === 'ZoneRedundant' }),
      publiclyAccessible: publicAccess,
      redundancyKnob: { attribute: 'high_availability.mode', value: 'ZoneRedundant' },
    });
    for (const s of subnets) ctx.link(instance.address, s, 'in-subnet', 'delegated_subnet_id');
    serverFirewall(ctx, instance, publicAccess);
  },
};

/**
 * `azurerm_postgresql_server`, `azurerm_mysql_server` (Single Server, retired): one node in one place Azure picks,
 * with no zone-redundant option at all, public by default. The only fix is moving to a flexible server.
 */
export const singleServer: Mapper = {
  types: SINGLE,
  map(instance, ctx) {
    const engine = engineOf(instance.type);
    const publicAccess = boolAttr(instance, 'public_network_access_enabled', true);
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'relational',
      engine,
      ports: [ENGINES[engine]],
      replicas: known(1),
      placement: placement(regionOf(instance), known([]), known(false)),
      publiclyAccessible: publicAccess,
      // No attribute of a single server turns on zone redundancy: the fix is the flexible server that replaces it.
      redundancyKnob: {
        attribute: FLEXIBLE[SINGLE.indexOf(instance.type)]!,
        value:
          'one in its place (a Single Server cannot keep a standby in another zone), with `high_availability { mode = "ZoneRedundant" }` on a General Purpose or Memory Optimized `sku_name` (Burstable has no high availability) and the data migrated to it,',
      },
    });
    serverFirewall(ctx, instance, publicAccess);
  },
};

export const postgresFlexibleFirewallRule = firewallRules(['azurerm_postgresql_flexible_server_firewall_rule'], ['azurerm_postgresql_flexible_server'], 5432);
export const mysqlFlexibleFirewallRule = firewallRules(['azurerm_mysql_flexible_server_firewall_rule'], ['azurerm_mysql_flexible_server'], 3306);
export const postgresFirewallRule = firewallRules(['azurerm_postgresql_firewall_rule'], ['azurerm_postgresql_server'], 5432);
export const mysqlFirewallRule = firewallRules(['azurerm_mysql_firewall_rule'], ['azurerm_mysql_server'], 3306);
