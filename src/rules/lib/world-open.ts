import { cidrRanges, connectsOutOnly, Graph, piecesOf, worldOpenings, type Opening } from '../../graph/index.js';
import { coversFamily, known, selectorItems, type Entity, type FirewallPolicy, type FirewallRule, type Host } from '../../model/index.js';
import { listText, worldRanges } from './text.js';
import { worldOpen } from './memo.js';
import { mergeStretches, type Stretch } from './ports.js';

/** What one declaring address (a security group, a rule resource, an NSG) opens to the internet, and on what. */
export interface WorldOpening {
  /** `rule.source[0]`: the block that declares the opening rule, which names the finding. */
  readonly address: string;
  /** The policy the rules belong to (may equal `address`). */
  readonly policy: string;
  readonly rules: FirewallRule[];
  /** Entity id -> the stretches this address opens on it. Empty for a policy attached to nothing. */
  readonly exposed: Map<string, { readonly entity: Entity; stretches: Stretch[] }>;
  /** For a policy attached to nothing: what it would open on a member. */
  stretches: Stretch[];
}

const EXPOSABLE = ['host', 'load-balancer', 'datastore'] as const;

/**
 * Every world opening of every host, load balancer and data store, evaluated by the graph (`worldOpenings`) and
 * regrouped by the address that declares the responsible allow rule, so that one rule open to the world on many
 * hosts is one weak link. Then the policies attached to nothing, evaluated as if they had one member.
 */
