import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { azureModel, azurePlan, azureState, constant, entityIn, ref, type PlanResource } from '../../../test/support/azure-plan.js';

/** An `azurerm_service_plan` as `terraform show -json` writes it (azurerm 4.x): `worker_count` computed unless written. */
const plan = (address: string, values: Record<string, unknown>, written: Record<string, unknown>): PlanResource => ({
  address,
  values: { location: 'westeurope', name: address.split('.').pop(), resource_group_name: 'rg-web', os_type: 'Linux', per_site_scaling_enabled: false, premium_plan_auto_scale_enabled: false, tags: null, timeouts: null, app_service_environment_id: null, ...values },
  unknown: { id: true, kind: true, reserved: true, maximum_elastic_worker_count: true, ...('worker_count' in values ? {} : { worker_count: true }) },
  sensitive: {},
  expressions: { location: constant('westeurope'), name: constant(address.split('.').pop()), resource_group_name: constant('rg-web'), os_type: constant('Linux'), ...written },
});

/** A Linux web app on a plan; its settings hold a secret that must never surface. */
const app = (address: string, planAddress: string, values: Record<string, unknown> = {}, written: Record<string, unknown> = {}): PlanResource => ({
  address,
  values: {
    location: 'westeurope',
    name: address.split('.').pop(),
    resource_group_name: 'rg-web',
    app_settings: { DATABASE_PASSWORD: 'hunter2-app-secret' },
    client_affinity_enabled: false,
    enabled: true,
    https_only: true,
    public_network_access_enabled: true,
    site_config: [{ always_on: true, minimum_tls_version: '1.2' }],
    ...values,
  },
  unknown: { id: true, service_plan_id: true, default_hostname: true, outbound_ip_addresses: true, site_credential: true },
  sensitive: { app_settings: true, site_credential: true },
  expressions: { service_plan_id: ref(planAddress), https_only: constant(true), app_settings: { references: ['var.db_password'] }, ...written },
});

const resources: PlanResource[] = [
  plan('azurerm_service_plan.single', { sku_name: 'P1v3', worker_count: 1, zone_balancing_enabled: false }, { sku_name: constant('P1v3'), worker_count: constant(1) }),
  app('azurerm_linux_web_app.shop', 'azurerm_service_plan.single'),
  plan('azurerm_service_plan.zonal', { sku_name: 'P1v3', worker_count: 3, zone_balancing_enabled: true }, { sku_name: constant('P1v3'), worker_count: constant(3), zone_balancing_enabled: constant(true) }),
  app('azurerm_linux_web_app.api', 'azurerm_service_plan.zonal'),
  plan('azurerm_service_plan.computed', { sku_name: 'S1', zone_balancing_enabled: false }, { sku_name: constant('S1') }),
  app('azurerm_linux_web_app.blog', 'azurerm_service_plan.computed'),
  plan('azurerm_service_plan.private', { sku_name: 'P1v3', worker_count: 1, zone_balancing_enabled: false }, { sku_name: constant('P1v3'), worker_count: constant(1) }),
  app('azurerm_linux_web_app.internal', 'azurerm_service_plan.private', { public_network_access_enabled: false }, { public_network_access_enabled: constant(false) }),
  plan('azurerm_service_plan.consumption', { sku_name: 'Y1', zone_balancing_enabled: false }, { sku_name: constant('Y1') }),
  plan('azurerm_service_plan.scaled', { sku_name: 'P1v3', worker_count: 1, zone_balancing_enabled: false }, { sku_name: constant('P1v3'), worker_count: constant(1) }),
  app('azurerm_linux_web_app.portal', 'azurerm_service_plan.scaled'),
  {
    address: 'azurerm_monitor_autoscale_setting.portal',
    values: { location: 'westeurope', name: 'portal', enabled: true, profile: [{ name: 'default', capacity: [{ default: 2, minimum: 2, maximum: 6 }], rule: [] }] },
    unknown: { id: true, target_resource_id: true },
    expressions: { target_resource_id: ref('azurerm_service_plan.scaled') },
  },
];
const model = azureModel(azurePlan(resources));

describe('azurerm_service_plan', () => {
  it('a plan is a group of its workers, public through its apps, spread over zones only with zone balancing', () => {
    const single = entityIn(model, 'azurerm_service_plan.single', 'host');
    expect(single).toMatchObject({ role: 'group', replicas: { max: { state: 'set', value: 1 } }, publicIp: { state: 'default', value: true } });
    expect(single.source).toEqual(['azurerm_service_plan.single', 'azurerm_linux_web_app.shop']);
    expect(single.placement).toEqual({ region: 'westeurope', zones: { state: 'default', value: [] }, zoneRedundant: { state: 'default', value: false } });
    expect(entityIn(model, 'azurerm_service_plan.zonal', 'host').placement.zoneRedundant).toEqual({ state: 'set', value: true });
  });

  it('worker_count unwritten is known only after apply; an autoscale setting gives the bounds; a Consumption plan is not modelled', () => {
    expect(entityIn(model, 'azurerm_service_plan.computed', 'host').replicas.max).toEqual({ state: 'unknown', assumed: 1 });
    expect(entityIn(model, 'azurerm_service_plan.scaled', 'host').replicas).toEqual({ min: { state: 'set', value: 2 }, desired: { state: 'set', value: 2 }, max: { state: 'set', value: 6 } });
    expect(model.entities.has('azurerm_service_plan.consumption')).toBe(false);
    expect(entityIn(model, 'azurerm_service_plan.private', 'host').publicIp).toEqual({ state: 'set', value: false });
    expect(model.unmodelled).toEqual({});
  });

  it('must fire on the one-worker plan its public app runs on; stays quiet on the zone-balanced, the autoscaled, the computed and the private ones', () => {
    const found = check(model, 'plan.json').filter((f) => f.rule === 'spof');
    expect(found.map((f) => f.resources[0])).toEqual(['azurerm_service_plan.single']);
    expect(found[0]!.message).toBe(
      // The web app leaves `public_network_access_enabled` out: public by the provider's default, and said so.
      'azurerm_service_plan.single serves traffic (with a public address) but can never run more than 1 instance: when that instance or its zone fails, everything it serves stops until a replacement boots. It gets that public address by default: its configuration neither asks for one nor turns it off. This plan holds no firewall rules for it, so what its address lets in is not shown.',
    );
    expect(found[0]!.remediation).toBe('Fix with `worker_count`: 2 or more (3 or more with `zone_balancing_enabled = true`, one per zone), or an autoscale setting whose minimum is 2.');
    expect(JSON.stringify(check(model, 'plan.json'))).not.toContain('hunter2');
  });

  it('a state: the legacy plan (sku block, zone_redundant) and app (app_service_plan_id)', () => {
    const m = azureModel(
      azureState([
        { address: 'azurerm_app_service_plan.old', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverFarms/old', location: 'westeurope', zone_redundant: false, sku: [{ tier: 'Standard', size: 'S1', capacity: 1 }] } },
        { address: 'azurerm_app_service.old', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/sites/old', app_service_plan_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverFarms/old' } },
        { address: 'azurerm_app_service_plan.free', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverFarms/free', location: 'westeurope', sku: [{ tier: 'Free', size: 'F1', capacity: 1 }] } },
      ]),
    );
    const old = entityIn(m, 'azurerm_app_service_plan.old', 'host');
    expect(old.replicas.max).toEqual({ state: 'set', value: 1 });
    expect(old.source).toEqual(['azurerm_app_service_plan.old', 'azurerm_app_service.old']);
    expect(m.entities.has('azurerm_app_service_plan.free')).toBe(false);
  });
});
