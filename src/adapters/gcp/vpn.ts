import { known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { isUnknown, num, str } from '../read.js';
import { base, lastSegment, regionalPlacement } from './common.js';
import { networkPolicies } from './links.js';

const HA_GATEWAY = ['google_compute_ha_vpn_gateway'];
const CLASSIC_GATEWAY = ['google_compute_vpn_gateway'];
const EXTERNAL_GATEWAY = ['google_compute_external_vpn_gateway'];
const TUNNEL = ['google_compute_vpn_tunnel'];

/**
 * HA VPN's second path: a tunnel from each of its two interfaces, to two different peer interfaces. Classic VPN has
 * one interface: the fix is an HA VPN gateway in its place.
 */
const SECOND_TUNNEL = {
  attribute: 'google_compute_vpn_tunnel',
  value:
    'one from each interface of the gateway (`vpn_gateway_interface` 0 and 1), each to a different peer interface (two interfaces of a `google_compute_external_vpn_gateway` with `redundancy_type = "TWO_IPS_REDUNDANCY"`, named by `peer_external_gateway_interface`, or the two interfaces of a peer HA VPN gateway)',
};
const HA_VPN = {
  attribute: 'google_compute_ha_vpn_gateway',
  value:
    'one in place of the Classic VPN gateway (it has one interface), with a `google_compute_vpn_tunnel` from each of its two interfaces to a different peer interface (of a `google_compute_external_vpn_gateway` with `redundancy_type = "TWO_IPS_REDUNDANCY"`, or of a peer HA VPN gateway)',
};

/**
 * `google_compute_ha_vpn_gateway` (HA VPN) and `google_compute_vpn_gateway` (Classic VPN): a VPN gateway for its
 * network, regional. Its independent paths are those of the tunnels that name it: a tunnel fails with either of its
 * ends, so the paths are the fewer of the gateway interfaces the tunnels leave from (HA VPN has two, Classic VPN
 * one) and the peer ends they reach (an external gateway's interface, the matching interface of a peer HA gateway,
 * a `peer_ip`). A peer declared `SINGLE_IP_INTERNALLY_REDUNDANT` is redundant behind its one address, so each
 * tunnel to it counts as its own end. With no tunnel in the plan, or one whose ends are known only after apply,
 * the paths are unknown.
 */
export const vpnGateway: Mapper = {
  types: [...HA_GATEWAY, ...CLASSIC_GATEWAY],
  map(instance, ctx) {
    const region = str(instance.values, 'region');
    const { paths, peers } = pathsOf(ctx, instance);
    ctx.add({
      ...base(instance),
      kind: 'gateway',
      gatewayKind: 'vpn',
      placement: regionalPlacement(region ? lastSegment(region) : undefined),
      paths,
      ...(peers.length > 0 ? { peers } : {}),
      redundancyKnob: HA_GATEWAY.includes(instance.type) ? SECOND_TUNNEL : HA_VPN,
    });
    for (const network of networkPolicies(ctx, instance, 'network').networks) ctx.link(instance.address, network, 'serves', 'network');
  },
};

/** `google_compute_vpn_tunnel`, `google_compute_external_vpn_gateway`: read by the VPN gateway they belong to. */
export const vpnParts: Mapper = { types: [...TUNNEL, ...EXTERNAL_GATEWAY], map() {} };

/**
 * The gateway's independent paths, and the peer ends its tunnels reach (`peers`, so that two gateways whose tunnels
 * all end on the same peer interface count as one path between them). Peers are left out when any is unknown.
 */
function pathsOf(ctx: MapperContext, gateway: ResourceInstance): { paths: Value<number>; peers: string[] } {
  const ha = HA_GATEWAY.includes(gateway.type);
  const tunnels = ctx.referrers(gateway, ha ? 'vpn_gateway' : 'target_vpn_gateway', TUNNEL);
  if (tunnels.length === 0) return { paths: unknownValue(), peers: [] };
  const locals = new Set<string>();
  const peers = new Set<string>();
  for (const tunnel of tunnels) {
    // Classic VPN has one interface, whatever the tunnels reach.
    const local = ha ? interfaceOf(tunnel, 'vpn_gateway_interface') : '0';
    const peer = local === undefined ? undefined : peerOf(ctx, tunnel, local);
    if (local === undefined || peer === undefined) return { paths: ha ? unknownValue() : known(1), peers: [] };
    locals.add(local);
    peers.add(peer);
  }
  // A peer redundant behind one address is no single end to share: it names no device.
  const named = [...peers].filter((p) => !p.includes('#redundant#')).map(peerText).sort();
  return { paths: known(ha ? Math.min(locals.size, peers.size) : 1), peers: named.length === peers.size ? named : [] };
}

/** A peer end as a reader sees it: `interface 1 of google_compute_external_vpn_gateway.office`, or an address. */
function peerText(key: string): string {
  if (key.startsWith('ip:')) return key.slice(3);
  const hash = key.lastIndexOf('#');
  return `interface ${key.slice(hash + 1)} of ${key.slice(0, hash)}`;
}

/** A tunnel's interface number at `key` (0 when left out); undefined when known only after apply. */
function interfaceOf(tunnel: ResourceInstance, key: string): string | undefined {
  if (isUnknown(tunnel, key)) return undefined;
  return String(num(tunnel.values, key) ?? 0);
}

/** The peer end a tunnel reaches, as a key; undefined when the plan does not say. */
function peerOf(ctx: MapperContext, tunnel: ResourceInstance, local: string): string | undefined {
  const v = tunnel.values;
  // A peer known only after apply (and named by no reference) reads as none: the tunnel's end is unknown.
  const external = ctx.refs(tunnel, 'peer_external_gateway', { types: EXTERNAL_GATEWAY })[0] ?? str(v, 'peer_external_gateway');
  if (external !== undefined) {
    const declared = ctx.instance(external);
    if (str(declared?.values, 'redundancy_type') === 'SINGLE_IP_INTERNALLY_REDUNDANT') return `${external}#redundant#${local}`;
    const peerInterface = interfaceOf(tunnel, 'peer_external_gateway_interface');
    return peerInterface === undefined ? undefined : `${external}#${peerInterface}`;
  }
  // A peer HA gateway: the tunnel uses the interface of the same number there.
  const gcp = ctx.refs(tunnel, 'peer_gcp_gateway', { types: HA_GATEWAY })[0] ?? str(v, 'peer_gcp_gateway');
  if (gcp !== undefined) return `${gcp}#${local}`;
  const ip = str(v, 'peer_ip');
  return ip === undefined ? undefined : `ip:${ip}`;
}
