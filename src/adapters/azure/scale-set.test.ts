import { describe, expect, it } from 'vitest';
import { azureModel, azurePlan, azureState, constant, edgesFrom, edgesTo, entityIn, network, ref, type PlanResource } from '../../../test/support/azure-plan.js';

const net = network('azurerm_virtual_network.main', { 'azurerm_subnet.app': '10.0.1.0/24', 'azurerm_subnet.gateway': '10.0.0.0/24' });

const gateway: PlanResource = {
  address: 'azurerm_application_gateway.web',
  values: {
    location: 'westeurope',
    name: 'agw-web',
    resource_group_name: 'rg-app',
    zones: ['1', '2', '3'],
    sku: [{ name: 'WAF_v2', tier: 'WAF_v2', capacity: null }],
    autoscale_configuration: [{ min_capacity: 2, max_capacity: 10 }],
    frontend_ip_configuration: [{ name: 'public', private_ip_address_allocation: 'Dynamic' }],
    frontend_port: [{ name: 'https', port: 443 }],
    gateway_ip_configuration: [{ name: 'gw' }],
    backend_address_pool: [{ name: 'app', fqdns: [], ip_addresses: [] }],
    backend_http_settings: [{ name: 'app', port: 8080, protocol: 'Http', cookie_based_affinity: 'Disabled', request_timeout: 30 }],
    http_listener: [{ name: 'https', frontend_ip_configuration_name: 'public', frontend_port_name: 'https', protocol: 'Https', ssl_certificate_name: 'web' }],
  },
  unknown: {
    backend_address_pool: [{ id: true }],
    frontend_ip_configuration: [{ id: true, private_ip_address: true, public_ip_address_id: true }],
    gateway_ip_configuration: [{ id: true, subnet_id: true }],
    id: true,
  },
  expressions: {
    zones: constant(['1', '2', '3']),
    frontend_ip_configuration: [{ name: constant('public'), public_ip_address_id: ref('azurerm_public_ip.agw') }],
    gateway_ip_configuration: [{ name: constant('gw'), subnet_id: ref('azurerm_subnet.gateway') }],
    autoscale_configuration: [{ min_capacity: constant(2), max_capacity: constant(10) }],
  },
};

const scaleSet = (address: string, over: Record<string, unknown>, expressions: Record<string, unknown>, unknown: Record<string, unknown> = {}): PlanResource => ({
  address,
  values: {
    location: 'westeurope',
    name: address.split('.').pop(),
    resource_group_name: 'rg-app',
    sku: 'Standard_D2s_v5',
    instances: 0,
    zone_balance: false,
    zones: [],
    network_interface: [{ name: 'nic', primary: true, ip_configuration: [{ name: 'internal', primary: true, public_ip_address: [], load_balancer_backend_address_pool_ids: [] }] }],
    ...over,
  },
  unknown: { id: true, network_interface: [{ ip_configuration: [{ application_gateway_backend_address_pool_ids: true, subnet_id: true }], network_security_group_id: true }], unique_id: true, ...unknown },
  expressions: {
    network_interface: [
      {
        name: constant('nic'),
        network_security_group_id: ref('azurerm_network_security_group.app'),
        ip_configuration: [{ name: constant('internal'), subnet_id: ref('azurerm_subnet.app'), application_gateway_backend_address_pool_ids: { references: ['azurerm_application_gateway.web.backend_address_pool', 'azurerm_application_gateway.web'] } }],
      },
    ],
    ...expressions,
  },
});

const plan = azurePlan([
  ...net,
  { address: 'azurerm_public_ip.agw', values: { sku: 'Standard', zones: ['1', '2', '3'], location: 'westeurope' }, unknown: { id: true }, expressions: { sku: constant('Standard'), zones: constant(['1', '2', '3']) } },
  { address: 'azurerm_network_security_group.app', values: { name: 'app', security_rule: [] }, unknown: { id: true }, expressions: {} },
  gateway,
  scaleSet('azurerm_linux_virtual_machine_scale_set.app', { instances: 3, zones: ['1', '2', '3'], zone_balance: true }, { instances: constant(3), zones: constant(['1', '2', '3']), zone_balance: constant(true) }),
  scaleSet('azurerm_windows_virtual_machine_scale_set.nozone', { instances: 2 }, { instances: constant(2) }),
  scaleSet('azurerm_linux_virtual_machine_scale_set.unset', {}, {}),
  scaleSet('azurerm_orchestrated_virtual_machine_scale_set.flex', { instances: null, platform_fault_domain_count: 1, zones: ['1', '2'] }, { zones: constant(['1', '2']) }, { instances: true }),
  {
    address: 'azurerm_monitor_autoscale_setting.flex',
    values: { name: 'flex', enabled: true, profile: [{ name: 'default', capacity: [{ default: 2, minimum: 2, maximum: 6 }] }] },
    unknown: { id: true, target_resource_id: true },
    expressions: { target_resource_id: ref('azurerm_orchestrated_virtual_machine_scale_set.flex') },
  },
]);
const m = azureModel(plan);

