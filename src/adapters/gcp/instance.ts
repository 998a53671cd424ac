import { byDefault, known, unknownValue, valueOf, type Host, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks } from '../read.js';
import { base, isString, lastSegment, placement, readAt, regionOfZone, unknownAt } from './common.js';
import { ADDRESS, attachToNetwork, serviceAccountsAt, stringsAt } from './links.js';
import { boundTagValues, regionQualified } from './secure-tags.js';

/**
 * Whether a VM (or a template's VMs) gets an external address: an `access_config` (IPv4) or `ipv6_access_config`
 * block on any network interface. Without one it has an internal address only, which is the default.
 */
export function externalIp(instance: ResourceInstance): Value<boolean> {
  const nics = blocks(instance.values, 'network_interface');
  if (nics.some((nic) => blocks(nic, 'access_config').length > 0 || blocks(nic, 'ipv6_access_config').length > 0)) return known(true);
  if (unknownAt(instance, ['network_interface']) || unknownAt(instance, ['network_interface', 'access_config'])) return unknownValue(false);
  return byDefault(false);
}

/**
 * What firewall rules select a VM by: its network tags, the secure tag values bound to it (`tagValues/123`, which
 * network firewall policy rules target and name as sources; `params.resource_manager_tags` on an instance,
 * `resource_manager_tags` on a template) and its service account, plus their region-qualified forms for regional
 * policies (`regionQualified`).
 */
export function identity(ctx: MapperContext, instance: ResourceInstance, region?: string): Pick<Host, 'labels' | 'serviceAccounts'> {
  const secureTags = boundTagValues(ctx, instance, instance.type === 'google_compute_instance' ? ['params', 'resource_manager_tags'] : ['resource_manager_tags']);
  const serviceAccounts = serviceAccountsAt(ctx, instance, 'service_account.email');
  const regional = regionQualified(ctx, region, secureTags, serviceAccounts);
  return {
    labels: [...new Set([...stringsAt(instance.values, 'tags'), ...secureTags, ...regional.labels])].sort(),
    serviceAccounts: [...new Set([...serviceAccounts, ...regional.accounts])].sort(),
  };
}

/** The zone of a zonal resource as a one-element list; unknown when left to the provider's default zone. */
export function zoneOf(instance: ResourceInstance, key = 'zone'): Value<readonly string[]> {
  const zone = readAt(instance, [key], '', isString);
  if (zone.state === 'unknown' || zone.value === '') return unknownValue();
  return { state: zone.state, value: [zone.value] };
}

/**
 * `google_compute_instance`: one VM in one zone. Its network tags and service account decide which firewall rules
 * of its network apply to it; an `access_config` gives it an external address.
 */
export const computeInstance: Mapper = {
  types: ['google_compute_instance'],
  map(instance, ctx) {
    ctx.add({
      ...base(instance),
      kind: 'host',
      role: 'instance',
      replicas: { min: known(1), desired: known(1), max: known(1) },
      placement: placement(undefined, zoneOf(instance), known(false)),
      publicIp: externalIp(instance),
      ...identity(ctx, instance, regionOfZone(lastSegment(valueOf(zoneOf(instance), [])[0] ?? ''))),
    });
    attachToNetwork(ctx, instance.address, instance, 'network_interface.network', 'network_interface.subnetwork');
    for (const address of ctx.refs(instance, 'network_interface.access_config.nat_ip', { types: ADDRESS })) {
      ctx.link(address, instance.address, 'attached-to', 'network_interface.access_config.nat_ip');
    }
  },
};
