import { selects, type Entity, type Evaluation, type FirewallRule, type Peer, type PortRange, type Protocol, type TargetSelector } from '../model/index.js';
import { cidrSize, coversFamily, familySize, parseCidr, type Range } from './cidr.js';
import { push, type Graph } from './graph.js';

/**
 * What the firewall policies in front of an entity admit, evaluated the way each cloud does:
 * - the entity's own policies (AWS security groups, a NIC's NSG, a Google network's firewall) form one layer,
 *   and the policies of its subnets (AWS network ACLs, a subnet's NSG) another; traffic must pass every layer that
 *   has a policy;
 * - in an `allow-union` policy any allow admits; in a `first-match` policy the rules are read by priority (lowest
 *   first) and the first rule that matches the traffic decides, so a deny at 100 shadows an allow at 200;
 * - a rule applies to the entity only when its target selector picks it (Google target tags / service accounts).
 */

/** A stretch of ports on one protocol, admitted from a peer, with the allow rules that admit it. */
export interface Opening {
  readonly protocol: Protocol;
  readonly ports: PortRange;
  readonly rules: readonly FirewallRule[];
}

/** Peers that match an internet source: the world itself. A narrower range never matches every internet address. */
const matchesWorld = (peer: Peer): boolean => peer.kind === 'world';

/**
 * Whether a peer of a rule matches the traffic asked about (a security group's members, a range, the world). The
 * rule is given for peers that mean its own policy (`self`).
 */
export type PeerTest = (peer: Peer, rule: FirewallRule) => boolean;

const PROTOCOLS_CHECKED: readonly Protocol[] = ['tcp', 'udp'];

/**
 * Policy ids in front of an entity, grouped by layer: its own, then each of its subnets'. The access lists of its
 * public endpoints (`FirewallPolicy.publicEndpoint`) are no layer: traffic through the network never meets them
 * (see `endpointOpenings`).
 */
export function policyLayers(graph: Graph, entityId: string): ReadonlyArray<readonly string[]> {
  // Asked for every host several times (exposure, admission, each rule): worked out once per graph.
  let memo = layersMemo.get(graph);
  if (!memo) layersMemo.set(graph, (memo = new Map()));
  let layers = memo.get(entityId);
  if (!layers) {
    const own = graph.targets(entityId, 'protected-by', 'firewall-policy').flatMap((p) => (p.publicEndpoint ? [] : [p.id]));
    const subnetPolicies = new Set<string>();
    for (const subnet of graph.targets(entityId, 'in-subnet', 'subnet')) {
      for (const p of graph.targets(subnet.id, 'protected-by', 'firewall-policy')) subnetPolicies.add(p.id);
    }
    layers = [own, [...subnetPolicies].sort()].filter((layer) => layer.length > 0);
    memo.set(entityId, layers);
  }
  return layers;
}

const layersMemo = new WeakMap<Graph, Map<string, ReadonlyArray<readonly string[]>>>();

/**
 * Port stretches on TCP/UDP open to the whole internet through the entity's network, after every layer in front of
 * it. What the internet reaches on a public endpoint the cloud runs outside the network is `endpointOpenings`.
 */
export function worldOpenings(graph: Graph, entity: Entity): readonly Opening[] {
  return ingressOf(graph, entity).world();
}

/**
 * Port stretches open to peers matching `test` (the internet by default) on the entity's public endpoints: each
 * endpoint's access list (`FirewallPolicy.publicEndpoint`) evaluated alone, as the cloud does in front of an address
 * outside the entity's network, whatever its own and its subnets' policies admit. Empty for most entities.
 */
export function endpointOpenings(graph: Graph, entity: Entity, test: PeerTest = matchesWorld): Opening[] {
  if (connectsOutOnly(entity)) return [];
  const out: Opening[] = [];
  for (const policy of graph.targets(entity.id, 'protected-by', 'firewall-policy')) {
    if (!policy.publicEndpoint) continue;
    const rules = selectionOf(graph, policy.id).applied(entity);
    if (rules.length > 0) out.push(...merge(policy.evaluation === 'allow-union' ? unionOpenings(rules, test) : firstMatchOpenings(rules, test)));
  }
  return out;
}

/** Port stretches open to peers matching `test` (e.g. a security group reference or a CIDR). */
export function openings(graph: Graph, entity: Entity, test: PeerTest): Opening[] {
  return ingressOf(graph, entity).openings(test);
}

