import type { AnyToAny, ServiceAnalysis, SharedPlace, Tier } from '../graph/index.js';
import { analysisOf, nodesText } from './lib/graph-text.js';
import { listText } from './lib/text.js';
import type { Report, Rule } from './rule.js';

const tiersText = (tiers: readonly string[]): string => `${listText([...tiers])} tiers`;

/** The deepest of the tiers (sorted front to back): `data`, or `app tier` when no data store shares the place. */
const backOf = (tiers: readonly Tier[]): string => (tiers.at(-1) === 'data' ? 'data' : `${tiers.at(-1) ?? 'back'} tier`);

function subnetReport(a: ServiceAnalysis, s: SharedPlace): Report {
  return {
    resource: s.place,
    related: s.nodes.map((v) => a.service.nodes[v]!.id),
    score: 4.0,
    message: `The ${tiersText(s.tiers)} all sit in one subnet, ${s.place} (${nodesText(a, s.nodes, 3)}): no subnet boundary (route table, network ACL, subnet NSG) separates them, so the firewall of each resource is the only wall left.`,
    remediation: 'Give each tier its own subnets (public for the load balancers, private for the application, isolated for the data) and route and filter between them.',
  };
}

function policyReport(a: ServiceAnalysis, s: SharedPlace): Report {
  return {
    resource: s.place,
    related: s.nodes.map((v) => a.service.nodes[v]!.id),
    score: 5.0,
    message: `${s.place} protects the ${tiersText(s.tiers)} alike (${nodesText(a, s.nodes, 3)}): whatever it admits to the front it admits to the ${backOf(s.tiers)}, and a compromised member reaches every other one.`,
    remediation: 'Give each tier its own security group or NSG, and admit each tier only from the group of the tier in front of it.',
  };
}

function anyReport(a: ServiceAnalysis, r: AnyToAny): Report {
  const address = r.rule.source[0] ?? r.rule.id;
  return {
    resource: address,
    related: [...(r.rule.policy !== address ? [r.rule.policy] : []), ...r.nodes.map((v) => a.service.nodes[v]!.id)],
    score: r.tiers.length >= 2 ? 5.5 : 4.5,
    message: `${address} admits every port from ${listText([...r.from])} to ${nodesText(a, r.nodes, 3)} (${tiersText(r.tiers)}): anything compromised inside the network reaches every port of them, so one breach spreads sideways unhindered.`,
    remediation: 'Replace the any-to-any rule with the ports each tier serves, admitted only from the group of the tier that calls it.',
  };
}

/**
 * Flat networks: every tier in one subnet, every tier behind one security group or NSG, and any-to-any rules
 * inside the network (every port from the network's range, a /16 or broader private range, the virtual network,
 * or the policy's own members across tiers). One finding per subnet, policy or rule address.
 */
export const flatNetwork: Rule = {
  meta: {
    id: 'flat-network',
    title: 'Flat network between tiers',
    category: 'flat-network',
    tags: ['security'],
    description:
      'Finds load balancers, application hosts and data stores that share one subnet or one firewall policy, and rules that admit every port from the whole network, so that nothing stands between the tiers.',
    rationale:
      'Tiers kept apart limit what one breach reaches: a compromised web server that can only talk to the application port of the next tier is contained. In a flat network the first foothold reaches everything, on every port.',
    remediation: 'Give each tier its own subnets and security group, and admit each tier only from the tier in front of it, on the ports it serves.',
  },
  *check(ctx) {
    const a = analysisOf(ctx);
    const reports = new Map<string, Report>();
    const keep = (r: Report): void => {
      const seen = reports.get(r.resource);
      if (!seen) reports.set(r.resource, r);
      else reports.set(r.resource, { ...seen, score: Math.max(seen.score, r.score) + 0.3, message: `${seen.message} ${r.message}`, related: [...new Set([...(seen.related ?? []), ...(r.related ?? [])])] });
    };
    if (a.flat.subnet) keep(subnetReport(a, a.flat.subnet));
    for (const p of a.flat.policies) keep(policyReport(a, p));
    for (const r of a.flat.anyToAny) keep(anyReport(a, r));
    yield* [...reports.values()].sort((x, y) => (x.resource < y.resource ? -1 : 1));
  },
};
