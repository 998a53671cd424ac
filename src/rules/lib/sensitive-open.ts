import { endpointOpenings, ingressKey, openings, type Graph, type Opening } from '../../graph/index.js';
import { isSensitivePeer, type Entity, type FirewallRule, type Peer } from '../../model/index.js';
import { worldOpen } from './memo.js';
import { mergeStretches, type Stretch } from './ports.js';

/** What one declaring address admits from sources the plan marks sensitive, beyond what it opens to the world. */
export interface SensitiveOpening {
  /** `rule.source[0]`: the block that declares the rule, which names the finding. */
  readonly address: string;
  /** The policy the rules belong to (may equal `address`). */
  readonly policy: string;
  /** Whether a rule of the address is hidden whole (ports and protocols sensitive too), not only its sources. */
  hidden: boolean;
  /** Entity id -> the stretches admitted from the sensitive sources, not already open to the world. */
  readonly exposed: Map<string, { readonly entity: Entity; stretches: Stretch[] }>;
}

const EXPOSABLE = ['host', 'load-balancer', 'datastore'] as const;

const namesSensitive = (rule: FirewallRule): boolean => rule.peers.some(isSensitivePeer);

/**
 * Traffic from a source the plan hides, which may be any address and so the internet: world allows admit it and
 * world denies stop it, like the internet's; allow rules with sensitive sources admit it too. A deny with sensitive
 * sources is not taken to stop it (it may name other addresses), nor is any narrower range.
 */
const fromHidden = (peer: Peer, rule: FirewallRule): boolean => peer.kind === 'world' || (rule.action === 'allow' && isSensitivePeer(peer));

/**
 * Every host, load balancer and data store that an allow rule with sensitive sources admits traffic to, evaluated
 * like a world opening (every layer, first match, target selectors), regrouped by the rule's declaring address.
 * Ports already open to the world on an entity are left out: the world finding says all there is about them.
 * Only entities behind a policy that holds such a rule are evaluated, once per set of policies.
 */
export function sensitiveOpeningsByAddress(graph: Graph): SensitiveOpening[] {
  const policies = new Set<string>();
  for (const r of graph.all('firewall-rule')) if (r.direction === 'ingress' && r.action === 'allow' && namesSensitive(r)) policies.add(r.policy);
  if (policies.size === 0) return [];
  const candidates = new Set<string>();
  for (const policy of policies) {
    for (const e of graph.in(policy, 'protected-by')) {
      if (graph.get(e.from)?.kind === 'subnet') for (const m of graph.in(e.from, 'in-subnet')) candidates.add(m.from);
      else candidates.add(e.from);
    }
  }
  const byKey = new Map<string, readonly Opening[]>();
  const byAddress = new Map<string, SensitiveOpening>();
  for (const kind of EXPOSABLE) {
    for (const entity of graph.all(kind)) {
      if (!candidates.has(entity.id)) continue;
      const key = ingressKey(graph, entity);
      let through = byKey.get(key);
      if (!through) byKey.set(key, (through = openings(graph, entity, fromHidden)));
      // A public endpoint's access list is the entity's own (no key shares it), and a way in of its own.
      const endpoints = endpointOpenings(graph, entity, fromHidden);
      const found = endpoints.length > 0 ? [...through, ...endpoints] : through;
      if (found.length === 0) continue;
      const world = worldOpen(graph, entity);
      for (const opening of found) {
        for (const rule of opening.rules) {
          if (!namesSensitive(rule) || (rule.protocol !== 'all' && rule.protocol !== opening.protocol)) continue;
          const stretches = rule.ports.flatMap((range) => {
            const from = Math.max(range.from, opening.ports.from);
            const to = Math.min(range.to, opening.ports.to);
            return from <= to ? beyond({ protocol: opening.protocol, from, to }, world) : [];
          });
          if (stretches.length === 0) continue;
          const address = rule.source[0] ?? rule.id;
          let w = byAddress.get(address);
          if (!w) byAddress.set(address, (w = { address, policy: rule.policy, hidden: false, exposed: new Map() }));
          if (rule.hidden) w.hidden = true;
          const seen = w.exposed.get(entity.id);
          if (seen) seen.stretches.push(...stretches);
          else w.exposed.set(entity.id, { entity, stretches });
        }
      }
    }
  }
  const out = [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  for (const w of out) for (const e of w.exposed.values()) e.stretches = mergeStretches(e.stretches);
  return out;
}

/** The part of a stretch that no world opening covers. */
function beyond(stretch: Stretch, world: readonly Opening[]): Stretch[] {
  let rest: Stretch[] = [stretch];
  for (const o of world) {
    if (o.protocol !== stretch.protocol) continue;
    rest = rest.flatMap((s) => {
      if (o.ports.to < s.from || o.ports.from > s.to) return [s];
      const parts: Stretch[] = [];
      if (s.from < o.ports.from) parts.push({ ...s, to: o.ports.from - 1 });
      if (o.ports.to < s.to) parts.push({ ...s, from: o.ports.to + 1 });
      return parts;
    });
  }
  return rest;
}