describe('virtual machine scale sets', () => {
  it('instances over zones 1-3: a group spanning three zones, linked to subnet, NSG and the gateway pool', () => {
    const app = entityIn(m, 'azurerm_linux_virtual_machine_scale_set.app', 'host');
    expect(app).toMatchObject({ role: 'group', publicIp: { state: 'default', value: false } });
    expect(app.replicas.desired).toEqual({ state: 'set', value: 3 });
    expect(app.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1', 'westeurope/2', 'westeurope/3'] }, zoneRedundant: { state: 'set', value: true } });
    expect(edgesFrom(m, app.id, 'in-subnet')).toEqual(['azurerm_subnet.app via network_interface.ip_configuration.subnet_id']);
    expect(edgesFrom(m, app.id, 'protected-by')).toEqual(['azurerm_network_security_group.app via network_interface.network_security_group_id']);
    expect(edgesTo(m, app.id, 'targets')).toEqual(['azurerm_application_gateway.web#backend_address_pool via network_interface.ip_configuration.application_gateway_backend_address_pool_ids']);
  });

  it('without zones: "no zone", whatever the instance count', () => {
    const nozone = entityIn(m, 'azurerm_windows_virtual_machine_scale_set.nozone', 'host');
    expect(nozone.placement.zones).toEqual({ state: 'default', value: [] });
    expect(nozone.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    expect(nozone.replicas.desired).toEqual({ state: 'set', value: 2 });
  });

  it('`instances` left out defaults to 0', () => {
    expect(entityIn(m, 'azurerm_linux_virtual_machine_scale_set.unset', 'host').replicas.desired).toEqual({ state: 'default', value: 0 });
  });

  it('an autoscale setting gives the bounds of a flexible scale set', () => {
    const flex = entityIn(m, 'azurerm_orchestrated_virtual_machine_scale_set.flex', 'host');
    expect(flex.replicas).toEqual({ min: { state: 'set', value: 2 }, desired: { state: 'set', value: 2 }, max: { state: 'set', value: 6 } });
    expect(flex.source).toEqual(['azurerm_orchestrated_virtual_machine_scale_set.flex', 'azurerm_monitor_autoscale_setting.flex']);
  });

  it('a state: pools found by id, public IP per instance, legacy `sku.capacity`', () => {
    const pool = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/backendAddressPools/app';
    const s = azureModel(
      azureState([
        { address: 'azurerm_lb_backend_address_pool.app', values: { id: pool, name: 'app' } },
        {
          address: 'azurerm_virtual_machine_scale_set.legacy',
          values: { location: 'westeurope', zones: ['1'], sku: [{ name: 'Standard_F2', capacity: 4 }], network_profile: [{ name: 'n', ip_configuration: [{ name: 'i', load_balancer_backend_address_pool_ids: [pool], public_ip_address_configuration: [{ name: 'pub', idle_timeout: 4, domain_name_label: 'x' }] }] }] },
        },
      ]),
    );
    const legacy = entityIn(s, 'azurerm_virtual_machine_scale_set.legacy', 'host');
    expect(legacy.replicas.desired).toEqual({ state: 'set', value: 4 });
    expect(legacy.publicIp).toEqual({ state: 'set', value: true });
    expect(legacy.placement.zones).toEqual({ state: 'set', value: ['westeurope/1'] });
    expect(edgesTo(s, legacy.id, 'targets')).toEqual(['azurerm_lb_backend_address_pool.app via network_profile.ip_configuration.load_balancer_backend_address_pool_ids']);
  });
});

describe('azurerm_application_gateway', () => {
  it('v2 over zones 1-3 with autoscale 2-10, internet-facing through its public IP', () => {
    const agw = entityIn(m, 'azurerm_application_gateway.web', 'load-balancer');
    expect(agw).toMatchObject({ layer: 'application', internetFacing: { state: 'set', value: true } });
    expect(agw.replicas).toEqual({ min: { state: 'set', value: 2 }, desired: { state: 'set', value: 2 }, max: { state: 'set', value: 10 } });
    expect(agw.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(edgesFrom(m, agw.id, 'in-subnet')).toEqual(['azurerm_subnet.gateway via gateway_ip_configuration.subnet_id']);
    expect(edgesTo(m, agw.id, 'attached-to')).toEqual(['azurerm_public_ip.agw via frontend_ip_configuration.public_ip_address_id']);
  });

  it('backend pools stand as one target pool; each http_listener listens on its frontend port', () => {
    expect(entityIn(m, 'azurerm_application_gateway.web#backend_address_pool', 'target-pool').port).toBe(8080);
    expect(edgesFrom(m, 'azurerm_application_gateway.web', 'forwards-to')).toEqual(['azurerm_application_gateway.web#backend_address_pool via backend_address_pool']);
    expect(entityIn(m, 'azurerm_application_gateway.web#http_listener[0]', 'listener')).toMatchObject({ port: { state: 'set', value: 443 }, protocol: 'Https' });
  });

  it('a v1 gateway with a fixed capacity of 1 and no zones', () => {
    const v1 = azureModel(
      azurePlan([{ ...gateway, values: { ...gateway.values, zones: [], sku: [{ name: 'Standard_Small', tier: 'Standard', capacity: 1 }], autoscale_configuration: [] }, expressions: {} }]),
    );
    const agw = entityIn(v1, 'azurerm_application_gateway.web', 'load-balancer');
    expect(agw.replicas.desired).toEqual({ state: 'set', value: 1 });
    expect(agw.placement).toMatchObject({ zones: { state: 'default', value: [] }, zoneRedundant: { state: 'default', value: false } });
    expect(agw.internetFacing).toEqual({ state: 'set', value: false });
  });
});
