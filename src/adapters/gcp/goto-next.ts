import { collapseWorld, contains, isSensitivePeer, parseCidr, type FirewallRule, type Peer, type PortRange, type Protocol, type TargetSelector } from '../../model/index.js';

/** The order a first-match policy reads its rules in (as `graph/exposure.ts` does): priority, then deny first. */
export function byEvaluation(a: FirewallRule, b: FirewallRule): number {
  const deny = ({ action }: FirewallRule): number => (action === 'deny' ? 0 : 1);
  return (a.priority ?? Infinity) - (b.priority ?? Infinity) || deny(a) - deny(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Copies of the next levels' rules one firewall may hold in all, so that many `goto_next` rules in front of many VPC
 * rules (each copies all of them) cannot grow the model without bound. Past it, a `goto_next` rule's traffic is
 * denied, as by the implied rule (see the design notes: a possible miss on such firewalls).
 */
export const COPY_BUDGET = 50_000;

/** What is left of a firewall's copy budget, shared by its `goto_next` rules. */
export interface Budget {
  left: number;
}

/**
 * A `goto_next` rule as first-match rules: the traffic it matches skips the rest of its own policy and is decided by
 * the next levels (another policy, the VPC firewall rules, then the implied deny of ingress). In one priority
 * order, that is, at the rule's place: each rule of the next levels (`later`, in their order) narrowed to what the
 * `goto_next` rule matches, then a deny of what it matches. Targets that must both pick a VM (two different tag
 * lists) are an `all-of` selector; sources that cannot be joined (a range and a tag) leave that copy out.
 */
export function passedOn(gotoNext: FirewallRule, later: readonly FirewallRule[], budget: Budget = { left: COPY_BUDGET }): FirewallRule[] {
  const fits = later.length <= budget.left;
  const copies = fits ? later.flatMap((r) => narrowed(r, gotoNext) ?? []) : [];
  budget.left -= copies.length;
  const step = 1 / (copies.length + 2);
  const base = gotoNext.priority ?? 0;
  const out = copies.map((c, i) => ({ ...c, priority: base + (i + 1) * step }));
  out.push({ ...gotoNext, action: 'deny', priority: base + (copies.length + 1) * step });
  return out;
}

/** `rule` limited to the traffic `by` matches, or undefined when nothing is left or the model cannot say it. */
function narrowed(rule: FirewallRule, by: FirewallRule): FirewallRule | undefined {
  if (rule.direction !== by.direction) return undefined;
  const protocol = bothProtocols(rule.protocol, by.protocol);
  if (!protocol) return undefined;
  const ports = protocol === 'tcp' || protocol === 'udp' || protocol === 'all' ? bothPorts(rule.ports, by.ports) : [...rule.ports];
  if ((protocol === 'tcp' || protocol === 'udp' || protocol === 'all') && ports.length === 0) return undefined;
  const peers = collapseWorld(rule.peers).flatMap((p) => collapseWorld(by.peers).flatMap((q) => bothPeers(p, q) ?? []));
  if (peers.length === 0) return undefined;
  const targets = bothTargets(rule.targets, by.targets);
  return {
    ...rule,
    id: `${rule.id}@${by.id}`,
    source: [...new Set([...rule.source, ...by.source])],
    declaredBy: rule.declaredBy,
    policy: by.policy,
    protocol,
    ports,
    peers,
    targets,
    // A copy stands only where the `goto_next` rule does.
    enabled: by.enabled.state === 'unknown' ? by.enabled : rule.enabled,
  };
}

function bothProtocols(a: Protocol, b: Protocol): Protocol | undefined {
  if (a === 'all') return b;
  if (b === 'all' || a === b) return a;
  return undefined;
}

function bothPorts(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
    }
  }
  return out;
}

const familyOf = (p: Peer & { kind: 'world' }): 'ipv4' | 'ipv6' | 'any' => p.family;

/** The sources both peers hold. Two ranges either nest or are apart; a range and a tag cannot be said. */
function bothPeers(p: Peer, q: Peer): Peer | undefined {
  // Sensitive ranges within the world stay sensitive (they may still be the world); any other meeting is unknown.
  if (isSensitivePeer(p) && q.kind === 'world') return p;
  if (isSensitivePeer(q) && p.kind === 'world') return q;
  if (p.kind === 'unknown' || q.kind === 'unknown') return { kind: 'unknown' };
  if (p.kind === 'world' && q.kind === 'world') {
    if (familyOf(q) === 'any' || familyOf(p) === familyOf(q)) return { kind: 'world', family: p.family };
    return familyOf(p) === 'any' ? { kind: 'world', family: q.family } : undefined;
  }
  if (p.kind === 'world' || q.kind === 'world') {
    const world = (p.kind === 'world' ? p : q) as Peer & { kind: 'world' };
    const other = p.kind === 'world' ? q : p;
    if (other.kind !== 'cidr' || world.family === 'any') return other;
    return other.cidr.includes(':') === (world.family === 'ipv6') ? other : undefined;
  }
  if (p.kind === 'cidr' && q.kind === 'cidr') {
    const [a, b] = [parseCidr(p.cidr), parseCidr(q.cidr)];
    if (!a || !b) return undefined;
    return contains(a, b) ? q : contains(b, a) ? p : undefined;
  }
  return JSON.stringify(p) === JSON.stringify(q) ? p : undefined;
}

/**
 * The VMs both selectors pick: `all` and the other, the narrower of two lists when one holds the other, else both
 * (`all-of`): a VM the `goto_next` rule passes on reaches the next levels' rule only if that rule picks it too.
 */
function bothTargets(a: TargetSelector, b: TargetSelector): TargetSelector {
  if (a.kind === 'all') return b;
  if (b.kind === 'all') return a;
  if (a.kind === b.kind && (a.kind === 'labels' || a.kind === 'service-accounts')) {
    const items = (t: TargetSelector): readonly string[] => (t.kind === 'labels' ? t.labels : t.kind === 'service-accounts' ? t.accounts : []);
    // A VM with one of the narrower list's items has one of the wider list's too.
    if (items(a).every((x) => items(b).includes(x))) return a;
    if (items(b).every((x) => items(a).includes(x))) return b;
  }
  return { kind: 'all-of', of: [...(a.kind === 'all-of' ? a.of : [a]), ...(b.kind === 'all-of' ? b.of : [b])] };
}
