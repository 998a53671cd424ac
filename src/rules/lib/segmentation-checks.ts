import { INTERNET, ingressKey, openings, poolPorts, type Graph, type ServiceAnalysis, type ServiceNode } from '../../graph/index.js';
import { isAzureServicesPeer, type DataStore, type Entity, type FirewallRule, type Peer } from '../../model/index.js';
import type { Report, RuleSettings } from '../rule.js';
import { broadness } from './cidr.js';
import { worldOpen } from './memo.js';
import { balancersInFront, passthroughPorts, publicReach, type Reach, type Routing } from './network.js';
import { APP_PORTS, WEB_PORTS, coveredPorts, coversAll, describeStretches, mergeStretches, withoutAllowed, type Stretch } from './ports.js';
import { listText } from './text.js';

/** One part of a data store's segmentation finding. */
export interface Flaw {
  readonly score: number;
  readonly message: string;
  readonly remediation: string;
  readonly related: readonly string[];
  readonly path?: readonly string[];
}

/** The address ranges of the networks an entity lives in (through its subnets or its policies). */
function networkCidrs(graph: Graph, store: Entity): string[] {
  const networks = new Set<string>();
  for (const s of graph.targets(store.id, 'in-subnet', 'subnet')) for (const n of graph.targets(s.id, 'in-network', 'network')) networks.add(n.id);
  for (const p of graph.targets(store.id, 'protected-by', 'firewall-policy')) for (const n of graph.targets(p.id, 'in-network', 'network')) networks.add(n.id);
  return [...networks].flatMap((id) => {
    const n = graph.get(id);
    return n?.kind === 'network' ? n.cidrs : [];
  });
}

/**
 * Azure's 0.0.0.0-0.0.0.0 database firewall rule ("allow Azure services and resources to access this server"):
 * Microsoft's docs say it "configures the firewall to allow all connections from Azure, including connections from
 * the subscriptions of other customers".
 */
const isAzureServices = isAzureServicesPeer;
const AZURE_SERVICES_TEXT = 'every Azure service (the 0.0.0.0-0.0.0.0 rule, which admits other Azure customers\' resources too)';

/**
 * A data store that admits whole address ranges (a /16 or broader, or its whole network) on its client ports
 * instead of the application's group. World-open stores are open-ingress's: one weak link, one finding.
 */
export function broadAccess(graph: Graph, store: DataStore): Flaw | undefined {
  const cidrs = networkCidrs(graph, store);
  // Ranges that add up to the internet with others are open-ingress's and data-reachable's: one weak link, one finding.
  const world = new Set(worldOpen(graph, store).flatMap((o) => o.rules));
  const broad = (peer: Peer, rule: FirewallRule): boolean => !world.has(rule) && ((peer.kind === 'cidr' && broadness(peer.cidr, cidrs) !== undefined) || isAzureServices(peer));
  const open = openings(graph, store, broad);
  const stretches: Stretch[] = mergeStretches(open.map((o) => ({ protocol: o.protocol, from: o.ports.from, to: o.ports.to })));
  const ports = store.ports.length > 0 ? coveredPorts(stretches, store.ports) : [];
  if (store.ports.length > 0 ? ports.length === 0 : stretches.length === 0) return undefined;
  const rules = open.flatMap((o) => o.rules);
  const ranges = [...new Set(rules.flatMap((r) => r.peers.flatMap((p) => (p.kind === 'cidr' && broad(p, r) ? [p.cidr] : []))))].sort();
  const azure = rules.some((r) => r.peers.some((p) => isAzureServices(p) && broad(p, r)));
  const addresses = [...new Set(rules.map((r) => r.source[0] ?? r.id))].sort();
  const whole = ranges.map((r) => broadness(r, cidrs)).find((b) => b?.startsWith('the whole'));
  const widest = Math.min(...ranges.map((r) => Number(r.split('/')[1] ?? 32)));
  const what = ports.length > 0 ? `port ${ports.join(', ')}` : describeStretches(stretches);
  const sources = [...(ranges.length > 0 ? [`${listText(ranges)}${whole ? ` (${whole})` : ''}`] : []), ...(azure ? [AZURE_SERVICES_TEXT] : [])];
  const inThem = ranges.length === 0 ? 'any Azure subscription' : ranges.length === 1 && !azure ? 'that range' : 'those ranges';
  return {
    score: widest <= 8 ? 6.0 : 5.0,
    message: `${store.id} admits ${what} from ${sources.join(' and ')} through ${listText(addresses)}, not only from the application that uses it: anything compromised in ${inThem} can reach the data.`,
    remediation: azure
      ? 'Delete the 0.0.0.0-0.0.0.0 rule ("allow Azure services") and admit the data port only from the application\'s subnets (a virtual network rule or a private endpoint) or its exact addresses, not from whole address ranges.'
      : 'Admit the data port only from the application\'s security group (or its own subnets), not from whole address ranges.',
    related: addresses,
  };
}

