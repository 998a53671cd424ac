import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { worldOpenings } from '../../graph/exposure.js';
import { azureModel, azurePlan, constant, edgesFrom, network, ref, refAttr, storeIn, type PlanResource } from '../../../test/support/azure-plan.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

const flexible = (address: string, over: Record<string, unknown>, expressions: Record<string, unknown>, unknown: Record<string, unknown> = {}): PlanResource => ({
  address,
  values: {
    location: 'westeurope',
    name: address.split('.').pop(),
    resource_group_name: 'rg-data',
    sku_name: 'GP_Standard_D2s_v3',
    version: '16',
    administrator_login: 'pgadmin',
    administrator_password: 'canary-Pg-pass1',
    high_availability: [],
    public_network_access_enabled: true,
    ...over,
  },
  unknown: { fqdn: true, id: true, private_dns_zone_id: true, ...unknown },
  sensitive: { administrator_password: true },
  expressions: { administrator_password: constant('canary-Pg-pass1'), sku_name: constant('GP_Standard_D2s_v3'), ...expressions },
});

const net = network('azurerm_virtual_network.main', { 'azurerm_subnet.db': '10.0.3.0/24' });

const m = azureModel(
  azurePlan([
    ...net,
    flexible('azurerm_postgresql_flexible_server.single', { zone: '1' }, { zone: constant('1') }),
    {
      address: 'azurerm_postgresql_flexible_server_firewall_rule.world',
      values: { name: 'world', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' },
      unknown: { id: true, server_id: true },
      expressions: { server_id: ref('azurerm_postgresql_flexible_server.single'), start_ip_address: constant('0.0.0.0'), end_ip_address: constant('255.255.255.255') },
    },
    flexible(
      'azurerm_postgresql_flexible_server.ha',
      { zone: '1', high_availability: [{ mode: 'ZoneRedundant', standby_availability_zone: '2' }], public_network_access_enabled: false },
      { zone: constant('1'), high_availability: [{ mode: constant('ZoneRedundant'), standby_availability_zone: constant('2') }], delegated_subnet_id: ref('azurerm_subnet.db'), public_network_access_enabled: constant(false) },
      { delegated_subnet_id: true },
    ),
    flexible('azurerm_mysql_flexible_server.samezone', { high_availability: [{ mode: 'SameZone', standby_availability_zone: '' }], public_network_access: 'Disabled' }, { high_availability: [{ mode: constant('SameZone') }], public_network_access: constant('Disabled') }, { zone: true }),
    {
      address: 'azurerm_mysql_server.legacy',
      values: { location: 'westeurope', name: 'legacy', resource_group_name: 'rg-data', sku_name: 'GP_Gen5_2', version: '8.0', ssl_enforcement_enabled: true, public_network_access_enabled: true },
      unknown: { fqdn: true, id: true },
      expressions: {},
    },
    {
      address: 'azurerm_mysql_firewall_rule.office',
      values: { name: 'office', server_name: 'legacy', resource_group_name: 'rg-data', start_ip_address: '203.0.113.0', end_ip_address: '203.0.113.255' },
      unknown: { id: true },
      expressions: { server_name: refAttr('azurerm_mysql_server.legacy', 'name') },
    },
  ]),
);
const g = new Graph(m);

describe('azurerm_postgresql_flexible_server / azurerm_mysql_flexible_server', () => {
  it('no high_availability: one node in zone 1, public by default, open to the world by a 0.0.0.0-255.255.255.255 rule', () => {
    const db = storeIn(m, 'azurerm_postgresql_flexible_server.single');
    expect(db).toMatchObject({ engine: 'postgres', ports: [5432], replicas: { state: 'default', value: 1 }, publiclyAccessible: { state: 'default', value: true } });
    expect(db.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1'] }, zoneRedundant: { state: 'default', value: false } });
    expect(db.redundancyKnob).toEqual({ attribute: 'high_availability.mode', value: 'ZoneRedundant' });
    expect(worldOpenings(g, db).map((o) => [o.protocol, o.ports.from])).toEqual([['tcp', 5432]]);
  });

  it('ZoneRedundant with private access: a standby in zone 2, in its delegated subnet, never reachable through the firewall', () => {
    const db = storeIn(m, 'azurerm_postgresql_flexible_server.ha');
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1', 'westeurope/2'] }, zoneRedundant: { state: 'set', value: true } });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(edgesFrom(m, db.id, 'in-subnet')).toEqual(['azurerm_subnet.db via delegated_subnet_id']);
    expect(edgesFrom(m, db.id, 'protected-by')).toEqual([]);
  });

  it('SameZone survives a host failure but not a zone failure; MySQL 4.x `public_network_access = "Disabled"`', () => {
    const db = storeIn(m, 'azurerm_mysql_flexible_server.samezone');
    expect(db).toMatchObject({ engine: 'mysql', ports: [3306], replicas: { state: 'set', value: 2 } });
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    // `zone` is left to Azure: pinned to no zone of ours.
    expect(db.placement.zones).toEqual({ state: 'default', value: [] });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: false });
  });
});

describe('azurerm_postgresql_server / azurerm_mysql_server (single server)', () => {
  it('terraform-compliance corpus: one node, no zone redundancy possible, public by default: the knob is a flexible server', () => {
    const c = modelOfFile(corpusFile('terraform-compliance/azure-postgresql-server-configs-tf0.12.25.json'));
    const db = storeIn(c, 'azurerm_postgresql_server.example');
    expect(db).toMatchObject({ engine: 'postgres', replicas: { state: 'set', value: 1 }, publiclyAccessible: { state: 'default', value: true } });
    expect(db.redundancyKnob?.attribute).toBe('azurerm_postgresql_flexible_server');
    expect(db.redundancyKnob?.value).toContain('`high_availability { mode = "ZoneRedundant" }`');
    expect(db.placement).toEqual({ region: 'northeurope', zones: { state: 'set', value: [] }, zoneRedundant: { state: 'set', value: false } });
    expect(JSON.stringify([...c.entities.values()])).not.toContain('"password"');
  });

  it('a firewall rule by server name admits its range as CIDR blocks, not the world', () => {
    const db = storeIn(m, 'azurerm_mysql_server.legacy');
    expect(worldOpenings(g, db)).toEqual([]);
    const rule = m.entities.get('azurerm_mysql_firewall_rule.office');
    expect(rule).toMatchObject({ policy: 'azurerm_mysql_server.legacy#firewall', ports: [{ from: 3306, to: 3306 }], peers: [{ kind: 'cidr', cidr: '203.0.113.0/24' }] });
  });

  it('no password in the model', () => {
    expect(JSON.stringify([...m.entities.values()])).not.toContain('canary-Pg-pass1');
  });
});
