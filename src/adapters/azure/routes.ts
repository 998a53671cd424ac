import { known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, str, strings } from '../read.js';
import { base, placement, regionOf, zonesAttr } from './common.js';
import { LB_TYPES } from './lb.js';
import { refs } from './links.js';
import { NIC_TYPES } from './nic.js';
import { inResourceGroup } from './nsg.js';
import { PUBLIC_IP_TYPES, SUBNET_TYPES, subnetNetworks } from './network.js';

const TABLE_TYPES = ['azurerm_route_table'];
const ROUTE_TYPES = ['azurerm_route'];
const ASSOCIATION_TYPES = ['azurerm_subnet_route_table_association'];
export const FIREWALL_TYPES = ['azurerm_firewall'];
const VM_TYPES = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine'];
/** What a `VirtualAppliance` next hop can be: a firewall, a VM (or its NIC), an internal load balancer's frontend. */
const APPLIANCE_TYPES = [...FIREWALL_TYPES, ...NIC_TYPES, ...VM_TYPES, ...LB_TYPES];

/**
 * `azurerm_firewall`: Azure Firewall, which subnets reach through user-defined routes (`VirtualAppliance` to its
 * private address) for their way out. Azure runs it on several instances, but in the zones of `zones` only: without
 * zones it is placed where Azure picks and is not zone-redundant, and in one zone it is lost with that zone. It sits
 * in its `AzureFirewallSubnet` and serves that subnet's virtual network.
 */
export const firewall: Mapper = {
  types: FIREWALL_TYPES,
  map(instance, ctx) {
    const zones = zonesAttr(instance);
    const zoneRedundant: Value<boolean> = zones.state === 'unknown' ? unknownValue() : { state: zones.state, value: zones.value.length >= 2 };
    ctx.add({
      ...base(instance),
      kind: 'gateway',
      gatewayKind: 'firewall',
      placement: placement(regionOf(instance), zones, zoneRedundant),
      paths: known(1),
    });
    for (const ip of refs(ctx, instance, 'ip_configuration.public_ip_address_id', PUBLIC_IP_TYPES)) ctx.link(ip, instance.address, 'attached-to', 'ip_configuration.public_ip_address_id');
    for (const s of refs(ctx, instance, 'ip_configuration.subnet_id', SUBNET_TYPES)) {
      ctx.link(instance.address, s, 'in-subnet', 'ip_configuration.subnet_id');
      const subnet = ctx.instance(s);
      for (const vnet of subnet ? subnetNetworks(ctx, subnet) : []) ctx.link(instance.address, vnet, 'serves', 'ip_configuration.subnet_id');
    }
  },
};

/**
 * `azurerm_route_table`: user-defined routes for the subnets associated with it. A `VirtualAppliance` route sends
 * its destination to the appliance at `next_hop_in_ip_address`: an Azure Firewall (a gateway), a VM (the table
 * `routes-to` the host, so a lone appliance VM carries the subnets' traffic), or an internal load balancer in front
 * of several. A known address resolves to the resource that holds it; one known only after apply is matched to the
 * references of the `route` attribute, which the plan records for all inline routes together (over-approximating
 * when several routes go to different appliances unknown at once). Other next hops (`Internet`, `VnetLocal`, a
 * virtual network gateway, `None`) name no resource.
 */
export const routeTable: Mapper = {
  types: TABLE_TYPES,
  map(instance, ctx) {
    ctx.add({ ...base(instance), kind: 'route-table', isDefault: false });
    const pending: Array<string | undefined> = [];
    for (const route of blocks(instance.values, 'route')) {
      if (!isAppliance(route)) continue;
      const prefix = str(route, 'address_prefix');
      const ip = str(route, 'next_hop_in_ip_address');
      if (ip) for (const t of appliancesAt(ctx, ip)) ctx.link(instance.address, t, 'routes-to', 'route.next_hop_in_ip_address', prefix);
      else pending.push(prefix);
    }
    if (pending.length === 0) return;
    for (const t of modelled(ctx, refs(ctx, instance, 'route.next_hop_in_ip_address', APPLIANCE_TYPES))) {
      for (const prefix of pending) ctx.link(instance.address, t, 'routes-to', 'route.next_hop_in_ip_address', prefix);
    }
  },
};

/** `azurerm_route`: one route of a table, which it names by `route_table_name` (in its resource group). */
export const route: Mapper = {
  types: ROUTE_TYPES,
  map(instance, ctx) {
    if (!isAppliance(instance.values)) return;
    const tables = inResourceGroup(ctx, instance, refs(ctx, instance, 'route_table_name', TABLE_TYPES));
    const ip = str(instance.values, 'next_hop_in_ip_address');
    const targets = ip ? appliancesAt(ctx, ip) : modelled(ctx, refs(ctx, instance, 'next_hop_in_ip_address', APPLIANCE_TYPES));
    const prefix = str(instance.values, 'address_prefix');
    for (const table of tables) for (const t of targets) ctx.link(table, t, 'routes-to', instance.address, prefix);
  },
};

/** `azurerm_subnet_route_table_association`: the table a subnet's traffic follows. */
export const subnetRouteTableAssociation: Mapper = {
  types: ASSOCIATION_TYPES,
  map(instance, ctx) {
    for (const s of refs(ctx, instance, 'subnet_id', SUBNET_TYPES)) {
      for (const table of refs(ctx, instance, 'route_table_id', TABLE_TYPES)) ctx.link(s, table, 'uses-route-table', instance.address);
    }
  },
};

const isAppliance = (route: unknown): boolean => (str(route, 'next_hop_type') ?? '').toLowerCase() === 'virtualappliance';

/** Next-hop targets as the model sees them: a NIC stands for the VMs that use it. */
function modelled(ctx: MapperContext, addresses: readonly string[]): string[] {
  const out = new Set<string>();
  for (const address of addresses) {
    const target = ctx.instance(address);
    if (!target) continue;
    if (NIC_TYPES.includes(target.type)) for (const vm of ctx.referrers(target, 'network_interface_ids', VM_TYPES)) out.add(vm.address);
    else out.add(address);
  }
  return [...out].sort();
}

/** The appliances that hold a known private address: firewalls, NICs and load balancer frontends of the plan. */
function appliancesAt(ctx: MapperContext, ip: string): string[] {
  const index = ctx.memo('azure:private-addresses', (ctx) => {
    const out = new Map<string, string[]>();
    const add = (address: string, owner: ResourceInstance) => {
      if (address !== '') out.set(address, [...(out.get(address) ?? []), owner.address]);
    };
    for (const fw of ctx.instancesOf(FIREWALL_TYPES)) for (const c of blocks(fw.values, 'ip_configuration')) for (const a of strings(c, 'private_ip_address')) add(a, fw);
    for (const nic of ctx.instancesOf(NIC_TYPES)) for (const c of blocks(nic.values, 'ip_configuration')) for (const a of strings(c, 'private_ip_address')) add(a, nic);
    for (const lb of ctx.instancesOf(LB_TYPES)) for (const c of blocks(lb.values, 'frontend_ip_configuration')) for (const a of strings(c, 'private_ip_address')) add(a, lb);
    return out;
  });
  return modelled(ctx, index.get(ip) ?? []);
}
