import { byDefault, known, unknownValue, type Knob, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { block, blocks, isUnknown, str, strings } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnets, zonesOfSubnets } from './data-links.js';
import { anyTrue, dataStore, isBoolean, isNumber, readNested } from './datastore.js';

/**
 * `aws_opensearch_domain` and the older `aws_elasticsearch_domain`: `cluster_config.instance_count` data nodes
 * (default 1), spread over zones only with `zone_awareness_enabled` (default false) or
 * `multi_az_with_standby_enabled`. Without `vpc_options` the domain has a public endpoint.
 */
export const opensearchDomain: Mapper = {
  types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  map(instance, ctx) {
    const subnets = linkSubnets(ctx, instance.address, instance, 'vpc_options.subnet_ids');
    linkSecurityGroups(ctx, instance.address, instance, 'vpc_options.security_group_ids');
    const inVpc = hasVpcOptions(instance);
    const count = readNested(instance, 'cluster_config', 'instance_count', 1, isNumber);
    ctx.add(
      dataStore(instance, {
        category: 'search',
        engine: engineOf(instance),
        // HTTPS; plain HTTP too when `domain_endpoint_options.enforce_https` (default true) is off.
        ports: block(instance.values, 'domain_endpoint_options')?.['enforce_https'] === false ? [80, 443] : [443],
        replicas: count,
        placement: placementOfZones(
          inVpc.state === 'unknown' ? unknownValue() : inVpc.value ? vpcZones(instance, zonesOfSubnets(ctx, subnets, true)) : byDefault([]),
          anyTrue(
            [
              readNested(instance, 'cluster_config', 'zone_awareness_enabled', false, isBoolean),
              readNested(instance, 'cluster_config', 'multi_az_with_standby_enabled', false, isBoolean),
            ],
            byDefault(false),
          ),
        ),
        publiclyAccessible: inVpc.state === 'unknown' ? unknownValue() : { state: inVpc.state, value: !inVpc.value },
        redundancyKnob: zoneAwarenessKnob(count, inVpc),
      }),
    );
  },
};

/**
 * Zone awareness spreads data nodes and replica shards over 2 zones (or 3 with
 * `zone_awareness_config.availability_zone_count = 3`): it needs 2 data nodes or more, evenly split over the zones,
 * one subnet per zone for a VPC domain, and indices with a replica shard, which OpenSearch sets per index.
 */
function zoneAwarenessKnob(count: Value<number>, inVpc: Value<boolean>): Knob {
  const n = count.state === 'unknown' ? undefined : count.value;
  const nodes =
    n === undefined || n < 2
      ? '`cluster_config.instance_count` 2 or more (even for 2 zones, a multiple of 3 with `zone_awareness_config.availability_zone_count = 3`)'
      : n % 2 === 0
        ? undefined
        : n % 3 === 0
          ? `\`zone_awareness_config.availability_zone_count = 3\` (${n} data nodes split evenly over 3 zones, not 2)`
          : `\`cluster_config.instance_count\` even (${n} data nodes do not split evenly over 2 zones)`;
  const subnets = inVpc.state !== 'unknown' && !inVpc.value ? undefined : 'one subnet per zone in `vpc_options.subnet_ids`';
  const parts = [nodes, subnets, 'indices that keep at least one replica shard'].filter((p): p is string => p !== undefined);
  const last = parts.pop()!;
  return { attribute: 'cluster_config.zone_awareness_enabled', value: `\`true\`, with ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last},` };
}

/** Whether the domain sits in a VPC: a written `vpc_options` block, even one whose values come after apply. */
function hasVpcOptions(instance: ResourceInstance): Value<boolean> {
  if (blocks(instance.values, 'vpc_options').length > 0) return known(true);
  if (instance.configured?.has('vpc_options')) return isUnknown(instance, 'vpc_options') ? unknownValue() : known(true);
  return byDefault(false);
}

/** The subnets' zones, or the zones the domain reports (`vpc_options.availability_zones`, a state). */
function vpcZones(instance: ResourceInstance, fromSubnets: Value<readonly string[]>): Value<readonly string[]> {
  if (fromSubnets.state !== 'unknown') return fromSubnets;
  const reported = strings(block(instance.values, 'vpc_options'), 'availability_zones');
  return reported.length > 0 ? known(reported) : fromSubnets;
}

/** `OpenSearch_2.11` / `Elasticsearch_7.10` -> the engine's name; the resource type when the version is unset. */
function engineOf(instance: ResourceInstance): string {
  const version = str(instance.values, 'engine_version') ?? '';
  if (/^elasticsearch_/i.test(version) || instance.type === 'aws_elasticsearch_domain') return 'elasticsearch';
  return 'opensearch';
}
