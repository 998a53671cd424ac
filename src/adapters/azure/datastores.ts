import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { blocks, bool, num, str } from '../read.js';
import { base, boolAttr, mapValue, placement, regionOf, stringAttr, zonesAttr } from './common.js';
import { SUBNET_TYPES } from './network.js';
import { refs } from './links.js';

/**
 * `azurerm_redis_cache`: Basic is one node; Standard a primary and a replica; Premium a primary and
 * `replicas_per_master` (default 1) replicas per shard. Nodes sit in one place Azure picks unless `zones` spreads
 * them. Clients connect on 6380 (TLS), and on 6379 only when the non-TLS port is enabled.
 */
export const redisCache: Mapper = {
  types: ['azurerm_redis_cache'],
  map(instance, ctx) {
    const sku = stringAttr(instance, 'sku_name', 'Basic');
    const perPrimary = num(instance.values, 'replicas_per_primary') ?? num(instance.values, 'replicas_per_master') ?? 1;
    const replicas = mapValue(sku, (s) => (s === 'Basic' ? 1 : s === 'Premium' ? 1 + perPrimary : 2));
    const zones = zonesAttr(instance);
    const nonTls = bool(instance.values, 'non_ssl_port_enabled') ?? bool(instance.values, 'enable_non_ssl_port') ?? false;
    const injected = refs(ctx, instance, 'subnet_id', SUBNET_TYPES);
    const basic = sku.state !== 'unknown' && sku.value === 'Basic';
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'cache',
      engine: 'redis',
      ports: nonTls ? [6379, 6380] : [6380],
      replicas,
      placement: placement(regionOf(instance), zones, mapValue(zones, (z) => z.length >= 2 && !basic)),
      publiclyAccessible: injected.length > 0 ? known(false) : boolAttr(instance, 'public_network_access_enabled', true),
      redundancyKnob: basic ? { attribute: 'sku_name', value: 'Standard' } : { attribute: 'zones', value: '["1", "2", "3"]' },
    });
    for (const s of injected) ctx.link(instance.address, s, 'in-subnet', 'subnet_id');
  },
};

/**
 * `azurerm_cosmosdb_account`: one replica set per `geo_location`. The account survives a zone failure when its
 * write region (failover priority 0) is `zone_redundant`.
 */
export const cosmosdbAccount: Mapper = {
  types: ['azurerm_cosmosdb_account'],
  map(instance, ctx) {
    const locations = blocks(instance.values, 'geo_location').sort((a, b) => (num(a, 'failover_priority') ?? 0) - (num(b, 'failover_priority') ?? 0));
    const primary = locations[0];
    const redundant = primary ? bool(primary, 'zone_redundant') : undefined;
    const region = primary ? str(primary, 'location')?.replace(/\s+/g, '').toLowerCase() : regionOf(instance);
    const kind = str(instance.values, 'kind') ?? 'GlobalDocumentDB';
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'document',
      engine: kind === 'MongoDB' ? 'cosmosdb-mongodb' : 'cosmosdb',
      ports: kind === 'MongoDB' ? [443, 10255] : [443],
      replicas: locations.length > 0 ? known(locations.length) : unknownValue(1),
      placement: placement(region, byDefault([]), redundant === undefined ? (primary ? byDefault(false) : unknownValue(false)) : known(redundant)),
      publiclyAccessible: boolAttr(instance, 'public_network_access_enabled', true),
      redundancyKnob: { attribute: 'geo_location.zone_redundant', value: 'true' },
    });
  },
};

const ZONE_REDUNDANT_REPLICATION = ['ZRS', 'GZRS', 'RAGZRS'];

/**
 * `azurerm_storage_account`: `account_replication_type` LRS keeps its three copies in one datacenter; ZRS, GZRS
 * and RAGZRS spread them over zones; GRS and RAGRS add a second region but stay in one datacenter in the first.
 */
export const storageAccount: Mapper = {
  types: ['azurerm_storage_account'],
  map(instance, ctx) {
    const replication: Value<string> = stringAttr(instance, 'account_replication_type', 'LRS');
    const geo = (r: string) => /GRS$/i.test(r);
    const defaultAction = str(blocks(instance.values, 'network_rules')[0], 'default_action');
    const publicAccess = boolAttr(instance, 'public_network_access_enabled', true);
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'object',
      engine: 'azure-storage',
      ports: [443],
      replicas: mapValue(replication, (r) => (geo(r) ? 6 : 3)),
      placement: placement(regionOf(instance), known([]), mapValue(replication, (r) => ZONE_REDUNDANT_REPLICATION.includes(r.toUpperCase()))),
      publiclyAccessible: defaultAction === 'Deny' ? known(false) : publicAccess,
      redundancyKnob: { attribute: 'account_replication_type', value: 'ZRS' },
    });
  },
};
