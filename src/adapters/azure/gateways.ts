import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { base, boolAttr, mapValue, placement, regionOf, stringAttr, zonesAttr } from './common.js';
import { PUBLIC_IP_TYPES, publicIpZones, SUBNET_TYPES, subnetNetworks } from './network.js';
import { refs } from './links.js';

const NAT_TYPES = ['azurerm_nat_gateway'];
const VPN_TYPES = ['azurerm_virtual_network_gateway'];
const CONNECTION_TYPES = ['azurerm_virtual_network_gateway_connection'];
const LOCAL_GATEWAY_TYPES = ['azurerm_local_network_gateway'];
const CIRCUIT_TYPES = ['azurerm_express_route_circuit'];
const PORT_TYPES = ['azurerm_express_route_port'];
/** The attributes a connection names its other end by, one per connection `type`. */
const PEER_PATHS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['local_network_gateway_id', LOCAL_GATEWAY_TYPES],
  ['peer_virtual_network_gateway_id', VPN_TYPES],
  ['express_route_circuit_id', CIRCUIT_TYPES],
];

/**
 * `azurerm_nat_gateway`: outbound NAT for the subnets associated with it. A Standard NAT gateway lives in one
 * zone: the one in `zones`, or one Azure picks ("no zone"); either way a zone failure takes it down. Only the
 * StandardV2 SKU is zone-redundant.
 */
export const natGateway: Mapper = {
  types: NAT_TYPES,
  map(instance, ctx) {
    const sku = stringAttr(instance, 'sku_name', 'Standard');
    const zones = zonesAttr(instance);
    const zoneRedundant: Value<boolean> = sku.state === 'unknown' ? unknownValue(false) : { state: sku.state, value: sku.value.toLowerCase() === 'standardv2' };
    ctx.add({
      ...base(instance),
      kind: 'gateway',
      gatewayKind: 'nat',
      placement: placement(regionOf(instance), zones, zoneRedundant),
      paths: known(1),
    });
    for (const ip of refs(ctx, instance, 'public_ip_address_ids', PUBLIC_IP_TYPES)) ctx.link(ip, instance.address, 'attached-to', 'public_ip_address_ids');
  },
};

/**
 * `azurerm_subnet_nat_gateway_association`: an Azure subnet sends its outbound traffic to its NAT gateway directly,
 * with no route table between them: the subnet itself `routes-to` the gateway, for 0.0.0.0/0.
 */
export const subnetNatAssociation: Mapper = {
  types: ['azurerm_subnet_nat_gateway_association'],
  map(instance, ctx) {
    for (const s of refs(ctx, instance, 'subnet_id', SUBNET_TYPES)) {
      for (const nat of refs(ctx, instance, 'nat_gateway_id', NAT_TYPES)) ctx.link(s, nat, 'routes-to', instance.address, '0.0.0.0/0');
    }
  },
};

/** `azurerm_nat_gateway_public_ip_association`: the gateway's outbound address. */
export const natPublicIpAssociation: Mapper = {
  types: ['azurerm_nat_gateway_public_ip_association', 'azurerm_nat_gateway_public_ip_prefix_association'],
  map(instance, ctx) {
    for (const ip of refs(ctx, instance, 'public_ip_address_id', PUBLIC_IP_TYPES)) {
      for (const nat of refs(ctx, instance, 'nat_gateway_id', NAT_TYPES)) ctx.link(ip, nat, 'attached-to', instance.address);
    }
  },
};

/**
 * A VPN gateway's second path: its second instance active (`active_active`, two `ip_configuration` blocks, not on the
 * `Basic` SKU), and a second device on the other side for it to reach.
 */
const ACTIVE_ACTIVE = {
  attribute: 'active_active',
  value:
    '`true`, with a second `ip_configuration` block (its own public IP; not on the `Basic` SKU), and a second `azurerm_local_network_gateway` and `azurerm_virtual_network_gateway_connection` for a second device on the other side',
};
const SECOND_SITE = {
  attribute: 'azurerm_local_network_gateway',
  value: 'a second one for a second device on the other side, with an `azurerm_virtual_network_gateway_connection` to it, so that the two active instances end on two devices',
};

/**
 * `azurerm_virtual_network_gateway`: a VPN (or ExpressRoute) gateway for its virtual network. `active_active`
 * runs two instances with two tunnels; the `…AZ` SKUs spread the gateway over zones unless its public IPs are
 * pinned to one zone. A tunnel fails with either end: when the plan holds the gateway's connections, its
 * independent paths are the fewer of its instances and the peers they reach (local network gateways, that is
 * on-premises devices; peer gateways; circuits), so an active-active gateway to one device is one path.
 * An ExpressRoute gateway (`type = "ExpressRoute"`) is a dedicated link instead (`interconnect`): Azure runs it on
 * redundant instances, and each circuit already has two links, but a circuit lands at one peering location. Its
 * paths are the peering locations its connections' circuits land at (a circuit outside the plan counts as its
 * own), and those locations are its far ends (`peers`).
 */
