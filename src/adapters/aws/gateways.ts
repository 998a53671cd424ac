import { byDefault, known, unknownValue, type GatewayKind, type Placement, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, str } from '../read.js';
import { base, placementOfZones } from './common.js';
import { stringAttr } from './datastore.js';
import { EIP_TYPES, refsOne, SUBNET_TYPES, subnetZones, vpcsAt } from './links.js';

export const IGW_TYPES: readonly string[] = ['aws_internet_gateway'];
export const EIGW_TYPES: readonly string[] = ['aws_egress_only_internet_gateway'];
export const NAT_TYPES: readonly string[] = ['aws_nat_gateway'];

/** A service AWS runs redundantly across the zones of a region: pinned to no zone, and surviving any one. */
export const REGIONAL: Placement = { region: undefined, zones: byDefault([]), zoneRedundant: known(true) };

/** A gateway entity of `kind` for an AWS resource instance. */
export function gateway(instance: ResourceInstance, kind: GatewayKind, placement: Placement, paths: Value<number> = known(1)) {
  return { ...base(instance), kind: 'gateway' as const, gatewayKind: kind, placement, paths };
}

/**
 * `aws_internet_gateway`, `aws_egress_only_internet_gateway`: a VPC's way to the internet (IPv6 out only for the
 * egress-only kind). AWS scales them horizontally and keeps them available across the region's zones.
 */
export const internetGateway: Mapper = {
  types: [...IGW_TYPES, ...EIGW_TYPES],
  map(instance, ctx) {
    ctx.add(gateway(instance, instance.type === 'aws_internet_gateway' ? 'internet' : 'egress-only', REGIONAL));
    for (const vpc of vpcsAt(ctx, instance)) ctx.link(instance.address, vpc, 'serves', 'vpc_id');
  },
};

/** `aws_internet_gateway_attachment`: attaches a detached internet gateway to its VPC. */
export const internetGatewayAttachment: Mapper = {
  types: ['aws_internet_gateway_attachment'],
  map(instance, ctx) {
    for (const igw of refsOne(ctx, instance, 'internet_gateway_id', IGW_TYPES)) {
      for (const vpc of vpcsAt(ctx, instance)) ctx.link(igw, vpc, 'serves', instance.address);
    }
  },
};

/**
 * The zones of a regional NAT gateway: those of its `availability_zone_address` blocks (manual mode), or none
 * pinned (automatic mode: AWS follows the VPC's subnets into every zone). It survives a zone unless manual mode
 * keeps it in one.
 */
function regionalPlacement(instance: ResourceInstance): Placement {
  const addresses = blocks(instance.values, 'availability_zone_address');
  const zones = addresses.map((a) => str(a, 'availability_zone') || str(a, 'availability_zone_id')).filter((z): z is string => !!z);
  if (addresses.length === 0) return { ...REGIONAL, zoneRedundant: known(true) };
  if (zones.length < addresses.length) return placementOfZones(unknownValue(), unknownValue(true));
  return placementOfZones(known(zones), known(new Set(zones).size >= 2));
}

/**
 * `aws_nat_gateway`: outbound NAT for the private subnets that route to it. A zonal NAT gateway (the default
 * `availability_mode`) lives in the zone of its subnet and falls with it; a regional one
 * (`availability_mode = "regional"`, provider 6.x) spans the VPC's zones.
 */
export const natGateway: Mapper = {
  types: NAT_TYPES,
  map(instance, ctx) {
    const mode = stringAttr(instance, 'availability_mode', 'zonal');
    if (mode.state !== 'unknown' && mode.value === 'regional') {
      ctx.add(gateway(instance, 'nat', regionalPlacement(instance)));
      for (const vpc of vpcsAt(ctx, instance)) ctx.link(instance.address, vpc, 'in-network', 'vpc_id');
    } else {
      const subnets = refsOne(ctx, instance, 'subnet_id', SUBNET_TYPES);
      const zones = subnetZones(ctx, subnets, true);
      const zoneRedundant: Value<boolean> = mode.state === 'unknown' ? unknownValue(false) : { state: mode.state, value: false };
      ctx.add(gateway(instance, 'nat', placementOfZones(zones, zoneRedundant)));
      for (const s of subnets) ctx.link(instance.address, s, 'in-subnet', 'subnet_id');
    }
    linkAddresses(ctx, instance);
  },
};

/** The Elastic IPs a NAT gateway sends traffic from: `allocation_id`, secondary ones, and per-zone ones. */
function linkAddresses(ctx: MapperContext, instance: ResourceInstance): void {
  for (const path of ['allocation_id', 'secondary_allocation_ids', 'availability_zone_address.allocation_ids']) {
    for (const eip of path === 'allocation_id' ? refsOne(ctx, instance, path, EIP_TYPES) : ctx.refs(instance, path, { types: EIP_TYPES })) ctx.link(eip, instance.address, 'attached-to', path);
  }
}
