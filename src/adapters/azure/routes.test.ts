import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { association, azureModel, azurePlan, azureState, constant, edgesFrom, edgesTo, entityIn, linuxVm, network, nic, ref, refAttr, type PlanResource } from '../../../test/support/azure-plan.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

const hub = network('azurerm_virtual_network.hub', { 'azurerm_subnet.firewall': '10.0.0.0/26' });
const spoke = network('azurerm_virtual_network.spoke', { 'azurerm_subnet.app': '10.1.1.0/24' });

/** An Azure Firewall as azurerm 4.x plans it, in `zones` when given. */
function firewall(zones?: string[]): PlanResource {
  return {
    address: 'azurerm_firewall.hub',
    values: { dns_proxy_enabled: false, location: 'westeurope', name: 'fw-hub', resource_group_name: 'rg-app', sku_name: 'AZFW_VNet', sku_tier: 'Standard', threat_intel_mode: 'Alert', ip_configuration: [{ name: 'configuration' }], virtual_hub: [], zones: zones ?? null },
    unknown: { id: true, ip_configuration: [{ private_ip_address: true, public_ip_address_id: true, subnet_id: true }], virtual_hub: [] },
    expressions: {
      ip_configuration: [{ name: constant('configuration'), public_ip_address_id: ref('azurerm_public_ip.firewall'), subnet_id: ref('azurerm_subnet.firewall') }],
      location: constant('westeurope'),
      name: constant('fw-hub'),
      resource_group_name: constant('rg-app'),
      sku_name: constant('AZFW_VNet'),
      sku_tier: constant('Standard'),
      ...(zones ? { zones: constant(zones) } : {}),
    },
  };
}

const firewallIp: PlanResource = {
  address: 'azurerm_public_ip.firewall',
  values: { allocation_method: 'Static', location: 'westeurope', name: 'pip-fw', resource_group_name: 'rg-app', sku: 'Standard', zones: ['1', '2', '3'] },
  unknown: { id: true, ip_address: true },
  expressions: { allocation_method: constant('Static'), sku: constant('Standard'), zones: constant(['1', '2', '3']) },
};

/** A route table whose one route sends `prefix` to the appliance `target` references (known only after apply). */
function table(address: string, prefix: string, target: { ref: string } | { ip: string }): PlanResource {
  const route = { address_prefix: prefix, name: 'default', next_hop_type: 'VirtualAppliance', ...('ip' in target ? { next_hop_in_ip_address: target.ip } : {}) };
  return {
    address,
    values: { bgp_route_propagation_enabled: true, location: 'westeurope', name: address.split('.').pop(), resource_group_name: 'rg-app', route: [route], tags: null },
    unknown: { id: true, route: ['ip' in target ? {} : { next_hop_in_ip_address: true }], subnets: true },
    expressions: {
      location: constant('westeurope'),
      name: constant(address.split('.').pop()),
      resource_group_name: constant('rg-app'),
      route: [
        {
          address_prefix: constant(prefix),
          name: constant('default'),
          next_hop_type: constant('VirtualAppliance'),
          next_hop_in_ip_address: 'ip' in target ? constant(target.ip) : refAttr(target.ref, 'ip_configuration[0].private_ip_address'),
        },
      ],
    },
  };
}

const appVms = [nic('azurerm_network_interface.app1', 'azurerm_subnet.app'), nic('azurerm_network_interface.app2', 'azurerm_subnet.app'), linuxVm('azurerm_linux_virtual_machine.app1', ['azurerm_network_interface.app1'], '1'), linuxVm('azurerm_linux_virtual_machine.app2', ['azurerm_network_interface.app2'], '2')];
const spokeRoutes = [table('azurerm_route_table.spoke', '0.0.0.0/0', { ref: 'azurerm_firewall.hub' }), association('azurerm_subnet_route_table_association.app', { subnet_id: 'azurerm_subnet.app', route_table_id: 'azurerm_route_table.spoke' })];
const model = (more: PlanResource[]) => azureModel(azurePlan([...hub, ...spoke, firewallIp, ...more]));
const egressFindings = (more: PlanResource[]) => check(model(more), 'plan.json').filter((f) => f.resources[0] === 'azurerm_firewall.hub');

