import { openings, policyLayers, publicAddress, servesTraffic, type Graph, type Opening } from '../../graph/index.js';
import { isKnownTrue, isSensitivePeer, type Host, type LoadBalancer, type TargetPool } from '../../model/index.js';
import type { Report } from '../rule.js';
import { worldOpen } from './memo.js';
import { balancersInFront, oneZone, publicReach, Routing, zonesOf, zonesUsed, type Reach } from './network.js';
import { misplacedReport, type Misplaced } from './spof-network.js';
import { basisNote, knobText, listText, plural, zoneText } from './text.js';

/** How much rides on an entity: what forwards to it, capped, and a bump when the internet reaches it. */
function weight(dependents: number, reach: Reach): number {
  return Math.min(2, 0.5 * dependents) + (reach === 'yes' ? 1 : 0);
}

/** Why a host counts as serving traffic, and what that rests on when a default decides it. */
interface Serving {
  /** In the message's parentheses: `behind aws_lb.web`, `with a public address`. */
  readonly why: string;
  /** A sentence closing the message when the verdict rests on a default or on what the plan does not show, else empty. */
  readonly note: string;
  /** The verdict rests on a firewall the plan does not hold: ranked a little lower. */
  readonly unseen?: boolean;
}

/** A public address by default: the host does not say whether it gets one, and the provider's default gives it one. */
const DEFAULT_ADDRESS_NOTE = ' It gets that public address by default: its configuration neither asks for one nor turns it off.';

/**
 * No firewall of the host is in the plan (it names none, and its network's default group is not managed here, or it
 * names groups declared elsewhere): what it admits, and so whether it serves anyone, is not shown.
 */
const UNSEEN_FIREWALL_NOTE = ' This plan holds no firewall rules for it, so what its address lets in is not shown.';

/** Why a host counts as serving traffic, or undefined when nothing sends it any. */
function servingWhy(graph: Graph, host: Host, inFront: readonly string[], reach: Reach, routed: number): Serving | undefined {
  const plain = (why: string): Serving => ({ why, note: '' });
  if (inFront.length > 0) return plain(`behind ${listText(inFront)}`);
  // An appliance (a NAT instance, a network virtual appliance) that route tables send subnets' traffic to.
  if (routed > 0) return plain(`the next hop for ${plural(routed, 'subnet')}`);
  // A public host whose firewall admits only admin ports (a bastion, a jump host) serves no one: when it fails,
  // the admins wait, production does not stop. An SSH port open to the world is open-ingress's finding. An address
  // the plan knows only after apply is not claimed: with no firewall to show what it admits, nothing is reported.
  if (reach === 'yes' && answersService(graph, host)) {
    const address = publicAddress(graph, host).basis === 'default' ? DEFAULT_ADDRESS_NOTE : '';
    const unseen = !planRulesInFront(graph, host);
    return { why: 'with a public address', note: `${address}${unseen ? UNSEEN_FIREWALL_NOTE : ''}`, ...(unseen ? { unseen } : {}) };
  }
  if (beyondAdmin(worldOpen(graph, host))) return plain('open to the internet');
  if (host.role === 'cluster') return plain('a cluster control plane');
  return undefined;
}

/** Some opening admits a port that is not an admin port. */
const beyondAdmin = (open: readonly Opening[]): boolean => servesTraffic(open.map((o) => o.ports));

/**
 * Whether a host admits, from anyone, more than admin ports; true when no firewall is modelled in front of it. Rules
 * whose sources (or whole contents) the plan hides say nothing about what the host serves: the stand-in for a
 * hidden rule admits every port only so that open-ingress can say it cannot tell.
 */
function answersService(graph: Graph, host: Host): boolean {
  if (!planRulesInFront(graph, host)) return true;
  return beyondAdmin(openings(graph, host, (peer, rule) => rule.hidden !== true && rule.presumed === undefined && !isSensitivePeer(peer)));
}

/**
 * Whether the plan holds some rule of a firewall in front of the host. Rules the cloud presumably made (GCP's
 * default network's) are not the plan's: what they admit is open-ingress's to say, hedged, not a basis for this rule.
 */
function planRulesInFront(graph: Graph, host: Host): boolean {
  return policyLayers(graph, host.id).some((layer) =>
    layer.some((policy) => {
      const rules = graph.rulesOf(policy);
      return rules.length === 0 || rules.some((r) => r.presumed === undefined);
    }),
  );
}

