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
    ctx.add({
      ...base(instance),
      kind: 'gateway',
      gatewayKind: 'vpn',
      placement: regionalPlacement(region ? lastSegment(region) : undefined),
      paths: pathsOf(ctx, instance),
    });
    for (const network of networkPolicies(ctx, instance, 'network').networks) ctx.link(instance.address, network, 'serves', 'network');
  },
};

/** `google_compute_vpn_tunnel`, `google_compute_external_vpn_gateway`: read by the VPN gateway they belong to. */
export const vpnParts: Mapper = { types: [...TUNNEL, ...EXTERNAL_GATEWAY], map() {} };

function pathsOf(ctx: MapperContext, gateway: ResourceInstance): Value<number> {
  const ha = HA_GATEWAY.includes(gateway.type);
  const tunnels = ctx.referrers(gateway, ha ? 'vpn_gateway' : 'target_vpn_gateway', TUNNEL);
  if (tunnels.length === 0) return unknownValue();
  // Classic VPN: one interface, one path, whatever the tunnels reach.
  if (!ha) return known(1);
  const locals = new Set<string>();
  const peers = new Set<string>();
  for (const tunnel of tunnels) {
    const local = interfaceOf(tunnel, 'vpn_gateway_interface');
    const peer = local === undefined ? undefined : peerOf(ctx, tunnel, local);
    if (local === undefined || peer === undefined) return unknownValue();
    locals.add(local);
    peers.add(peer);
  }
  return known(Math.min(locals.size, peers.size));
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
