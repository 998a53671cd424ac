import { isInternetEgress, type Graph } from '../../graph/index.js';
import { isKnownTrue, type Entity, type Gateway, type Placement, type RouteTable, type Subnet } from '../../model/index.js';
import type { Report } from '../rule.js';
import { Routing, trafficInDegree, zonesOf, zonesUsed } from './network.js';
import { basisNote, knobText, listText, plural } from './text.js';
import { shortZone } from './graph-text.js';

/** How to give subnets in several zones a way out that survives a zone: by the kind of gateway they share. */
export function egressRemedy(gateway: Gateway): string {
  if (gateway.gatewayKind !== 'firewall') {
    return 'Run one NAT gateway per zone and route each zone\'s private subnets to the one in their own zone, or use a zone-redundant (regional) NAT.';
  }
  return gateway.cloud === 'aws'
    ? 'Map the firewall to a subnet in every zone the traffic comes from (one `subnet_mapping` per zone), and route each zone\'s subnets to the firewall endpoint in their own zone.'
    : 'Deploy the firewall across availability zones (zones = ["1", "2", "3"]) so that an instance in every zone carries the traffic; a firewall left without zones or pinned to one is lost with that zone.';
}

/**
 * A zonal NAT gateway (or managed firewall) that private subnets in several zones route through: when its zone
 * fails, the subnets in the other zones lose their way out too.
 */
export function* natReports(graph: Graph, routing: Routing): Iterable<Report> {
  /** Gateways that carry one zone's subnets from another zone, by network and own zone. */
  const misplaced = new Map<string, Misplaced<Gateway>[]>();
  for (const nat of graph.all('gateway')) {
    if (!isInternetEgress(nat) || isKnownTrue(nat.placement.zoneRedundant, (v) => v)) continue;
    // A firewall whose zones the plan does not say may span several: nothing certain to report.
    if (nat.placement.zoneRedundant.state === 'unknown' && nat.placement.zoneRedundant.assumed !== false) continue;
    const behind = routing.subnetsBehind(nat);
    const { tables } = behind;
    // A subnet routed to several NAT gateways says nothing certain about which one carries it: leave it out.
    const subnets = behind.subnets.filter((s) => routing.gatewaysOf(s).every((g) => !isInternetEgress(g) || g.id === nat.id));
    const byZone = new Map<string, Subnet[]>();
    for (const s of subnets) {
      for (const z of zonesUsed(graph, s)) {
        const list = byZone.get(z);
        if (list) list.push(s);
        else byZone.set(z, [s]);
      }
    }
    const natZones = zonesOf(nat.placement);
    if (byZone.size < 2) {
      // One zone's subnets, carried from another zone: the copy-paste `subnet_id = aws_subnet.public[0].id` that
      // puts every zone's NAT gateway in the first zone. When that zone fails, this one loses its way out too.
      const [zone] = byZone.keys();
      if (zone !== undefined && natZones.length === 1 && natZones[0] !== zone) {
        // One finding per network and zone: a count block and gateways declared one by one alike.
        const network = byZone.get(zone)!.flatMap((sub) => graph.out(sub.id, 'in-network').map((e) => e.to))[0] ?? nat.declaredBy;
        const k = `${network}\u0000${natZones[0]}`;
        const entry = { carrier: nat, zone, subnets: byZone.get(zone)!, tables };
        const list = misplaced.get(k);
        if (list) list.push(entry);
        else misplaced.set(k, [entry]);
      }
      continue;
    }
    const zones = [...byZone.keys()].sort();
    const foreign = zones.find((z) => !natZones.includes(z)) ?? zones[0]!;
    const victim = byZone.get(foreign)![0]!;
    const table = routing.tablesOf(victim).find((t) => tables.includes(t));
    const where = natZones.length === 1 ? ` (in ${shortZone(natZones[0]!)})` : natZones.length === 0 ? ' (pinned to no zone)' : '';
    yield {
      resource: nat.id,
      related: [...tables.map((t) => t.id), ...subnets.map((s) => s.id)],
      score: 5.0 + Math.min(1.5, 0.5 * (zones.length - 1)) + Math.min(1, 0.1 * subnets.length),
      message: `${nat.id}${where} carries the outbound traffic of ${plural(subnets.length, 'subnet')} in zones ${listText(zones.map(shortZone))}: when its zone fails, the private subnets in every other zone lose their way out too.`,
      remediation: egressRemedy(nat),
      path: [victim.id, ...(table ? [table.id] : []), nat.id],
    };
  }
  for (const group of misplaced.values()) yield misplacedReport(routing, group, 'a gateway', misplacedRemedy(group[0]!.carrier));
}