/** One policy of a layer, with the enabled ingress rules that select the entity, in the policy's order. */
interface Applied {
  readonly evaluation: Evaluation;
  readonly rules: readonly FirewallRule[];
}

/**
 * The ingress rules in front of an entity, layer by layer, read once and shared by every entity behind the same
 * policies (and, where rules pick their targets, with the same labels and service accounts): the hosts of one
 * security group are evaluated once, not once each. `openings` answers for any peer test; given the rules that can
 * match (from `RuleIndex`), it reads only those, so asking for each of r peers costs O(r) in all rather than O(r^2).
 */
export class Ingress {
  private readonly layers: ReadonlyArray<readonly Applied[]>;
  /** Rule -> where it applies: [its position among the applied rules of all layers, its policy's place]. */
  private placesMemo: Map<FirewallRule, Array<readonly [number, number]>> | undefined;
  private rulesMemo: readonly FirewallRule[] | undefined;
  private worldMemo: readonly Opening[] | undefined;
  private indexMemo: RuleIndex | undefined;

  /**
   * @param key what the evaluation depends on (see `ingressOf`): entities with the same key admit the same
   *   traffic.
   */
  constructor(graph: Graph, entity: Entity, readonly key: string) {
    // Kept small: a 100k plan has one of these per group of hosts; the rest is worked out when asked.
    // A function connects out only: whatever its groups admit, nothing reaches it (see `HostRole`).
    this.layers = connectsOutOnly(entity) ? [] : policyLayers(graph, entity.id).map((ids) =>
      ids.flatMap((id): Applied[] => {
        const policy = graph.get(id);
        return policy?.kind === 'firewall-policy' ? [{ evaluation: policy.evaluation, rules: selectionOf(graph, id).applied(entity) }] : [];
      }),
    );
  }

  /** Every applied rule once, layer by layer and policy by policy: the order `openings` reads them in. */
  get rules(): readonly FirewallRule[] {
    return (this.rulesMemo ??= [...new Set(this.layers.flat().flatMap((p) => p.rules))]);
  }

  /** Where each rule applies. A policy can stand in two layers (an NSG on both a NIC and its subnet). */
  private places(): Map<FirewallRule, Array<readonly [number, number]>> {
    if (this.placesMemo) return this.placesMemo;
    const places = new Map<FirewallRule, Array<readonly [number, number]>>();
    let position = 0;
    this.layers.flat().forEach((policy, slot) => {
      for (const r of policy.rules) {
        const place = [position++, slot] as const;
        const list = places.get(r);
        if (list) list.push(place);
        else places.set(r, [place]);
      }
    });
    return (this.placesMemo = places);
  }

  /** What the world is admitted on, worked out once (shared: not to be changed). */
  world(): readonly Opening[] {
    return (this.worldMemo ??= this.openings(matchesWorld));
  }

  /**
   * The applied rules indexed by the peers they name; undefined when they are few enough that reading them all
   * costs less than an index.
   */
  index(): RuleIndex | undefined {
    if (this.rules.length < INDEX_FROM) return undefined;
    return (this.indexMemo ??= new RuleIndex(this.rules));
  }

  /**
   * Stretches open to peers matching `test`, after every layer. `candidates`, when given, must hold every applied
   * rule with a peer `test` matches (others are ignored anyway): only those are read.
   */
  openings(test: PeerTest, candidates?: readonly FirewallRule[]): Opening[] {
    if (this.layers.length === 0) return [];
    let chosen: Map<number, FirewallRule[]> | undefined;
    if (candidates) {
      const places = this.places();
      const placed: Array<readonly [number, number, FirewallRule]> = [];
      for (const r of candidates) for (const [position, slot] of places.get(r) ?? []) placed.push([position, slot, r]);
      placed.sort((a, b) => a[0] - b[0]);
      chosen = new Map();
      for (const [, slot, r] of placed) {
        const list = chosen.get(slot);
        if (list) list.push(r);
        else chosen.set(slot, [r]);
      }
    }
    let result: Opening[] | undefined;
    let slot = 0;
    for (const layer of this.layers) {
      const out: Opening[] = [];
      const unions: FirewallRule[][] = [];
      for (const policy of layer) {
        const rules = chosen ? (chosen.get(slot) ?? NONE) : policy.rules;
        slot++;
        if (rules.length > 0) out.push(...(policy.evaluation === 'allow-union' ? unionOpenings(rules, test) : firstMatchOpenings(rules, test)));
        if (policy.evaluation === 'allow-union' && rules.length > 0) unions.push([...rules]);
      }
      // Policies of one layer that add up (the security groups of one interface) add up together: the internet in
      // pieces may be split across them too.
      if (test === matchesWorld && unions.length > 1) out.push(...piecedWorld(unions.flat()));
      const admitted = merge(out);
      result = result === undefined ? admitted : intersect(result, admitted);
      if (result.length === 0) return [];
    }
    return result ?? [];
  }
}

