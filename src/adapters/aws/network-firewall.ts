import { known, unknownValue, type Value } from '../../model/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, str } from '../read.js';
import { placementOfZones } from './common.js';
import { gateway } from './gateways.js';
import { refsOne, SUBNET_TYPES, subnetZones, vpcsAt } from './links.js';

export const NETWORK_FIREWALL_TYPES: readonly string[] = ['aws_networkfirewall_firewall'];

/**
 * `aws_networkfirewall_firewall`: AWS Network Firewall, which subnets reach through routes to its endpoints
 * (`vpc_endpoint_id`). It has one endpoint in each subnet of `subnet_mapping`, so it runs in those subnets' zones
 * only: mapped to one subnet, it is lost with that zone, and every subnet routed through it loses its way out.
 * AWS takes at most one subnet per zone, so two mappings are two zones even when the plan does not say which
 * subnets they are (a `dynamic` block over subnets known only after apply). Counted as a managed firewall
 * (`firewall`), as a NAT gateway is for the way out.
 */
export const networkFirewall: Mapper = {
  types: NETWORK_FIREWALL_TYPES,
  map(instance, ctx) {
    const subnets = refsOne(ctx, instance, 'subnet_mapping.subnet_id', SUBNET_TYPES);
    const named = subnets.length > 0 || instance.references.has('subnet_mapping.subnet_id') || blocks(instance.values, 'subnet_mapping').length > 0;
    const zones = subnetZones(ctx, subnets, named);
    const mappings = blocks(instance.values, 'subnet_mapping').length;
    const zoneRedundant: Value<boolean> =
      zones.state !== 'unknown' ? { state: zones.state, value: zones.value.length >= 2 } : mappings > 0 ? known(mappings >= 2) : unknownValue();
    ctx.add(gateway(instance, 'firewall', placementOfZones(zones, zoneRedundant)));
    for (const s of subnets) ctx.link(instance.address, s, 'in-subnet', 'subnet_mapping.subnet_id');
    for (const vpc of vpcsAt(ctx, instance)) ctx.link(instance.address, vpc, 'serves', 'vpc_id');
  },
};

/** The firewalls whose endpoints (`firewall_status.sync_states.attachment.endpoint_id`, known in a state) have this id. */
export function firewallsByEndpoint(ctx: MapperContext, endpoint: string): string[] {
  const index = ctx.memo('aws:firewall-endpoints', (ctx) => {
    const out = new Map<string, string[]>();
    for (const fw of ctx.instancesOf(NETWORK_FIREWALL_TYPES)) {
      for (const status of blocks(fw.values, 'firewall_status')) {
        for (const sync of blocks(status, 'sync_states')) {
          for (const attachment of blocks(sync, 'attachment')) {
            const id = str(attachment, 'endpoint_id');
            if (id) out.set(id, [...(out.get(id) ?? []), fw.address]);
          }
        }
      }
    }
    return out;
  });
  return index.get(endpoint) ?? [];
}