describe('azurerm_firewall', () => {
  it('a managed egress firewall in its subnet, serving the hub; without zones it is not zone-redundant', () => {
    const m = model([firewall()]);
    const fw = entityIn(m, 'azurerm_firewall.hub', 'gateway');
    expect(fw.gatewayKind).toBe('firewall');
    expect(fw.placement).toEqual({ region: 'westeurope', zones: { state: 'default', value: [] }, zoneRedundant: { state: 'default', value: false } });
    expect(edgesFrom(m, fw.id, 'in-subnet')).toEqual(['azurerm_subnet.firewall via ip_configuration.subnet_id']);
    expect(edgesFrom(m, fw.id, 'serves')).toEqual(['azurerm_virtual_network.hub via ip_configuration.subnet_id']);
    expect(edgesTo(m, fw.id, 'attached-to')).toEqual(['azurerm_public_ip.firewall via ip_configuration.public_ip_address_id']);
    expect(entityIn(model([firewall(['1', '2', '3'])]), 'azurerm_firewall.hub', 'gateway').placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(entityIn(model([firewall(['1'])]), 'azurerm_firewall.hub', 'gateway').placement.zones).toEqual({ state: 'set', value: ['westeurope/1'] });
  });

  it('tfplan2md (1.14): a real firewall, zones [] in the state, consumed with its public IP', () => {
    const m = modelOfFile(corpusFile('tfplan2md/azure-firewall-network-rule-collection-tf1.14.2.json'));
    const fw = entityIn(m, 'azurerm_firewall.demo', 'gateway');
    expect(fw).toMatchObject({ gatewayKind: 'firewall', placement: { zoneRedundant: { value: false } } });
    expect(m.unmodelled).not.toHaveProperty('azurerm_firewall');
  });
});

describe('azurerm_route_table, azurerm_route, azurerm_subnet_route_table_association', () => {
  it('a VirtualAppliance route to the firewall (its address known only after apply, by reference); the subnet uses the table', () => {
    const m = model([firewall(), ...spokeRoutes]);
    expect(entityIn(m, 'azurerm_route_table.spoke', 'route-table').isDefault).toBe(false);
    expect(edgesFrom(m, 'azurerm_route_table.spoke', 'routes-to')).toEqual(['azurerm_firewall.hub via route.next_hop_in_ip_address']);
    expect(m.edges.find((e) => e.kind === 'routes-to')?.detail).toBe('0.0.0.0/0');
    expect(edgesFrom(m, 'azurerm_subnet.app', 'uses-route-table')).toEqual(['azurerm_route_table.spoke via azurerm_subnet_route_table_association.app']);
    expect(m.unmodelled).toEqual({});
  });

  it('azurerm_route: by route_table_name; a next hop on a NIC is the VM that uses it (a network virtual appliance)', () => {
    const nva = [nic('azurerm_network_interface.nva', 'azurerm_subnet.firewall'), linuxVm('azurerm_linux_virtual_machine.nva', ['azurerm_network_interface.nva'], '1')];
    const emptyTable: PlanResource = { ...table('azurerm_route_table.spoke', '0.0.0.0/0', { ip: '10.0.0.4' }), values: { location: 'westeurope', name: 'spoke', resource_group_name: 'rg-app', route: [] }, unknown: { id: true, route: [], subnets: true } };
    const route: PlanResource = {
      address: 'azurerm_route.default',
      values: { address_prefix: '0.0.0.0/0', name: 'default', next_hop_type: 'VirtualAppliance', resource_group_name: 'rg-app', route_table_name: 'spoke' },
      unknown: { id: true, next_hop_in_ip_address: true },
      expressions: { address_prefix: constant('0.0.0.0/0'), name: constant('default'), next_hop_in_ip_address: refAttr('azurerm_network_interface.nva', 'private_ip_address'), next_hop_type: constant('VirtualAppliance'), route_table_name: refAttr('azurerm_route_table.spoke', 'name') },
    };
    const m = model([...nva, emptyTable, route]);
    expect(edgesFrom(m, 'azurerm_route_table.spoke', 'routes-to')).toEqual(['azurerm_linux_virtual_machine.nva via azurerm_route.default']);
  });

  it('a known next-hop address resolves to what holds it: a firewall of the state, a NIC with a static address', () => {
    const m = azureModel(
      azureState([
        { address: 'azurerm_firewall.hub', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/fw', location: 'westeurope', zones: [], ip_configuration: [{ name: 'configuration', private_ip_address: '10.0.0.4' }] } },
        { address: 'azurerm_route_table.spoke', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/routeTables/spoke', route: [{ name: 'default', address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.0.4' }, { name: 'local', address_prefix: '10.1.0.0/16', next_hop_type: 'VnetLocal', next_hop_in_ip_address: '' }] } },
        { address: 'azurerm_network_interface.nva', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nva', ip_configuration: [{ name: 'internal', private_ip_address: '10.0.0.10', private_ip_address_allocation: 'Static' }] } },
        { address: 'azurerm_linux_virtual_machine.nva', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/nva', network_interface_ids: ['/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nva'] } },
        { address: 'azurerm_route_table.ops', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/routeTables/ops', route: [{ name: 'default', address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.0.10' }] } },
      ]),
    );
    expect(edgesFrom(m, 'azurerm_route_table.spoke', 'routes-to')).toEqual(['azurerm_firewall.hub via route.next_hop_in_ip_address']);
    expect(edgesFrom(m, 'azurerm_route_table.ops', 'routes-to')).toEqual(['azurerm_linux_virtual_machine.nva via route.next_hop_in_ip_address']);
  });

  it('a state: azurerm_route names its table by name (in its resource group) and its next hop by address', () => {
    const m = azureModel(
      azureState([
        { address: 'azurerm_firewall.hub', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/fw', location: 'westeurope', zones: ['1', '2', '3'], ip_configuration: [{ name: 'configuration', private_ip_address: '10.0.0.4' }] } },
        { address: 'azurerm_route_table.spoke', values: { id: '/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/spoke', name: 'spoke', resource_group_name: 'rg-net', route: [] } },
        { address: 'azurerm_route_table.other', values: { id: '/subscriptions/0/resourceGroups/rg-other/providers/Microsoft.Network/routeTables/spoke', name: 'spoke', resource_group_name: 'rg-other', route: [] } },
        { address: 'azurerm_route.default', values: { id: '/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/spoke/routes/default', name: 'default', resource_group_name: 'rg-net', route_table_name: 'spoke', address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.0.4' } },
      ]),
    );
    expect(edgesFrom(m, 'azurerm_route_table.spoke', 'routes-to')).toEqual(['azurerm_firewall.hub via azurerm_route.default']);
    expect(edgesFrom(m, 'azurerm_route_table.other', 'routes-to')).toEqual([]);
  });

  it('must fire: VMs in two zones whose only way out is a firewall without zones (or in one zone); the fix is zones', () => {
    const found = egressFindings([firewall(), ...spokeRoutes, ...appVms]);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['spof', 'medium']]);
    expect(found[0]!.message).toContain('azurerm_firewall.hub (pinned to no zone) carries the outbound traffic of 1 subnet in zones westeurope/1 and westeurope/2');
    expect(found[0]!.resources).toEqual(['azurerm_firewall.hub', 'azurerm_route_table.spoke', 'azurerm_subnet.app']);
    expect(found[0]!.remediation).toContain('Deploy the firewall across availability zones');
    // Pinned to zone 1: the VM in zone 2 is cut off by a failure of a zone it does not run in.
    const zonal = egressFindings([firewall(['1']), ...spokeRoutes, ...appVms]);
    expect(zonal.map((f) => f.rule)).toEqual(['cut-point']);
    expect(zonal[0]!.message).toContain('azurerm_firewall.hub in westeurope/1 is the only way out to the internet for');
    expect(zonal[0]!.remediation).toContain('Deploy the firewall across availability zones');
  });

  it('stays quiet: a zone-redundant firewall; a route that is not a VirtualAppliance one', () => {
    expect(egressFindings([firewall(['1', '2', '3']), ...spokeRoutes, ...appVms])).toEqual([]);
    const local = table('azurerm_route_table.spoke', '10.0.0.0/8', { ref: 'azurerm_firewall.hub' });
    const vnetLocal: PlanResource = { ...local, values: { ...local.values, route: [{ address_prefix: '10.0.0.0/8', name: 'default', next_hop_type: 'VnetLocal' }] }, unknown: { id: true, route: [{}], subnets: true } };
    const m = model([firewall(), vnetLocal, spokeRoutes[1]!, ...appVms]);
    expect(edgesFrom(m, 'azurerm_route_table.spoke', 'routes-to')).toEqual([]);
    expect(egressFindings([firewall(), vnetLocal, spokeRoutes[1]!, ...appVms])).toEqual([]);
  });
});