const NONE: readonly FirewallRule[] = [];

/** Rule counts from which `Ingress.index` builds an index (a security group has a handful of rules). */
const INDEX_FROM = 32;

/**
 * The `Ingress` of an entity, shared per graph by every entity behind the same policy layers whose selection of
 * rules is the same: a layer key, plus the entity's labels and service accounts (or "not a host") when some rule
 * of those policies picks its targets.
 */
export function ingressOf(graph: Graph, entity: Entity): Ingress {
  let memo = ingressMemo.get(graph);
  if (!memo) ingressMemo.set(graph, (memo = { byEntity: new Map(), byKey: new Map() }));
  let ingress = memo.byEntity.get(entity.id);
  if (ingress) return ingress;
  const layers = connectsOutOnly(entity) ? [] : policyLayers(graph, entity.id);
  let key = connectsOutOnly(entity) ? '#connects out only' : layers.map((l) => l.join(',')).join('|');
  if (layers.some((l) => l.some((id) => selectionOf(graph, id).picks))) {
    key += entity.kind === 'host' ? `#${[...new Set(entity.labels)].sort().join(',')}#${[...new Set(entity.serviceAccounts)].sort().join(',')}` : '#not a host';
  }
  ingress = memo.byKey.get(key);
  if (!ingress) memo.byKey.set(key, (ingress = new Ingress(graph, entity, key)));
  memo.byEntity.set(entity.id, ingress);
  return ingress;
}

/** Hosts whose interfaces take no inbound connections (serverless functions in a network). */
export const connectsOutOnly = (entity: Entity | undefined): boolean => entity?.kind === 'host' && entity.role === 'function';

const ingressMemo = new WeakMap<Graph, { byEntity: Map<string, Ingress>; byKey: Map<string, Ingress> }>();

/** What an entity's ingress depends on: entities with the same key admit the same traffic from the same peers. */
export const ingressKey = (graph: Graph, entity: Entity): string => ingressOf(graph, entity).key;

/**
 * Rules by the peers they name, to find the rules a source can match without testing every rule: world peers
 * (which match every source), exact keys (`policy:<id>` for a group reference and for a rule's own group through
 * `self`, `label:`, `service-account:`, `service:<lower-case name>`), and ranges by prefix length, so the rules
 * whose range contains a given one are a lookup per prefix length in use. Answers are supersets: the caller's
 * test still decides.
 */
export class RuleIndex {
  private readonly order = new Map<FirewallRule, number>();
  private readonly worldRules: FirewallRule[] = [];
  private readonly byKey = new Map<string, FirewallRule[]>();
  private readonly byRange = new Map<string, FirewallRule[]>();
  /** Prefix lengths in use, ascending: IPv4, IPv6. */
  private readonly prefixes: [number[], number[]] = [[], []];

  constructor(rules: readonly FirewallRule[]) {
    const lengths = [new Set<number>(), new Set<number>()];
    rules.forEach((rule, i) => {
      this.order.set(rule, i);
      for (const peer of rule.peers) {
        const key = peerKey(peer, rule);
        if (key !== undefined) push(this.byKey, key, rule);
        else if (peer.kind === 'world') this.worldRules.push(rule);
        else if (peer.kind === 'cidr') {
          const range = rangeOf(peer);
          if (!range) continue;
          lengths[range.v6 ? 1 : 0]!.add(range.prefix);
          push(this.byRange, rangeKey(range.v6, range.prefix, range.start), rule);
        }
      }
    });
    this.prefixes = [[...lengths[0]!].sort((a, b) => a - b), [...lengths[1]!].sort((a, b) => a - b)];
  }