/** A gateway or an appliance that carries the subnets of one zone from another zone. */
export interface Misplaced<C extends { readonly id: string; readonly placement: Placement } = { readonly id: string; readonly placement: Placement }> {
  readonly carrier: C;
  readonly zone: string;
  readonly subnets: readonly Subnet[];
  readonly tables: readonly RouteTable[];
}

/**
 * Carriers of one network (or block), all in one zone, each carrying the subnets of another zone: one per zone in
 * name only.
 * One finding, named by the first; `own` says what each zone has of its own (`a gateway`, `an instance`).
 */
export function misplacedReport(routing: Routing, group: readonly Misplaced[], own: string, remediation: string): Report {
  const first = group[0]!;
  const home = shortZone(zonesOf(first.carrier.placement)[0]!);
  const zones = [...new Set(group.map((g) => g.zone))].sort();
  const subnets = group.flatMap((g) => g.subnets);
  const victim = first.subnets[0]!;
  const table = routing.tablesOf(victim).find((t) => first.tables.includes(t));
  const names = group.map((g) => g.carrier.id);
  const who = names.length === 1 ? `${names[0]} runs` : `${listText(names)} ${names.length === 2 ? 'both' : 'all'} run`;
  return {
    resource: first.carrier.id,
    related: [...names.slice(1), ...new Set(group.flatMap((g) => g.tables.map((t) => t.id))), ...subnets.map((s) => s.id)],
    score: 5.0 + Math.min(1.5, 0.5 * zones.length) + Math.min(1, 0.1 * subnets.length),
    message: `${who} in ${home} but ${names.length === 1 ? 'carries' : 'carry'} the outbound traffic of the private subnets of ${listText(zones.map(shortZone))}: when ${home} fails, ${zones.length === 1 ? 'that zone loses its' : 'those zones lose their'} way out too, although ${zones.length === 1 ? 'it' : 'each'} has ${own} of its own.`,
    remediation,
    path: [victim.id, ...(table ? [table.id] : []), first.carrier.id],
  };
}

function misplacedRemedy(gateway: Gateway): string {
  if (gateway.gatewayKind === 'firewall') return egressRemedy(gateway);
  return gateway.cloud === 'aws'
    ? 'Place each zone\'s NAT gateway in a public subnet of that zone (with `count`, `subnet_id = aws_subnet.public[count.index].id`), so that the private subnets of a zone go out through their own zone.'
    : 'Place each zone\'s NAT gateway in that zone, so that the private subnets of a zone go out through their own zone, or use a zone-redundant (regional) NAT.';
}

/**
 * A network's workloads by zone: the hosts (instances, groups, container services, node groups) in each zone of its
 * subnets, what calls the cloud's services. Databases and load balancers call none through an endpoint.
 */
function workloadsByZone(graph: Graph, networkId: string): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const subnet of graph.sources(networkId, 'in-network', 'subnet')) {
    const members = graph.in(subnet.id, 'in-subnet').map((e) => graph.get(e.from)).filter((m): m is Entity => m?.kind === 'host');
    if (members.length === 0) continue;
    for (const zone of zonesUsed(graph, subnet)) {
      let set = out.get(zone);
      if (!set) out.set(zone, (set = new Set()));
      for (const m of members) set.add(m.id);
    }
  }
  return new Map([...out].map(([zone, ids]) => [zone, [...ids].sort()]));
}

/** `com.amazonaws.eu-west-1.ecr.api` -> `ecr.api`: the service, without its vendor and region. */
const serviceText = (name: string): string => name.replace(/^com\.amazonaws\.(vpce\.)?[a-z]{2}(-gov)?-[a-z]+-\d\./, '');

/**
 * Interface endpoints that run in one zone while the workloads of their network run in others too: every zone
 * reaches the service through the endpoint's interfaces, so when that zone fails, the workloads in the others lose
 * the service too (pulling images, fetching secrets, writing logs). One finding per block, network and zone, named by
 * the first endpoint, because endpoints come in sets (`for_each` over services) placed alike.
 */
