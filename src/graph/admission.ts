import type { DataStore, Entity, FirewallRule, Host, Peer, PortRange, Subnet } from '../model/index.js';
import { contains, parseCidr, RangeIndex, type Range } from './cidr.js';
import { ingressOf, policyLayers, rangeOf, type Ingress, type PeerTest, type RuleIndex } from './exposure.js';
import { push, type Graph } from './graph.js';
import { servesTraffic } from './ports.js';
import type { ServiceBuilder } from './service.js';

/** A peer a target's rules name, reduced to the junction that stands for its members. */
interface Source {
  readonly key: string;
  /** Peers of the target's rules that admit traffic from this source (the world admits everyone). */
  readonly matches: PeerTest;
  /** The rules that can match, found by the peers they name (a superset: `matches` decides). */
  readonly candidates: (index: RuleIndex) => FirewallRule[];
  readonly fill: (b: ServiceBuilder, index: number, junctions: Junctions) => void;
}

interface Admitted {
  readonly key: string;
  readonly source: Source;
  readonly via: string;
  readonly ports: PortRange[];
  readonly service: boolean;
  /** Some ports rest only on rules whose groups are guessed. */
  readonly guessed: boolean;
}

const isWorld = (p: Peer): boolean => p.kind === 'world';

/**
 * Edges for what each host and data store admits from inside: a junction per peer its rules name (a security
 * group's members, the subnets a CIDR covers, hosts with a label or identity, the whole virtual network), linked
 * to the target when the target's evaluated ingress (every layer, priorities and denies included) admits that
 * peer on a port the target serves. Targets behind the same policies (and picked by the same rules) share one
 * evaluation, and each peer reads only the rules that can match it.
 */
export function addAdmissions(b: ServiceBuilder): void {
  const { graph } = b;
  const junctions = new Junctions(graph);
  // Per evaluation, the junctions it admits from, made on first use: members linked, memberless ones left out.
  const cache = new Map<string, Array<{ readonly from: number; readonly admitted: Admitted }>>();
  const sourcesByLayers = new Map<string, Source[]>();
  // Hosts of one role are one node: a node linked for an evaluation once has every edge it gives.
  const linked = new Set<string>();
  const targets: Array<Host | DataStore> = [...graph.all('host'), ...graph.all('datastore')];
  for (const target of targets) {
    const layers = policyLayers(graph, target.id);
    if (layers.length === 0) continue;
    const ingress = ingressOf(graph, target);
    const networks = networksOf(graph, target);
    const key = `${ingress.key}#${target.kind === 'datastore' ? target.ports.join(',') : ''}#${networks.join(',')}`;
    let froms = cache.get(key);
    if (!froms) {
      // The peers every allow rule of these policies names, whether or not the rule picks this target.
      const sourcesKey = `${layers.map((l) => l.join(',')).join('|')}#${networks.join(',')}`;
      let sources = sourcesByLayers.get(sourcesKey);
      if (!sources) sourcesByLayers.set(sourcesKey, (sources = sourcesIn(graph, layers, networks)));
      froms = evaluate(ingress, target, sources).flatMap((a) => {
        const from = b.junction(a.key, (index) => a.source.fill(b, index, junctions));
        // A junction nothing is a member of (a range no subnet lies in, a group with no hosts) admits nobody.
        return b.in[from]!.length === 0 ? [] : [{ from, admitted: a }];
      });
      cache.set(key, froms);
    }
    const to = b.nodeOf.get(target.id)!;
    if (froms.length === 0 || linked.has(`${to}#${key}`)) continue;
    linked.add(`${to}#${key}`);
    for (const { from, admitted: a } of froms) b.link({ from, to, kind: 'admits', via: a.via, ports: a.ports, service: a.service, ...(a.guessed ? { guessed: true } : {}) });
  }
}

/** The sources the ingress allow rules of some policy layers name, by key, in key order. */
function sourcesIn(graph: Graph, layers: ReadonlyArray<readonly string[]>, networks: readonly string[]): Source[] {
  const sources = new Map<string, Source>();
  for (const id of layers.flat()) {
    for (const r of graph.rulesOf(id)) {
      if (r.direction !== 'ingress' || r.action !== 'allow') continue;
      for (const p of r.peers) for (const s of sourcesOf(p, r, networks)) if (!sources.has(s.key)) sources.set(s.key, s);
    }
  }
  return [...sources.keys()].sort().map((key) => sources.get(key)!);
}

function evaluate(ingress: Ingress, target: Host | DataStore, sources: readonly Source[]): Admitted[] {
  const out: Admitted[] = [];
  const index = ingress.index();
  for (const source of sources) {
    let open = ingress.openings(source.matches, index && source.candidates(index));
    if (target.kind === 'datastore' && target.ports.length > 0) open = open.filter((o) => target.ports.some((p) => o.ports.from <= p && p <= o.ports.to));
    if (open.length === 0) continue;
    const ports = open.map((o) => o.ports);
    const rule = open[0]!.rules.find((r) => r.peers.some((p) => !isWorld(p) && source.matches(p, r))) ?? open[0]!.rules[0]!;
    // A stretch that only guessed rules name for this source (not the world) may be another source's.
    const guessed = open.some((o) => {
      const naming = o.rules.filter((r) => r.peers.some((p) => !isWorld(p) && source.matches(p, r)));
      return naming.length > 0 && naming.every((r) => r.peersGuessed === true);
    });
    out.push({ key: source.key, source, via: rule.source[0] ?? rule.id, ports, service: servesTraffic(ports), guessed });
  }
  return out;
}

