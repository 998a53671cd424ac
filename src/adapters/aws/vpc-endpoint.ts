import { unknownValue, type Value } from '../../model/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { bool, str } from '../read.js';
import type { ResourceInstance } from '../../terraform/index.js';
import { placementOfZones } from './common.js';
import { consumed } from './datastore.js';
import { gateway } from './gateways.js';
import { namesAny, SUBNET_TYPES, subnetZones, vpcsAt } from './links.js';

export const VPC_ENDPOINT_TYPES: readonly string[] = ['aws_vpc_endpoint'];
const SUBNET_ASSOCIATION_TYPES: readonly string[] = ['aws_vpc_endpoint_subnet_association'];

/**
 * `aws_vpc_endpoint` of type `Interface` with private DNS: private access to an AWS (or partner) service from inside
 * a VPC, through one network interface in each subnet of `subnet_ids` (and of `aws_vpc_endpoint_subnet_association`).
 * It runs in those subnets' zones only. With private DNS (`private_dns_enabled`), the service's own name resolves to
 * those interfaces from every zone of the VPC, so a workload in another zone depends on them too. Modelled as an
 * `endpoint` gateway that serves its VPC, whose far end (`peers`) is the service. An endpoint without private DNS
 * serves only the clients that name it, which a plan does not show, and is not modelled. `Gateway` endpoints (S3, DynamoDB: the default type, route-table entries AWS runs across the region) and
 * `GatewayLoadBalancer` endpoints (a route target for appliances) are not modelled.
 */
export const vpcEndpoint: Mapper = {
  types: VPC_ENDPOINT_TYPES,
  map(instance, ctx) {
    // `vpc_endpoint_type` defaults to Gateway, `private_dns_enabled` to false (provider docs).
    if ((str(instance.values, 'vpc_endpoint_type') ?? 'Gateway') !== 'Interface') return;
    // Without private DNS only clients that name the endpoint's own DNS names use it; the others reach the service
    // the way they did (through a NAT gateway), which the plan cannot tell apart: nothing certain depends on it.
    if (bool(instance.values, 'private_dns_enabled') !== true) return;
    const subnets = endpointSubnets(ctx, instance);
    const named = subnets.length > 0 || namesAny(instance, 'subnet_ids');
    const zones: Value<readonly string[]> = named ? subnetZones(ctx, subnets, true) : unknownValue();
    const zoneRedundant: Value<boolean> = zones.state === 'unknown' ? unknownValue() : { state: zones.state, value: zones.value.length >= 2 };
    const service = str(instance.values, 'service_name');
    const endpoint = gateway(instance, 'endpoint', placementOfZones(zones, zoneRedundant));
    ctx.add(service ? { ...endpoint, peers: [service] } : endpoint);
    for (const vpc of vpcsAt(ctx, instance)) ctx.link(instance.address, vpc, 'serves', 'vpc_id');
  },
};

/** Read by the endpoint whose subnets they add. */
export const vpcEndpointParts: Mapper = consumed(SUBNET_ASSOCIATION_TYPES);

/** The endpoint's subnets: its own `subnet_ids`, and those associations add. */
function endpointSubnets(ctx: MapperContext, instance: ResourceInstance): string[] {
  const out = new Set(ctx.refs(instance, 'subnet_ids', { types: SUBNET_TYPES }));
  for (const association of ctx.referrers(instance, 'vpc_endpoint_id', SUBNET_ASSOCIATION_TYPES)) {
    for (const s of ctx.refs(association, 'subnet_id', { types: SUBNET_TYPES })) out.add(s);
  }
  return [...out].sort();
}
