import { byDefault, known, unknownValue, valueOf, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { str } from '../read.js';
import { base, isString, lastSegment, mapValue, placement, readAt, readCount } from './common.js';
import { networkPolicies } from './links.js';

/**
 * The zones of a Memorystore instance: `location_id` for a BASIC one (left out, Google puts it in one zone of its
 * choosing); `location_id` and `alternative_location_id` for STANDARD_HA, which Google picks when not written.
 */
function zonesOf(instance: ResourceInstance, ha: boolean): Value<readonly string[]> {
  const primary = readAt(instance, ['location_id'], '', isString);
  if (!ha) {
    if (primary.state === 'unknown') return unknownValue();
    return primary.value === '' ? byDefault([]) : { state: primary.state, value: [primary.value] };
  }
  const alternative = str(instance.values, 'alternative_location_id');
  if (primary.state === 'unknown' || primary.value === '' || !alternative) return unknownValue();
  return { state: primary.state, value: [primary.value, alternative] };
}

/**
 * `google_redis_instance`: Memorystore for Redis. Tier BASIC (the default) is one node in one zone, with no
 * failover; STANDARD_HA keeps a replica in another zone (`replica_count`, default 1) and fails over to it. Clients
 * reach it on private addresses of its authorized network only.
 */
export const redisInstance: Mapper = {
  types: ['google_redis_instance'],
  map(instance, ctx) {
    const tier = readAt(instance, ['tier'], 'BASIC', isString);
    const ha = mapValue(tier, (t) => t.toUpperCase() === 'STANDARD_HA');
    const isHa = valueOf(ha, false);
    const region = str(instance.values, 'region');
    const extra = readCount(instance, ['replica_count'], 1);
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'cache',
      engine: 'redis',
      ports: [6379],
      replicas: isHa ? mapValue(extra, (n) => 1 + Math.max(n, 1)) : mapValue(ha, () => 1),
      placement: placement(region ? lastSegment(region) : undefined, tier.state === 'unknown' ? unknownValue() : zonesOf(instance, isHa), ha),
      publiclyAccessible: known(false),
      redundancyKnob: { attribute: 'tier', value: '"STANDARD_HA"' },
    });
    for (const network of networkPolicies(ctx, instance, 'authorized_network').networks) ctx.link(instance.address, network, 'in-network', 'authorized_network');
  },
};