  /** Rules with a world peer, or one of `keys`, or a range holding `range`: each once, in the given rules' order. */
  candidates(keys: readonly string[], range?: Range): FirewallRule[] {
    const out = new Set<FirewallRule>(this.worldRules);
    for (const key of keys) for (const r of this.byKey.get(key) ?? NONE) out.add(r);
    if (range) {
      const bits = range.v6 ? 128 : 32;
      for (const prefix of this.prefixes[range.v6 ? 1 : 0]) {
        if (prefix > range.prefix) break;
        const shift = BigInt(bits - prefix);
        for (const r of this.byRange.get(rangeKey(range.v6, prefix, (range.start >> shift) << shift)) ?? NONE) out.add(r);
      }
    }
    return [...out].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

/** The exact key a peer is indexed by; undefined for the world and for ranges. */
function peerKey(peer: Peer, rule: FirewallRule): string | undefined {
  switch (peer.kind) {
    case 'policy':
      return `policy:${peer.id}`;
    case 'self':
      return `policy:${rule.policy}`;
    case 'label':
      return `label:${peer.label}`;
    case 'service-account':
      return `service-account:${peer.account}`;
    case 'service':
      return `service:${peer.name.toLowerCase()}`;
    default:
      return undefined;
  }
}

const rangeKey = (v6: boolean, prefix: number, start: bigint): string => `${v6 ? 6 : 4}/${prefix}/${start}`;

/** A range peer's addresses, parsed once per peer object. */
export function rangeOf(peer: Peer & { kind: 'cidr' }): Range | undefined {
  let range = ranges.get(peer);
  if (range === undefined) ranges.set(peer, (range = parseCidr(peer.cidr) ?? null));
  return range ?? undefined;
}

const ranges = new WeakMap<Peer, Range | null>();


function unionOpenings(rules: readonly FirewallRule[], test: PeerTest): Opening[] {
  const out: Opening[] = [];
  for (const rule of rules) {
    if (rule.action !== 'allow' || !rule.peers.some((p) => test(p, rule))) continue;
    for (const protocol of protocolsOf(rule.protocol)) for (const ports of rule.ports) out.push({ protocol, ports, rules: [rule] });
  }
  if (test === matchesWorld) out.push(...piecedWorld(rules));
  return out;
}

/**
 * Of rules whose ranges together hold a family, those it takes: each rule the others do without is left out (an
 * office range beside the two halves of the internet). A few rules only; past that, all are named.
 */
function needed(covering: readonly FirewallRule[], families: readonly boolean[]): FirewallRule[] {
  if (covering.length > 16) return [...covering];
  let kept = [...covering];
  for (const rule of covering) {
    const rest = kept.filter((r) => r !== rule);
    if (families.some((v6) => coversFamily(rest.flatMap(cidrRanges), v6))) kept = rest;
  }
  return kept;
}

/** Whether the rules' ranges, by their sizes alone, could hold every IPv4 or every IPv6 address: a test without parsing. */
function addsUpToFamily(rules: readonly FirewallRule[]): boolean {
  const totals = [0, 0];
  for (const r of rules) {
    for (const p of r.peers) {
      const c = p.kind === 'cidr' ? cidrSize(p.cidr) : undefined;
      if (c) totals[c.v6 ? 1 : 0]! += c.size;
    }
  }
  return totals[0]! >= familySize(false) || totals[1]! >= familySize(true);
}

/**
 * The rules of a world opening that admit the world only together (no world peer of their own: ranges that hold
 * every address once joined), by id. Empty for an opening of world rules alone.
 */
export const piecesOf = (opening: Opening): FirewallRule[] =>
  opening.rules.filter((r) => !r.peers.some(matchesWorld)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The address ranges a rule names (not the world, not groups). */
export const cidrRanges = (rule: FirewallRule): Range[] => rule.peers.flatMap((p) => (p.kind === 'cidr' ? (rangeOf(p) ?? []) : []));

/**
 * The whole internet admitted in pieces, across the allow rules of one allow-union policy: `0.0.0.0/1` in one rule
 * resource and `128.0.0.0/1` in another (one range per `aws_vpc_security_group_ingress_rule`), on the same port.
 * For each stretch of ports, the ranges of the rules that admit it are joined; where they hold every address of a
 * family, the stretch is open to the world, through those rules (none of which has a world peer: those are
 * openings already). Ranges that do not hold a family even all together are dismissed first, in O(r log r); only
 * then are the stretches swept.
 */
function piecedWorld(rules: readonly FirewallRule[]): Opening[] {
  const pieces = rules.filter((r) => r.action === 'allow' && !r.peers.some(matchesWorld) && r.peers.some((p) => p.kind === 'cidr'));
  if (pieces.length === 0 || !addsUpToFamily(pieces)) return [];
  const families = [false, true].filter((v6) => coversFamily(pieces.flatMap(cidrRanges), v6));
  if (families.length === 0) return [];
  const out: Opening[] = [];
  for (const protocol of PROTOCOLS_CHECKED) {
    const live = pieces.filter((r) => protocolsOf(r.protocol).includes(protocol));
    const cuts = new Set<number>([0, 65536]);
    for (const r of live) for (const p of r.ports) cuts.add(p.from).add(p.to + 1);
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i]!;
      const to = points[i + 1]! - 1;
      const covering = live.filter((r) => r.ports.some((p) => p.from <= from && to <= p.to));
      if (covering.length === 0) continue;
      const ranges = covering.flatMap(cidrRanges);
      if (families.some((v6) => coversFamily(ranges, v6))) out.push({ protocol, ports: { from, to }, rules: needed(covering, families) });
    }
  }
  return out;
}

/**
 * First match wins: cut the port space at every rule boundary, and for each stretch find the first rule (by
 * priority) whose peers, protocol and ports match. A sweep over the cuts keeps the rules whose ranges cover the
 * current stretch in a heap by rank: O((r + s) log r) for r rules and s stretches, so a Google network firewall or
 * an NSG with thousands of rules costs no more than sorting them.
 */
function firstMatchOpenings(rules: readonly FirewallRule[], test: PeerTest): Opening[] {
  // At equal priority a deny goes first (Google: "DENY rules take precedence over ALLOW rules having equal priority").
  const relevant = rules
    .filter((r) => r.peers.some((p) => test(p, r)))
    .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity) || denyFirst(a) - denyFirst(b) || (a.id < b.id ? -1 : 1));
  if (!relevant.some((r) => r.action === 'allow')) return [];
  const cuts = new Set<number>([0, 65536]);
  for (const r of relevant) for (const p of r.ports) cuts.add(p.from).add(p.to + 1);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Opening[] = [];
  for (const protocol of PROTOCOLS_CHECKED) {
    // Rank (place in `relevant`) of each rule starting or ending at a cut, for this protocol.
    const starts = new Map<number, number[]>();
    const ends = new Map<number, number[]>();
    relevant.forEach((r, rank) => {
      if (!protocolsOf(r.protocol).includes(protocol)) return;
      for (const p of r.ports) {
        push(starts, p.from, rank);
        push(ends, p.to + 1, rank);
      }
    });
    const covering = new Int32Array(relevant.length);
    const heap = new RankHeap();
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i]!;
      for (const rank of ends.get(from) ?? []) covering[rank]!--;
      for (const rank of starts.get(from) ?? []) if (covering[rank]!++ === 0) heap.push(rank);
      while (heap.size > 0 && covering[heap.peek()] === 0) heap.pop();
      const decider = heap.size > 0 ? relevant[heap.peek()]! : undefined;
      if (decider?.action === 'allow') out.push({ protocol, ports: { from, to: points[i + 1]! - 1 }, rules: [decider] });
    }
  }
  return merge(out);
}

