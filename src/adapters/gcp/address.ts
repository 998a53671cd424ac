import { known, valueOf } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str } from '../read.js';
import { base, isString, lastSegment, readAt } from './common.js';

/**
 * `google_compute_address` (regional) and `google_compute_global_address`: a reserved IP address. Only an
 * EXTERNAL one (the default `address_type`) is reachable from the internet; INTERNAL ones (a private range for
 * service peering, a fixed internal IP) are not public addresses and make no entity. What it is attached to
 * (a VM's access config, a forwarding rule, a Cloud NAT) is linked from there.
 */
export const computeAddress: Mapper = {
  types: ['google_compute_address', 'google_compute_global_address'],
  map(instance, ctx) {
    const type = valueOf(readAt(instance, ['address_type'], 'EXTERNAL', isString), 'EXTERNAL').toUpperCase();
    if (type !== 'EXTERNAL') return;
    const region = str(instance.values, 'region');
    const global = instance.type === 'google_compute_global_address';
    ctx.add({
      ...base(instance),
      kind: 'public-address',
      // An address is no failure domain: Google serves a regional address from every zone of its region.
      placement: { region: global || !region ? undefined : lastSegment(region), zones: known([]), zoneRedundant: known(true) },
    });
  },
};
