import { byDefault, known, unknownValue, type DataStore, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { base, boolAttr, placement, regionOf } from './common.js';
import { firewallRules, serverFirewall } from './db-firewall.js';
import { inResourceGroup } from './nsg.js';
import { refs, referrers } from './links.js';
import { SUBNET_TYPES } from './network.js';

const SERVER_TYPES = ['azurerm_mssql_server', 'azurerm_sql_server'];
const DATABASE_TYPES = ['azurerm_mssql_database', 'azurerm_sql_database'];
const ELASTIC_POOLS = ['azurerm_mssql_elasticpool'];
/** Zone redundancy is a setting of each database (or of the elastic pool it sits in), not of the logical server. */
const KNOB = { attribute: 'zone_redundant', value: 'true on every database of the server (`azurerm_mssql_database`, or the `azurerm_mssql_elasticpool` it sits in)' };

/** The server a database belongs to: `server_id` (mssql) or `server_name` in its resource group (legacy sql). */
function serverOf(ctx: MapperContext, database: ResourceInstance): string | undefined {
  const byId = refs(ctx, database, 'server_id', SERVER_TYPES);
  return (byId.length > 0 ? byId : inResourceGroup(ctx, database, refs(ctx, database, 'server_name', SERVER_TYPES)))[0];
}

/** A database's redundancy: `zone_redundant` (its elastic pool's when it sits in one), and its local replicas. */
function redundancyOf(ctx: MapperContext, database: ResourceInstance): { zoneRedundant: Value<boolean>; replicas: number } {
  const [pool] = refs(ctx, database, 'elastic_pool_id', ELASTIC_POOLS);
  const poolInstance = pool ? ctx.instance(pool) : undefined;
  const zoneRedundant = boolAttr(poolInstance ?? database, 'zone_redundant', false);
  const sku = str(database.values, 'sku_name') ?? str(database.values, 'edition') ?? '';
  // Premium and Business Critical keep an Always On group of four replicas, in one datacenter unless zone-redundant.
  const local = /^(BC_|P\d|Premium|BusinessCritical)/i.test(sku) ? 4 : 1;
  const on = zoneRedundant.state !== 'unknown' && zoneRedundant.value;
  return { zoneRedundant, replicas: on ? Math.max(local, 2) : local };
}

/** Every database zone-redundant is a zone-redundant server; the first one that is not decides otherwise. */
function allRedundant(values: ReadonlyArray<Value<boolean>>): Value<boolean> {
  if (values.length === 0) return unknownValue();
  const off = values.find((v) => v.state !== 'unknown' && !v.value);
  if (off) return off;
  if (values.some((v) => v.state === 'unknown')) return unknownValue(false);
  return values.every((v) => v.state === 'set') ? known(true) : byDefault(true);
}

function sqlStore(instance: ResourceInstance, databases: readonly ResourceInstance[], ctx: MapperContext, publicAccess: Value<boolean>): DataStore {
  const facts = databases.map((d) => redundancyOf(ctx, d));
  const common = base(instance);
  return {
    ...common,
    source: [...new Set([...common.source, ...databases.map((d) => d.address)])],
    kind: 'datastore',
    category: 'relational',
    engine: 'sqlserver',
    ports: [1433],
    // No database in the plan: how many nodes serve, and where, is the business of databases declared elsewhere.
    replicas: facts.length > 0 ? known(Math.min(...facts.map((f) => f.replicas))) : unknownValue(),
    placement: placement(regionOf(instance), known([]), allRedundant(facts.map((f) => f.zoneRedundant))),
    publiclyAccessible: publicAccess,
    redundancyKnob: KNOB,
  };
}

/**
 * `azurerm_mssql_server`, `azurerm_sql_server`: the logical server is the data store. It is what clients connect
 * to and what the firewall guards; its databases fold into it (their `source`), and it is zone-redundant only when
 * every database is (`zone_redundant`). One entity per server, so a server with many databases is one finding.
 * A server with no database in the plan says nothing about zones (unknown).
 */
export const sqlServer: Mapper = {
  types: SERVER_TYPES,
  map(instance, ctx) {
    const databases = [...referrers(ctx, instance, 'server_id', DATABASE_TYPES), ...referrers(ctx, instance, 'server_name', DATABASE_TYPES)];
    const own = [...new Map(databases.filter((d) => serverOf(ctx, d) === instance.address).map((d) => [d.address, d])).values()];
    own.sort((a, b) => (a.address < b.address ? -1 : 1));
    const publicAccess = boolAttr(instance, 'public_network_access_enabled', true);
    ctx.add(sqlStore(instance, own, ctx, publicAccess));
    serverFirewall(ctx, instance, publicAccess);
  },
};

/** `azurerm_mssql_database`, `azurerm_sql_database`: folded into their server; a store of their own only when it is not in the plan. */
export const sqlDatabase: Mapper = {
  types: DATABASE_TYPES,
  map(instance, ctx) {
    if (serverOf(ctx, instance)) return;
    // The server lives elsewhere: its network settings are unknown here.
    ctx.add(sqlStore(instance, [instance], ctx, unknownValue(false)));
  },
};

/** `azurerm_mssql_elasticpool`: read through the databases in it. */
export const sqlElasticPool: Mapper = { types: ELASTIC_POOLS, map() {} };

/** `azurerm_mssql_firewall_rule`, `azurerm_sql_firewall_rule`: ranges admitted on 1433. */
export const sqlFirewallRule = firewallRules(['azurerm_mssql_firewall_rule', 'azurerm_sql_firewall_rule'], SERVER_TYPES, 1433);

/**
 * `azurerm_mssql_managed_instance`: SQL Managed Instance, in its delegated subnet. General Purpose runs one node
 * over remote storage, Business Critical an Always On group of four replicas, both in one datacenter unless
 * `zone_redundant_enabled` (default false) spreads them over zones. `public_data_endpoint_enabled` (default false)
 * opens a public endpoint on port 3342, which the subnet's NSG guards.
 */
export const managedInstance: Mapper = {
  types: ['azurerm_mssql_managed_instance'],
  map(instance, ctx) {
    const zoneRedundant = boolAttr(instance, 'zone_redundant_enabled', false);
    const publicEndpoint = boolAttr(instance, 'public_data_endpoint_enabled', false);
    const sku = str(instance.values, 'sku_name') ?? '';
    const local = /^BC_/i.test(sku) ? 4 : 1;
    const on = zoneRedundant.state !== 'unknown' && zoneRedundant.value;
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'relational',
      engine: 'sqlserver',
      ports: publicEndpoint.state !== 'unknown' && !publicEndpoint.value ? [1433] : [1433, 3342],
      replicas: known(on ? Math.max(local, 2) : local),
      placement: placement(regionOf(instance), known([]), zoneRedundant),
      publiclyAccessible: publicEndpoint,
      redundancyKnob: { attribute: 'zone_redundant_enabled', value: 'true' },
    });
    for (const s of refs(ctx, instance, 'subnet_id', SUBNET_TYPES)) ctx.link(instance.address, s, 'in-subnet', 'subnet_id');
  },
};
