import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, strings } from '../read.js';
import { isNestedUnknown } from './common.js';
import { LB_POOL_TYPES, NAT_RULE_TYPES, natBackendOf, natPoolsThrough } from './lb.js';
import { appGatewayPools } from './app-gateway.js';
import { PUBLIC_IP_TYPES, SUBNET_TYPES } from './network.js';
import { NSG_TYPES } from './nsg.js';
import { refs, referrers } from './links.js';

export const NIC_TYPES = ['azurerm_network_interface'];
const NIC_NSG = ['azurerm_network_interface_security_group_association'];
const NIC_LB_POOL = ['azurerm_network_interface_backend_address_pool_association'];
const NIC_AGW_POOL = ['azurerm_network_interface_application_gateway_backend_address_pool_association'];
const NIC_ASG = ['azurerm_network_interface_application_security_group_association'];
const NIC_NAT = ['azurerm_network_interface_nat_rule_association'];
const ASG_TYPES = ['azurerm_application_security_group'];

/**
 * A NIC and its associations make no entity of their own: they are read through the VM that uses them.
 * Listed so that they do not count as unmodelled.
 */
export const networkInterfaces: Mapper = {
  types: [...NIC_TYPES, ...NIC_NSG, ...NIC_LB_POOL, ...NIC_AGW_POOL, ...NIC_ASG, ...NIC_NAT],
  map() {},
};

/** What a host gets from its NICs. */
export interface NicFacts {
  readonly publicIp: Value<boolean>;
  /** Application security groups the NICs are in: the labels NSG rules select by. */
  readonly labels: readonly string[];
  /** The NICs and associations that contributed, for the host's `source`. */
  readonly parts: readonly string[];
}

/**
 * Folds NICs into the host that uses them: their subnets become the host's `in-subnet` edges, their NSGs (inline
 * or by association) its `protected-by` edges, their public IPs `attached-to` it, and the backend pools they join
 * `targets` it. `nicsKnown` is false when the host's NIC list is known only after apply and no reference names it.
 */
export function foldNics(ctx: MapperContext, host: string, nics: readonly string[], nicsKnown: boolean): NicFacts {
  const parts: string[] = [];
  const labels = new Set<string>();
  let hasPublicIp = false;
  let publicIpUnknown = !nicsKnown;
  for (const address of nics) {
    const nic = ctx.instance(address);
    if (!nic) continue;
    parts.push(address);
    for (const s of refs(ctx, nic, 'ip_configuration.subnet_id', SUBNET_TYPES)) ctx.link(host, s, 'in-subnet', address);
    for (const nsg of refs(ctx, nic, 'network_security_group_id', NSG_TYPES)) ctx.link(host, nsg, 'protected-by', address);
    const ips = refs(ctx, nic, 'ip_configuration.public_ip_address_id', PUBLIC_IP_TYPES);
    for (const ip of ips) ctx.link(ip, host, 'attached-to', address);
    const written = blocks(nic.values, 'ip_configuration').flatMap((c) => strings(c, 'public_ip_address_id')).filter((id) => id !== '');
    if (ips.length > 0 || written.length > 0) hasPublicIp = true;
    else if (isNestedUnknown(nic, 'ip_configuration', 'public_ip_address_id') && nic.references.has('ip_configuration.public_ip_address_id')) publicIpUnknown = true;
    for (const pool of refs(ctx, nic, 'ip_configuration.load_balancer_backend_address_pools_ids', LB_POOL_TYPES)) linkPool(ctx, pool, host, address);
    for (const nat of refs(ctx, nic, 'ip_configuration.load_balancer_inbound_nat_rules_ids', NAT_RULE_TYPES)) ctx.link(natBackendOf(nat), host, 'port-forwards', address);
    for (const pool of appGatewayPools(ctx, nic, 'ip_configuration.application_gateway_backend_address_pools_ids')) ctx.link(pool, host, 'targets', address);
    for (const asg of refs(ctx, nic, 'ip_configuration.application_security_group_ids', ASG_TYPES)) labels.add(asg);
    for (const assoc of referrers(ctx, nic, 'network_interface_id', NIC_NSG)) {
      parts.push(assoc.address);
      for (const nsg of refs(ctx, assoc, 'network_security_group_id', NSG_TYPES)) ctx.link(host, nsg, 'protected-by', assoc.address);
    }
    for (const assoc of referrers(ctx, nic, 'network_interface_id', NIC_LB_POOL)) {
      parts.push(assoc.address);
      for (const pool of refs(ctx, assoc, 'backend_address_pool_id', LB_POOL_TYPES)) linkPool(ctx, pool, host, assoc.address);
    }
    for (const assoc of referrers(ctx, nic, 'network_interface_id', NIC_NAT)) {
      parts.push(assoc.address);
      for (const nat of refs(ctx, assoc, 'nat_rule_id', NAT_RULE_TYPES)) ctx.link(natBackendOf(nat), host, 'port-forwards', assoc.address);
    }
    for (const assoc of referrers(ctx, nic, 'network_interface_id', NIC_AGW_POOL)) {
      parts.push(assoc.address);
      for (const pool of appGatewayPools(ctx, assoc, 'backend_address_pool_id')) ctx.link(pool, host, 'targets', assoc.address);
    }
    for (const assoc of referrers(ctx, nic, 'network_interface_id', NIC_ASG)) {
      parts.push(assoc.address);
      for (const asg of refs(ctx, assoc, 'application_security_group_id', ASG_TYPES)) labels.add(asg);
    }
  }
  const publicIp = hasPublicIp ? known(true) : publicIpUnknown ? unknownValue(false) : byDefault(false);
  return { publicIp, labels: [...labels].sort(), parts };
}

/** A backend pool targets the host, and the NAT rules that forward a port range to the pool's members reach it. */
export function linkPool(ctx: MapperContext, pool: string, host: string, via: string): void {
  ctx.link(pool, host, 'targets', via);
  for (const nat of natPoolsThrough(ctx, pool)) ctx.link(nat, host, 'port-forwards', via);
}

/** The NICs a VM names in `network_interface_ids`, and whether that list says anything yet. */
export function vmNics(ctx: MapperContext, vm: ResourceInstance): { nics: string[]; known: boolean } {
  const nics = refs(ctx, vm, 'network_interface_ids', NIC_TYPES);
  return { nics, known: nics.length > 0 || strings(vm.values, 'network_interface_ids').length > 0 || !isNestedUnknown(vm, 'network_interface_ids') };
}
