import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { loadDocument } from '../../terraform/index.js';
import { edgesFrom, entityIn, gcpModel, gcpPlan, gcpState, references, type GcpResource } from '../../../test/support/gcp-plan.js';

// Google's passthrough network load balancers (a regional backend service with the scheme EXTERNAL or INTERNAL,
// or a legacy target pool) deliver the clients' packets unproxied, with the clients' addresses and the port they
// connected to: the backends' firewall must admit the clients on the forwarding rule's ports. Proxies (global
// services, the *_MANAGED schemes) hand the backends the proxy's addresses and the named port.

type Json = Record<string, unknown>;
const c = (value: unknown) => ({ constant_value: value });

function resource(address: string, values: Json, expressions: Json, unknown: Json = {}): GcpResource {
  return { address, values, unknown: { id: true, self_link: true, ...unknown }, expressions };
}

const network = resource('google_compute_network.main', { auto_create_subnetworks: false, name: 'main' }, { auto_create_subnetworks: c(false), name: c('main') }, { gateway_ipv4: true });
const subnet = resource(
  'google_compute_subnetwork.app',
  { ip_cidr_range: '10.0.0.0/24', name: 'app', region: 'us-central1' },
  { ip_cidr_range: c('10.0.0.0/24'), name: c('app'), network: references('google_compute_network.main'), region: c('us-central1') },
  { network: true },
);

/** A firewall rule admitting the world on `ports` to the VMs tagged `web`. */
function worldRule(name: string, ports: string[]): GcpResource {
  return resource(
    `google_compute_firewall.${name}`,
    { allow: [{ ports, protocol: 'tcp' }], deny: [], direction: 'INGRESS', disabled: false, name, priority: 1000, source_ranges: ['0.0.0.0/0'], target_tags: ['web'] },
    { allow: [{ ports: c(ports), protocol: c('tcp') }], name: c(name), network: references('google_compute_network.main', 'name'), source_ranges: c(['0.0.0.0/0']), target_tags: c(['web']) },
    { creation_timestamp: true, destination_ranges: true, network: true },
  );
}

/** A VM tagged `web` with no external address (no `access_config`), in the app subnetwork. */
function vm(name: string, zone: string): GcpResource {
  return resource(
    `google_compute_instance.${name}`,
    { machine_type: 'e2-small', name, network_interface: [{ access_config: [], alias_ip_range: [], ipv6_access_config: [] }], service_account: [], tags: ['web'], zone },
    { machine_type: c('e2-small'), name: c(name), network_interface: [{ subnetwork: references('google_compute_subnetwork.app') }], tags: c(['web']), zone: c(zone) },
    { network_interface: [{ name: true, network: true, network_ip: true, subnetwork: true }] },
  );
}

const vms = [vm('web-a', 'us-central1-a'), vm('web-b', 'us-central1-b')];
const group = (zone: string, name: string): GcpResource =>
  resource(
    `google_compute_instance_group.${name}`,
    { name, named_port: [{ name: 'http', port: 9000 }], zone },
    { instances: references(`google_compute_instance.web-${zone.slice(-1)}`), name: c(name), zone: c(zone) },
    { instances: true },
  );
const groups = [group('us-central1-a', 'web-a'), group('us-central1-b', 'web-b')];

/** A regional backend service over both groups, with the scheme `scheme` (left to its default when undefined). */
function regionalService(scheme: string | undefined): GcpResource {
  return resource(
    'google_compute_region_backend_service.web',
    { backend: [{ balancing_mode: 'CONNECTION' }, { balancing_mode: 'CONNECTION' }], load_balancing_scheme: scheme ?? 'INTERNAL', name: 'web', protocol: 'TCP', region: 'us-central1' },
    {
      backend: [{ group: references('google_compute_instance_group.web-a') }, { group: references('google_compute_instance_group.web-b') }],
      name: c('web'),
      protocol: c('TCP'),
      region: c('us-central1'),
      ...(scheme === undefined ? {} : { load_balancing_scheme: c(scheme) }),
    },
    { backend: [{ group: true }, { group: true }] },
  );
}

