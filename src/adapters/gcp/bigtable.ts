import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { blocks, str } from '../read.js';
import { base, placement } from './common.js';

/**
 * `google_bigtable_instance`: Cloud Bigtable, a key-value store reached through Google's API (no network address of
 * its own). Each `cluster` block is a copy of the data in one zone (clusters must be in different zones), so one
 * cluster keeps the data in one zone, its `zone` or the provider's; two or more replicate it across zones.
 */
export const bigtableInstance: Mapper = {
  types: ['google_bigtable_instance'],
  map(instance, ctx) {
    const clusters = blocks(instance.values, 'cluster');
    const zones = clusters.map((c) => str(c, 'zone'));
    let placed: Value<readonly string[]>;
    if (clusters.length === 0) placed = unknownValue();
    else if (zones.every((z) => z !== undefined)) placed = known(zones as string[]);
    else placed = clusters.length === 1 ? byDefault([]) : unknownValue();
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'key-value',
      engine: 'bigtable',
      ports: [443],
      replicas: clusters.length === 0 ? unknownValue() : known(clusters.length),
      placement: placement(undefined, placed, clusters.length === 0 ? unknownValue() : known(clusters.length >= 2)),
      publiclyAccessible: known(false),
      redundancyKnob: { attribute: 'cluster', value: 'a second cluster block in another zone of the region' },
    });
  },
};
