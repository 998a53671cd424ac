import { pathText, type CutPoint, type EgressCut, type ServiceAnalysis, type ServiceNode } from '../graph/index.js';
import { analysisOf, memberIds, namesSeveral, nodeText, nodesText, percent, shortZone } from './lib/graph-text.js';
import { basisOf } from '../model/index.js';
import { basisNote, knobText, settingOf, listText, takesOver } from './lib/text.js';
import { egressRemedy } from './lib/spof-network.js';
import type { Report, Rule } from './rule.js';

const COST = 'a standby or second node in another zone roughly doubles that part\'s cost';

function remedy(node: ServiceNode): string {
  const store = node.members.find((m) => m.kind === 'datastore');
  if (store?.kind === 'datastore') return `${store.redundancyKnob ? knobText(store.redundancyKnob) : 'Run a standby or a second node in another zone'} so that ${takesOver(store)}; ${COST}.`;
  if (node.kind === 'load-balancer') return 'Place the load balancer in at least two zones (subnets in two zones, or a zone-redundant or regional load balancer).';
  if (node.kind === 'gateway') return 'Add a second path: a second connection or gateway in another zone, each able to carry the traffic alone.';
  // A host that the adapter says how to scale (an ECS service's task count, an App Service plan's workers).
  const host = node.members.length === 1 ? node.members[0] : undefined;
  if (host?.kind === 'host' && host.scaleKnob) return `${knobText(host.scaleKnob)}.`;
  return 'Run it as a group of at least two instances spread over two zones or more, behind the load balancer.';
}

/** Base scores: losing the data is worst; a zone weakness needs a zone outage, rarer than one instance failing. */
function score(node: ServiceNode, cut: CutPoint): number {
  const base = node.kind === 'datastore' ? (cut.weakness === 'single' ? 6.5 : 5.5) : cut.weakness === 'single' ? 5.5 : 5.0;
  return Math.min(8.9, base + 2 * cut.share);
}

/**
 * Where the node stands: on every path from the internet to the data, or (when another entry or front reaches the
 * data past it) on every path through what it stops, which the message then names first.
 */
function onPath(a: ServiceAnalysis, cut: CutPoint, node: ServiceNode): string {
  if (cut.onEveryPath) return `Every path from the internet to the data passes through ${nodeText(node)}`;
  const cutOff = cut.stopped.filter((v) => v !== cut.node);
  const several = cutOff.length > 1 || cutOff.some((v) => namesSeveral(a.service.nodes[v]!));
  return `${nodesText(a, cutOff)} ${several ? 'have' : 'has'} no service path to the data but through ${nodeText(node)}`;
}

/** What stops: by name alone when the opening already gave their copies and zones. */
function stopping(a: ServiceAnalysis, cut: CutPoint, stopped: readonly number[]): string {
  const nodes = stopped.map((v) => a.service.nodes[v]!);
  const verb = nodes.length === 1 && !namesSeveral(nodes[0]!) ? 'stops' : 'stop';
  if (!cut.onEveryPath) return `${listText(nodes.map((n) => n.label), 3)} ${verb}`;
  return `${nodesText(a, stopped)} ${verb}`;
}