function forwardingRule(scheme: 'EXTERNAL' | 'INTERNAL', to: { backend_service: string } | { target: string }, ports: string[] = ['8080']): GcpResource {
  const [attribute, address] = Object.entries(to)[0]!;
  return resource(
    'google_compute_forwarding_rule.web',
    { ip_protocol: 'TCP', load_balancing_scheme: scheme, name: 'web', ports, region: 'us-central1' },
    { [attribute]: references(address!), ip_protocol: c('TCP'), load_balancing_scheme: c(scheme), name: c('web'), ports: c(ports), region: c('us-central1') },
    { [attribute]: true, ip_address: true },
  );
}

const targetPool = resource(
  'google_compute_target_pool.web',
  { instances: null, name: 'web', region: 'us-central1', session_affinity: 'NONE' },
  { instances: { references: ['google_compute_instance.web-a.self_link', 'google_compute_instance.web-a', 'google_compute_instance.web-b.self_link', 'google_compute_instance.web-b'] }, name: c('web') },
  { instances: true },
);

const firewalls = [worldRule('lb_traffic', ['8080']), worldRule('world_ssh', ['22'])];

describe('pools of passthrough network load balancers', () => {
  const pool = (service: GcpResource) => entityIn(gcpModel(gcpPlan([...vms, ...groups, service])), service.address, 'target-pool');

  it('a regional service with the scheme EXTERNAL or INTERNAL (its default): client addresses and ports kept, no named port', () => {
    for (const scheme of ['EXTERNAL', 'INTERNAL', undefined]) {
      expect(pool(regionalService(scheme))).toMatchObject({ port: undefined, clientAddressesPreserved: true, listenerPorts: true });
    }
  });

  it('a regional proxy (INTERNAL_MANAGED, EXTERNAL_MANAGED): the named port, addresses replaced', () => {
    for (const scheme of ['INTERNAL_MANAGED', 'EXTERNAL_MANAGED']) {
      const p = pool(regionalService(scheme));
      expect(p).toMatchObject({ port: 9000, clientAddressesPreserved: false });
      expect(p.listenerPorts).toBeUndefined();
    }
  });

  it('a global service is always a proxy', () => {
    const global = resource('google_compute_backend_service.web', { load_balancing_scheme: 'EXTERNAL', name: 'web', port_name: 'http', protocol: 'TCP' }, { backend: [{ group: references('google_compute_instance_group.web-a') }], name: c('web') }, { backend: [{ group: true }] });
    expect(pool(global)).toMatchObject({ port: 9000, clientAddressesPreserved: false });
  });

  it('a scheme known only after apply: not known either way', () => {
    const p = pool({ ...regionalService('EXTERNAL'), unknown: { id: true, self_link: true, load_balancing_scheme: true, backend: [{ group: true }, { group: true }] }, values: { name: 'web', region: 'us-central1', backend: [{}, {}] } });
    expect(p.clientAddressesPreserved).toBeUndefined();
    expect(p.listenerPorts).toBeUndefined();
  });
});