/**
 * A data store in a public subnet: one whose route table sends 0.0.0.0/0 or ::/0 to an internet gateway, or that
 * hands out public addresses. One setting (public accessibility) then puts it on the internet.
 */
export function publicPlacement(graph: Graph, routing: Routing, store: DataStore): Flaw | undefined {
  const found: Array<{ subnet: string; why: string; path: string[] }> = [];
  for (const subnet of graph.targets(store.id, 'in-subnet', 'subnet')) {
    const [route] = routing.internetRoutes(subnet);
    if (route) found.push({ subnet: subnet.id, why: `routes to ${route.gateway.id}`, path: ['internet', route.gateway.id, route.table.id, subnet.id, store.id] });
    else if (subnet.assignsPublicIp.state !== 'unknown' && subnet.assignsPublicIp.value) found.push({ subnet: subnet.id, why: 'hands out public addresses', path: [subnet.id, store.id] });
  }
  const first = found[0];
  if (!first) return undefined;
  const access = store.publiclyAccessible;
  const score = access.state === 'unknown' ? 5.5 : access.value ? 7.0 : access.state === 'default' ? 5.0 : 3.5;
  const subnets = found.map((f) => `${f.subnet} (${f.why})`);
  const where = found.length === 1 ? `sits in public subnet ${subnets[0]}` : `can be placed in public subnets ${listText(subnets)}`;
  const consequence =
    access.state !== 'unknown' && access.value
      ? worldOpen(graph, store).length > 0
        ? ', and it is publicly accessible, so it answers the internet from there.'
        : ', and it is publicly accessible: its address answers the internet, and its firewall rules are all that keep the internet out.'
      : ': one setting (public accessibility or a public address) away from answering the internet.';
  return {
    score,
    message: `${store.id} ${where}${consequence}`,
    remediation: 'Place the data store only in private subnets: no route to an internet gateway and no public addresses.',
    related: found.map((f) => f.subnet),
    path: first.path,
  };
}

const BYPASS_SCORE: Readonly<Record<Reach, number>> = { yes: 6.5, unknown: 6.0, no: 4.5 };

/**
 * Hosts a load balancer stands in front of (a pool targets them) that also answer the internet directly on web
 * or app ports. A world opening of every port is open-ingress's finding, not this one.
 */