/**
 * Hosts that serve traffic with nothing beside them: a lone instance (no sibling of the same block, no group, no
 * other member in any pool that targets it), a group that can never exceed one instance, or a group whose
 * instances all run in one zone.
 */
export function* hostReports(graph: Graph, routing: Routing = new Routing(graph)): Iterable<Report> {
  const byBlock = new Map<string, Host[]>();
  for (const h of graph.all('host')) {
    const list = byBlock.get(h.declaredBy);
    if (list) list.push(h);
    else byBlock.set(h.declaredBy, [h]);
  }
  // Pools are shared by many hosts: what stands in front of each and how many members it has, once.
  const pooled = new Map<string, { readonly fronts: string[]; readonly members: number }>();
  const poolInfo = (pool: TargetPool) => {
    let info = pooled.get(pool.id);
    if (!info) pooled.set(pool.id, (info = { fronts: balancersInFront(graph, pool.id), members: new Set(graph.out(pool.id, 'targets').map((e) => e.to)).size }));
    return info;
  };
  let appliances: ApplianceSpans | undefined;
  const misplaced = new Map<string, Misplaced<Host>[]>();
  for (const host of graph.all('host')) {
    const pools = graph.sources(host.id, 'targets', 'target-pool');
    const reach = publicReach(graph, host);
    const fronts = [...new Set(pools.flatMap((p) => poolInfo(p).fronts))].sort();
    if (host.role === 'function') {
      const report = functionReport(host, fronts.length > 0 ? fronts : pools.map((p) => p.id));
      if (report) yield report;
      continue;
    }
    const routed = graph.in(host.id, 'routes-to').length > 0 ? routing.subnetsBehind(host).subnets.length : 0;
    const serving = servingWhy(graph, host, fronts.length > 0 ? fronts : pools.map((p) => p.id), reach, routed);
    if (!serving) continue;
    // What depends on the host: the load balancers in front of it (or its pools, when none is modelled).
    const extra = weight(Math.max(fronts.length, pools.length), reach) - (serving.unseen ? 0.5 : 0);
    const path = pools[0] ? [...poolInfo(pools[0]).fronts.slice(0, 1), pools[0].id, host.id] : undefined;
    const base = { resource: host.id, related: [...pools.map((p) => p.id), ...fronts], ...(path ? { path } : {}) };
    if (host.role === 'cluster') {
      const basis = isKnownTrue(host.replicas.max, (n) => n <= 1) ? host.replicas.max.state : oneZone(host.placement, false);
      if (basis) {
        yield {
          ...base,
          score: 4.0 + extra - (basis === 'unknown' ? 1.5 : 0),
          message: `${host.id} runs its control plane in ${zoneText(host.placement.zones)} only: a zone outage takes down the cluster's API, so its workloads can no longer be scheduled, scaled or healed.${basisNote(basis)}`,
          remediation: host.scaleKnob ? `${knobText(host.scaleKnob)}.` : 'Use a regional (zone-redundant) control plane.',
        };
      }
      continue;
    }
    if (host.role === 'instance') {
      if ((byBlock.get(host.declaredBy)?.length ?? 0) > 1 || graph.out(host.id, 'member-of').length > 0) {
        // Siblings stand in for each other, unless they are appliances that carry one zone's subnets from another.
        const wrong = routed > 0 && pools.length === 0 ? misplacedAppliance(graph, routing, host) : undefined;
        if (wrong) {
          const key = `${host.declaredBy}\u0000${zonesOf(host.placement)[0]}`;
          const list = misplaced.get(key);
          if (list) list.push(wrong);
          else misplaced.set(key, [wrong]);
        }
        continue;
      }
      if (pools.some((p) => poolInfo(p).members > 1)) continue;
      // An appliance: what depends on it is the routes that send it traffic, not a load balancer in front.
      const appliance = routed > 0 && pools.length === 0;
      if (appliance && (appliances ??= applianceSpans(graph, routing)).zoneAligned(host)) continue;
      yield {
        ...base,
        score: 4.5 + extra,
        message: appliance
          ? `${host.id} is a single instance carrying traffic (${serving.why}) with nothing beside it: when it, its host or its zone fails, the traffic those routes send it (out to the internet, or to other networks) stops.`
          : `${host.id} is a single instance serving traffic (${serving.why}) with nothing beside it: when it, its host or its zone fails, everything it serves stops.${serving.note}`,
        remediation: appliance
          ? 'Replace the appliance with a managed, zone-redundant service (a NAT gateway per zone, a cloud firewall across zones), or run two appliances in different zones behind an internal load balancer and route to its frontend.'
          : 'Run it as a group of at least two instances in different zones (autoscaling group, managed instance group, scale set) behind a load balancer.',
      };
      continue;
    }
    if (isKnownTrue(host.replicas.max, (n) => n <= 1)) {
      yield {
        ...base,
        score: 4.5 + extra,
        message: `${host.id} serves traffic (${serving.why}) but can never run more than 1 ${unitOf(host)}: when that ${unitOf(host)} or its zone fails, everything it serves stops until a replacement ${host.role === 'container-service' ? 'starts' : 'boots'}.${basisNote(host.replicas.max.state)}${serving.note}`,
        remediation: host.scaleKnob
          ? `${knobText(host.scaleKnob)}.`
          : host.role === 'container-service'
            ? 'Run at least 2 tasks (the desired count, and the autoscaling minimum and maximum where there is autoscaling) in subnets of two zones or more.'
            : 'Raise the maximum (and the minimum) to at least 2 and spread the group over two zones or more.',
      };
      continue;
    }
    const basis = oneZone(host.placement, false);
    // Zonal groups side by side (one per zone, for_each over zones, behind one pool) stand in for each other.
    if (basis && peerZones(graph, host, byBlock.get(host.declaredBy) ?? [], pools).size < 2) {
      yield {
        ...base,
        score: 3.5 + extra - (basis === 'unknown' ? 1.5 : 0),
        message: `${host.id} serves traffic (${serving.why}) from ${zoneText(host.placement.zones)} only: a zone outage stops all its ${unitOf(host)}s at once.${basisNote(basis)}${serving.note}`,
        remediation: 'Give the group subnets or zones in at least two zones.',
      };
    }
  }
  for (const group of misplaced.values()) yield misplacedReport(routing, group, 'an instance', applianceFix(group[0]!.carrier));
}

