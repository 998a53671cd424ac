import { describe, expect, it } from 'vitest';
import { azureModel, azurePlan, constant, edgesFrom, entityIn, network, ref, type PlanResource } from '../../../test/support/azure-plan.js';
import { check } from '../../analyze.js';

const cluster = (address: string, pool: Record<string, unknown>, poolExpressions: Record<string, unknown>, over: Record<string, unknown> = {}): PlanResource => ({
  address,
  values: {
    location: 'westeurope',
    name: address.split('.').pop(),
    resource_group_name: 'rg-aks',
    dns_prefix: 'aks',
    sku_tier: 'Standard',
    private_cluster_enabled: false,
    default_node_pool: [{ name: 'system', vm_size: 'Standard_D4s_v5', auto_scaling_enabled: false, zones: [], ...pool }],
    ...over,
  },
  unknown: { default_node_pool: [{ node_count: true, orchestrator_version: true, vnet_subnet_id: true }], fqdn: true, id: true, kube_config: true, kube_config_raw: true },
  sensitive: { kube_config: true, kube_config_raw: true },
  expressions: { default_node_pool: [{ name: constant('system'), vnet_subnet_id: ref('azurerm_subnet.nodes'), ...poolExpressions }] },
});

const m = azureModel(
  azurePlan([
    ...network('azurerm_virtual_network.main', { 'azurerm_subnet.nodes': '10.1.0.0/16' }),
    cluster('azurerm_kubernetes_cluster.zonal', { zones: ['1', '2', '3'], auto_scaling_enabled: true, min_count: 3, max_count: 9, node_count: 3 }, { zones: constant(['1', '2', '3']) }),
    cluster('azurerm_kubernetes_cluster.flat', { node_count: 1 }, { node_count: constant(1) }, { private_cluster_enabled: true }),
    {
      address: 'azurerm_kubernetes_cluster_node_pool.user',
      values: { name: 'user', vm_size: 'Standard_D4s_v5', node_count: 2, zones: ['1'], auto_scaling_enabled: false },
      unknown: { id: true, kubernetes_cluster_id: true },
      expressions: { kubernetes_cluster_id: ref('azurerm_kubernetes_cluster.zonal'), node_count: constant(2), zones: constant(['1']) },
    },
  ]),
);