export function* bypassReports(graph: Graph, settings: RuleSettings): Iterable<Report> {
  for (const host of graph.all('host')) {
    const pools = graph.sources(host.id, 'targets', 'target-pool');
    if (pools.length === 0) continue;
    const appPorts = [...WEB_PORTS, ...APP_PORTS, ...pools.flatMap((p) => poolPorts(graph, p))];
    const open = worldOpen(graph, host).filter((o) => {
      const stretch = { protocol: o.protocol, from: o.ports.from, to: o.ports.to };
      return !coversAll(stretch) && coveredPorts([stretch], appPorts).length > 0;
    });
    if (open.length === 0) continue;
    const addresses = [...new Set(open.flatMap((o) => o.rules.map((r) => r.source[0] ?? r.id)))].sort();
    const stretches = withoutAllowed(
      open.map((o) => ({ protocol: o.protocol, from: o.ports.from, to: o.ports.to })),
      (port) => [host.id, ...addresses].some((a) => settings.worldOpenAllowed(a, port)),
    );
    const ports = coveredPorts(stretches, appPorts);
    if (ports.length === 0) continue;
    const reach = publicReach(graph, host);
    // Behind a network load balancer that hands it the clients' addresses, the host must admit the world on the
    // pool's port: with no public address of its own, the load balancer is the only way in.
    const passthrough = passthroughPorts(graph, host);
    const needed = ports.every((p) => passthrough.includes(p));
    if (needed && reach === 'no') continue;
    const fronts = [...new Set(pools.flatMap((p) => balancersInFront(graph, p.id)))].sort();
    const inFront = fronts.length > 0 ? fronts : pools.map((p) => p.id);
    const front = `${listText(inFront)} ${inFront.length === 1 ? 'stands' : 'stand'}`;
    yield {
      resource: host.id,
      related: [...addresses, ...fronts, ...pools.map((p) => p.id)],
      score: BYPASS_SCORE[reach],
      message: needed
        ? `${host.id} answers the internet directly on port ${ports.join(', ')} (through ${listText(addresses)}) although ${front} in front of it: the network load balancer hands it the clients' addresses, so the opening is needed, but the host's own public address lets anyone go around the load balancer.`
        : `${host.id} answers the internet directly on port ${ports.join(', ')} (through ${listText(addresses)}) although ${front} in front of it: anyone can go around the load balancer, past its TLS, firewall and rate limits.`,
      remediation: needed
        ? 'Give the host no public address (a private subnet, no public IP): the load balancer still reaches it. Or give the network load balancer a security group and admit only that group.'
        : 'Admit the app port only from the load balancer\'s security group (or its subnets) and give the host no public address.',
      path: ['internet', addresses[0]!, host.id],
    };
  }
}

/** At most this many fronts are kept per junction: enough to name them, bounded whatever the plan's size. */
const FRONTS_KEPT = 4;

/**
 * The edge-tier nodes (load balancers, proxies) whose service edges reach each junction, directly or through other
 * junctions: one breadth-first pass from every edge-tier node, each junction keeping its first few, so that asking
 * for the front of every app node costs its in-degree, not a search each.
 */
function frontsByJunction(a: ServiceAnalysis): Map<number, number[]> {
  const { service } = a;
  const out = new Map<number, number[]>();
  const queue: Array<[number, number]> = [];
  for (const node of service.nodes) {
    if (!isFront(a, node.index)) continue;
    for (const e of service.out[node.index]!) if (e.service && service.nodes[e.to]!.kind === 'junction') queue.push([e.to, node.index]);
  }
  for (let head = 0; head < queue.length; head++) {
    const [junction, front] = queue[head]!;
    let list = out.get(junction);
    if (!list) out.set(junction, (list = []));
    if (list.includes(front) || list.length >= FRONTS_KEPT) continue;
    list.push(front);
    for (const e of service.out[junction]!) if (e.service && service.nodes[e.to]!.kind === 'junction') queue.push([e.to, front]);
  }
  return out;
}

/**
 * A front: an edge-tier node, a load balancer or hosts the internet reaches on 80/443 (proxies). A bastion the
 * internet reaches on SSH alone is of the app tier (graph/tiers), and stands in front of nothing.
 */
const isFront = (a: ServiceAnalysis, v: number): boolean => v !== INTERNET && a.service.nodes[v]!.kind !== 'junction' && a.tiers[v] === 'edge';

