import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { edgesFrom, entityIn, gcpModel, gcpPlan, references, vpcNetwork, constant, type GcpResource } from '../../../test/support/gcp-plan.js';

const c = constant;
const network = vpcNetwork;

const router: GcpResource = {
  address: 'google_compute_router.vpn',
  values: { bgp: [{ advertise_mode: 'DEFAULT', asn: 64514, keepalive_interval: 20 }], name: 'vpn-router', project: 'acme-prod', region: 'us-central1' },
  unknown: { id: true, network: true, self_link: true, bgp: [{ advertised_ip_ranges: true }] },
  expressions: { bgp: [{ asn: c(64514) }], name: c('vpn-router'), network: references('google_compute_network.vpc'), region: c('us-central1') },
};

function haGateway(name: string): GcpResource {
  return {
    address: `google_compute_ha_vpn_gateway.${name}`,
    values: { description: null, name, project: 'acme-prod', region: 'us-central1', stack_type: 'IPV4_ONLY', timeouts: null },
    unknown: { gateway_ip_version: true, id: true, network: true, self_link: true, vpn_interfaces: true },
    expressions: { name: c(name), network: references('google_compute_network.vpc'), region: c('us-central1') },
  };
}

function externalGateway(name: string, redundancy: string, ips: readonly string[]): GcpResource {
  return {
    address: `google_compute_external_vpn_gateway.${name}`,
    values: { description: 'on-premises routers', interface: ips.map((ip, id) => ({ id, ip_address: ip })), labels: null, name, project: 'acme-prod', redundancy_type: redundancy, timeouts: null },
    unknown: { effective_labels: true, id: true, interface: ips.map(() => ({})), label_fingerprint: true, self_link: true },
    expressions: { interface: ips.map((ip, id) => ({ id: c(id), ip_address: c(ip) })), name: c(name), redundancy_type: c(redundancy) },
  };
}

/** An HA VPN tunnel from `iface` of `gateway` to interface `peerIface` of the external gateway `peer`. */
function haTunnel(name: string, gateway: string, iface: number, peer: string, peerIface: number): GcpResource {
  return {
    address: `google_compute_vpn_tunnel.${name}`,
    values: {
      description: null,
      ike_version: 2,
      name,
      peer_external_gateway_interface: peerIface,
      peer_gcp_gateway: null,
      project: 'acme-prod',
      region: 'us-central1',
      shared_secret: 'correct-horse-battery-staple',
      target_vpn_gateway: null,
      timeouts: null,
      vpn_gateway_interface: iface,
    },
    unknown: { creation_timestamp: true, detailed_status: true, id: true, local_traffic_selector: true, peer_external_gateway: true, peer_ip: true, remote_traffic_selector: true, router: true, self_link: true, shared_secret_hash: true, tunnel_id: true, vpn_gateway: true },
    sensitive: { shared_secret: true },
    expressions: {
      name: c(name),
      peer_external_gateway: references(`google_compute_external_vpn_gateway.${peer}`),
      peer_external_gateway_interface: c(peerIface),
      region: c('us-central1'),
      router: references('google_compute_router.vpn'),
      shared_secret: { references: ['var.shared_secret'] },
      vpn_gateway: references(`google_compute_ha_vpn_gateway.${gateway}`),
      vpn_gateway_interface: c(iface),
    },
  };
}

const model = (resources: readonly GcpResource[]) => gcpModel(gcpPlan([network, router, ...resources]));
const vpnFindings = (resources: readonly GcpResource[]) =>
  check(model(resources), 'plan.json').filter((f) => f.rule === 'spof' && f.message.includes('VPN'));

