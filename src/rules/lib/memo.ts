import { worldOpenings, type Graph, type Opening } from '../../graph/index.js';
import type { Entity } from '../../model/index.js';

interface Memo {
  /** Entities behind at least one policy (their own or their subnet's) that allows the world in. */
  readonly candidates: ReadonlySet<string>;
  readonly openings: Map<string, readonly Opening[]>;
}

const memos = new WeakMap<Graph, Memo>();

/**
 * Traffic from the world passes an entity's first policy layer only if one of its policies allows the world: so
 * only entities behind such a policy (directly or through a subnet) can have world openings. Found from the
 * rules' side in one pass, which spares evaluating every other entity of a large plan.
 */
function candidatesOf(graph: Graph): Set<string> {
  const worldPolicies = new Set<string>();
  for (const r of graph.all('firewall-rule')) {
    if (r.direction === 'ingress' && r.action === 'allow' && r.peers.some((p) => p.kind === 'world')) worldPolicies.add(r.policy);
  }
  const out = new Set<string>();
  for (const policy of worldPolicies) {
    for (const e of graph.in(policy, 'protected-by')) {
      if (graph.get(e.from)?.kind === 'subnet') for (const m of graph.in(e.from, 'in-subnet')) out.add(m.from);
      else out.add(e.from);
    }
  }
  return out;
}

/**
 * `worldOpenings`, computed once per entity and graph: several rules ask it of the same hosts (open-ingress, spof,
 * segmentation), and on a 100k-resource plan the evaluation is the bulk of their time.
 */
export function worldOpen(graph: Graph, entity: Entity): readonly Opening[] {
  let memo = memos.get(graph);
  if (!memo) memos.set(graph, (memo = { candidates: candidatesOf(graph), openings: new Map() }));
  if (!memo.candidates.has(entity.id)) return [];
  let openings = memo.openings.get(entity.id);
  if (!openings) memo.openings.set(entity.id, (openings = worldOpenings(graph, entity)));
  return openings;
}