/**
 * A serverless function in a network whose subnets all lie in one zone. Whatever invokes it (an API, a queue, a
 * schedule: mostly outside the plan's network model), a zone outage stops every invocation, so it is reported
 * whether or not a load balancer is seen in front. Subnets the plan does not hold say nothing about their zones.
 */
function functionReport(host: Host, inFront: readonly string[]): Report | undefined {
  const basis = oneZone(host.placement, false);
  if (basis !== 'set') return undefined;
  const serving = inFront.length > 0 ? ` (behind ${listText(inFront)})` : '';
  return {
    resource: host.id,
    related: [...inFront],
    score: 4.0 + weight(inFront.length, 'no'),
    message: `${host.id} is a function${serving} attached to subnets in ${zoneText(host.placement.zones)} only: it can run only in its subnets' zones, so a zone outage stops every invocation until the zone recovers.`,
    remediation: host.scaleKnob ? `${knobText(host.scaleKnob)}.` : 'Give the function subnets in two zones or more.',
  };
}

/** How to give each zone its own appliance again. */
function applianceFix(host: Host): string {
  const where = host.cloud === 'aws' ? 'in a subnet of that zone (with `count`, `subnet_id = aws_subnet.public[count.index].id`)' : 'in that zone';
  return `Place each zone's appliance ${where}, so that the private subnets of a zone go out through their own zone; or replace the appliances with a managed, zone-redundant service.`;
}

interface ApplianceSpans {
  /**
   * One appliance per zone: the subnets routed through `host` all lie in its own zone, and another appliance carries
   * subnets of the same network in other zones only. Losing the instance then costs what losing its zone costs,
   * which the zones beside it are there to absorb; the same set declared with `count` is one block of siblings.
   */
  zoneAligned(host: Host): boolean;
}

/**
 * The zones and networks of the subnets each routed-to host (an appliance) carries, for all such hosts at once, and
 * per network how many appliances carry zones there and how many carry each zone: linear in the appliances.
 */
