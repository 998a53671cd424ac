import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
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
    ctx.add(
      dataStore(instance, {
        category: 'search',
        engine: engineOf(instance),
        // HTTPS; plain HTTP too when `domain_endpoint_options.enforce_https` (default true) is off.
        ports: block(instance.values, 'domain_endpoint_options')?.['enforce_https'] === false ? [80, 443] : [443],
        replicas: readNested(instance, 'cluster_config', 'instance_count', 1, isNumber),
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
        redundancyKnob: { attribute: 'cluster_config.zone_awareness_enabled', value: 'true' },
      }),
    );
  },
};

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
