import { byDefault, known, type Replicas } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { block, isUnknown } from '../read.js';
import { placementOfZones } from './common.js';
import { host } from './instance.js';
import { linkGroupsAt, linkSubnetsAt, subnetZones } from './links.js';

export const FUNCTION_TYPES: readonly string[] = ['aws_lambda_function'];

/** Lambda runs as many copies of a function as there are invocations at once, and replaces a failed one itself. */
const MANY: Replicas = { min: byDefault(2), desired: byDefault(2), max: byDefault(2) };

/**
 * Whether a function is attached to a VPC: a `vpc_config` block naming subnets (or subnets known only after
 * apply). An empty `subnet_ids` list detaches it (the provider's documented way back out of a VPC).
 */
export function inVpc(instance: ResourceInstance): boolean {
  const config = block(instance.values, 'vpc_config');
  if (!config) return isUnknown(instance, 'vpc_config');
  const subnets = config.subnet_ids;
  if (Array.isArray(subnets)) return subnets.length > 0;
  return subnetsUnknown(instance) || instance.references.has('vpc_config.subnet_ids');
}

/** `vpc_config.subnet_ids` known only after apply. */
function subnetsUnknown(instance: ResourceInstance): boolean {
  const mask = instance.unknown;
  const config = typeof mask === 'object' && mask !== null && !Array.isArray(mask) ? (mask as Record<string, unknown>).vpc_config : undefined;
  const first = Array.isArray(config) ? config[0] : config;
  return first === true || (typeof first === 'object' && first !== null && (first as Record<string, unknown>).subnet_ids === true);
}

/**
 * `aws_lambda_function` in a VPC: Lambda runs the function's copies in the zones of `vpc_config.subnet_ids` and
 * connects them out through interfaces behind `vpc_config.security_group_ids`; those interfaces take no inbound
 * connections (invocations arrive through the Lambda service, never through the VPC). AWS recommends subnets in
 * at least two zones: with one, a zone outage stops every invocation (AWS Config `lambda-vpc-multi-az-check`,
 * Security Hub Lambda.5). A function outside a VPC runs in Lambda's own fleet across the region's zones and is no
 * host of any network in the plan.
 */
export const lambdaFunction: Mapper = {
  types: FUNCTION_TYPES,
  map(instance, ctx) {
    if (!inVpc(instance)) return;
    const id = instance.address;
    const subnets = linkSubnetsAt(ctx, id, instance, 'vpc_config.subnet_ids');
    ctx.add(
      host(instance, {
        role: 'function',
        replicas: MANY,
        placement: placementOfZones(subnetZones(ctx, subnets, true), known(false)),
        publicIp: known(false),
        scaleKnob: { attribute: 'vpc_config.subnet_ids', value: 'subnets in two zones or more (Lambda runs the function in every zone of its subnets)' },
      }),
    );
    linkGroupsAt(ctx, id, instance, 'vpc_config.security_group_ids');
  },
};