export const virtualNetworkGateway: Mapper = {
  types: VPN_TYPES,
  map(instance, ctx) {
    const activeActive = boolAttr(instance, 'active_active', false);
    const sku = str(instance.values, 'sku') ?? '';
    const ips = refs(ctx, instance, 'ip_configuration.public_ip_address_id', PUBLIC_IP_TYPES);
    let zones: Value<readonly string[]> = byDefault([]);
    let zoneRedundant: Value<boolean> = known(false);
    if (/AZ$/i.test(sku)) {
      const ipZones = ips.map((a) => publicIpZones(ctx.instance(a)!).zones);
      const pinned = ipZones.every((z) => z.state !== 'unknown' && z.value.length === 1) && ipZones.length > 0;
      zones = pinned ? known([...new Set(ipZones.flatMap((z) => (z.state === 'unknown' ? [] : z.value)))]) : known([]);
      zoneRedundant = known(!pinned);
    }
    const expressRoute = (str(instance.values, 'type') ?? '').toLowerCase() === 'expressroute';
    const sites = expressRoute ? sitesOf(ctx, instance) : undefined;
    ctx.add({
      ...base(instance),
      kind: 'gateway',
      gatewayKind: expressRoute ? 'interconnect' : 'vpn',
      placement: placement(regionOf(instance), zones, zoneRedundant),
      paths: sites ? sites.paths : pathsOf(ctx, instance, mapValue(activeActive, (on) => (on ? 2 : 1))),
      ...(sites && sites.peers.length > 0 ? { peers: sites.peers } : {}),
      ...(expressRoute ? {} : { redundancyKnob: activeActive.state !== 'unknown' && activeActive.value ? SECOND_SITE : ACTIVE_ACTIVE }),
    });
    for (const ip of ips) ctx.link(ip, instance.address, 'attached-to', 'ip_configuration.public_ip_address_id');
    for (const s of refs(ctx, instance, 'ip_configuration.subnet_id', SUBNET_TYPES)) {
      ctx.link(instance.address, s, 'in-subnet', 'ip_configuration.subnet_id');
      const subnet = ctx.instance(s);
      for (const vnet of subnet ? subnetNetworks(ctx, subnet) : []) ctx.link(instance.address, vnet, 'serves', 'ip_configuration.subnet_id');
    }
  },
};

/** The gateway's paths: its instances, or fewer when its connections in the plan reach fewer peers. */
function pathsOf(ctx: MapperContext, gateway: ResourceInstance, instances: Value<number>): Value<number> {
  const connections = ctx.referrers(gateway, 'virtual_network_gateway_id', CONNECTION_TYPES);
  if (connections.length === 0 || instances.state === 'unknown') return instances;
  const peers = new Set<string>();
  for (const connection of connections) {
    const peer = PEER_PATHS.map(([path, types]) => refs(ctx, connection, path, types)[0] ?? str(connection.values, path)).find((p) => p !== undefined);
    // A peer known only after apply and named by no reference: the count is unknown.
    if (peer === undefined) return unknownValue(instances.value);
    peers.add(peer);
  }
  return { state: instances.state, value: Math.min(instances.value, peers.size) };
}

/**
 * An ExpressRoute gateway's paths: the sites its connections' circuits land at, a circuit's `peering_location`
 * (or its ExpressRoute Direct port's). A circuit outside the plan is a site of its own, since it may land anywhere;
 * a Metro peering location spans two sites. Unknown without connections, or with a circuit the plan does not name.
 */
function sitesOf(ctx: MapperContext, gateway: ResourceInstance): { paths: Value<number>; peers: string[] } {
  const connections = ctx.referrers(gateway, 'virtual_network_gateway_id', CONNECTION_TYPES);
  if (connections.length === 0) return { paths: unknownValue(), peers: [] };
  const sites = new Set<string>();
  const peers = new Set<string>();
  for (const connection of connections) {
    const circuit = refs(ctx, connection, 'express_route_circuit_id', CIRCUIT_TYPES)[0] ?? str(connection.values, 'express_route_circuit_id');
    if (circuit === undefined) return { paths: unknownValue(), peers: [] };
    const declared = ctx.instance(circuit);
    const port = declared ? refs(ctx, declared, 'express_route_port_id', PORT_TYPES).flatMap((p) => ctx.instance(p) ?? [])[0] : undefined;
    const location = str(declared?.values, 'peering_location') ?? str(port?.values, 'peering_location');
    if (location === undefined) {
      sites.add(`circuit:${circuit}`);
      continue;
    }
    peers.add(location);
    if (/\bmetro\b/i.test(location)) for (const half of ['a', 'b']) sites.add(`${location}#${half}`);
    else sites.add(location);
  }
  return { paths: known(sites.size), peers: [...peers].sort() };
}

/**
 * `azurerm_virtual_network_gateway_connection`, `azurerm_local_network_gateway`, `azurerm_express_route_circuit`,
 * `azurerm_express_route_port`: read by the gateway they connect.
 */
export const gatewayConnections: Mapper = { types: [...CONNECTION_TYPES, ...LOCAL_GATEWAY_TYPES, ...CIRCUIT_TYPES, ...PORT_TYPES], map() {} };