describe('google_compute_ha_vpn_gateway and google_compute_vpn_tunnel', () => {
  it('a tunnel from each interface to each interface of a two-address peer: two paths, regional, serving its network', () => {
    const m = model([
      haGateway('onprem'),
      externalGateway('office', 'TWO_IPS_REDUNDANCY', ['198.51.100.1', '198.51.100.2']),
      haTunnel('t0', 'onprem', 0, 'office', 0),
      haTunnel('t1', 'onprem', 1, 'office', 1),
    ]);
    const gw = entityIn(m, 'google_compute_ha_vpn_gateway.onprem', 'gateway');
    expect(gw).toMatchObject({ gatewayKind: 'vpn', paths: { state: 'set', value: 2 } });
    expect(gw.placement).toEqual({ region: 'us-central1', zones: { state: 'unknown' }, zoneRedundant: { state: 'set', value: true } });
    expect(edgesFrom(m, 'google_compute_ha_vpn_gateway.onprem', 'serves')).toEqual(['google_compute_network.vpc via network']);
    // Tunnels and the peer are read by the gateway: no entities of their own, and not unmodelled.
    expect(m.entities.has('google_compute_vpn_tunnel.t0')).toBe(false);
    expect(Object.keys(m.unmodelled)).not.toContain('google_compute_vpn_tunnel');
    expect(Object.keys(m.unmodelled)).not.toContain('google_compute_external_vpn_gateway');
  });

  it('must fire: one tunnel only, and both interfaces to the one address of a single peer router', () => {
    const one = vpnFindings([haGateway('onprem'), externalGateway('office', 'TWO_IPS_REDUNDANCY', ['198.51.100.1', '198.51.100.2']), haTunnel('t0', 'onprem', 0, 'office', 0)]);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ severity: 'medium', resources: ['google_compute_ha_vpn_gateway.onprem', 'google_compute_network.vpc'] });
    expect(one[0]!.message).toContain('google_compute_ha_vpn_gateway.onprem is the only VPN path to google_compute_network.vpc (1 independent path)');
    // Two tunnels, one peer address that is not declared redundant: the peer router is the weak link.
    const onePeer = vpnFindings([haGateway('onprem'), externalGateway('office', 'TWO_IPS_REDUNDANCY', ['198.51.100.1', '198.51.100.2']), haTunnel('t0', 'onprem', 0, 'office', 0), haTunnel('t1', 'onprem', 1, 'office', 0)]);
    expect(onePeer.map((f) => f.resources[0])).toEqual(['google_compute_ha_vpn_gateway.onprem']);
    // HA VPN's fix: a tunnel from each interface, each to a different peer interface.
    expect(onePeer[0]!.remediation).toBe(
      'Fix with `google_compute_vpn_tunnel`: one from each interface of the gateway (`vpn_gateway_interface` 0 and 1), each to a different peer interface (two interfaces of a `google_compute_external_vpn_gateway` with `redundancy_type = "TWO_IPS_REDUNDANCY"`, named by `peer_external_gateway_interface`, or the two interfaces of a peer HA VPN gateway), so that either path can carry the traffic alone.',
    );
  });

  it('must fire once: two gateways whose only tunnels end on the same peer interface are one path between them', () => {
    const office = externalGateway('office', 'TWO_IPS_REDUNDANCY', ['198.51.100.1', '198.51.100.2']);
    const m = model([haGateway('a'), haGateway('b'), office, haTunnel('ta', 'a', 0, 'office', 0), haTunnel('tb', 'b', 1, 'office', 0)]);
    expect(entityIn(m, 'google_compute_ha_vpn_gateway.b', 'gateway').peers).toEqual(['interface 0 of google_compute_external_vpn_gateway.office']);
    const found = vpnFindings([haGateway('a'), haGateway('b'), office, haTunnel('ta', 'a', 0, 'office', 0), haTunnel('tb', 'b', 1, 'office', 0)]);
    expect(found.map((f) => f.resources)).toEqual([['google_compute_ha_vpn_gateway.a', 'google_compute_ha_vpn_gateway.b', 'google_compute_network.vpc']]);
    expect(found[0]!.message).toContain('both end on interface 0 of google_compute_external_vpn_gateway.office');
    // A peer redundant behind its one address names no single device: no peers, two paths.
    const redundant = model([haGateway('a'), externalGateway('one', 'SINGLE_IP_INTERNALLY_REDUNDANT', ['198.51.100.9']), haTunnel('t0', 'a', 0, 'one', 0)]);
    expect(entityIn(redundant, 'google_compute_ha_vpn_gateway.a', 'gateway').peers).toBeUndefined();
  });

  it('stays quiet: a peer redundant behind one address, a second gateway on the network, tunnels not in the plan', () => {
    expect(vpnFindings([haGateway('onprem'), externalGateway('office', 'SINGLE_IP_INTERNALLY_REDUNDANT', ['198.51.100.1']), haTunnel('t0', 'onprem', 0, 'office', 0), haTunnel('t1', 'onprem', 1, 'office', 0)])).toEqual([]);
    const office = externalGateway('office', 'TWO_IPS_REDUNDANCY', ['198.51.100.1', '198.51.100.2']);
    expect(vpnFindings([haGateway('a'), haGateway('b'), office, haTunnel('ta', 'a', 0, 'office', 0), haTunnel('tb', 'b', 0, 'office', 1)])).toEqual([]);
    const m = model([haGateway('onprem')]);
    expect(entityIn(m, 'google_compute_ha_vpn_gateway.onprem', 'gateway').paths).toEqual({ state: 'unknown' });
    expect(vpnFindings([haGateway('onprem')])).toEqual([]);
  });

  it('HA VPN to a peer HA gateway: each tunnel reaches the interface of its own number there', () => {
    const toPeer = (name: string, iface: number): GcpResource => {
      const t = haTunnel(name, 'onprem', iface, 'unused', 0);
      const { peer_external_gateway: _external, peer_external_gateway_interface: _iface, ...expressions } = t.expressions as Record<string, unknown>;
      const { peer_gcp_gateway: _gcp, peer_external_gateway_interface: _peerIface, ...values } = t.values;
      const { peer_external_gateway: _unknownExternal, ...unknown } = t.unknown as Record<string, unknown>;
      return { ...t, values, expressions: { ...expressions, peer_gcp_gateway: references('google_compute_ha_vpn_gateway.cloud') }, unknown: { ...unknown, peer_gcp_gateway: true } };
    };
    const both = model([haGateway('onprem'), haGateway('cloud'), toPeer('t0', 0), toPeer('t1', 1)]);
    expect(entityIn(both, 'google_compute_ha_vpn_gateway.onprem', 'gateway').paths).toEqual({ state: 'set', value: 2 });
    const one = model([haGateway('onprem'), haGateway('cloud'), toPeer('t0', 0)]);
    expect(entityIn(one, 'google_compute_ha_vpn_gateway.onprem', 'gateway').paths).toEqual({ state: 'set', value: 1 });
  });

  it('Classic VPN has one interface: one path however many peers, and a finding', () => {
    const classic: GcpResource = {
      address: 'google_compute_vpn_gateway.legacy',
      values: { description: null, name: 'legacy', project: 'acme-prod', region: 'us-central1', timeouts: null },
      unknown: { creation_timestamp: true, gateway_id: true, id: true, network: true, self_link: true },
      expressions: { name: c('legacy'), network: references('google_compute_network.vpc'), region: c('us-central1') },
    };
    const tunnel = (name: string, ip: string): GcpResource => ({
      address: `google_compute_vpn_tunnel.${name}`,
      values: { ike_version: 2, name, peer_ip: ip, project: 'acme-prod', region: 'us-central1', shared_secret: 's3cr3t', timeouts: null, vpn_gateway: null, vpn_gateway_interface: null },
      unknown: { id: true, local_traffic_selector: true, remote_traffic_selector: true, self_link: true, target_vpn_gateway: true, tunnel_id: true },
      sensitive: { shared_secret: true },
      expressions: { name: c(name), peer_ip: c(ip), shared_secret: { references: ['var.secret'] }, target_vpn_gateway: references('google_compute_vpn_gateway.legacy') },
    });
    const m = model([classic, tunnel('a', '203.0.113.1'), tunnel('b', '203.0.113.2')]);
    expect(entityIn(m, 'google_compute_vpn_gateway.legacy', 'gateway').paths).toEqual({ state: 'set', value: 1 });
    // Its peer known only after apply changes nothing: one interface is one path.
    const pending = { ...tunnel('c', '203.0.113.3'), values: { ike_version: 2, name: 'c', project: 'acme-prod', region: 'us-central1', shared_secret: 's3cr3t', timeouts: null }, unknown: { id: true, peer_ip: true, self_link: true, target_vpn_gateway: true } };
    expect(entityIn(model([classic, pending]), 'google_compute_vpn_gateway.legacy', 'gateway').paths).toEqual({ state: 'set', value: 1 });
    const findings = vpnFindings([classic, tunnel('a', '203.0.113.1'), tunnel('b', '203.0.113.2')]);
    expect(findings.map((f) => f.resources[0])).toEqual(['google_compute_vpn_gateway.legacy']);
    // The tunnels' shared secrets never reach a finding.
    expect(JSON.stringify(findings)).not.toContain('s3cr3t');
  });
});