export function* endpointReports(graph: Graph): Iterable<Report> {
  const byNetwork = new Map<string, Map<string, string[]>>();
  const groups = new Map<string, { endpoints: Gateway[]; network: string; zone: string; missing: string[]; workloads: string[] }>();
  for (const ep of graph.all('gateway')) {
    if (ep.gatewayKind !== 'endpoint' || isKnownTrue(ep.placement.zoneRedundant, (v) => v)) continue;
    // In two zones or more, the interfaces of the zones that survive still answer.
    const own = zonesOf(ep.placement);
    if (own.length !== 1) continue;
    for (const network of graph.targets(ep.id, 'serves', 'network')) {
      let used = byNetwork.get(network.id);
      if (!used) byNetwork.set(network.id, (used = workloadsByZone(graph, network.id)));
      const missing = [...used.keys()].filter((z) => !own.includes(z)).sort();
      if (missing.length === 0) continue;
      const key = `${ep.declaredBy}\u0000${network.id}\u0000${own[0]}`;
      const group = groups.get(key);
      if (group) group.endpoints.push(ep);
      else groups.set(key, { endpoints: [ep], network: network.id, zone: own[0]!, missing, workloads: [...new Set(missing.flatMap((z) => used.get(z) ?? []))].sort() });
    }
  }
  for (const { endpoints, network, zone, missing, workloads } of groups.values()) {
    const first = endpoints[0]!;
    const services = [...new Set(endpoints.flatMap((e) => e.peers ?? []).map(serviceText))].sort();
    const named =
      endpoints.length === 1
        ? `${first.id}${services.length === 1 ? ` (${services[0]})` : ''} has its interfaces`
        : `${plural(endpoints.length, 'interface endpoint')} of ${first.declaredBy}${services.length > 0 ? ` (${listText(services, 6)})` : ''} have their interfaces`;
    const where = shortZone(zone);
    yield {
      resource: first.id,
      related: [...endpoints.slice(1).map((e) => e.id), network, ...workloads],
      score: 4.5 + Math.min(1, 0.5 * missing.length),
      message: `${named} in ${where} only, while ${listText(workloads, 3)} also ${workloads.length === 1 ? 'runs' : 'run'} in ${listText(missing.map(shortZone))}: every zone of ${network} reaches ${endpoints.length === 1 ? 'the service' : 'those services'} through these interfaces, so when ${where} fails, the workloads in the other zones lose ${endpoints.length === 1 ? 'it' : 'them'} too.`,
      remediation: 'Give the endpoint a subnet in every zone its network\'s workloads run in (one subnet per zone in `subnet_ids`); each zone adds an interface, billed by the hour.',
    };
  }
}

/** The kinds of gateway that link a network to another site: either is a path there, and either backs up the other. */
const SITE_LINKS: ReadonlySet<Gateway['gatewayKind']> = new Set(['vpn', 'interconnect']);

/**
 * A VPN or a dedicated connection (Direct Connect, Cloud Interconnect, ExpressRoute) that is the only path to its
 * network: one independent path, and no other link to another site beside it but those that end on the same device
 * (two VPN connections to one on-premises router) or land at the same site (two Direct Connect connections at one
 * location). A VPN beside a dedicated connection is a second path, as the providers recommend as a backup. One
 * finding per such group, named by its first gateway.
 */