describe('google_compute_target_pool', () => {
  it('a plan: instances by reference, managed groups by their target_pools, the forwarding rule by its target', () => {
    const igm = resource(
      'google_compute_instance_group_manager.more',
      { base_instance_name: 'more', name: 'more', target_size: 2, version: [{ name: 'primary' }], zone: 'us-central1-c' },
      { base_instance_name: c('more'), name: c('more'), target_pools: { references: ['google_compute_target_pool.web.self_link', 'google_compute_target_pool.web'] }, zone: c('us-central1-c') },
      { instance_group: true, target_pools: true, version: [{ instance_template: true }] },
    );
    const m = gcpModel(gcpPlan([...vms, targetPool, igm, forwardingRule('EXTERNAL', { target: 'google_compute_target_pool.web' })]));
    expect(entityIn(m, 'google_compute_target_pool.web', 'target-pool')).toMatchObject({ port: undefined, clientAddressesPreserved: true, listenerPorts: true });
    expect(edgesFrom(m, 'google_compute_target_pool.web', 'targets')).toEqual([
      'google_compute_instance.web-a via instances',
      'google_compute_instance.web-b via instances',
      'google_compute_instance_group_manager.more via google_compute_instance_group_manager.more.target_pools',
    ]);
    expect(edgesFrom(m, 'google_compute_forwarding_rule.web', 'forwards-to')).toEqual(['google_compute_target_pool.web via target']);
    expect(edgesFrom(m, 'google_compute_forwarding_rule.web#listener', 'forwards-to')).toEqual(['google_compute_target_pool.web via target']);
    expect(entityIn(m, 'google_compute_forwarding_rule.web', 'load-balancer')).toMatchObject({ layer: 'network', internetFacing: { state: 'set', value: true } });
  });

  it('a state: instances written as zone/name and as URLs, the target as the pool\'s self link', () => {
    const link = 'https://www.googleapis.com/compute/v1/projects/p/regions/us-central1/targetPools/web';
    const m = gcpModel(
      gcpState([
        { address: 'google_compute_instance.web-a', values: { name: 'web-a', zone: 'us-central1-a', self_link: 'https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a/instances/web-a', network_interface: [{ access_config: [] }] } },
        { address: 'google_compute_instance.web-b', values: { name: 'web-b', zone: 'https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-b', self_link: 'https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-b/instances/web-b', network_interface: [{ access_config: [] }] } },
        { address: 'google_compute_instance.other', values: { name: 'other', zone: 'us-central1-a', network_interface: [{ access_config: [] }] } },
        { address: 'google_compute_target_pool.web', values: { name: 'web', region: 'us-central1', self_link: link, instances: ['us-central1-a/web-a', 'https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-b/instances/web-b'] } },
        { address: 'google_compute_forwarding_rule.web', values: { name: 'web', region: 'us-central1', load_balancing_scheme: 'EXTERNAL', port_range: '8080-8080', target: link } },
      ]),
    );
    expect(edgesFrom(m, 'google_compute_target_pool.web', 'targets')).toEqual(['google_compute_instance.web-a via instances', 'google_compute_instance.web-b via instances']);
    expect(edgesFrom(m, 'google_compute_forwarding_rule.web', 'forwards-to')).toEqual(['google_compute_target_pool.web via target']);
  });
});

describe('private VMs behind a passthrough network load balancer, their firewall admitting the world on its port', () => {
  /** The findings of `rule` that name one of the VMs, by message. */
  const about = (resources: GcpResource[], rule: string) => {
    const report = analyze([loadDocument('plan.json', gcpPlan([network, subnet, ...firewalls, ...vms, ...resources]))]);
    return report.findings.filter((f) => f.rule === rule && f.resources.some((r) => r.startsWith('google_compute_instance.web'))).map((f) => f.message);
  };
  const cases: Array<[string, GcpResource[]]> = [
    ['a regional backend service (EXTERNAL)', [...groups, regionalService('EXTERNAL'), forwardingRule('EXTERNAL', { backend_service: 'google_compute_region_backend_service.web' })]],
    ['a target pool', [targetPool, forwardingRule('EXTERNAL', { target: 'google_compute_target_pool.web' })]],
  ];

  for (const [name, resources] of cases) {
    it(`${name}: open-ingress reports SSH, not the load balancer's port`, () => {
      const messages = about(resources, 'open-ingress');
      expect(messages.join('\n')).toMatch(/tcp 22\b/);
      expect(messages.join('\n')).not.toMatch(/8080/);
    });

    it(`${name}: segmentation does not call the load balancer's port a way around it`, () => {
      expect(about(resources, 'segmentation').join('\n')).not.toMatch(/8080/);
    });
  }

  it('an internal passthrough load balancer brings no clients from the internet: the world opening on its port is reported', () => {
    const internal = [...groups, regionalService('INTERNAL'), forwardingRule('INTERNAL', { backend_service: 'google_compute_region_backend_service.web' })];
    expect(about(internal, 'open-ingress').join('\n')).toMatch(/8080/);
  });

  it('a port the forwarding rule does not accept is reported', () => {
    const other = [targetPool, forwardingRule('EXTERNAL', { target: 'google_compute_target_pool.web' }, ['8443'])];
    expect(about(other, 'open-ingress').join('\n')).toMatch(/8080/);
  });
});