/** A binary min-heap of ranks. */
class RankHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): number {
    return this.items[0]!;
  }
  push(value: number): void {
    const a = this.items;
    let i = a.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= value) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = value;
  }
  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= a.length) break;
      const child = left + 1 < a.length && a[left + 1]! < a[left]! ? left + 1 : left;
      if (a[child]! >= last) break;
      a[i] = a[child]!;
      i = child;
    }
    a[i] = last;
  }
}

const ALL: TargetSelector = { kind: 'all' };

const denyFirst = (rule: FirewallRule): number => (rule.action === 'deny' ? 0 : 1);

function protocolsOf(protocol: Protocol): readonly Protocol[] {
  return protocol === 'all' ? PROTOCOLS_CHECKED : PROTOCOLS_CHECKED.includes(protocol) ? [protocol] : [];
}

/**
 * A policy's enabled ingress rules, by what they pick: those for every member, and those for members with a label
 * or a service account. A Google network's firewall can hold thousands of rules, each for a few tagged VMs: a VM's
 * rules are then found by its tags, not by reading every rule.
 */
class Selection {
  /** The enabled ingress rules for every member. */
  private readonly forAll: readonly FirewallRule[];
  /** Only where some rule picks its targets: those rules by label and account, and every rule's place. */
  private readonly picking: Map<string, FirewallRule[]> | undefined;
  private readonly position: Map<FirewallRule, number> | undefined;