export function worldOpeningsByAddress(graph: Graph): WorldOpening[] {
  const byAddress = new Map<string, WorldOpening>();
  for (const kind of EXPOSABLE) {
    for (const entity of graph.all(kind)) {
      for (const opening of worldOpen(graph, entity)) {
        for (const [rule, stretches, pieces] of contributions(opening)) {
          const w = entry(byAddress, rule, pieces, entity);
          const seen = w.exposed.get(entity.id);
          if (seen) seen.stretches.push(...stretches);
          else w.exposed.set(entity.id, { entity, stretches: [...stretches] });
        }
      }
    }
  }
  for (const [policyId, rules] of unattachedPolicies(graph)) {
    for (const opening of openingsOfLoosePolicy(graph, policyId, rules)) {
      for (const [rule, stretches, pieces] of contributions(opening)) entry(byAddress, rule, pieces).stretches.push(...stretches);
    }
  }
  const out = [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  for (const w of out) {
    w.stretches = mergeStretches(w.stretches);
    for (const e of w.exposed.values()) e.stretches = mergeStretches(e.stretches);
  }
  return out;
}

/**
 * The opening of the address that declares the rule. A rule the plan does not hold (`presumed`: GCP's default
 * network's) has no address of its own: what it opens is named by each entity it opens on, which the plan does hold.
 */
function entry(byAddress: Map<string, WorldOpening>, rule: FirewallRule, pieces: readonly FirewallRule[], entity?: Entity): WorldOpening {
  const address = rule.presumed && entity ? entity.id : (rule.source[0] ?? rule.id);
  const key = rule.presumed && entity ? `${address}#presumed` : address;
  let w = byAddress.get(key);
  if (!w) byAddress.set(key, (w = { address, policy: rule.policy, rules: [], exposed: new Map(), stretches: [] }));
  for (const r of [rule, ...pieces]) if (!w.rules.includes(r)) w.rules.push(r);
  return w;
}

/**
 * The part of an opening each responsible rule admits: its own ports, on the opening's protocol. Rules that admit
 * the world only together (ranges that hold every address once joined, in separate rules) are one contribution,
 * named by the first of them, with the others as its pieces.
 */
function contributions(opening: Opening): Array<[FirewallRule, Stretch[], FirewallRule[]]> {
  const out: Array<[FirewallRule, Stretch[], FirewallRule[]]> = [];
  const pieces = piecesOf(opening);
  for (const rule of opening.rules) {
    if (rule.protocol !== 'all' && rule.protocol !== opening.protocol) continue;
    const piece = pieces.includes(rule);
    if (piece && rule !== pieces[0]) continue;
    const stretches: Stretch[] = [];
    for (const range of piece ? [opening.ports] : rule.ports) {
      const from = Math.max(range.from, opening.ports.from);
      const to = Math.min(range.to, opening.ports.to);
      if (from <= to) stretches.push({ protocol: opening.protocol, from, to });
    }
    if (stretches.length > 0) out.push([rule, stretches, piece ? pieces.slice(1) : []]);
  }
  return out;
}

/**
 * Policies that protect nothing in this plan (no `protected-by` edge arrives but from functions, which take no
 * connections), and rules whose policy is not in the plan at all, when they hold an ingress allow from the world. Their members may be attached elsewhere or
 * only after apply, so they still count, lower.
 */
function unattachedPolicies(graph: Graph): Map<string, readonly FirewallRule[]> {
  const out = new Map<string, readonly FirewallRule[]>();
  const consider = (policyId: string): void => {
    if (out.has(policyId)) return;
    const rules = graph.rulesOf(policyId);
    const allows = rules.filter((r) => r.direction === 'ingress' && r.action === 'allow');
    if (allows.some((r) => r.peers.some((p) => p.kind === 'world')) || piecesHoldWorld(allows)) out.set(policyId, rules);
  };
  for (const policy of graph.all('firewall-policy')) if (graph.in(policy.id, 'protected-by').every((e) => connectsOutOnly(graph.get(e.from)))) consider(policy.id);
  for (const rule of graph.all('firewall-rule')) if (!graph.get(rule.policy)) consider(rule.policy);
  return out;
}

/** The ranges rules name, joined: whether they hold every IPv4 or every IPv6 address (the world in pieces). */
function piecesHoldWorld(rules: readonly FirewallRule[]): boolean {
  const ranges = rules.flatMap(cidrRanges);
  return coversFamily(ranges, false) || coversFamily(ranges, true);
}

/**
 * The internet as an opening's rules name it: `0.0.0.0/0`, `::/0`, the ranges one rule spells it with, and the
 * ranges of rules that hold it only together (`0.0.0.0/1 and 128.0.0.0/1 together, in aws_vpc_security_group_
 * ingress_rule.a and .b: every IPv4 address`).
 */
export function rangesOf(w: WorldOpening): string[] {
  const out = worldRanges(w.rules.flatMap((r) => r.peers));
  const pieces = w.rules.filter((r) => !r.peers.some((p) => p.kind === 'world'));
  const ranges = pieces.flatMap((r) => r.peers.flatMap((p) => (p.kind === 'cidr' ? [p.cidr] : [])));
  if (ranges.length === 0) return out;
  const parsed = pieces.flatMap(cidrRanges);
  const family = coversFamily(parsed, false) ? 'IPv4' : coversFamily(parsed, true) ? 'IPv6' : undefined;
  const where = [...new Set(pieces.map((r) => r.source[0] ?? r.id))].sort();
  const held = `${listText([...new Set(ranges)].sort(), 6)} together, in ${listText(where)}`;
  return [...out, family ? `${held}: every ${family} address` : held];
}

/**
 * Evaluates a policy with no members through the graph's own `worldOpenings`, on a stand-in member that carries
 * every label and identity the rules select by: what the policy opens once something is attached to it.
 */
function openingsOfLoosePolicy(graph: Graph, policyId: string, rules: readonly FirewallRule[]): readonly Opening[] {
  const first = rules[0];
  if (!first) return [];
  const found = graph.get(policyId);
  // A rule whose policy is not in the plan: its priorities tell how its policy reads rules.
  const policy: FirewallPolicy =
    found?.kind === 'firewall-policy'
      ? found
      : {
          id: policyId,
          cloud: first.cloud,
          source: [policyId],
          declaredBy: policyId,
          tags: {},
          kind: 'firewall-policy',
          evaluation: rules.some((r) => r.priority !== undefined) ? 'first-match' : 'allow-union',
          isDefault: false,
        };
  const labels = new Set<string>();
  const accounts = new Set<string>();
  for (const r of rules) {
    const items = selectorItems(r.targets);
    items.labels.forEach((l) => labels.add(l));
    items.accounts.forEach((a) => accounts.add(a));
  }
  const member: Host = {
    id: `${policyId}#member`,
    cloud: policy.cloud,
    source: [],
    declaredBy: policyId,
    tags: {},
    kind: 'host',
    role: 'instance',
    replicas: { min: known(1), desired: known(1), max: known(1) },
    placement: { region: undefined, zones: known([]), zoneRedundant: known(false) },
    publicIp: known(false),
    labels: [...labels].sort(),
    serviceAccounts: [...accounts].sort(),
  };
  const entities = new Map<string, Host | FirewallPolicy | FirewallRule>([[member.id, member], [policy.id, policy]]);
  for (const r of rules) entities.set(r.id, r);
  const local = new Graph({ entities, edges: [{ from: member.id, to: policy.id, kind: 'protected-by', via: 'weaklink' }], unmodelled: {}, resourceCount: 0 });
  return worldOpenings(local, member);
}
