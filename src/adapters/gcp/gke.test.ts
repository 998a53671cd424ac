import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModel, gcpModelOfFile, gcpPlan } from '../../../test/support/gcp-plan.js';
import { gkeModel as m } from '../../../test/support/gke-plan.js';

describe('google_container_cluster', () => {
  it('a region makes a regional control plane (three replicas across zones); its public endpoint by default', () => {
    const cp = entityIn(m, 'google_container_cluster.regional', 'host');
    expect(cp).toMatchObject({ role: 'cluster', publicIp: { state: 'default', value: true } });
    expect(cp.replicas.desired).toEqual({ state: 'set', value: 3 });
    expect(cp.placement).toEqual({ region: 'europe-west1', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
  });

  it('the default pool, kept unless removed: initial_node_count in each node location', () => {
    const nodes = entityIn(m, 'google_container_cluster.regional#default-pool', 'host');
    expect(nodes.role).toBe('node-group');
    expect(nodes.replicas.desired).toEqual({ state: 'set', value: 4 });
    expect(nodes.placement).toMatchObject({ zones: { state: 'set', value: ['europe-west1/europe-west1-b', 'europe-west1/europe-west1-c'] }, zoneRedundant: { state: 'set', value: true } });
    expect(edgesFrom(m, nodes.id, 'member-of')).toEqual(['google_container_cluster.regional via node_pool']);
    expect(m.entities.has('google_container_cluster.zonal#default-pool')).toBe(false);
  });

  it('a zone makes a zonal control plane: one replica, lost with its zone', () => {
    const cp = entityIn(m, 'google_container_cluster.zonal', 'host');
    expect(cp.replicas.max).toEqual({ state: 'set', value: 1 });
    expect(cp.placement).toEqual({ region: 'europe-west1', zones: { state: 'set', value: ['europe-west1/europe-west1-b'] }, zoneRedundant: { state: 'set', value: false } });
    // `location` (ForceNew) set to the region: a new, regional cluster.
    expect(cp.scaleKnob).toEqual({
      attribute: 'location',
      value:
        '`"europe-west1"`, the region, instead of a zone: a regional cluster runs control plane replicas in several zones; `location` forces a new cluster, and its node pools then run their node count in each zone (`node_locations` narrows them)',
    });
  });

  it('alextzk: zonal, private endpoint, default pool removed', () => {
    const real = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));
    const cp = entityIn(real, 'module.gke.google_container_cluster.primary', 'host');
    expect(cp.publicIp).toEqual({ state: 'set', value: false });
    expect(cp.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(real.entities.has('module.gke.google_container_cluster.primary#default-pool')).toBe(false);
  });

  it('terraform-validator: the default pool carries the cluster node_config tags and service account', () => {
    const real = gcpModelOfFile(corpusFile('terraform-validator/gcp-gke-cluster-full-tf1.0.10.json'));
    expect(entityIn(real, 'google_container_cluster.full_list_default_1#default-pool', 'host')).toMatchObject({ labels: ['test-tags'], serviceAccounts: ['test-service_account'], publicIp: { state: 'set', value: false } });
  });
});

describe('google_container_cluster: its public API endpoint', () => {
  // Trimmed from google provider 6.x plans: blocks as lists, `cidr_blocks` nested in `master_authorized_networks_config`.
  const cluster = (name: string, values: Record<string, unknown>, unknown: Record<string, unknown> = {}, sensitive: Record<string, unknown> = {}, expressions: Record<string, unknown> = {}) => ({
    address: `google_container_cluster.${name}`,
    values: { name, location: 'europe-west1', network: 'default', initial_node_count: 1, remove_default_node_pool: true, ...values },
    unknown: { endpoint: true, id: true, master_version: true, self_link: true, ...unknown },
    sensitive,
    expressions: { name: { constant_value: name }, location: { constant_value: 'europe-west1' }, ...expressions },
  });
  const man = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({ master_authorized_networks_config: [{ cidr_blocks: blocks, ...extra }] });
  const m = gcpModel(
    gcpPlan([
      cluster('open', { master_authorized_networks_config: [], private_cluster_config: [] }),
      cluster('office', man([{ cidr_block: '203.0.113.0/24', display_name: 'office' }]), { master_authorized_networks_config: [{ cidr_blocks: [{}], gcp_public_cidrs_access_enabled: true }] }, {}, { master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: { constant_value: '203.0.113.0/24' }, display_name: { constant_value: 'office' } }] }] }),
      cluster('world', man([{ cidr_block: '0.0.0.0/0', display_name: 'all' }], { gcp_public_cidrs_access_enabled: false }), {}, {}, { master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: { constant_value: '0.0.0.0/0' } }], gcp_public_cidrs_access_enabled: { constant_value: false } }] }),
      cluster('nobody', man([], { gcp_public_cidrs_access_enabled: true }), {}, {}, { master_authorized_networks_config: [{ gcp_public_cidrs_access_enabled: { constant_value: true } }] }),
      cluster('hidden', man([{ cidr_block: '198.51.100.7/32', display_name: 'vpn' }]), {}, { master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: true }] }] }, { master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: { references: ['var.vpn'] } }] }] }),
      cluster('ip_off', { control_plane_endpoints_config: [{ ip_endpoints_config: [{ enabled: false }], dns_endpoint_config: [{ allow_external_traffic: true }] }] }, {}, {}, { control_plane_endpoints_config: [{ ip_endpoints_config: [{ enabled: { constant_value: false } }] }] }),
    ]),
  );
  const peers = (name: string) => entityIn(m, `google_container_cluster.${name}#api_endpoint#ingress[0]`, 'firewall-rule').peers;

  it('no master_authorized_networks_config: any address, by the default', () => {
    expect(peers('open')).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(entityIn(m, 'google_container_cluster.open#api_endpoint', 'firewall-policy').publicEndpoint).toMatchObject({ basis: 'default', narrow: { attribute: 'master_authorized_networks_config' } });
    expect(edgesFrom(m, 'google_container_cluster.open', 'protected-by')).toEqual(['google_container_cluster.open#api_endpoint via master_authorized_networks_config']);
  });

  it('cidr_blocks: their ranges, 0.0.0.0/0 the world; gcp_public_cidrs_access_enabled a named range, not the internet', () => {
    expect(peers('office')).toEqual([{ kind: 'cidr', cidr: '203.0.113.0/24' }]);
    expect(peers('world')).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(peers('nobody')).toEqual([{ kind: 'service', name: 'Google Compute Engine public IP addresses' }]);
  });

  it('a cidr_block marked sensitive: the sensitive peer, nothing of the value', () => {
    expect(peers('hidden')).toEqual([{ kind: 'unknown', sensitive: true }]);
    expect(JSON.stringify([...m.entities.values()])).not.toContain('198.51.100.7');
  });

  it('ip_endpoints_config.enabled = false: no IP endpoint, no public access list', () => {
    expect(entityIn(m, 'google_container_cluster.ip_off', 'host').publicIp).toEqual({ state: 'set', value: false });
    expect(m.entities.has('google_container_cluster.ip_off#api_endpoint')).toBe(false);
  });

  it('conftest (0.12): nothing written, public and open to any address; alextzk: a private endpoint, none', () => {
    const open = gcpModelOfFile(corpusFile('conftest/gcp-gke-cluster-node-pool-tf0.12.0-beta2.json'));
    expect(entityIn(open, 'google_container_cluster.primary#api_endpoint#ingress[0]', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'ipv4' }]);
    const closed = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));
    expect(closed.entities.has('module.gke.google_container_cluster.primary#api_endpoint')).toBe(false);
  });
});