export function* vpnReports(graph: Graph): Iterable<Report> {
  const links = graph.all('gateway').filter((g) => SITE_LINKS.has(g.gatewayKind));
  const unserved = links.filter((g) => graph.out(g.id, 'serves').length === 0);
  for (const link of links) {
    if (link.paths.state === 'unknown' || link.paths.value >= 2) continue;
    const networks = graph.targets(link.id, 'serves', 'network');
    const siblings: Gateway[] = [
      ...new Set(
        networks.length > 0
          ? networks.flatMap((n) => graph.sources(n.id, 'serves', 'gateway')).filter((g) => SITE_LINKS.has(g.gatewayKind) && g.id !== link.id)
          : unserved.filter((g) => g.id !== link.id),
      ),
    ];
    const twins = siblings.filter((g) => sameDevice(link, g));
    if (twins.length < siblings.length || twins.some((g) => g.id < link.id)) continue;
    const to = networks.length > 0 ? ` to ${listText(networks.map((n) => n.id))}` : '';
    const device = link.peers?.[0];
    const all = listText([link.id, ...twins.map((g) => g.id)]);
    const common = {
      resource: link.id,
      related: [...twins.map((g) => g.id), ...networks.map((n) => n.id)],
      score: 5.5 + Math.min(1.5, 0.25 * trafficInDegree(graph, link.id)),
    };
    if (link.gatewayKind === 'interconnect') {
      yield {
        ...common,
        message:
          twins.length > 0 && device
            ? `${all} ${twins.length === 1 ? 'both' : 'all'} land at ${device}: one site, so one independent dedicated path${to}. When that location (its power, its fibre, the provider's equipment there) fails, the sites behind it are cut off, however many connections end there.${basisNote(link.paths.state)}`
            : `${link.id} is the only dedicated path${to}${device ? `, landing at ${device}` : ''}, with no VPN beside it: when the link or that location fails, the sites on the other side are cut off.${basisNote(link.paths.state)}`,
        remediation:
          'Add a connection at a second location (another Direct Connect location, the other edge availability domain, another ExpressRoute peering location), or a site-to-site VPN as a backup path.',
      };
      continue;
    }
    yield {
      ...common,
      message:
        twins.length > 0 && device
          ? `${all} ${twins.length === 1 ? 'both' : 'all'} end on ${device}: one device on the other side, so one independent VPN path${to}. When it fails, the sites behind it are cut off, however many connections reach it.${basisNote(link.paths.state)}`
          : `${link.id} is the only VPN path${to} (${plural(link.paths.value, 'independent path')}): when it or its peer fails, the sites on the other side are cut off.${basisNote(link.paths.state)}`,
      remediation:
        twins.length > 0
          ? 'Connect a second device on the other side (a second customer gateway on its own link), so the two connections end on two routers.'
          : link.redundancyKnob
            ? `${knobText(link.redundancyKnob)}, so that either path can carry the traffic alone.`
            : 'Add a second independent path: a second connection from a second gateway instance or to a second device on the other side, each able to carry the traffic alone.',
    };
  }
}

/**
 * Whether two single-path links of one kind end on the very same device or site (known on both, all of one among
 * the other's).
 */
function sameDevice(a: Gateway, b: Gateway): boolean {
  const [pa, pb] = [a.peers ?? [], b.peers ?? []];
  return a.gatewayKind === b.gatewayKind && pa.length > 0 && pb.length > 0 && b.paths.state !== 'unknown' && b.paths.value < 2 && pb.every((p) => pa.includes(p));
}

/**
 * A transit gateway attachment that leaves out zones whose subnets route to the transit gateway: AWS forwards a
 * subnet's traffic to a transit gateway only from zones where the attachment has a subnet, so those subnets cannot
 * reach it at all, and an attachment in one zone cuts the whole VPC off when that zone fails. One finding per
 * attachment, named by it.
 */
export function* attachmentReports(graph: Graph, routing: Routing): Iterable<Report> {
  for (const hub of graph.all('gateway')) {
    if (hub.gatewayKind !== 'transit') continue;
    const attachments = graph.sources(hub.id, 'member-of', 'gateway');
    if (attachments.length === 0) continue;
    const { subnets, tables } = routing.subnetsBehind(hub);
    for (const attachment of attachments) {
      if (attachment.placement.zones.state === 'unknown') continue;
      const own = zonesOf(attachment.placement);
      if (own.length === 0) continue;
      const networks = graph.targets(attachment.id, 'serves', 'network');
      const outside = subnets.filter(
        (s) => graph.targets(s.id, 'in-network', 'network').some((n) => networks.includes(n)) && zonesOf(s.placement).some((z) => !own.includes(z)),
      );
      if (outside.length === 0) continue;
      const zones = [...new Set(outside.flatMap((s) => zonesOf(s.placement)))].filter((z) => !own.includes(z)).sort();
      const victim = outside[0]!;
      const table = routing.tablesOf(victim).find((t) => tables.includes(t));
      const cut = own.length === 1 ? `, and when ${shortZone(own[0]!)} fails the VPC loses the transit gateway altogether` : '';
      yield {
        resource: attachment.id,
        related: [hub.id, ...networks.map((n) => n.id), ...outside.map((s) => s.id)],
        score: 5.5 + Math.min(1, 0.25 * outside.length),
        message: `${attachment.id} attaches ${listText(networks.map((n) => n.id))} to ${hub.id} from ${listText(own.map(shortZone))} only, but ${plural(outside.length, 'subnet')} in ${listText(zones.map(shortZone))} route to it: AWS forwards traffic to a transit gateway only from zones where the attachment has a subnet, so they cannot reach it${cut}.`,
        remediation: 'Give the attachment a subnet in every zone (`subnet_ids`, one small subnet per zone) so that every zone reaches the transit gateway on its own.',
        path: [victim.id, ...(table ? [table.id] : []), attachment.id, hub.id],
      };
    }
  }
}