function applianceSpans(graph: Graph, routing: Routing): ApplianceSpans {
  const spans = new Map<string, { zones: Set<string>; networks: Set<string> }>();
  const carriers = new Map<string, number>();
  const byZone = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const h of graph.all('host')) {
    if (h.role !== 'instance' || graph.in(h.id, 'routes-to').length === 0) continue;
    const zones = new Set<string>();
    const networks = new Set<string>();
    for (const s of routing.subnetsBehind(h).subnets) {
      for (const z of zonesUsed(graph, s)) zones.add(z);
      for (const e of graph.out(s.id, 'in-network')) networks.add(e.to);
    }
    spans.set(h.id, { zones, networks });
    if (zones.size === 0) continue;
    for (const n of networks) {
      count(carriers, n);
      for (const z of zones) count(byZone, `${n}\u0000${z}`);
    }
  }
  return {
    zoneAligned(host: Host): boolean {
      const own = spans.get(host.id);
      if (!own || own.zones.size !== 1) return false;
      const [zone] = own.zones;
      const placed = zonesOf(host.placement);
      if (placed.length > 0 && (placed.length !== 1 || placed[0] !== zone)) return false;
      // Another appliance of a shared network carries zones, none of them this one.
      return [...own.networks].some((n) => (carriers.get(n) ?? 0) - (byZone.get(`${n}\u0000${zone}`) ?? 0) > 0);
    },
  };
}

/**
 * An appliance instance whose routed subnets all lie in one zone, while it runs in another: the per-zone NAT
 * instance placed in the first zone's public subnet (`subnet_id = aws_subnet.public[0].id` in a `count` block).
 */
function misplacedAppliance(graph: Graph, routing: Routing, host: Host): Misplaced<Host> | undefined {
  const placed = zonesOf(host.placement);
  if (placed.length !== 1) return undefined;
  const { subnets, tables } = routing.subnetsBehind(host);
  const zones = new Set(subnets.flatMap((s) => zonesUsed(graph, s)));
  const [zone] = zones;
  return zones.size === 1 && zone !== placed[0] ? { carrier: host, zone: zone!, subnets, tables } : undefined;
}

/** What a host runs copies of, in words: a container service's tasks, a node group's nodes, else instances. */
const unitOf = (host: Host): string => (host.role === 'container-service' ? 'task' : host.role === 'node-group' ? 'node' : 'instance');

/** Known zones of the host and of its peers: the other instances of its block and the other members of its pools. */
function peerZones(graph: Graph, host: Host, siblings: readonly Host[], pools: readonly TargetPool[]): Set<string> {
  const peers = new Map<string, Host>([[host.id, host]]);
  for (const h of siblings) peers.set(h.id, h);
  for (const pool of pools) for (const member of graph.targets(pool.id, 'targets', 'host')) peers.set(member.id, member);
  const zones = new Set<string>();
  for (const peer of peers.values()) if (peer.placement.zones.state !== 'unknown') for (const z of peer.placement.zones.value) zones.add(z);
  return zones;
}

/** The hosts a load balancer forwards to, directly or through its listeners. */
function backendsOf(graph: Graph, lb: LoadBalancer): { pools: string[]; hosts: string[] } {
  const fronts = [lb.id, ...graph.in(lb.id).map((e) => e.from).filter((id) => graph.get(id)?.kind === 'listener')];
  const pools = [...new Set(fronts.flatMap((f) => graph.targets(f, 'forwards-to', 'target-pool').map((p) => p.id)))].sort();
  const hosts = [...new Set(pools.flatMap((p) => graph.out(p, 'targets').map((e) => e.to)))].sort();
  return { pools, hosts };
}

/** Load balancers that live in one zone: the backends behind them fall with that zone wherever they run. */
export function* loadBalancerReports(graph: Graph): Iterable<Report> {
  for (const lb of graph.all('load-balancer')) {
    const basis = oneZone(lb.placement);
    if (!basis) continue;
    const { pools, hosts } = backendsOf(graph, lb);
    const reach = publicReach(graph, lb);
    const firstPool = pools[0];
    const firstHost = firstPool ? graph.out(firstPool, 'targets')[0]?.to : undefined;
    const path = firstPool && firstHost ? [...(reach === 'no' ? [] : ['internet']), lb.id, firstPool, firstHost] : undefined;
    const fronting = hosts.length > 0 ? ` and fronts ${plural(hosts.length, 'backend')}` : '';
    yield {
      resource: lb.id,
      related: [...pools, ...hosts],
      score: 5.0 + weight(hosts.length, reach) - (basis === 'unknown' ? 1.5 : 0),
      message: `${lb.id} runs in ${zoneText(lb.placement.zones)}${fronting}: a zone outage cuts off everything behind it, even what runs in other zones.${basisNote(basis)}`,
      remediation: 'Place the load balancer in at least two zones (subnets in two zones, or a zone-redundant or regional load balancer).',
      ...(path ? { path } : {}),
    };
  }
}
