import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModel, gcpModelOfFile, gcpPlan, references, type GcpResource } from '../../../test/support/gcp-plan.js';

type Json = Record<string, unknown>;

function resource(address: string, values: Json, expressions: Json, unknown: Json = {}): GcpResource {
  return { address, values, unknown: { id: true, self_link: true, ...unknown }, expressions };
}
const c = (value: unknown) => ({ constant_value: value });

describe('forwarding rules', () => {
  const m = gcpModel(
    gcpPlan([
      resource('google_compute_region_backend_service.internal', { load_balancing_scheme: 'INTERNAL', name: 'internal', protocol: 'TCP', region: 'europe-west1' }, { load_balancing_scheme: c('INTERNAL'), name: c('internal'), region: c('europe-west1') }),
      resource('google_compute_subnetwork.app', { ip_cidr_range: '10.0.0.0/24', name: 'app', region: 'europe-west1' }, { name: c('app') }, { network: true }),
      resource(
        'google_compute_forwarding_rule.internal',
        { ip_protocol: 'TCP', load_balancing_scheme: 'INTERNAL', name: 'internal', ports: ['80', '443'], region: 'europe-west1' },
        { backend_service: references('google_compute_region_backend_service.internal'), load_balancing_scheme: c('INTERNAL'), ports: c(['80', '443']), subnetwork: references('google_compute_subnetwork.app') },
        { backend_service: true, ip_address: true, network: true, subnetwork: true },
      ),
      resource('google_compute_backend_service.web', { load_balancing_scheme: 'EXTERNAL', name: 'web', protocol: 'HTTP' }, { name: c('web') }),
      resource('google_compute_url_map.web', { name: 'web' }, { default_service: references('google_compute_backend_service.web') }, { default_service: true }),
      resource('google_compute_target_http_proxy.web', { name: 'web' }, { url_map: references('google_compute_url_map.web') }, { url_map: true }),
      resource('google_compute_global_forwarding_rule.http', { load_balancing_scheme: 'EXTERNAL', name: 'http', port_range: null }, { target: references('google_compute_target_http_proxy.web') }, { ip_address: true, port_range: true, target: true }),
      resource('google_compute_backend_service.tcp', { load_balancing_scheme: 'EXTERNAL_MANAGED', name: 'tcp', protocol: 'TCP' }, { name: c('tcp') }),
      resource('google_compute_target_tcp_proxy.tcp', { name: 'tcp' }, { backend_service: references('google_compute_backend_service.tcp') }, { backend_service: true }),
      resource('google_compute_global_forwarding_rule.tcp', { load_balancing_scheme: 'EXTERNAL_MANAGED', name: 'tcp', port_range: '5432' }, { load_balancing_scheme: c('EXTERNAL_MANAGED'), port_range: c('5432'), target: references('google_compute_target_tcp_proxy.tcp') }, { target: true }),
    ]),
  );

  it('INTERNAL: a regional network load balancer that does not face the internet, one listener per port', () => {
    const lb = entityIn(m, 'google_compute_forwarding_rule.internal', 'load-balancer');
    expect(lb).toMatchObject({ layer: 'network', internetFacing: { state: 'set', value: false } });
    expect(lb.placement).toEqual({ region: 'europe-west1', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
    expect(entityIn(m, 'google_compute_forwarding_rule.internal#listener[1]', 'listener').port).toEqual({ state: 'set', value: 443 });
    expect(edgesFrom(m, lb.id, 'forwards-to')).toEqual(['google_compute_region_backend_service.internal via backend_service']);
    expect(edgesFrom(m, lb.id, 'in-subnet')).toEqual(['google_compute_subnetwork.app via subnetwork']);
  });

  it('EXTERNAL by default; through an HTTP proxy and its URL map; port 80 when no port range is written', () => {
    const lb = entityIn(m, 'google_compute_global_forwarding_rule.http', 'load-balancer');
    expect(lb).toMatchObject({ layer: 'application', internetFacing: { state: 'default', value: true } });
    expect(lb.placement).toEqual({ region: undefined, zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
    expect(entityIn(m, 'google_compute_global_forwarding_rule.http#listener', 'listener')).toMatchObject({ port: { state: 'default', value: 80 }, protocol: 'HTTP' });
    expect(edgesFrom(m, lb.id, 'forwards-to')).toEqual(['google_compute_backend_service.web via google_compute_target_http_proxy.web -> google_compute_url_map.web']);
    expect(edgesFrom(m, 'google_compute_global_forwarding_rule.http#listener', 'member-of')).toEqual(['google_compute_global_forwarding_rule.http via port_range']);
  });

  it('EXTERNAL_MANAGED through a TCP proxy: a network load balancer facing the internet', () => {
    const lb = entityIn(m, 'google_compute_global_forwarding_rule.tcp', 'load-balancer');
    expect(lb).toMatchObject({ layer: 'network', internetFacing: { state: 'set', value: true } });
    expect(edgesFrom(m, lb.id, 'forwards-to')).toEqual(['google_compute_backend_service.tcp via google_compute_target_tcp_proxy.tcp']);
    expect(entityIn(m, 'google_compute_global_forwarding_rule.tcp#listener', 'listener').port).toEqual({ state: 'set', value: 5432 });
  });

  it('proxies and URL maps are read through the forwarding rule', () => {
    expect(m.entities.has('google_compute_target_http_proxy.web')).toBe(false);
    expect(Object.keys(m.unmodelled)).toEqual([]);
  });
});

describe('forwarding rules in real plans', () => {
  it('alextzk: a global HTTPS load balancer on 443 reaching two backend services through its URL map', () => {
    const m = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));
    const lb = entityIn(m, 'module.lbs.google_compute_global_forwarding_rule.forwarding_rule', 'load-balancer');
    expect(lb).toMatchObject({ layer: 'application', internetFacing: { state: 'set', value: true } });
    expect(entityIn(m, `${lb.id}#listener`, 'listener')).toMatchObject({ port: { state: 'set', value: 443 }, protocol: 'HTTPS' });
    expect(edgesFrom(m, lb.id, 'forwards-to').map((e) => e.split(' via ')[0])).toEqual([
      'module.lbs.google_compute_backend_service.cloudrun_backend_service',
      'module.lbs.google_compute_backend_service.gke_backend_service',
    ]);
    expect(edgesFrom(m, 'module.network.google_compute_global_address.loadbalancer_ip', 'attached-to')).toEqual(['module.lbs.google_compute_global_forwarding_rule.forwarding_rule via ip_address']);
  });

  it('terraform-validator (0.13): INTERNAL_MANAGED is internal; the port range was written as a number', () => {
    const m = gcpModelOfFile(corpusFile('terraform-validator/gcp-forwarding-rule-tf0.13.5.json'));
    const lb = entityIn(m, 'google_compute_forwarding_rule.default', 'load-balancer');
    expect(lb.internetFacing).toEqual({ state: 'set', value: false });
    expect(lb.placement.region).toBe('australia-southeast1');
    expect(entityIn(m, 'google_compute_forwarding_rule.default#listener', 'listener')).toMatchObject({ port: { state: 'set', value: 80 }, protocol: 'TCP' });
  });
});