describe('azurerm_kubernetes_cluster and node pools', () => {
  it('node public addresses: written `true` is a fact; left out, off by the provider default', () => {
    const pools = azureModel(
      azurePlan([
        ...network('azurerm_virtual_network.main', { 'azurerm_subnet.nodes': '10.1.0.0/16' }),
        cluster('azurerm_kubernetes_cluster.public_nodes', { node_count: 2, node_public_ip_enabled: true }, { node_count: constant(2), node_public_ip_enabled: constant(true) }),
        cluster('azurerm_kubernetes_cluster.private_nodes', { node_count: 2 }, { node_count: constant(2) }),
      ]),
    );
    expect(entityIn(pools, 'azurerm_kubernetes_cluster.public_nodes#default_node_pool', 'host').publicIp).toEqual({ state: 'set', value: true });
    expect(entityIn(pools, 'azurerm_kubernetes_cluster.private_nodes#default_node_pool', 'host').publicIp).toEqual({ state: 'default', value: false });
  });

  it('a default pool over zones 1-3 with the autoscaler: node group 3..9, member of its cluster, in its subnet', () => {
    const pool = entityIn(m, 'azurerm_kubernetes_cluster.zonal#default_node_pool', 'host');
    expect(pool.role).toBe('node-group');
    expect(pool.replicas).toEqual({ min: { state: 'set', value: 3 }, desired: { state: 'set', value: 3 }, max: { state: 'set', value: 9 } });
    expect(pool.placement.zones).toEqual({ state: 'set', value: ['westeurope/1', 'westeurope/2', 'westeurope/3'] });
    expect(edgesFrom(m, pool.id, 'member-of')).toEqual(['azurerm_kubernetes_cluster.zonal via kubernetes_cluster_id']);
    expect(edgesFrom(m, pool.id, 'in-subnet')).toEqual(['azurerm_subnet.nodes via default_node_pool.vnet_subnet_id']);
    const control = entityIn(m, 'azurerm_kubernetes_cluster.zonal', 'host');
    expect(control).toMatchObject({ role: 'cluster', publicIp: { state: 'set', value: true } });
    expect(control.placement.zoneRedundant).toEqual({ state: 'set', value: true });
  });

  it('a pool of one node without zones: "no zone"; the private control plane is Microsoft\'s, replicated over zones whatever the pools do', () => {
    const pool = entityIn(m, 'azurerm_kubernetes_cluster.flat#default_node_pool', 'host');
    expect(pool.replicas.desired).toEqual({ state: 'set', value: 1 });
    expect(pool.placement).toMatchObject({ zones: { state: 'default', value: [] }, zoneRedundant: { value: false } });
    const control = entityIn(m, 'azurerm_kubernetes_cluster.flat', 'host');
    expect(control.publicIp).toEqual({ state: 'set', value: false });
    // "Microsoft replicates the control plane in multiple zones" (AKS availability zones overview): never a zonal
    // control plane finding, whatever the system pool's zones.
    expect(control.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(control.replicas.desired).toEqual({ state: 'default', value: 2 });
    expect(check(m, 'plan.json').filter((f) => f.resources[0] === 'azurerm_kubernetes_cluster.flat')).toEqual([]);
  });

  it('a separate node pool in one zone joins its cluster', () => {
    const pool = entityIn(m, 'azurerm_kubernetes_cluster_node_pool.user', 'host');
    expect(pool.replicas.desired).toEqual({ state: 'set', value: 2 });
    expect(pool.placement).toMatchObject({ region: 'westeurope', zones: { value: ['westeurope/1'] }, zoneRedundant: { value: false } });
    expect(edgesFrom(m, pool.id, 'member-of')).toEqual(['azurerm_kubernetes_cluster.zonal via kubernetes_cluster_id']);
  });

  it('no kube_config reaches the model', () => {
    expect(JSON.stringify([...m.entities.values()])).not.toContain('kube_config');
  });
});

describe('azurerm_kubernetes_cluster: its public API endpoint', () => {
  // azurerm 4.x writes `api_server_access_profile`; 2.x/3.x wrote the top-level `api_server_authorized_ip_ranges`.
  const endpoints = azureModel(
    azurePlan([
      ...network('azurerm_virtual_network.main', { 'azurerm_subnet.nodes': '10.1.0.0/16' }),
      cluster('azurerm_kubernetes_cluster.open', { node_count: 1 }, { node_count: constant(1) }, { api_server_access_profile: [] }),
      {
        ...cluster('azurerm_kubernetes_cluster.office', { node_count: 1 }, { node_count: constant(1) }, { api_server_access_profile: [{ authorized_ip_ranges: ['203.0.113.0/24'], subnet_id: null, virtual_network_integration_enabled: false }] }),
        expressions: { default_node_pool: [{ name: constant('system'), node_count: constant(1) }], api_server_access_profile: [{ authorized_ip_ranges: constant(['203.0.113.0/24']) }] },
      },
      {
        ...cluster('azurerm_kubernetes_cluster.legacy', { node_count: 1 }, { node_count: constant(1) }, { api_server_authorized_ip_ranges: ['0.0.0.0/0'] }),
        expressions: { default_node_pool: [{ name: constant('system'), node_count: constant(1) }], api_server_authorized_ip_ranges: constant(['0.0.0.0/0']) },
      },
      {
        ...cluster('azurerm_kubernetes_cluster.hidden', { node_count: 1 }, { node_count: constant(1) }, { api_server_access_profile: [{ authorized_ip_ranges: ['198.51.100.7/32'] }] }),
        sensitive: { kube_config: true, kube_config_raw: true, api_server_access_profile: [{ authorized_ip_ranges: true }] },
        expressions: { default_node_pool: [{ name: constant('system'), node_count: constant(1) }], api_server_access_profile: [{ authorized_ip_ranges: ref('var.office') }] },
      },
    ]),
  );
  const list = (name: string) => entityIn(endpoints, `azurerm_kubernetes_cluster.${name}#api_endpoint`, 'firewall-policy');
  const peers = (name: string) => entityIn(endpoints, `azurerm_kubernetes_cluster.${name}#api_endpoint#ingress[0]`, 'firewall-rule').peers;

  it('no authorized ranges: any address, by the default; the knobs are private_cluster_enabled and the ranges', () => {
    expect(peers('open')).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(list('open').publicEndpoint).toEqual({
      basis: 'default',
      close: [{ attribute: 'private_cluster_enabled', value: 'true' }],
      narrow: { attribute: 'api_server_access_profile.authorized_ip_ranges', value: 'the office, VPN or CI ranges that need the API' },
    });
  });

  it('authorized_ip_ranges: its ranges; the 3.x attribute is read and named as written', () => {
    expect(peers('office')).toEqual([{ kind: 'cidr', cidr: '203.0.113.0/24' }]);
    expect(peers('legacy')).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(list('legacy').publicEndpoint).toMatchObject({ basis: 'set', narrow: { attribute: 'api_server_authorized_ip_ranges' } });
  });

  it('ranges marked sensitive: the sensitive peer, nothing of the value', () => {
    expect(peers('hidden')).toEqual([{ kind: 'unknown', sensitive: true }]);
    expect(JSON.stringify([...endpoints.entities.values()])).not.toContain('198.51.100.7');
  });

  it('a private cluster: no public access list', () => {
    expect(m.entities.has('azurerm_kubernetes_cluster.flat#api_endpoint')).toBe(false);
    expect(m.entities.has('azurerm_kubernetes_cluster.zonal#api_endpoint')).toBe(true);
  });
});