const ZONAL_KINDS = ['subnet', 'host', 'load-balancer', 'gateway', 'datastore'] as const;

/**
 * The whole stack in one zone: every zonal entity of the model (zone-redundant ones aside) sits in the same zone.
 * One finding, named by the network, or else by the first entity no other report of the rule names (`taken`), since
 * one zone outage takes everything at once. Workloads whose zone the plan does not show (known only after apply, or
 * picked by the cloud) may land elsewhere: the finding then counts them, says so and ranks a point lower.
 */
export function stackReport(graph: Graph, taken: ReadonlySet<string> = new Set()): Report | undefined {
  const zonal: Entity[] = [];
  const unshown: string[] = [];
  const zones = new Set<string>();
  for (const kind of ZONAL_KINDS) {
    for (const e of graph.all(kind)) {
      const placement: Placement = e.placement;
      if (isKnownTrue(placement.zoneRedundant, (v) => v)) continue;
      const z = zonesOf(placement);
      if (z.length === 0) {
        if (kind !== 'subnet' && zoneNotShown(placement)) unshown.push(e.id);
        continue;
      }
      zonal.push(e);
      for (const zone of z) zones.add(zone);
    }
  }
  // Subnets, transit gateway attachments and service endpoints are the network's plumbing: a network-only stack runs nothing itself.
  const workloads = zonal.filter((e) => e.kind !== 'subnet' && !(e.kind === 'gateway' && (e.gatewayKind === 'transit' || e.gatewayKind === 'endpoint')));
  if (zones.size !== 1 || zonal.length < 2 || workloads.length === 0) return undefined;
  const [zone] = [...zones];
  const ids = zonal.map((e) => e.id).sort();
  // When every zonal resource has a report of its own, each already says where it runs: nothing to add.
  const resource = graph.all('network')[0]?.id ?? ids.find((id) => !taken.has(id));
  if (resource === undefined) return undefined;
  const all = zonal.length === 2 ? 'Both' : `All ${zonal.length}`;
  if (unshown.length > 0) {
    const others = unshown.sort();
    return {
      resource,
      related: [...ids, ...others].filter((id) => id !== resource),
      score: (zonal.length >= 5 ? 4.5 : 3.5) - 1,
      message: `${all} zonal resources of this configuration whose zone the plan shows (${listText(ids, 3)}) sit in one zone (${shortZone(zone!)}), and ${plural(others.length, 'other')} (${listText(others, 3)}) ${others.length === 1 ? 'gets its zone' : 'get their zones'} only after apply or from the cloud's choice: unless ${others.length === 1 ? 'it lands' : 'they land'} elsewhere, one zone outage takes the whole stack down at once.`,
      remediation: 'Spread subnets, instances, load balancers and databases over at least two zones, and pin the zone of each (a subnet or zone in its configuration) so that the spread shows in the plan.',
    };
  }
  return {
    resource,
    related: ids.filter((id) => id !== resource),
    score: zonal.length >= 5 ? 4.5 : 3.5,
    message: `${all} zonal resources of this configuration (${listText(ids, 3)}) sit in one zone (${shortZone(zone!)}): one zone outage takes the whole stack down at once.`,
    remediation: 'Spread subnets, instances, load balancers and databases over at least two zones.',
  };
}

/** A zonal thing whose zone the plan does not show: known only after apply, or left to the cloud to pick. */
const zoneNotShown = (placement: Placement): boolean => placement.zones.state === 'unknown' || (placement.zones.state === 'default' && placement.zones.value.length === 0);
