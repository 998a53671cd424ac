import { analysisOf } from './lib/graph-text.js';
import { plural } from './lib/text.js';
import type { Rule } from './rule.js';

const COST =
  'Going further is a business decision, not a setting: a pilot light in a second region (data replicated with a cross-region replica, global table or replicated backups, compute scaled to zero) costs the replication and the storage; a warm standby adds the standby\'s compute (roughly doubling the data tier); active-active doubles the stack and needs DNS or global load balancing in front.';

/**
 * The whole deployment in one region: an info finding with the cost of going further, so the choice is made
 * knowingly. Only for a deployment with something to lose (a host, a load balancer or a data store).
 */
export const singleRegion: Rule = {
  meta: {
    id: 'single-region',
    title: 'Whole deployment in one region',
    category: 'zone',
    tags: ['reliability'],
    description: 'Notes when every host, load balancer and data store of a configuration runs in one region, with what a second region would cost.',
    rationale:
      'Regional outages are rare but real, and they take every zone of the region with them, often the backups and the tooling to restore from too. Whether that risk is worth a second region is a cost decision worth making knowingly.',
    remediation: COST,
  },
  *check(ctx) {
    const a = analysisOf(ctx);
    const { regions } = a.zones;
    if (regions.length !== 1) return;
    const tiered = a.service.nodes.filter((v) => a.tiers[v.index] !== undefined);
    if (!tiered.some((v) => v.regions.length > 0)) return;
    const network = ctx.graph.all('network')[0];
    const resource = network?.id ?? tiered.map((v) => v.id).sort()[0]!;
    yield {
      resource,
      related: [],
      score: 0.5,
      message: `Every load balancer, host and data store of this configuration (${plural(tiered.length, 'role')}) runs in ${regions[0]}: a regional outage stops all of them at once, and nothing here stands ready elsewhere.`,
      remediation: COST,
    };
  },
};
