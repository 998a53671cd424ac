import { coversAny, WEB_PORTS } from './ports.js';
import type { ServiceGraph, ServiceNode } from './service.js';

export const TIERS = ['edge', 'app', 'data'] as const;
export type Tier = (typeof TIERS)[number];

/** A tier the user assigned to an address (the config's tier hints); wins over tags and inference. */
export type TierHint = (address: string) => Tier | undefined;

const TAG = 'weaklink:tier';

function tagged(node: ServiceNode): Tier | undefined {
  for (const m of node.members) {
    const value = m.tags[TAG]?.trim().toLowerCase();
    if (value === 'edge' || value === 'app' || value === 'data') return value;
  }
  return undefined;
}

/**
 * The tier of each node (by index), inferred, not configured: load balancers, and hosts the internet reaches on
 * 80/443 with nothing forwarding to them (a proxy or a web server facing the world), are the edge; data stores
 * are data; other hosts are the application. A config hint for any member, then a `weaklink:tier` tag, overrides.
 * The internet, gateways and junctions have no tier.
 */
export function inferTiers(service: ServiceGraph, hint?: TierHint): ReadonlyArray<Tier | undefined> {
  return service.nodes.map((node) => {
    if (node.kind === 'internet' || node.kind === 'junction' || node.kind === 'gateway') return undefined;
    for (const m of node.members) {
      const h = hint?.(m.id);
      if (h) return h;
    }
    const t = tagged(node);
    if (t) return t;
    if (node.kind === 'datastore') return 'data';
    if (node.kind === 'load-balancer') return 'edge';
    const incoming = service.in[node.index]!;
    const front = incoming.some((e) => e.kind === 'entry' && coversAny(e.ports, WEB_PORTS));
    return front && !incoming.some((e) => e.kind === 'forwards') ? 'edge' : 'app';
  });
}