function networksOf(graph: Graph, target: Entity): string[] {
  const out = new Set<string>();
  for (const s of graph.targets(target.id, 'in-subnet', 'subnet')) for (const n of graph.targets(s.id, 'in-network', 'network')) out.add(n.id);
  return [...out].sort();
}

function sourcesOf(peer: Peer, rule: FirewallRule, networks: readonly string[]): Source[] {
  switch (peer.kind) {
    case 'policy':
    case 'self': {
      const id = peer.kind === 'policy' ? peer.id : rule.policy;
      const key = `policy:${id}`;
      // A `self` peer admits the members of its own rule's group, not of every group.
      const matches = (p: Peer, r: FirewallRule): boolean => isWorld(p) || (p.kind === 'policy' && p.id === id) || (p.kind === 'self' && r.policy === id);
      return [{ key, matches, candidates: (index) => index.candidates([key]), fill: (b, index) => linkHosts(b, index, b.graph.sources(id, 'protected-by', 'host')) }];
    }
    case 'cidr': {
      const range = rangeOf(peer);
      if (!range) return [];
      const matches = (p: Peer): boolean => {
        if (isWorld(p)) return true;
        const r = p.kind === 'cidr' ? rangeOf(p) : undefined;
        return r !== undefined && contains(r, range);
      };
      return [{ key: `cidr:${peer.cidr}`, matches, candidates: (index) => index.candidates([], range), fill: (b, index, j) => j.covered(range).forEach((s) => b.link({ from: j.subnet(b, s), to: index, kind: 'member', via: s.id, ports: [], service: true })) }];
    }
    case 'label':
    case 'service-account': {
      const name = peer.kind === 'label' ? peer.label : peer.account;
      const matches = (p: Peer): boolean => isWorld(p) || (p.kind === peer.kind && (p.kind === 'label' ? p.label : p.kind === 'service-account' ? p.account : '') === name);
      const picks = (h: Host): boolean => (peer.kind === 'label' ? h.labels.includes(name) : h.serviceAccounts.includes(name));
      const key = `${peer.kind}:${name}`;
      return [{ key, matches, candidates: (index) => index.candidates([key]), fill: (b, index, j) => linkHosts(b, index, j.hostsWith(peer.kind, name, picks)) }];
    }
    case 'service': {
      if (peer.name.toLowerCase() !== 'virtualnetwork') return [];
      const matches = (p: Peer): boolean => isWorld(p) || (p.kind === 'service' && p.name.toLowerCase() === 'virtualnetwork');
      return networks.map((n) => ({
        key: `network:${n}`,
        matches,
        candidates: (index: RuleIndex) => index.candidates(['service:virtualnetwork']),
        fill: (b: ServiceBuilder, index: number, j: Junctions) => j.subnetsIn(n).forEach((s) => b.link({ from: j.subnet(b, s), to: index, kind: 'member', via: n, ports: [], service: true })),
      }));
    }
    default:
      return [];
  }
}

function linkHosts(b: ServiceBuilder, index: number, hosts: readonly Host[]): void {
  for (const h of hosts) {
    const from = b.nodeOf.get(h.id);
    if (from !== undefined) b.link({ from, to: index, kind: 'member', via: h.id, ports: [], service: true });
  }
}

/** Lazily built indexes the junctions need: subnets by range, hosts by label, subnet junctions. */
class Junctions {
  private ranges: RangeIndex<Subnet> | undefined;
  private readonly labelled = new Map<string, Host[]>();

  constructor(private readonly graph: Graph) {}

  covered(range: Range): Subnet[] {
    this.ranges ??= new RangeIndex(this.graph.all('subnet').flatMap((s) => s.cidrs.flatMap((c) => {
      const r = parseCidr(c);
      return r ? [[r, s] as const] : [];
    })));
    return [...new Set(this.ranges.within(range))];
  }

  subnetsIn(network: string): Subnet[] {
    return this.graph.sources(network, 'in-network', 'subnet');
  }

  hostsWith(kind: string, name: string, picks: (h: Host) => boolean): Host[] {
    if (this.labelled.size === 0) {
      for (const h of this.graph.all('host')) {
        for (const l of h.labels) push(this.labelled, `label:${l}`, h);
        for (const a of h.serviceAccounts) push(this.labelled, `service-account:${a}`, h);
      }
    }
    return (this.labelled.get(`${kind}:${name}`) ?? []).filter(picks);
  }

  /** The junction of a subnet's hosts. */
  subnet(b: ServiceBuilder, subnet: Subnet): number {
    return b.junction(`subnet:${subnet.id}`, (index) => linkHosts(b, index, this.graph.sources(subnet.id, 'in-subnet', 'host')));
  }
}