/** The fronts of node `v`: its direct service sources that are fronts, and its junctions' fronts. */
function frontsOf(a: ServiceAnalysis, byJunction: ReadonlyMap<number, readonly number[]>, v: number): ServiceNode[] {
  const { service } = a;
  const found = new Set<number>();
  for (const e of service.in[v]!) {
    if (!e.service || e.from === INTERNET) continue;
    if (service.nodes[e.from]!.kind === 'junction') for (const f of byJunction.get(e.from) ?? []) found.add(f);
    else if (isFront(a, e.from)) found.add(e.from);
  }
  return [...found].map((f) => service.nodes[f]!).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/**
 * App hosts with a tier in front of them (a load balancer with a firewall of its own, or proxies) that admit
 * their service ports from whole address ranges (a /16 or broader, or their whole network) rather than from that
 * tier: anything compromised in the range reaches the app without passing the front. Behind a load balancer with
 * no firewall of its own (an AWS network load balancer without a security group) a range is how it gets through,
 * so those are left alone. What a host admits from broad ranges is worked out once per set of policies.
 */
export function* broadAppReports(a: ServiceAnalysis, settings: RuleSettings): Iterable<Report> {
  const { graph, service, tiers } = a;
  const byJunction = frontsByJunction(a);
  const broadOpenings = new Map<string, ReturnType<typeof openings>>();
  for (const node of service.nodes) {
    if (node.kind !== 'hosts' || tiers[node.index] !== 'app') continue;
    const fronts = frontsOf(a, byJunction, node.index);
    if (fronts.length === 0) continue;
    if (fronts.some((f) => f.kind === 'load-balancer' && f.members.some((m) => graph.targets(m.id, 'protected-by', 'firewall-policy').length === 0))) continue;
    const host = node.members.find((m) => m.kind === 'host');
    if (!host) continue;
    const cidrs = networkCidrs(graph, host);
    const broad = (peer: Peer): boolean => peer.kind === 'cidr' && broadness(peer.cidr, cidrs) !== undefined;
    const memoKey = `${ingressKey(graph, host)}#${cidrs.join(',')}`;
    let open = broadOpenings.get(memoKey);
    if (!open) broadOpenings.set(memoKey, (open = openings(graph, host, broad)));
    if (open.length === 0) continue;
    const edgePorts = service.in[node.index]!.filter((e) => e.service).flatMap((e) => e.ports);
    const stretches: Stretch[] = mergeStretches(open.map((o) => ({ protocol: o.protocol, from: o.ports.from, to: o.ports.to })));
    const wanted = edgePorts.length > 0 ? edgePorts.flatMap((r) => (r.to - r.from < 64 ? range(r.from, r.to) : [r.from])) : [...WEB_PORTS, ...APP_PORTS];
    const ports = coveredPorts(stretches, [...new Set(wanted)]).filter((port) => !settings.worldOpenAllowed(host.id, port));
    if (ports.length === 0) continue;
    const rules = open.flatMap((o) => o.rules);
    const ranges = [...new Set(rules.flatMap((r) => r.peers.flatMap((p) => (p.kind === 'cidr' && broad(p) ? [p.cidr] : []))))].sort();
    const addresses = [...new Set(rules.map((r) => r.source[0] ?? r.id))].sort();
    const whole = ranges.map((r) => broadness(r, cidrs)).find((b) => b?.startsWith('the whole'));
    const front = listText(fronts.map((f) => f.id));
    yield {
      resource: node.id,
      related: [...addresses, ...fronts.map((f) => f.id)],
      score: 3.5,
      message: `${node.id} admits port ${ports.join(', ')} from ${listText(ranges)}${whole ? ` (${whole})` : ''} through ${listText(addresses)}, not only from ${front} in front of it: anything compromised in ${ranges.length === 1 ? 'that range' : 'those ranges'} reaches the app without passing ${fronts.length === 1 ? 'it' : 'them'}.`,
      remediation: `Admit the app port only from the security group of ${front} (or the subnets it runs in), not from whole address ranges.`,
    };
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
