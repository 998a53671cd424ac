import { known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str, strings } from '../read.js';
import { consumed } from './datastore.js';
import { gateway, REGIONAL } from './gateways.js';
import { refsOne, SUBNET_TYPES, subnetZones, vpcsAt } from './links.js';
import { placementOfZones } from './common.js';

const VGW_TYPES: readonly string[] = ['aws_vpn_gateway'];
const TGW_TYPES: readonly string[] = ['aws_ec2_transit_gateway'];
const CGW_TYPES: readonly string[] = ['aws_customer_gateway'];

/** The VPCs a VPN or transit gateway serves: its own `vpc_id` and the attachments that name it. */
export function networksOf(ctx: MapperContext, hub: ResourceInstance): Array<{ vpc: string; via: string }> {
  const out = vpcsAt(ctx, hub).map((vpc) => ({ vpc, via: 'vpc_id' }));
  const attachments =
    hub.type === 'aws_vpn_gateway'
      ? ctx.referrers(hub, 'vpn_gateway_id', ['aws_vpn_gateway_attachment'])
      : ctx.referrers(hub, 'transit_gateway_id', ['aws_ec2_transit_gateway_vpc_attachment']);
  for (const a of attachments) for (const vpc of vpcsAt(ctx, a)) out.push({ vpc, via: a.address });
  return out;
}

/**
 * `aws_vpn_gateway`, `aws_ec2_transit_gateway`: AWS-side hubs that VPN connections (and, for a transit gateway,
 * other VPCs) attach to. AWS runs them redundantly across the region's zones.
 */
export const transitGateway: Mapper = {
  types: [...VGW_TYPES, ...TGW_TYPES],
  map(instance, ctx) {
    ctx.add(gateway(instance, 'transit', REGIONAL));
    for (const { vpc, via } of networksOf(ctx, instance)) ctx.link(instance.address, vpc, 'serves', via);
  },
};

/** `aws_vpn_gateway_attachment`: read by the VPN gateway it attaches, which serves the attached VPC. */
export const transitAttachments: Mapper = consumed(['aws_vpn_gateway_attachment']);

/**
 * `aws_ec2_transit_gateway_vpc_attachment`: read by the transit gateway it attaches (which serves the VPC), and a
 * gateway of its own: the transit gateway's presence in the VPC, in the zones of its `subnet_ids` only (one subnet
 * per zone). AWS forwards a subnet's traffic to the transit gateway only from zones where the attachment has a
 * subnet, so the zones matter. It serves the VPC and is a `member-of` the transit gateway.
 */
export const transitVpcAttachment: Mapper = {
  types: ['aws_ec2_transit_gateway_vpc_attachment'],
  map(instance, ctx) {
    const subnets = refsOne(ctx, instance, 'subnet_ids', SUBNET_TYPES);
    const zones = subnetZones(ctx, subnets, subnets.length > 0 || instance.references.has('subnet_ids') || strings(instance.values, 'subnet_ids').length > 0);
    const zoneRedundant: Value<boolean> = zones.state === 'unknown' ? unknownValue() : { state: zones.state, value: zones.value.length >= 2 };
    ctx.add(gateway(instance, 'transit', placementOfZones(zones, zoneRedundant), known(1)));
    for (const s of subnets) ctx.link(instance.address, s, 'in-subnet', 'subnet_ids');
    for (const vpc of vpcsAt(ctx, instance)) ctx.link(instance.address, vpc, 'serves', 'vpc_id');
    for (const tgw of refsOne(ctx, instance, 'transit_gateway_id', TGW_TYPES)) ctx.link(instance.address, tgw, 'member-of', 'transit_gateway_id');
  },
};

/** A connection's two tunnels share its one device: a second path is a second device and a connection to it. */
const SECOND_DEVICE = {
  attribute: 'aws_customer_gateway',
  value: 'a second one for a second device on the other side, and a second `aws_vpn_connection` to it (the two tunnels of a connection both end on its one customer gateway)',
};

/**
 * `aws_vpn_connection`: a site-to-site VPN. AWS gives it two tunnels on endpoints in different zones, but both end
 * on the one customer gateway device of `customer_gateway_id`: one independent path. It serves the VPN or
 * transit gateway it terminates on, and the VPCs behind that gateway.
 */
export const vpnConnection: Mapper = {
  types: ['aws_vpn_connection'],
  map(instance, ctx) {
    const device = refsOne(ctx, instance, 'customer_gateway_id', CGW_TYPES)[0] ?? str(instance.values, 'customer_gateway_id');
    ctx.add({ ...gateway(instance, 'vpn', REGIONAL, known(1)), ...(device ? { peers: [device] } : {}), redundancyKnob: SECOND_DEVICE });
    for (const path of ['vpn_gateway_id', 'transit_gateway_id']) {
      for (const hub of refsOne(ctx, instance, path, path === 'vpn_gateway_id' ? VGW_TYPES : TGW_TYPES)) {
        ctx.link(instance.address, hub, 'serves', path);
        const hubInstance = ctx.instance(hub);
        if (hubInstance) for (const { vpc } of networksOf(ctx, hubInstance)) ctx.link(instance.address, vpc, 'serves', path);
      }
    }
  },
};

/** `aws_customer_gateway`: the on-premises end of a VPN connection; no entity, the connection stands for the path. */
export const customerGateway: Mapper = consumed(CGW_TYPES);
