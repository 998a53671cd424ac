import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, str } from '../read.js';
import { base } from './common.js';
import { withAttribute } from './data-links.js';
import { eniHosts } from './eni.js';
import { firewallsByEndpoint, NETWORK_FIREWALL_TYPES } from './network-firewall.js';
import { EIGW_TYPES, IGW_TYPES, NAT_TYPES } from './gateways.js';
import { ENI_TYPES, INSTANCE_TYPES, inVpc, refsOne, sameKey, SUBNET_TYPES, VPC_TYPES, vpcsAt, vpcsByAttribute } from './links.js';

const TABLE_TYPES: readonly string[] = ['aws_route_table', 'aws_default_route_table'];
const VGW_TYPES: readonly string[] = ['aws_vpn_gateway'];

/** The attributes a route names its target by, and the resource types that can stand behind each. */
const TARGETS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['gateway_id', [...IGW_TYPES, ...VGW_TYPES]],
  ['nat_gateway_id', NAT_TYPES],
  ['egress_only_gateway_id', EIGW_TYPES],
  ['transit_gateway_id', ['aws_ec2_transit_gateway']],
  ['instance_id', INSTANCE_TYPES],
  // A NAT instance is usually routed to by its primary interface: `aws_instance.nat.primary_network_interface_id`.
  ['network_interface_id', [...ENI_TYPES, ...INSTANCE_TYPES]],
  // An AWS Network Firewall endpoint (`tolist(aws_networkfirewall_firewall.x.firewall_status[0].sync_states)...`).
  ['vpc_endpoint_id', NETWORK_FIREWALL_TYPES],
];

/**
 * The resources a known target id names: by `id`, an instance by the id of its primary network interface, a
 * Network Firewall by one of its endpoints.
 */
function byTargetId(ctx: MapperContext, attr: string, types: readonly string[], value: string): string[] {
  if (attr === 'vpc_endpoint_id') return firewallsByEndpoint(ctx, value);
  const found = withAttribute(ctx, types, 'id', value).map((r) => r.address);
  if (found.length > 0 || attr !== 'network_interface_id') return found;
  return withAttribute(ctx, INSTANCE_TYPES, 'primary_network_interface_id', value).map((r) => r.address);
}

/** A route's destination: an IPv4 or IPv6 range, or a prefix list; undefined while it is unknown. */
function destination(route: Record<string, unknown>, prefix: string): string | undefined {
  const keys = prefix ? ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'] : ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'];
  return keys.map((k) => str(route, k)).find((v) => v !== undefined && v !== '');
}

/** Route targets as the model sees them: a network interface stands for the instances it is attached to. */
function modelled(ctx: MapperContext, addresses: readonly string[]): string[] {
  return addresses.flatMap((a) => {
    const target = ctx.instance(a);
    return target?.type === 'aws_network_interface' ? eniHosts(ctx, target) : [a];
  });
}

/**
 * The table a VPC uses for subnets without one of their own: the plan's `aws_default_route_table` of that VPC, or
 * else a stand-in for the main table AWS creates with every VPC (routes may be added to it by its id).
 */
function mainTableOf(ctx: MapperContext, vpcAddress: string): string {
  const declared = ctx.instancesOf(['aws_default_route_table']).find((t) => vpcsOf(ctx, t).includes(vpcAddress));
  if (declared) return declared.address;
  const vpc = ctx.instance(vpcAddress);
  const id = `${vpcAddress}#main_route_table`;
  if (vpc) {
    ctx.add({ ...base(vpc), id, tags: {}, kind: 'route-table', isDefault: true });
    ctx.link(id, vpcAddress, 'in-network', 'main_route_table_id');
  }
  return id;
}

function vpcsOf(ctx: MapperContext, table: ResourceInstance): string[] {
  const own = vpcsAt(ctx, table);
  return table.type === 'aws_default_route_table' ? [...new Set([...own, ...vpcsByAttribute(ctx, table, 'default_route_table_id', 'default_route_table_id')])].sort() : own;
}

/** The tables `instance` names at `path`: route tables, or a VPC's main table by its id. */
function tablesAt(ctx: MapperContext, instance: ResourceInstance, path: string): string[] {
  const tables = new Set(refsOne(ctx, instance, path, TABLE_TYPES));
  const main = new Set([...vpcsByAttribute(ctx, instance, path, 'main_route_table_id'), ...vpcsByAttribute(ctx, instance, path, 'default_route_table_id')]);
  for (const vpc of main) tables.add(mainTableOf(ctx, vpc));
  return [...tables].sort();
}

/**
 * Inline `route` blocks. A known target id resolves by value. Before apply the plan marks the target unknown per
 * route, but the configuration records the references of the whole `route` attribute together, so each unknown
 * target is matched to the references of the types its attribute allows (over-approximating when several routes
 * of one kind are unknown at once). Terraform 0.12 records no references there: a route to an internet gateway
 * can then only go to the one gateway of the table's VPC.
 */
