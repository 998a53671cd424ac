import type { Entity, FirewallRule, Peer, PortRange, Protocol } from '../model/index.js';
import type { Graph } from './graph.js';

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

/** Peers that match traffic from members of `policyId` (AWS SG references) or from hosts with a label. */
type PeerTest = (peer: Peer) => boolean;

const PROTOCOLS_CHECKED: readonly Protocol[] = ['tcp', 'udp'];

/** Policy ids in front of an entity, grouped by layer: its own, then each of its subnets'. */
export function policyLayers(graph: Graph, entityId: string): ReadonlyArray<readonly string[]> {
  // Asked for every host several times (exposure, admission, each rule): worked out once per graph.
  let memo = layersMemo.get(graph);
  if (!memo) layersMemo.set(graph, (memo = new Map()));
  let layers = memo.get(entityId);
  if (!layers) {
    const own = graph.targets(entityId, 'protected-by', 'firewall-policy').map((p) => p.id);
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

/** Port stretches on TCP/UDP open to the whole internet, after every layer in front of the entity. */
export function worldOpenings(graph: Graph, entity: Entity): Opening[] {
  return openings(graph, entity, matchesWorld);
}

/** Port stretches open to peers matching `test` (e.g. a security group reference or a CIDR). */
export function openings(graph: Graph, entity: Entity, test: PeerTest): Opening[] {
  const layers = policyLayers(graph, entity.id);
  if (layers.length === 0) return [];
  let result: Opening[] | undefined;
  for (const layer of layers) {
    const admitted = layerOpenings(graph, entity, layer, test);
    result = result === undefined ? admitted : intersect(result, admitted);
    if (result.length === 0) return [];
  }
  return result ?? [];
}

/** Openings of one layer: the union over its policies (one policy per layer in first-match clouds). */
function layerOpenings(graph: Graph, entity: Entity, policyIds: readonly string[], test: PeerTest): Opening[] {
  const out: Opening[] = [];
  for (const id of policyIds) {
    const policy = graph.get(id);
    if (!policy || policy.kind !== 'firewall-policy') continue;
    const rules = graph.rulesOf(id).filter((r) => r.direction === 'ingress' && r.enabled.state !== 'unknown' && r.enabled.value && selects(r, entity));
    out.push(...(policy.evaluation === 'allow-union' ? unionOpenings(rules, test) : firstMatchOpenings(rules, test)));
  }
  return merge(out);
}

function unionOpenings(rules: readonly FirewallRule[], test: PeerTest): Opening[] {
  const out: Opening[] = [];
  for (const rule of rules) {
    if (rule.action !== 'allow' || !rule.peers.some(test)) continue;
    for (const protocol of protocolsOf(rule.protocol)) for (const ports of rule.ports) out.push({ protocol, ports, rules: [rule] });
  }
  return out;
}

/**
 * First match wins: cut the port space at every rule boundary, and for each stretch find the first rule (by
 * priority) whose peers, protocol and ports match. O(r log r + s * r) for r rules and s stretches per policy.
 */
function firstMatchOpenings(rules: readonly FirewallRule[], test: PeerTest): Opening[] {
  // At equal priority a deny goes first (Google: "DENY rules take precedence over ALLOW rules having equal priority").
  const relevant = rules
    .filter((r) => r.peers.some(test))
    .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity) || denyFirst(a) - denyFirst(b) || (a.id < b.id ? -1 : 1));
  if (!relevant.some((r) => r.action === 'allow')) return [];
  const out: Opening[] = [];
  for (const protocol of PROTOCOLS_CHECKED) {
    const cuts = new Set<number>([0, 65536]);
    for (const r of relevant) for (const p of r.ports) cuts.add(p.from).add(p.to + 1);
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i]!;
      const to = points[i + 1]! - 1;
      const decider = relevant.find((r) => protocolsOf(r.protocol).includes(protocol) && r.ports.some((p) => p.from <= from && to <= p.to));
      if (decider?.action === 'allow') out.push({ protocol, ports: { from, to }, rules: [decider] });
    }
  }
  return merge(out);
}

const denyFirst = (rule: FirewallRule): number => (rule.action === 'deny' ? 0 : 1);

function protocolsOf(protocol: Protocol): readonly Protocol[] {
  return protocol === 'all' ? PROTOCOLS_CHECKED : PROTOCOLS_CHECKED.includes(protocol) ? [protocol] : [];
}

/** Whether a rule's target selector picks the entity (labels and service accounts live on hosts). */
function selects(rule: FirewallRule, entity: Entity): boolean {
  const t = rule.targets;
  if (t.kind === 'all') return true;
  if (entity.kind !== 'host') return false;
  if (t.kind === 'labels') return t.labels.some((l) => entity.labels.includes(l));
  return t.accounts.some((a) => entity.serviceAccounts.includes(a));
}

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
