import { describe, expect, it } from 'vitest';
import { azureModel, azurePlan, constant, edgesFrom, network, ref, storeIn, type PlanResource } from '../../../test/support/azure-plan.js';

const resource = (address: string, values: Record<string, unknown>, expressions: Record<string, unknown>, unknown: Record<string, unknown> = {}): PlanResource => ({
  address,
  values: { location: 'westeurope', name: address.split('.').pop(), resource_group_name: 'rg-data', ...values },
  unknown: { id: true, ...unknown },
  expressions,
});

const redis = (address: string, sku: string, over: Record<string, unknown> = {}, expressions: Record<string, unknown> = {}) =>
  resource(address, { sku_name: sku, capacity: 1, family: sku === 'Premium' ? 'P' : 'C', non_ssl_port_enabled: false, public_network_access_enabled: true, zones: [], ...over }, { sku_name: constant(sku), ...expressions }, {
    primary_access_key: true,
    hostname: true,
  });

const storage = (address: string, replication: string) =>
  resource(address, { account_tier: 'Standard', account_replication_type: replication, public_network_access_enabled: true, network_rules: [] }, { account_replication_type: constant(replication) }, { primary_access_key: true, primary_blob_endpoint: true });

const m = azureModel(
  azurePlan([
    ...network('azurerm_virtual_network.main', { 'azurerm_subnet.cache': '10.0.4.0/24' }),
    redis('azurerm_redis_cache.basic', 'Basic', { non_ssl_port_enabled: true }, { non_ssl_port_enabled: constant(true) }),
    redis('azurerm_redis_cache.standard', 'Standard'),
    redis('azurerm_redis_cache.premium', 'Premium', { zones: ['1', '2', '3'], replicas_per_primary: 2 }, { zones: constant(['1', '2', '3']), subnet_id: ref('azurerm_subnet.cache') }),
    resource(
      'azurerm_cosmosdb_account.main',
      {
        kind: 'GlobalDocumentDB',
        offer_type: 'Standard',
        geo_location: [
          { location: 'northeurope', failover_priority: 1, zone_redundant: false },
          { location: 'westeurope', failover_priority: 0, zone_redundant: true },
        ],
        public_network_access_enabled: true,
      },
      { geo_location: [{ location: constant('westeurope'), failover_priority: constant(0), zone_redundant: constant(true) }, { location: constant('northeurope'), failover_priority: constant(1) }] },
      { primary_key: true },
    ),
    resource('azurerm_cosmosdb_account.mongo', { kind: 'MongoDB', offer_type: 'Standard', geo_location: [{ location: 'westeurope', failover_priority: 0, zone_redundant: false }] }, {}),
    storage('azurerm_storage_account.lrs', 'LRS'),
    storage('azurerm_storage_account.zrs', 'ZRS'),
    storage('azurerm_storage_account.grs', 'GRS'),
    storage('azurerm_storage_account.ragzrs', 'RAGZRS'),
  ]),
);

describe('azurerm_redis_cache', () => {
  it('Basic is one node; the non-TLS port is open only when enabled', () => {
    const c = storeIn(m, 'azurerm_redis_cache.basic');
    expect(c).toMatchObject({ category: 'cache', engine: 'redis', ports: [6379, 6380], replicas: { state: 'set', value: 1 }, redundancyKnob: { attribute: 'sku_name', value: 'Standard' } });
    expect(c.placement.zoneRedundant).toEqual({ state: 'default', value: false });
  });

  it('Standard: a primary and a replica, in no zone of ours', () => {
    const c = storeIn(m, 'azurerm_redis_cache.standard');
    expect(c.ports).toEqual([6380]);
    expect(c.replicas).toEqual({ state: 'set', value: 2 });
    expect(c.placement).toMatchObject({ zones: { state: 'default', value: [] }, zoneRedundant: { value: false } });
  });

  it('Premium over zones 1-3 with two replicas per primary, injected into a subnet (not public)', () => {
    const c = storeIn(m, 'azurerm_redis_cache.premium');
    expect(c.replicas).toEqual({ state: 'set', value: 3 });
    expect(c.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(c.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(edgesFrom(m, c.id, 'in-subnet')).toEqual(['azurerm_subnet.cache via subnet_id']);
  });
});

describe('azurerm_cosmosdb_account', () => {
  it('one replica set per region; zone-redundant when its write region is', () => {
    const c = storeIn(m, 'azurerm_cosmosdb_account.main');
    expect(c).toMatchObject({ category: 'document', ports: [443], replicas: { state: 'set', value: 2 } });
    expect(c.placement).toMatchObject({ region: 'westeurope', zoneRedundant: { state: 'set', value: true } });
    expect(JSON.stringify(c)).not.toContain('primary_key');
  });

  it('MongoDB API in one region without zone redundancy', () => {
    const c = storeIn(m, 'azurerm_cosmosdb_account.mongo');
    expect(c.ports).toEqual([443, 10255]);
    expect(c.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(c.redundancyKnob).toEqual({ attribute: 'geo_location.zone_redundant', value: 'true' });
  });
});

describe('azurerm_storage_account', () => {
  it('LRS keeps every copy in one datacenter: not zone-redundant', () => {
    expect(storeIn(m, 'azurerm_storage_account.lrs').placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(storeIn(m, 'azurerm_storage_account.lrs').redundancyKnob).toEqual({ attribute: 'account_replication_type', value: 'ZRS' });
  });

  it('ZRS and RAGZRS are zone-redundant; GRS adds a region but not zones', () => {
    expect(storeIn(m, 'azurerm_storage_account.zrs').placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(storeIn(m, 'azurerm_storage_account.ragzrs').placement.zoneRedundant).toEqual({ state: 'set', value: true });
    const grs = storeIn(m, 'azurerm_storage_account.grs');
    expect(grs.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(grs.replicas).toEqual({ state: 'set', value: 6 });
  });
});
