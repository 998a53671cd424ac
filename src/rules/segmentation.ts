import { Routing } from './lib/network.js';
import { analysisOf } from './lib/graph-text.js';
import { broadAccess, broadAppReports, bypassReports, publicPlacement, type Flaw } from './lib/segmentation-checks.js';
import type { Report, Rule } from './rule.js';

/** One finding per data store, however many of its flaws show: the worse one leads, a second adds a little. */
function combine(resource: string, flaws: readonly Flaw[]): Report | undefined {
  const sorted = [...flaws].sort((a, b) => b.score - a.score);
  const lead = sorted[0];
  if (!lead) return undefined;
  const path = sorted.find((f) => f.path)?.path;
  return {
    resource,
    related: [...new Set(sorted.flatMap((f) => f.related))],
    score: lead.score + (sorted.length > 1 ? 0.5 : 0),
    message: sorted.map((f) => f.message).join(' '),
    remediation: sorted.map((f) => f.remediation).join(' '),
    ...(path ? { path } : {}),
  };
}

/**
 * Tiers that should be apart but are not: a data store open to whole address ranges or placed in a public
 * subnet, an app host the internet reaches around the load balancer that stands in front of it, and an app host
 * open to whole ranges rather than to the tier in front of it. A data store
 * open to the whole internet is left to open-ingress, so that one weak link makes one finding.
 */
export const segmentation: Rule = {
  meta: {
    id: 'segmentation',
    title: 'Missing segmentation between tiers',
    category: 'segmentation',
    tags: ['security'],
    description:
      'Finds data stores that admit whole address ranges (a /16 or broader, their whole network, or every Azure service) instead of the application\'s group, data stores in public subnets, app hosts the internet reaches directly although a load balancer stands in front of them, and app hosts that admit whole ranges instead of the tier in front of them.',
    rationale:
      'Segmentation limits what one compromise reaches: a database that only its application can reach survives a breach elsewhere, and a host only its load balancer can reach keeps the TLS, firewall and rate limits in the path. Broad ranges and public subnets quietly remove those walls.',
    remediation: 'Admit each tier only from the tier in front of it (by security group or subnet), and keep data stores in private subnets.',
  },
  *check(ctx) {
    const { graph, settings } = ctx;
    const routing = new Routing(graph);
    for (const store of graph.all('datastore')) {
      const flaws = [broadAccess(graph, store), publicPlacement(graph, routing, store)].filter((f): f is Flaw => f !== undefined);
      const report = combine(store.id, flaws);
      if (report) yield report;
    }
    yield* bypassReports(graph, settings);
    yield* broadAppReports(analysisOf(ctx), settings);
  },
};
