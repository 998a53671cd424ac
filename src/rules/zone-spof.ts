import { pathText, type ServiceAnalysis, type ZoneSpof } from '../graph/index.js';
import { analysisOf, memberIds, nodesText, shortZone } from './lib/graph-text.js';
import { listText } from './lib/text.js';
import type { Report, Rule } from './rule.js';

function report(a: ServiceAnalysis, z: ZoneSpof): Report {
  const nodes = z.nodes.length > 0 ? z.nodes : z.path.filter((v) => a.tiers[v] !== undefined);
  const primary = a.service.nodes[nodes[0]!]!;
  const zone = shortZone(z.zone);
  const data = listText(z.cutOff.map((v) => a.service.nodes[v]!.id));
  // The zone holds one node of a single copy (one public instance in front of a Multi-AZ database): it is alone, so
  // say only what the zone does. Two single instances side by side (blue and green) are not alone: the zone is
  // their weak link. When some of the nodes are single instances that are weak links of their own (cut points),
  // the zone is not the only thing to blame: say so, and fix each kind as it is fixed.
  const only = nodes.length === 1 ? a.service.nodes[nodes[0]!]! : undefined;
  const someAlone = only !== undefined && only.kind !== 'load-balancer' && only.replicasKnown && only.replicas <= 1;
  const cut = new Set(a.cuts.map((c) => c.node));
  const singles = nodes.filter((v) => {
    const n = a.service.nodes[v]!;
    return n.kind !== 'load-balancer' && n.replicasKnown && n.replicas <= 1;
  });
  const cutSingles = singles.filter((v) => cut.has(v));
  const tail = someAlone
    ? 'so one zone outage stops the service.'
    : cutSingles.length > 0
      ? `so one zone outage stops the service (and ${listText(cutSingles.map((v) => a.service.nodes[v]!.id))}, ${cutSingles.length === 1 ? 'a single instance' : 'single instances'}, ${cutSingles.length === 1 ? 'is a single point of failure' : 'are single points of failure'} of ${cutSingles.length === 1 ? 'its' : 'their'} own besides).`
      : 'side by side, so one zone outage stops the service although no single resource is alone.';
  const spread = nodes.length === 1 ? 'Spread it over at least two zones (subnets or zones in a second zone)' : singles.length === 0 ? 'Spread each of them over at least two zones (subnets or zones in a second zone)' : singles.length === nodes.length ? (cutSingles.length === 0 ? 'Place them in different zones (one of them in a subnet or zone of a second zone)' : 'Run each of them as a group of at least two instances spread over two zones or more') : `Run ${listText(singles.map((v) => a.service.nodes[v]!.id))} as ${singles.length === 1 ? 'a group' : 'groups'} of at least two instances spread over two zones or more, and spread ${listText(nodes.filter((v) => !singles.includes(v)).map((v) => a.service.nodes[v]!.id))} over at least two zones (subnets or zones in a second zone)`;
  return {
    resource: primary.id,
    related: [...nodes.slice(1).map((v) => a.service.nodes[v]!.id), ...z.cutOff.map((v) => a.service.nodes[v]!.id)],
    score: Math.min(7.5, 5.5 + 0.5 * Math.max(0, nodes.length - 1)),
    message: `Every path from the internet to ${data} passes through zone ${zone}: ${nodesText(a, nodes)} ${nodes.length === 1 ? 'runs' : 'run'} only there, ${tail}`,
    remediation: `${spread}, so that a path from the internet to the data survives the loss of ${zone}.`,
    path: pathText(a.service, z.path, z.entry),
    explains: memberIds(a, nodes),
  };
}

/**
 * A zone that every service path passes through, when no single resource is to blame (two single-zone web
 * servers side by side in one zone, in front of a Multi-AZ database). A zone of one cut point is that cut point's
 * finding, and a data store that lives only in the zone is its own finding's (single-az-database, spof). It
 * absorbs the spof findings on the resources that live only in that zone.
 */
export const zoneSpof: Rule = {
  meta: {
    id: 'zone-spof',
    title: 'Every path through one zone',
    category: 'zone',
    tags: ['reliability'],
    description:
      'Finds a zone whose loss cuts the internet off the data although every tier has two copies or more: all the copies of some tier, or the only routes between tiers, live in that one zone.',
    rationale:
      'A zone is one power feed, one cooling plant, one network fabric, and it fails as a whole. Two instances in the same zone survive a host failure but not a zone outage; only copies in different zones make the service survive one.',
    remediation: 'Spread every tier over at least two zones, so that a path from the internet to the data survives the loss of any one zone.',
    explains: ['spof'],
  },
  *check(ctx) {
    const a = analysisOf(ctx);
    for (const z of a.zones.spofs) yield report(a, z);
  },
};