function cutReport(a: ServiceAnalysis, cut: CutPoint): Report {
  const node = a.service.nodes[cut.node]!;
  const others = cut.stopped.filter((v) => v !== cut.node);
  const share = `${percent(cut.share)} of the service's serving instances`;
  let message: string;
  if (cut.weakness === 'zone') {
    const zone = node.zones.length === 1 ? shortZone(node.zones[0]!) : 'the one zone the cloud picks';
    message = `${onPath(a, cut, node)}, which ${namesSeveral(node) ? 'run' : 'runs'} only in ${zone}: when that zone fails, ${stopping(a, cut, cut.elsewhere)} too, copies in other zones included (${share}).`;
  } else if (a.tiers[cut.node] === 'data') {
    const store = node.members.find((m) => m.kind === 'datastore');
    const basis = store?.kind === 'datastore' ? basisOf(store.placement.zoneRedundant, store.replicas) : 'set';
    const stopWith = others.length === 1 ? 'stops with it, however redundant it is' : 'stop with it, however redundant they are';
    const only = store?.kind === 'datastore' && store.storageSpansZones ? 'the only node serving data' : 'the only copy of data';
    message = `${nodeText(node)} is ${only} the service needs: when it (or its zone) fails, ${others.length > 0 ? `${nodesText(a, others)} ${stopWith}` : 'everything that needs it stops'} (${share}).${basisNote(basis, store?.kind === 'datastore' ? settingOf(store.redundancyKnob) : undefined)}`;
  } else {
    message = `${onPath(a, cut, node)}, which has nothing beside it: when it fails, ${others.length > 0 ? `${stopping(a, cut, others)} with it` : 'the service stops'} (${share}).`;
  }
  return {
    resource: node.id,
    related: others.map((v) => a.service.nodes[v]!.id),
    score: score(node, cut),
    message,
    remediation: remedy(node),
    path: pathText(a.service, cut.path, cut.entry),
    explains: memberIds(a, [cut.node]),
  };
}

function egressReport(a: ServiceAnalysis, cut: EgressCut): Report {
  const gateway = a.service.nodes[cut.gateway]!;
  const gw = gateway.members[0];
  const nat = gw?.kind === 'gateway' && (gw.gatewayKind === 'nat' || gw.gatewayKind === 'firewall');
  const where = gateway.zones.length === 1 ? ` in ${shortZone(gateway.zones[0]!)}` : '';
  const first = a.service.nodes[cut.elsewhere[0]!]!;
  const zones = [...new Set(cut.elsewhere.flatMap((v) => a.service.nodes[v]!.zones))].filter((z) => !gateway.zones.includes(z)).map(shortZone);
  const elsewhere = nat && zones.length > 0 ? `, their copies in ${listText(zones)} included` : '';
  return {
    resource: gateway.id,
    related: [cut.edge.via, ...cut.dependents.map((v) => a.service.nodes[v]!.id)],
    score: Math.min(7.5, 5.0 + 0.5 * cut.elsewhere.length + (zones.length > 1 ? 0.5 : 0)),
    message: nat
      ? `${gateway.id}${where} is the only way out to the internet for ${nodesText(a, cut.dependents)}: when ${cut.weakness === 'zone' ? 'its zone' : 'it'} fails, they lose outbound access (updates, external APIs, license checks)${elsewhere}.`
      : `${gateway.id} is the only path from ${nodesText(a, cut.dependents)} to the other site: when it fails, they are cut off from it.`,
    remediation: nat && gw?.kind === 'gateway' ? egressRemedy(gw) : remedy(gateway),
    path: [first.id, cut.edge.via, gateway.id, ...(nat ? ['internet'] : [])],
    explains: [gateway.id],
  };
}

/**
 * Cut points of the service graph: a load balancer, a host group, a data store or a gateway whose failure (or
 * whose zone's) disconnects the internet from the data, or hosts from their only way out, ranked by blast radius.
 * It explains the spof and single-az-database findings on the same resources better, and absorbs them.
 */
export const cutPoint: Rule = {
  meta: {
    id: 'cut-point',
    title: 'Single point of failure others depend on',
    category: 'spof',
    tags: ['reliability'],
    description:
      'Finds the places in the dependency graph, from the internet through the load balancers and hosts to the data, where one resource (or one zone) carries every path: a single database behind a redundant web tier, a one-zone load balancer in front of a multi-zone group, one NAT gateway for subnets in several zones.',
    rationale:
      'A single point of failure is a place in a chain, not an attribute of one resource: two web servers in front of one database are still one failure from an outage. Ranking by blast radius (how much of the service stops) shows which one to fix first.',
    remediation: 'Give the cut point a second copy in another zone, so that some path from the internet to the data survives its loss.',
    explains: ['spof', 'single-az-database'],
  },
  *check(ctx) {
    const a = analysisOf(ctx);
    for (const cut of a.cuts) yield cutReport(a, cut);
    for (const cut of a.egress) yield egressReport(a, cut);
  },
};
