import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { association, azureModel, azurePlan, constant, entityIn, network, nsg, ref, securityRule, type PlanResource } from '../../../test/support/azure-plan.js';

const net = network('azurerm_virtual_network.main', { 'azurerm_subnet.mi': '10.0.9.0/24' });

/** A SQL Managed Instance as azurerm 4.x plans it. */
function mi(over: { sku?: string; zoneRedundant?: boolean; publicEndpoint?: boolean } = {}): PlanResource {
  const sku = over.sku ?? 'GP_Gen5';
  return {
    address: 'azurerm_mssql_managed_instance.main',
    values: {
      administrator_login: 'mradministrator',
      administrator_login_password: 'not-for-print-5e7f',
      license_type: 'BasePrice',
      location: 'westeurope',
      name: 'mi-orders',
      resource_group_name: 'rg-app',
      sku_name: sku,
      storage_size_in_gb: 32,
      vcores: 4,
      ...(over.zoneRedundant === undefined ? { zone_redundant_enabled: false } : { zone_redundant_enabled: over.zoneRedundant }),
      public_data_endpoint_enabled: over.publicEndpoint ?? false,
    },
    unknown: { dns_zone: true, fqdn: true, id: true, subnet_id: true },
    sensitive: { administrator_login_password: true },
    expressions: {
      administrator_login_password: { references: ['var.mi_password'] },
      license_type: constant('BasePrice'),
      name: constant('mi-orders'),
      sku_name: constant(sku),
      subnet_id: ref('azurerm_subnet.mi'),
      ...(over.zoneRedundant === undefined ? {} : { zone_redundant_enabled: constant(over.zoneRedundant) }),
      ...(over.publicEndpoint === undefined ? {} : { public_data_endpoint_enabled: constant(over.publicEndpoint) }),
    },
  };
}

const model = (more: PlanResource[]) => azureModel(azurePlan([...net, ...more]));
const about = (more: PlanResource[], rule: string) => check(model(more), 'plan.json').filter((f) => f.rule === rule && f.resources[0] === 'azurerm_mssql_managed_instance.main');

describe('azurerm_mssql_managed_instance', () => {
  it('General Purpose left at its defaults: one node in one datacenter, in its subnet, private', () => {
    const m = model([mi()]);
    const db = entityIn(m, 'azurerm_mssql_managed_instance.main', 'datastore');
    expect(db).toMatchObject({ category: 'relational', engine: 'sqlserver', ports: [1433], replicas: { state: 'set', value: 1 }, publiclyAccessible: { state: 'default', value: false } });
    expect(db.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    expect(m.edges.filter((e) => e.from === db.id && e.kind === 'in-subnet').map((e) => e.to)).toEqual(['azurerm_subnet.mi']);
    const found = about([mi()], 'single-az-database');
    expect(found.map((f) => f.severity)).toEqual(['high']);
    expect(found[0]!.remediation).toContain('zone_redundant_enabled');
    expect(JSON.stringify(found)).not.toContain('not-for-print');
  });

  it('stays quiet when zone-redundant; Business Critical is four replicas but still one datacenter without it', () => {
    expect(about([mi({ sku: 'BC_Gen5', zoneRedundant: true })], 'single-az-database')).toEqual([]);
    const bc = entityIn(model([mi({ sku: 'BC_Gen5' })]), 'azurerm_mssql_managed_instance.main', 'datastore');
    expect(bc.replicas).toEqual({ state: 'set', value: 4 });
    expect(about([mi({ sku: 'BC_Gen5' })], 'single-az-database')).toHaveLength(1);
  });

  it('a public data endpoint (port 3342) that the subnet NSG opens to the internet is the data answering the internet', () => {
    const open = nsg('azurerm_network_security_group.mi', [securityRule('public-endpoint', { destination_port_range: '3342', source_address_prefix: 'Internet' })]);
    const more = [mi({ publicEndpoint: true }), open, association('azurerm_subnet_network_security_group_association.mi', { subnet_id: 'azurerm_subnet.mi', network_security_group_id: 'azurerm_network_security_group.mi' })];
    const db = entityIn(model(more), 'azurerm_mssql_managed_instance.main', 'datastore');
    expect(db.ports).toEqual([1433, 3342]);
    // Named by the NSG that opens it, where the fix goes.
    const reach = check(model(more), 'plan.json').filter((f) => f.rule === 'data-reachable');
    expect(reach.map((f) => [f.resources[0], f.severity])).toEqual([['azurerm_network_security_group.mi', 'critical']]);
    expect(reach[0]!.message).toContain('admits the internet on 3342 to azurerm_mssql_managed_instance.main itself');
    // Without the public endpoint, the same rule opens nothing of it.
    const closed = [mi(), ...more.slice(1)];
    expect(check(model(closed), 'plan.json').filter((f) => f.rule === 'data-reachable')).toEqual([]);
  });
});
