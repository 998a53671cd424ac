import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { isUnknown, str } from '../read.js';
import { base, placementOfZones } from './common.js';
import { subnetAssignsPublicIp, subnetNetworks, VPC_TYPES, SUBNET_TYPES } from './links.js';

/** The region in an ARN (`arn:aws:ec2:us-east-1:123:vpc/vpc-1`), when the plan knows the ARN. */
export function regionOfArn(instance: ResourceInstance): string | undefined {
  const region = str(instance.values, 'arn')?.split(':')[3];
  return region ? region : undefined;
}

const cidrsOf = (instance: ResourceInstance): string[] =>
  [str(instance.values, 'cidr_block'), str(instance.values, 'ipv6_cidr_block')].filter((c): c is string => c !== undefined && c !== '');

/** `aws_vpc`, `aws_default_vpc`: a network over its IPv4 (and IPv6) ranges. */
export const vpc: Mapper = {
  types: VPC_TYPES,
  map(instance, ctx) {
    ctx.add({ ...base(instance), kind: 'network', cidrs: cidrsOf(instance), region: regionOfArn(instance) });
  },
};

/**
 * The zone of a subnet: `availability_zone` or `availability_zone_id`; unknown when the configuration wrote one
 * that is known only after apply; when it wrote neither, AWS picks one zone ("not pinned", an empty list).
 */
function subnetZone(instance: ResourceInstance): Value<readonly string[]> {
  const az = str(instance.values, 'availability_zone') || str(instance.values, 'availability_zone_id');
  if (az) return known([az]);
  const written = ['availability_zone', 'availability_zone_id'].some((k) => isUnknown(instance, k) && (!instance.configured || instance.configured.has(k)));
  return written ? unknownValue() : byDefault([]);
}

/** `aws_subnet`, `aws_default_subnet`: a range of one VPC in one availability zone. */
export const subnet: Mapper = {
  types: SUBNET_TYPES,
  map(instance, ctx) {
    ctx.add({
      ...base(instance),
      kind: 'subnet',
      cidrs: cidrsOf(instance),
      placement: placementOfZones(subnetZone(instance), known(false)),
      assignsPublicIp: subnetAssignsPublicIp(instance),
    });
    for (const network of subnetNetworks(ctx, instance)) ctx.link(instance.address, network, 'in-network', 'vpc_id');
  },
};
