import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { association, azureModel, azurePlan, constant, edgesFrom, edgesTo, entityIn, network, ref, type PlanResource } from '../../../test/support/azure-plan.js';

const ip = (address: string, zones: string[], sku = 'Standard'): PlanResource => ({
  address,
  values: { allocation_method: 'Static', location: 'westeurope', sku, zones },
  unknown: { id: true, ip_address: true },
  expressions: { sku: constant(sku), ...(zones.length > 0 ? { zones: constant(zones) } : {}) },
});

const nat = (address: string, zones: string[], sku?: string): PlanResource => ({
  address,
  values: { location: 'westeurope', name: address.split('.').pop(), resource_group_name: 'rg-app', idle_timeout_in_minutes: 4, sku_name: sku ?? 'Standard', zones },
  unknown: { id: true, resource_guid: true },
  expressions: { ...(sku ? { sku_name: constant(sku) } : {}), ...(zones.length > 0 ? { zones: constant(zones) } : {}) },
});

const net = network('azurerm_virtual_network.main', { 'azurerm_subnet.a': '10.0.1.0/24', 'azurerm_subnet.b': '10.0.2.0/24', 'azurerm_subnet.GatewaySubnet': '10.0.255.0/27' });

const m = azureModel(
  azurePlan([
    ...net,
    nat('azurerm_nat_gateway.zonal', ['1']),
    nat('azurerm_nat_gateway.nozone', []),
    nat('azurerm_nat_gateway.v2', [], 'StandardV2'),
    ip('azurerm_public_ip.nat', ['1']),
    association('azurerm_subnet_nat_gateway_association.a', { subnet_id: 'azurerm_subnet.a', nat_gateway_id: 'azurerm_nat_gateway.zonal' }),
    association('azurerm_subnet_nat_gateway_association.b', { subnet_id: 'azurerm_subnet.b', nat_gateway_id: 'azurerm_nat_gateway.zonal' }),
    association('azurerm_nat_gateway_public_ip_association.zonal', { nat_gateway_id: 'azurerm_nat_gateway.zonal', public_ip_address_id: 'azurerm_public_ip.nat' }),
    ip('azurerm_public_ip.vpn1', ['1', '2', '3']),
    ip('azurerm_public_ip.vpn2', ['1', '2', '3']),
    {
      address: 'azurerm_virtual_network_gateway.vpn',
      values: { location: 'westeurope', name: 'vpn', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw2AZ', active_active: true, ip_configuration: [{ name: 'a' }, { name: 'b' }] },
      unknown: { id: true, ip_configuration: [{ public_ip_address_id: true, subnet_id: true }, { public_ip_address_id: true, subnet_id: true }] },
      expressions: {
        active_active: constant(true),
        sku: constant('VpnGw2AZ'),
        ip_configuration: [
          { public_ip_address_id: ref('azurerm_public_ip.vpn1'), subnet_id: ref('azurerm_subnet.GatewaySubnet') },
          { public_ip_address_id: ref('azurerm_public_ip.vpn2'), subnet_id: ref('azurerm_subnet.GatewaySubnet') },
        ],
      },
    },
    {
      address: 'azurerm_virtual_network_gateway.basic',
      values: { location: 'westeurope', name: 'basic', type: 'Vpn', sku: 'VpnGw1', active_active: false, ip_configuration: [{ name: 'a' }] },
      unknown: { id: true },
      expressions: { sku: constant('VpnGw1') },
    },
  ]),
);

describe('azurerm_nat_gateway', () => {
  it('pinned to zone 1: zonal, never zone-redundant; serves the subnets associated with it directly', () => {
    const g = entityIn(m, 'azurerm_nat_gateway.zonal', 'gateway');
    expect(g).toMatchObject({ gatewayKind: 'nat', paths: { state: 'set', value: 1 } });
    expect(g.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1'] }, zoneRedundant: { state: 'default', value: false } });
    expect(edgesTo(m, g.id, 'routes-to')).toEqual(['azurerm_subnet.a via azurerm_subnet_nat_gateway_association.a', 'azurerm_subnet.b via azurerm_subnet_nat_gateway_association.b']);
    expect(m.edges.find((e) => e.kind === 'routes-to')?.detail).toBe('0.0.0.0/0');
    expect(edgesTo(m, g.id, 'attached-to')).toEqual(['azurerm_public_ip.nat via azurerm_nat_gateway_public_ip_association.zonal']);
  });

  it('without zones: "no zone", which is still one zone Azure picks', () => {
    expect(entityIn(m, 'azurerm_nat_gateway.nozone', 'gateway').placement).toMatchObject({ zones: { state: 'default', value: [] }, zoneRedundant: { value: false } });
  });

  it('the StandardV2 SKU is zone-redundant', () => {
    expect(entityIn(m, 'azurerm_nat_gateway.v2', 'gateway').placement.zoneRedundant).toEqual({ state: 'set', value: true });
  });
});

describe('azurerm_virtual_network_gateway', () => {
  it('active-active on an AZ SKU with zone-redundant IPs: two paths, zone-redundant, serving its network', () => {
    const g = entityIn(m, 'azurerm_virtual_network_gateway.vpn', 'gateway');
    expect(g).toMatchObject({ gatewayKind: 'vpn', paths: { state: 'set', value: 2 } });
    expect(g.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(edgesFrom(m, g.id, 'serves')).toEqual(['azurerm_virtual_network.main via ip_configuration.subnet_id']);
    expect(edgesFrom(m, g.id, 'in-subnet')).toEqual(['azurerm_subnet.GatewaySubnet via ip_configuration.subnet_id']);
  });

  it('a non-AZ SKU, active-standby by default: one path, no zone', () => {
    const g = entityIn(m, 'azurerm_virtual_network_gateway.basic', 'gateway');
    expect(g.paths).toEqual({ state: 'default', value: 1 });
    expect(g.placement).toMatchObject({ zones: { value: [] }, zoneRedundant: { state: 'set', value: false } });
    // A second path: the second instance active (a second ip_configuration) and a second device to reach.
    expect(g.redundancyKnob).toEqual({
      attribute: 'active_active',
      value:
        '`true`, with a second `ip_configuration` block (its own public IP; not on the `Basic` SKU), and a second `azurerm_local_network_gateway` and `azurerm_virtual_network_gateway_connection` for a second device on the other side',
    });
    expect(entityIn(m, 'azurerm_virtual_network_gateway.vpn', 'gateway').redundancyKnob?.attribute).toBe('azurerm_local_network_gateway');
  });
});

describe('azurerm_virtual_network_gateway_connection', () => {
  const gateway: PlanResource = {
    address: 'azurerm_virtual_network_gateway.hub',
    values: { location: 'westeurope', name: 'hub', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw2', active_active: true, ip_configuration: [{ name: 'a' }, { name: 'b' }] },
    unknown: { id: true, ip_configuration: [{ public_ip_address_id: true, subnet_id: true }, { public_ip_address_id: true, subnet_id: true }] },
    expressions: { active_active: constant(true), sku: constant('VpnGw2'), ip_configuration: [{ subnet_id: ref('azurerm_subnet.GatewaySubnet') }, { subnet_id: ref('azurerm_subnet.GatewaySubnet') }] },
  };
  const site = (name: string, ip: string): PlanResource => ({
    address: `azurerm_local_network_gateway.${name}`,
    values: { address_space: ['192.168.0.0/16'], gateway_address: ip, location: 'westeurope', name, resource_group_name: 'rg-net' },
    unknown: { id: true },
    expressions: { address_space: constant(['192.168.0.0/16']), gateway_address: constant(ip), name: constant(name) },
  });
  const connection = (name: string, to: string): PlanResource => ({
    address: `azurerm_virtual_network_gateway_connection.${name}`,
    values: { connection_protocol: 'IKEv2', enable_bgp: false, location: 'westeurope', name, resource_group_name: 'rg-net', shared_key: 'not-for-print-4c3b', type: 'IPsec' },
    unknown: { id: true, local_network_gateway_id: true, virtual_network_gateway_id: true },
    sensitive: { shared_key: true },
    expressions: { local_network_gateway_id: ref(`azurerm_local_network_gateway.${to}`), name: constant(name), shared_key: { references: ['var.shared_key'] }, type: constant('IPsec'), virtual_network_gateway_id: ref('azurerm_virtual_network_gateway.hub') },
  });
  const model = (more: PlanResource[]) => azureModel(azurePlan([...net, gateway, ...more]));
  const paths = (more: PlanResource[]) => entityIn(model(more), 'azurerm_virtual_network_gateway.hub', 'gateway').paths;

  it('active-active to one on-premises device is one path; to two devices, two', () => {
    expect(paths([site('office', '203.0.113.10'), connection('office', 'office')])).toEqual({ state: 'set', value: 1 });
    expect(paths([site('dc1', '203.0.113.10'), site('dc2', '198.51.100.20'), connection('dc1', 'dc1'), connection('dc2', 'dc2')])).toEqual({ state: 'set', value: 2 });
    // Without its connections in the plan, the gateway's own instances are all there is to count.
    expect(paths([])).toEqual({ state: 'set', value: 2 });
  });

  it("must fire on the one device, stay quiet on two; the connection's shared key never shows", () => {
    const findings = (more: PlanResource[]) => check(model(more), 'plan.json').filter((f) => f.rule === 'spof' && f.resources[0] === 'azurerm_virtual_network_gateway.hub');
    const one = findings([site('office', '203.0.113.10'), connection('office', 'office')]);
    expect(one.map((f) => f.message)).toEqual([expect.stringContaining('is the only VPN path to azurerm_virtual_network.main (1 independent path)')]);
    expect(JSON.stringify(one)).not.toContain('not-for-print');
    expect(findings([site('dc1', '203.0.113.10'), site('dc2', '198.51.100.20'), connection('dc1', 'dc1'), connection('dc2', 'dc2')])).toEqual([]);
  });
});

describe('ExpressRoute: azurerm_virtual_network_gateway (type ExpressRoute), azurerm_express_route_circuit', () => {
  const gateway: PlanResource = {
    address: 'azurerm_virtual_network_gateway.er',
    values: { active_active: false, location: 'westeurope', name: 'er', resource_group_name: 'rg-net', sku: 'ErGw1AZ', type: 'ExpressRoute', ip_configuration: [{ name: 'default' }] },
    unknown: { id: true, bgp_settings: true, ip_configuration: [{ public_ip_address_id: true, subnet_id: true }] },
    expressions: { sku: constant('ErGw1AZ'), type: constant('ExpressRoute'), ip_configuration: [{ subnet_id: ref('azurerm_subnet.GatewaySubnet') }] },
  };
  const circuit = (name: string, location: string): PlanResource => ({
    address: `azurerm_express_route_circuit.${name}`,
    values: { allow_classic_operations: false, bandwidth_in_mbps: 1000, location: 'westeurope', name, peering_location: location, resource_group_name: 'rg-net', service_provider_name: 'Equinix', sku: [{ family: 'MeteredData', tier: 'Standard' }] },
    unknown: { id: true, service_key: true, service_provider_provisioning_state: true },
    sensitive: { service_key: true },
    expressions: { bandwidth_in_mbps: constant(1000), name: constant(name), peering_location: constant(location), service_provider_name: constant('Equinix') },
  });
  const connection = (name: string, to: { circuit: string } | { id: string }): PlanResource => ({
    address: `azurerm_virtual_network_gateway_connection.${name}`,
    values: { authorization_key: 'not-for-print-9d1e', express_route_gateway_bypass: false, location: 'westeurope', name, resource_group_name: 'rg-net', routing_weight: 0, type: 'ExpressRoute', ...('id' in to ? { express_route_circuit_id: to.id } : {}) },
    unknown: { id: true, virtual_network_gateway_id: true, ...('circuit' in to ? { express_route_circuit_id: true } : {}) },
    sensitive: { authorization_key: true },
    expressions: {
      authorization_key: { references: ['var.er_authorization_key'] },
      name: constant(name),
      type: constant('ExpressRoute'),
      virtual_network_gateway_id: ref('azurerm_virtual_network_gateway.er'),
      ...('circuit' in to ? { express_route_circuit_id: ref(`azurerm_express_route_circuit.${to.circuit}`) } : { express_route_circuit_id: constant(to.id) }),
    },
  });
  const model = (more: PlanResource[]) => azureModel(azurePlan([...net, gateway, ...more]));
  const er = (more: PlanResource[]) => entityIn(model(more), 'azurerm_virtual_network_gateway.er', 'gateway');
  const findings = (more: PlanResource[]) => check(model(more), 'plan.json').filter((f) => f.rule === 'spof' && f.resources[0] === 'azurerm_virtual_network_gateway.er');
  const EXTERNAL = '/subscriptions/0000/resourceGroups/rg-conn/providers/Microsoft.Network/expressRouteCircuits/';

  it('a dedicated link, not a VPN: its paths are the peering locations its circuits land at', () => {
    const one = er([circuit('ams', 'Amsterdam'), connection('ams', { circuit: 'ams' })]);
    expect(one).toMatchObject({ gatewayKind: 'interconnect', paths: { state: 'set', value: 1 }, peers: ['Amsterdam'] });
    expect(er([circuit('ams', 'Amsterdam'), circuit('lon', 'London'), connection('ams', { circuit: 'ams' }), connection('lon', { circuit: 'lon' })])).toMatchObject({ paths: { state: 'set', value: 2 }, peers: ['Amsterdam', 'London'] });
    // Two circuits at one location: one site.
    expect(er([circuit('a', 'Amsterdam'), circuit('b', 'Amsterdam'), connection('a', { circuit: 'a' }), connection('b', { circuit: 'b' })]).paths).toEqual({ state: 'set', value: 1 });
    // A circuit from another stack may land anywhere: it counts as a site of its own.
    expect(er([circuit('ams', 'Amsterdam'), connection('ams', { circuit: 'ams' }), connection('other', { id: `${EXTERNAL}other` })]).paths).toEqual({ state: 'set', value: 2 });
    // A Metro peering location spans two sites.
    expect(er([circuit('metro', 'Amsterdam Metro'), connection('metro', { circuit: 'metro' })]).paths).toEqual({ state: 'set', value: 2 });
    // No connection in the plan: the paths are not known.
    expect(er([]).paths).toEqual({ state: 'unknown' });
    expect(model([circuit('ams', 'Amsterdam'), connection('ams', { circuit: 'ams' })]).unmodelled).toEqual({});
  });

  it('must fire on one peering location (before, an ExpressRoute gateway to two circuits was "the only VPN path"); secrets never show', () => {
    const one = findings([circuit('a', 'Amsterdam'), circuit('b', 'Amsterdam'), connection('a', { circuit: 'a' }), connection('b', { circuit: 'b' })]);
    expect(one.map((f) => f.message)).toEqual([expect.stringContaining('azurerm_virtual_network_gateway.er is the only dedicated path to azurerm_virtual_network.main, landing at Amsterdam')]);
    expect(JSON.stringify(one)).not.toMatch(/not-for-print|service_key/);
    expect(findings([circuit('ams', 'Amsterdam'), circuit('lon', 'London'), connection('ams', { circuit: 'ams' }), connection('lon', { circuit: 'lon' })])).toEqual([]);
  });

  it('stays quiet with a VPN gateway beside it in the same network (the coexistence backup)', () => {
    const vpn: PlanResource = {
      address: 'azurerm_virtual_network_gateway.vpn',
      values: { active_active: false, location: 'westeurope', name: 'vpn', sku: 'VpnGw1', type: 'Vpn', vpn_type: 'RouteBased', ip_configuration: [{ name: 'a' }] },
      unknown: { id: true, ip_configuration: [{ public_ip_address_id: true, subnet_id: true }] },
      expressions: { sku: constant('VpnGw1'), ip_configuration: [{ subnet_id: ref('azurerm_subnet.GatewaySubnet') }] },
    };
    expect(findings([circuit('ams', 'Amsterdam'), connection('ams', { circuit: 'ams' }), vpn])).toEqual([]);
  });
});
