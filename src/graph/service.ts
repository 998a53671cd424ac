import { valueOf, type DataStore, type Entity, type Gateway, type Host, type LoadBalancer, type PortRange } from '../model/index.js';
import { addAdmissions } from './admission.js';
import { addEntries, poolPorts } from './entries.js';
import type { Graph } from './graph.js';
import { groupHosts, groupMembers } from './grouping.js';
import { servesTraffic } from './ports.js';
import { EgressRoutes } from './routes.js';

/**
 * What a node of the service graph stands for: the internet; a load balancer; hosts of one role (the instances of
 * one block, a scaling group, the hosts behind one target pool); a data store; a gateway traffic leaves by; or a
 * junction, which stands for "whatever matches a firewall peer" (members of a security group, hosts in a subnet
 * a CIDR covers, hosts with a label) so that admission costs one edge per member and one per admitting target
 * instead of one per pair.
 */
export const NODE_KINDS = ['internet', 'load-balancer', 'hosts', 'datastore', 'gateway', 'junction'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface ServiceNode {
  readonly index: number;
  /** The primary entity id (a group before its instances, then address order); `internet`; or a junction key. */
  readonly id: string;
  /** The role's name: the block's address without its instance key when every member shares it, else `id`. */
  readonly label: string;
  readonly kind: NodeKind;
  /** The model entities of this role, in address order. */
  readonly members: readonly Entity[];
  /** Copies that can serve: instances, nodes, zones of a load balancer; 1 for a gateway. */
  readonly replicas: number;
  /** Whether `replicas` is a known (or defaulted) value rather than a plan-time unknown. */
  readonly replicasKnown: boolean;
  /** Zones spanned, sorted. Empty when unknown or unpinned (see `zonesKnown`). */
  readonly zones: readonly string[];
  readonly zonesKnown: boolean;
  /** The service keeps copies in several zones itself (Multi-AZ, regional, zone-redundant). */
  readonly zoneRedundant: boolean;
  readonly regions: readonly string[];
}

/**
 * `entry`: the internet reaches a node (internet-facing load balancer, world-open rule); `forwards`: a load
 * balancer sends to its pool's backends; `member`: a host belongs to a junction; `admits`: a target's firewall
 * admits a junction's members; `egress`: hosts leave through a NAT or VPN gateway; `depends`: an explicit
 * `depends_on` or configuration reference from a host to a data store.
 */
export const LINK_KINDS = ['entry', 'forwards', 'member', 'admits', 'egress', 'depends'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface ServiceEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: LinkKind;
  /** What made the edge: the rule's address, the target pool, the route table. */
  readonly via: string;
  /** Ports the edge admits; empty when the edge says nothing of ports. */
  readonly ports: readonly PortRange[];
  /** Carries the service's traffic: false for an edge that admits admin ports only (SSH from a bastion). */
  readonly service: boolean;
  /** Entries: whether the target has an address the internet can use today (`unknown`: only after apply). */
  readonly reach?: 'yes' | 'unknown';
  /** Entries: the opening admits admin ports, data ports or every port: a foothold rather than a front door. */
  readonly foothold?: boolean;
  /**
   * Admissions: some of `ports` rest only on rules whose groups are guessed (`FirewallRule.peersGuessed`): the source
   * is admitted on one or more of them, which is known only after apply.
   */
  readonly guessed?: boolean;
  /**
   * Entries: the other rules' addresses that admit the world together with `via` (ranges that hold every address
   * only once joined, declared in separate rule resources).
   */
  readonly together?: readonly string[];
}

/** The service graph of one model: built once in O((n + e) log n), read by every algorithm in this folder. */
export interface ServiceGraph {
  readonly nodes: readonly ServiceNode[];
  readonly out: readonly (readonly ServiceEdge[])[];
  readonly in: readonly (readonly ServiceEdge[])[];
  /** Entity id -> node index, for every member of every node. */
  readonly nodeOf: ReadonlyMap<string, number>;
}

export const INTERNET = 0;

/** Collects nodes and deduplicated edges while the parts of the graph are added. */
export class ServiceBuilder {
  readonly nodes: ServiceNode[] = [];
  readonly out: ServiceEdge[][] = [];
  readonly in: ServiceEdge[][] = [];
  readonly nodeOf = new Map<string, number>();
  private readonly junctions = new Map<string, number>();
  private readonly edgeKeys = new Set<string>();

  constructor(readonly graph: Graph) {
    this.add({ id: 'internet', label: 'internet', kind: 'internet', members: [], replicas: 1, replicasKnown: true, zones: [], zonesKnown: false, zoneRedundant: true, regions: [] });
  }

  add(node: Omit<ServiceNode, 'index'>): number {
    const index = this.nodes.length;
    this.nodes.push({ ...node, index });
    this.out.push([]);
    this.in.push([]);
    for (const m of node.members) this.nodeOf.set(m.id, index);
    return index;
  }

  /** The junction for `key`, made on first use; `fill` links its members when it is new. */
  junction(key: string, fill: (index: number) => void): number {
    let index = this.junctions.get(key);
    if (index === undefined) {
      index = this.add({ id: key, label: key, kind: 'junction', members: [], replicas: 0, replicasKnown: true, zones: [], zonesKnown: false, zoneRedundant: true, regions: [] });
      this.junctions.set(key, index);
      fill(index);
    }
    return index;
  }

  link(edge: ServiceEdge): void {
    if (edge.from === edge.to) return;
    const out = this.out[edge.from]!;
    // Most nodes have a few edges: a scan is cheaper than building a key; hubs (junctions) use the key set.
    if (out.length < 16) {
      if (out.some((e) => e.to === edge.to && e.kind === edge.kind && e.via === edge.via)) return;
    } else {
      if (out.length === 16) for (const e of out) this.edgeKeys.add(`${e.from}>${e.to}>${e.kind}>${e.via}`);
      const key = `${edge.from}>${edge.to}>${edge.kind}>${edge.via}`;
      if (this.edgeKeys.has(key)) return;
      this.edgeKeys.add(key);
    }
    out.push(edge);
    this.in[edge.to]!.push(edge);
  }
}

/** Builds the service graph of a model. */
export function buildService(graph: Graph): ServiceGraph {
  const b = new ServiceBuilder(graph);
  for (const members of groupHosts(graph)) b.add(hostsNode(members));
  for (const members of groupMembers(graph.all('datastore'), graph)) b.add(storeNode(members));
  for (const lb of graph.all('load-balancer')) b.add(lbNode(lb));
  const routes = new EgressRoutes(graph);
  // The internet's own gateways are the graph's edge, not nodes of the service; a service endpoint carries no traffic
  // the model can follow (which workloads call the service is not in a plan).
  for (const gw of graph.all('gateway')) if (gw.gatewayKind !== 'internet' && gw.gatewayKind !== 'egress-only' && gw.gatewayKind !== 'endpoint') b.add(gatewayNode(gw));
  addForwards(b);
  addEntries(b);
  addAdmissions(b);
  addEgress(b, routes);
  addDepends(b);
  return { nodes: b.nodes, out: b.out, in: b.in, nodeOf: b.nodeOf };
}

function addForwards(b: ServiceBuilder): void {
  const { graph } = b;
  for (const lb of graph.all('load-balancer')) {
    const from = b.nodeOf.get(lb.id)!;
    const fronts = [lb.id, ...graph.sources(lb.id, 'member-of', 'listener').map((l) => l.id)];
    for (const front of fronts) {
      for (const pool of graph.targets(front, 'forwards-to', 'target-pool')) {
        const ports: PortRange[] = poolPorts(graph, pool).map((port) => ({ from: port, to: port }));
        for (const e of graph.out(pool.id, 'targets')) {
          const to = b.nodeOf.get(e.to);
          if (to !== undefined) b.link({ from, to, kind: 'forwards', via: pool.id, ports, service: ports.length === 0 || servesTraffic(ports) });
        }
      }
    }
  }
}

function addEgress(b: ServiceBuilder, routes: EgressRoutes): void {
  const { graph } = b;
  for (const host of graph.all('host')) {
    // A managed control plane's interfaces in the subnets reach its nodes; its own way out is the provider's.
    if (host.role === 'cluster') continue;
    const from = b.nodeOf.get(host.id)!;
    for (const subnet of graph.targets(host.id, 'in-subnet', 'subnet')) {
      for (const r of routes.of(subnet)) {
        const to = b.nodeOf.get(r.gateway.id);
        if (to !== undefined) b.link({ from, to, kind: 'egress', via: r.via, ports: [], service: false });
      }
    }
  }
}

function addDepends(b: ServiceBuilder): void {
  for (const e of b.graph.model.edges) {
    if (e.kind !== 'depends-on' && e.kind !== 'references') continue;
    const from = b.nodeOf.get(e.from);
    const to = b.nodeOf.get(e.to);
    if (from === undefined || to === undefined) continue;
    if (b.nodes[from]!.kind === 'datastore' || b.nodes[to]!.kind !== 'datastore') continue;
    b.link({ from, to, kind: 'depends', via: e.via, ports: [], service: true });
  }
}

const byId = (a: Entity, b: Entity): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function zonesOf(members: ReadonlyArray<{ placement: Host['placement'] }>): Pick<ServiceNode, 'zones' | 'zonesKnown' | 'zoneRedundant' | 'regions'> {
  const zones = new Set<string>();
  const regions = new Set<string>();
  let known = members.length > 0;
  for (const m of members) {
    if (m.placement.region) regions.add(m.placement.region);
    if (m.placement.zones.state === 'unknown') known = false;
    else for (const z of m.placement.zones.value) zones.add(z);
  }
  const redundant = members.length > 0 && members.every((m) => m.placement.zoneRedundant.state !== 'unknown' && m.placement.zoneRedundant.value);
  return { zones: [...zones].sort(), zonesKnown: known, zoneRedundant: redundant, regions: [...regions].sort() };
}

/**
 * A node's name in text: its block when all members share one (`aws_instance.web` for its `count` instances), else
 * its members (two declared one by one, `aws_instance.web_a and aws_instance.web_b`, so that "2 instances" after the
 * name does not read as two of the first), or the first and how many more.
 */
function labelOf(primary: Entity, members: readonly Entity[], key: (e: Entity) => string): string {
  const k = key(primary);
  if (members.every((m) => key(m) === k)) return k;
  const others = members.filter((m) => m !== primary);
  return others.length === 1 ? `${primary.id} and ${others[0]!.id}` : `${primary.id} and ${others.length} more`;
}

function hostsNode(group: { members: Host[]; key: (e: Entity) => string }): Omit<ServiceNode, 'index'> {
  const members = [...group.members].sort((a, b) => Number(a.role === 'instance') - Number(b.role === 'instance') || byId(a, b));
  const primary = members[0]!;
  const unknown = members.some((m) => m.replicas.desired.state === 'unknown' && m.replicas.min.state === 'unknown');
  const replicas = members.reduce((n, m) => n + Math.max(valueOf(m.replicas.desired, valueOf(m.replicas.min, 1)), 0), 0);
  return { id: primary.id, label: labelOf(primary, members, group.key), kind: 'hosts', members, replicas, replicasKnown: !unknown, ...zonesOf(members) };
}

function storeNode(group: { members: DataStore[]; key: (e: Entity) => string }): Omit<ServiceNode, 'index'> {
  const members = [...group.members].sort(byId);
  const primary = members.find((m) => m.replicas.state !== 'unknown' && m.replicas.value > 1) ?? members[0]!;
  const replicas = members.length > 1 ? members.length : valueOf(primary.replicas, 1);
  return { id: primary.id, label: primary.id, kind: 'datastore', members, replicas, replicasKnown: members.length > 1 || primary.replicas.state !== 'unknown', ...zonesOf(members) };
}

function lbNode(lb: LoadBalancer): Omit<ServiceNode, 'index'> {
  const z = zonesOf([lb]);
  return { id: lb.id, label: lb.id, kind: 'load-balancer', members: [lb], replicas: valueOf(lb.replicas.desired, Math.max(1, z.zones.length)), replicasKnown: lb.replicas.desired.state !== 'unknown', ...z };
}

function gatewayNode(gw: Gateway): Omit<ServiceNode, 'index'> {
  return { id: gw.id, label: gw.id, kind: 'gateway', members: [gw], replicas: Math.max(1, valueOf(gw.paths, 1)), replicasKnown: gw.paths.state !== 'unknown', ...zonesOf([gw]) };
}