  constructor(rules: readonly FirewallRule[]) {
    const enabled = rules.filter((r) => r.direction === 'ingress' && r.enabled.state !== 'unknown' && r.enabled.value);
    this.forAll = enabled.filter((r) => r.targets.kind === 'all');
    if (this.forAll.length === enabled.length) return;
    this.picking = new Map();
    this.position = new Map();
    enabled.forEach((r, i) => {
      this.position!.set(r, i);
      // An `all-of` rule is found by its first picking selector, then checked whole (`applied`).
      let t = r.targets;
      while (t.kind === 'all-of') t = t.of.find((s) => s.kind !== 'all') ?? ALL;
      if (t.kind === 'all') push(this.picking!, 'all', r);
      if (t.kind === 'labels') for (const l of new Set(t.labels)) push(this.picking!, `label:${l}`, r);
      if (t.kind === 'service-accounts') for (const a of new Set(t.accounts)) push(this.picking!, `account:${a}`, r);
    });
  }

  /** Whether some enabled ingress rule picks its targets (then which rules apply depends on the host). */
  get picks(): boolean {
    return this.picking !== undefined;
  }

  /** The rules that apply to `entity`, in the policy's order (shared when nothing is picked: not to be changed). */
  applied(entity: Entity): readonly FirewallRule[] {
    const { picking, position } = this;
    if (!picking || !position || entity.kind !== 'host') return this.forAll;
    const out = new Set(this.forAll);
    for (const r of picking.get('all') ?? NONE) out.add(r);
    for (const l of entity.labels) for (const r of picking.get(`label:${l}`) ?? NONE) out.add(r);
    for (const a of entity.serviceAccounts) for (const r of picking.get(`account:${a}`) ?? NONE) out.add(r);
    return [...out].filter((r) => r.targets.kind !== 'all-of' || selects(r.targets, entity.labels, entity.serviceAccounts)).sort((a, b) => position.get(a)! - position.get(b)!);
  }
}

function selectionOf(graph: Graph, policyId: string): Selection {
  let memo = selectionMemo.get(graph);
  if (!memo) selectionMemo.set(graph, (memo = new Map()));
  let selection = memo.get(policyId);
  if (!selection) memo.set(policyId, (selection = new Selection(graph.rulesOf(policyId))));
  return selection;
}

const selectionMemo = new WeakMap<Graph, Map<string, Selection>>();

/** Sorts and joins adjacent or overlapping stretches per protocol, keeping every responsible rule. */
export function merge(openings: readonly Opening[]): Opening[] {
  const sorted = [...openings].sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.ports.from - b.ports.from || a.ports.to - b.ports.to));
  const out: Opening[] = [];
  for (const o of sorted) {
    const last = out[out.length - 1];
    if (last && last.protocol === o.protocol && o.ports.from <= last.ports.to + 1) {
      const rules = [...last.rules, ...o.rules.filter((r) => !last.rules.includes(r))];
      out[out.length - 1] = { protocol: last.protocol, ports: { from: last.ports.from, to: Math.max(last.ports.to, o.ports.to) }, rules };
    } else out.push(o);
  }
  return out;
}

/** Stretches admitted by both layers. Rules from both sides are kept, the entity's own first. */
function intersect(a: readonly Opening[], b: readonly Opening[]): Opening[] {
  const out: Opening[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.protocol !== y.protocol) continue;
      const from = Math.max(x.ports.from, y.ports.from);
      const to = Math.min(x.ports.to, y.ports.to);
      if (from <= to) out.push({ protocol: x.protocol, ports: { from, to }, rules: x.rules });
    }
  }
  return merge(out);
}

/** True when some opening covers the port. */
export function opensPort(openings: readonly Opening[], port: number): boolean {
  return openings.some((o) => o.ports.from <= port && port <= o.ports.to);
}
