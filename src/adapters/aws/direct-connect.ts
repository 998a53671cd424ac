import { known } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { consumed } from './datastore.js';
import { gateway, REGIONAL } from './gateways.js';
import { refsOne } from './links.js';
import { networksOf } from './vpn.js';

const CONNECTION_TYPES: readonly string[] = ['aws_dx_connection'];
const LAG_TYPES: readonly string[] = ['aws_dx_lag'];
const VIF_TYPES: readonly string[] = ['aws_dx_private_virtual_interface', 'aws_dx_transit_virtual_interface'];
const HOSTED_VIF_TYPES: readonly string[] = ['aws_dx_hosted_private_virtual_interface', 'aws_dx_hosted_transit_virtual_interface'];
const ACCEPTER_TYPES: readonly string[] = ['aws_dx_hosted_private_virtual_interface_accepter', 'aws_dx_hosted_transit_virtual_interface_accepter'];
const DXGW_TYPES: readonly string[] = ['aws_dx_gateway'];
const ASSOCIATION_TYPES: readonly string[] = ['aws_dx_gateway_association'];
const MEMBERSHIP_TYPES: readonly string[] = ['aws_dx_connection_association'];
const VGW_TYPES: readonly string[] = ['aws_vpn_gateway'];
const HUB_TYPES: readonly string[] = ['aws_vpn_gateway', 'aws_ec2_transit_gateway'];

/**
 * `aws_dx_connection`, `aws_dx_lag`: a Direct Connect link (or a link aggregation group, whose connections all end
 * on one AWS device) at one Direct Connect `location`. However fast or bundled, it is one path: when the link, the
 * device or the location fails, the traffic needs another one. AWS's resiliency models ask for connections at two
 * locations, so the location is the far end that counts (`peers`): two connections at one location are one path.
 * A connection the plan puts in a LAG (`aws_dx_connection_association`, or the LAG's `connection_id`) is the LAG's.
 * It serves the gateways its virtual interfaces reach (a VPN gateway, or through a Direct Connect gateway the VPN
 * and transit gateways associated with it) and the VPCs behind them.
 */
export const dxConnection: Mapper = {
  types: [...CONNECTION_TYPES, ...LAG_TYPES],
  map(instance, ctx) {
    if (CONNECTION_TYPES.includes(instance.type) && inLag(ctx, instance)) return;
    const location = str(instance.values, 'location');
    ctx.add({ ...gateway(instance, 'interconnect', REGIONAL, known(1)), ...(location ? { peers: [location] } : {}) });
    serve(ctx, instance.address, hubsOf(ctx, instance));
  },
};

/**
 * `aws_dx_hosted_private_virtual_interface_accepter`, `aws_dx_hosted_transit_virtual_interface_accepter`: a virtual
 * interface a partner (or another account) created on its own connection, accepted here onto a VPN gateway or a
 * Direct Connect gateway. The connection is not in this plan, so the accepted interface stands for it: one path,
 * at a location the plan does not say (two accepted interfaces may share one and still count as two paths). When
 * the plan does hold the interface's connection, that connection stands for it and serves what it reaches.
 */
export const dxAccepter: Mapper = {
  types: ACCEPTER_TYPES,
  map(instance, ctx) {
    const carried = refsOne(ctx, instance, 'virtual_interface_id', HOSTED_VIF_TYPES).some((v) => {
      const vif = ctx.instance(v);
      return vif !== undefined && refsOne(ctx, vif, 'connection_id', [...CONNECTION_TYPES, ...LAG_TYPES]).length > 0;
    });
    if (carried) return;
    ctx.add(gateway(instance, 'interconnect', REGIONAL, known(1)));
    serve(ctx, instance.address, hubsOfInterface(ctx, instance, new Map()));
  },
};

/** Links a link to the gateways it reaches and the VPCs behind them, each edge labelled with the interface. */
function serve(ctx: MapperContext, link: string, hubs: ReadonlyArray<{ hub: string; via: string }>): void {
  for (const { hub, via } of hubs) {
    ctx.link(link, hub, 'serves', via);
    const hubInstance = ctx.instance(hub);
    if (hubInstance) for (const { vpc } of networksOf(ctx, hubInstance)) ctx.link(link, vpc, 'serves', via);
  }
}

/**
 * Virtual interfaces (hosted ones too), Direct Connect gateways and their associations, LAG memberships: read by the
 * connection they carry the traffic of.
 */
export const dxParts: Mapper = consumed([...VIF_TYPES, ...HOSTED_VIF_TYPES, ...DXGW_TYPES, ...ASSOCIATION_TYPES, ...MEMBERSHIP_TYPES]);

function inLag(ctx: MapperContext, connection: ResourceInstance): boolean {
  return ctx.referrers(connection, 'connection_id', MEMBERSHIP_TYPES).length > 0 || ctx.referrers(connection, 'connection_id', LAG_TYPES).length > 0;
}

/**
 * The VPN and transit gateways a connection's virtual interfaces reach, each once, with the interface they go
 * through: its own interfaces, and hosted ones accepted in this plan.
 */
function hubsOf(ctx: MapperContext, link: ResourceInstance): Array<{ hub: string; via: string }> {
  const out = new Map<string, string>();
  const carriers = [link, ...(LAG_TYPES.includes(link.type) ? ctx.referrers(link, 'lag_id', MEMBERSHIP_TYPES).flatMap((m) => refsOne(ctx, m, 'connection_id', CONNECTION_TYPES).flatMap((c) => ctx.instance(c) ?? [])) : [])];
  for (const carrier of carriers) {
    for (const vif of ctx.referrers(carrier, 'connection_id', VIF_TYPES)) hubsOfInterface(ctx, vif, out);
    for (const hosted of ctx.referrers(carrier, 'connection_id', HOSTED_VIF_TYPES)) {
      for (const accepter of ctx.referrers(hosted, 'virtual_interface_id', ACCEPTER_TYPES)) hubsOfInterface(ctx, accepter, out, hosted.address);
    }
  }
  return sorted(out);
}

/**
 * What one interface (or accepter) reaches: the VPN gateway it names, or through the Direct Connect gateway it
 * names the VPN and transit gateways associated with that. Adds to `out` (hub -> via) and returns it sorted.
 */
function hubsOfInterface(ctx: MapperContext, vif: ResourceInstance, out: Map<string, string>, via = vif.address): Array<{ hub: string; via: string }> {
  for (const vgw of refsOne(ctx, vif, 'vpn_gateway_id', VGW_TYPES)) if (!out.has(vgw)) out.set(vgw, via);
  for (const dxgw of refsOne(ctx, vif, 'dx_gateway_id', DXGW_TYPES)) {
    const gatewayInstance = ctx.instance(dxgw);
    if (!gatewayInstance) continue;
    for (const association of ctx.referrers(gatewayInstance, 'dx_gateway_id', ASSOCIATION_TYPES)) {
      for (const path of ['associated_gateway_id', 'vpn_gateway_id']) {
        for (const hub of refsOne(ctx, association, path, HUB_TYPES)) if (!out.has(hub)) out.set(hub, via);
      }
    }
  }
  return sorted(out);
}

const sorted = (hubs: ReadonlyMap<string, string>): Array<{ hub: string; via: string }> =>
  [...hubs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([hub, via]) => ({ hub, via }));