function inlineRoutes(ctx: MapperContext, table: ResourceInstance): void {
  const routes = blocks(table.values, 'route');
  const mask = typeof table.unknown === 'object' && table.unknown !== null ? (table.unknown as Record<string, unknown>).route : undefined;
  const referenced = [...table.references.keys()].some((k) => k === 'route' || k.startsWith('route.'));
  for (const [attr, types] of TARGETS) {
    const pending: Array<string | undefined> = [];
    routes.forEach((route, i) => {
      const dest = destination(route, '');
      const value = str(route, attr);
      if (value) for (const t of modelled(ctx, sameKey(ctx, table, byTargetId(ctx, attr, types, value)))) ctx.link(table.address, t, 'routes-to', `route.${attr}`, dest);
      else if (maskAt(mask, i, attr)) pending.push(dest);
    });
    if (pending.length === 0) continue;
    const candidates = referenced ? sameKey(ctx, table, ctx.refs(table, 'route', { types })) : attr === 'gateway_id' ? soleInternetGateway(ctx, table) : [];
    for (const t of modelled(ctx, candidates)) for (const dest of pending) ctx.link(table.address, t, 'routes-to', `route.${attr}`, dest);
  }
}

function maskAt(mask: unknown, index: number, attr: string): boolean {
  const element: unknown = Array.isArray(mask) ? mask[index] : mask;
  return element === true || (typeof element === 'object' && element !== null && (element as Record<string, unknown>)[attr] === true);
}

/** The internet gateway of a table's VPC, when it has exactly one (AWS allows one per VPC). */
function soleInternetGateway(ctx: MapperContext, table: ResourceInstance): string[] {
  const found = new Set<string>();
  for (const vpc of vpcsOf(ctx, table)) {
    for (const igw of inVpc(ctx, IGW_TYPES, vpc)) found.add(igw.address);
    for (const a of inVpc(ctx, ['aws_internet_gateway_attachment'], vpc)) for (const igw of ctx.refs(a, 'internet_gateway_id', { types: IGW_TYPES })) found.add(igw);
  }
  return found.size === 1 ? [...found] : [];
}

/**
 * `aws_route_table`, `aws_default_route_table`: a table of routes. The default table, and a table made the VPC's
 * main one (`aws_main_route_table_association`), carries the subnets that have no table of their own.
 */
export const routeTable: Mapper = {
  types: TABLE_TYPES,
  map(instance, ctx) {
    const isDefault = instance.type === 'aws_default_route_table' || ctx.referrers(instance, 'route_table_id', ['aws_main_route_table_association']).length > 0;
    ctx.add({ ...base(instance), kind: 'route-table', isDefault });
    for (const vpc of vpcsOf(ctx, instance)) ctx.link(instance.address, vpc, 'in-network', 'vpc_id');
    inlineRoutes(ctx, instance);
    for (const vgw of ctx.refs(instance, 'propagating_vgws', { types: VGW_TYPES })) ctx.link(instance.address, vgw, 'routes-to', 'propagating_vgws');
  },
};

/** `aws_route`: one route in a table, to one target. */
export const route: Mapper = {
  types: ['aws_route'],
  map(instance, ctx) {
    const dest = destination(instance.values, 'destination_');
    const tables = tablesAt(ctx, instance, 'route_table_id');
    for (const [attr, types] of TARGETS) {
      const value = str(instance.values, attr);
      const named = refsOne(ctx, instance, attr, types);
      const targets = named.length > 0 || !value ? named : byTargetId(ctx, attr, types, value);
      for (const t of modelled(ctx, targets)) for (const table of tables) ctx.link(table, t, 'routes-to', instance.address, dest);
    }
  },
};

/** `aws_vpn_gateway_route_propagation`: routes the VPN gateway learns appear in the table. */
export const routePropagation: Mapper = {
  types: ['aws_vpn_gateway_route_propagation'],
  map(instance, ctx) {
    for (const vgw of refsOne(ctx, instance, 'vpn_gateway_id', VGW_TYPES)) {
      for (const table of tablesAt(ctx, instance, 'route_table_id')) ctx.link(table, vgw, 'routes-to', instance.address);
    }
  },
};

/** `aws_route_table_association`: a subnet uses a table (the association's address labels the edge). */
export const routeTableAssociation: Mapper = {
  types: ['aws_route_table_association'],
  map(instance, ctx) {
    const tables = tablesAt(ctx, instance, 'route_table_id');
    for (const s of refsOne(ctx, instance, 'subnet_id', SUBNET_TYPES)) {
      for (const table of tables) ctx.link(s, table, 'uses-route-table', instance.address);
    }
  },
};

/** `aws_main_route_table_association`: makes a table its VPC's main table (see `routeTable`'s `isDefault`). */
export const mainRouteTableAssociation: Mapper = {
  types: ['aws_main_route_table_association'],
  map(instance, ctx) {
    for (const table of refsOne(ctx, instance, 'route_table_id', TABLE_TYPES)) {
      for (const vpc of vpcsAt(ctx, instance)) ctx.link(table, vpc, 'in-network', instance.address);
    }
  },
};
