import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str, strings } from '../read.js';
import { azureRegion, base, placement, regionOf, stringAttr, zonesAttr } from './common.js';
import { inResourceGroup, NSG_TYPES } from './nsg.js';
import { refs } from './links.js';

export const VNET_TYPES = ['azurerm_virtual_network'];
export const SUBNET_TYPES = ['azurerm_subnet'];
export const PUBLIC_IP_TYPES = ['azurerm_public_ip'];

/** `azurerm_virtual_network`: a network over its `address_space`. */
export const virtualNetwork: Mapper = {
  types: VNET_TYPES,
  map(instance, ctx) {
    ctx.add({ ...base(instance), kind: 'network', cidrs: strings(instance.values, 'address_space'), region: regionOf(instance) });
  },
};

/** The virtual network a subnet belongs to: by reference, or by name in the subnet's resource group. */
export function subnetNetworks(ctx: MapperContext, subnet: ResourceInstance): string[] {
  return inResourceGroup(ctx, subnet, refs(ctx, subnet, 'virtual_network_name', VNET_TYPES));
}

/**
 * `azurerm_subnet`: an Azure subnet spans every zone of its region, so it is pinned to no zone (an empty, known
 * list) yet survives the loss of one: zone-redundant. Where it sits is the region of its virtual network.
 */
export const subnet: Mapper = {
  types: SUBNET_TYPES,
  map(instance, ctx) {
    const networks = subnetNetworks(ctx, instance);
    const region = networks.map((n) => regionOf(ctx.instance(n)!)).find((r) => r !== undefined);
    ctx.add({
      ...base(instance),
      kind: 'subnet',
      cidrs: [...strings(instance.values, 'address_prefixes'), ...strings(instance.values, 'address_prefix')].filter((c) => c !== ''),
      placement: placement(region, known([]), known(true)),
      // Azure gives no instance a public address for being in a subnet: a public IP is always its own resource.
      assignsPublicIp: known(false),
    });
    for (const network of networks) ctx.link(instance.address, network, 'in-network', 'virtual_network_name');
    // Provider 1.x wrote the subnet's NSG inline.
    for (const nsg of refs(ctx, instance, 'network_security_group_id', NSG_TYPES)) {
      ctx.link(instance.address, nsg, 'protected-by', 'network_security_group_id');
    }
  },
};

/** `azurerm_subnet_network_security_group_association`: the subnet's NSG, a second layer in front of NICs' NSGs. */
export const subnetNsgAssociation: Mapper = {
  types: ['azurerm_subnet_network_security_group_association'],
  map(instance, ctx) {
    for (const s of refs(ctx, instance, 'subnet_id', SUBNET_TYPES)) {
      for (const nsg of refs(ctx, instance, 'network_security_group_id', NSG_TYPES)) ctx.link(s, nsg, 'protected-by', instance.address);
    }
  },
};

/** Public IP SKUs: Basic cannot be zonal; StandardV2 is zone-redundant by default; Standard is as its zones say. */
export function publicIpZones(ip: ResourceInstance): { zones: Value<readonly string[]>; zoneRedundant: Value<boolean> } {
  const sku = stringAttr(ip, 'sku', 'Standard');
  const skuName = sku.state === 'unknown' ? '' : sku.value.toLowerCase();
  if (skuName === 'basic') return { zones: known([]), zoneRedundant: known(false) };
  const legacy = str(ip.values, 'availability_zone');
  // Provider 2.x: `availability_zone` = `Zone-Redundant` | `No-Zone` | `1`..`3`.
  if (legacy && strings(ip.values, 'zones').length === 0) {
    if (legacy === 'Zone-Redundant') return { zones: known(['1', '2', '3']), zoneRedundant: known(true) };
    if (legacy === 'No-Zone') return { zones: known([]), zoneRedundant: known(false) };
    return { zones: known([legacy]), zoneRedundant: known(false) };
  }
  const zones = zonesAttr(ip);
  if (skuName === 'standardv2' && zones.state !== 'unknown' && zones.value.length === 0) return { zones, zoneRedundant: byDefault(true) };
  if (zones.state === 'unknown') return { zones, zoneRedundant: unknownValue(false) };
  return { zones, zoneRedundant: { state: zones.state, value: zones.value.length >= 2 } };
}

/** `azurerm_public_ip`: an address; whatever uses it links it with `attached-to`. */
export const publicIp: Mapper = {
  types: PUBLIC_IP_TYPES,
  map(instance, ctx) {
    const { zones, zoneRedundant } = publicIpZones(instance);
    ctx.add({ ...base(instance), kind: 'public-address', placement: placement(azureRegion(str(instance.values, 'location')), zones, zoneRedundant) });
  },
};
