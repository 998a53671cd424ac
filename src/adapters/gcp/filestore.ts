import { known, unknownValue, valueOf } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str } from '../read.js';
import { base, isRegionName, isString, lastSegment, mapValue, placement, readAt, regionOfLocation } from './common.js';
import { networkPolicies } from './links.js';

/** Tiers whose instances Google replicates across the zones of a region; every other tier lives in one zone. */
const REGIONAL_TIERS = new Set(['ENTERPRISE', 'REGIONAL']);

/**
 * `google_filestore_instance`: a managed NFS share. BASIC_HDD, BASIC_SSD, STANDARD, PREMIUM, HIGH_SCALE_SSD and
 * ZONAL instances live in the one zone of their `location` (older configurations: `zone`); ENTERPRISE and
 * REGIONAL instances are regional and survive the loss of a zone.
 */
export const filestoreInstance: Mapper = {
  types: ['google_filestore_instance'],
  map(instance, ctx) {
    const tier = readAt(instance, ['tier'], 'BASIC_HDD', isString);
    const regional = mapValue(tier, (t) => REGIONAL_TIERS.has(t.toUpperCase()));
    const raw = str(instance.values, 'location') ?? str(instance.values, 'zone');
    const location = raw ? lastSegment(raw) : undefined;
    const zonal = location !== undefined && !isRegionName(location) && !valueOf(regional, false);
    ctx.add({
      ...base(instance),
      kind: 'datastore',
      category: 'file',
      engine: 'nfs',
      ports: [2049],
      replicas: mapValue(regional, (r) => (r ? 2 : 1)),
      placement: placement(
        regionOfLocation(location),
        zonal ? known([location]) : unknownValue(),
        regional,
      ),
      publiclyAccessible: known(false),
      redundancyKnob: { attribute: 'tier', value: '"REGIONAL"' },
    });
    for (const network of networkPolicies(ctx, instance, 'networks.network').networks) ctx.link(instance.address, network, 'in-network', 'networks.network');
  },
};
