import { cidrRanges, endpointOpenings, worldOpenings, type Graph, type Opening } from '../../graph/index.js';
import { cidrSize, coversFamily, familySize, type Entity } from '../../model/index.js';

interface Memo {
  /** Entities behind at least one policy (their own or their subnet's) that allows the world in. */
  readonly candidates: ReadonlySet<string>;
  readonly openings: Map<string, readonly Opening[]>;
}

const memos = new WeakMap<Graph, Memo>();

/**
 * Traffic from the world passes an entity's first policy layer only if its policies allow the world (in one rule, or
 * in ranges that hold every address only together): so only entities behind such policies (directly or through a
 * subnet) can have world openings. Found from the
 * rules' side in one pass, which spares evaluating every other entity of a large plan.
 */
/** Whether sizes summed by family reach a whole family. */
const holdsFamily = (v4: number, v6: number): boolean => v4 >= familySize(false) || v6 >= familySize(true);

function candidatesOf(graph: Graph): Set<string> {
  const worldPolicies = new Set<string>();
  // The sizes of each policy's allowed ranges, by family: only a policy whose ranges add up to a whole family can
  // admit the world in pieces (two rules, two halves), and only those are parsed and joined.
  const sizes = new Map<string, [number, number]>();
  for (const r of graph.all('firewall-rule')) {
    if (r.direction !== 'ingress' || r.action !== 'allow') continue;
    if (r.peers.some((p) => p.kind === 'world')) worldPolicies.add(r.policy);
    for (const p of r.peers) {
      const c = p.kind === 'cidr' ? cidrSize(p.cidr) : undefined;
      if (!c) continue;
      let total = sizes.get(r.policy);
      if (!total) sizes.set(r.policy, (total = [0, 0]));
      total[c.v6 ? 1 : 0] += c.size;
    }
  }
  for (const [policy, [v4, v6]] of sizes) {
    if (worldPolicies.has(policy) || !holdsFamily(v4, v6)) continue;
    const ranges = graph.rulesOf(policy).flatMap((r) => (r.direction === 'ingress' && r.action === 'allow' ? cidrRanges(r) : []));
    if (coversFamily(ranges, false) || coversFamily(ranges, true)) worldPolicies.add(policy);
  }
  const out = new Set<string>();
  for (const policy of worldPolicies) {
    for (const e of graph.in(policy, 'protected-by')) {
      if (graph.get(e.from)?.kind === 'subnet') for (const m of graph.in(e.from, 'in-subnet')) out.add(m.from);
      else out.add(e.from);
    }
  }
  // The policies of one entity add up together (an interface's security groups): their ranges joined may hold a
  // family that no one of them holds. The evaluation decides; here, only whether the sizes could.
  const joined = new Map<string, [number, number]>();
  for (const [policy, [v4, v6]] of sizes) {
    if (worldPolicies.has(policy)) continue;
    for (const e of graph.in(policy, 'protected-by')) {
      if (out.has(e.from) || graph.get(e.from)?.kind === 'subnet') continue;
      const total = joined.get(e.from);
      if (total) {
        total[0] += v4;
        total[1] += v6;
      } else joined.set(e.from, [v4, v6]);
    }
  }
  for (const [entity, [v4, v6]] of joined) if (holdsFamily(v4, v6)) out.add(entity);
  return out;
}

/**
 * What the internet reaches on an entity: through its network (`worldOpenings`) and on its public endpoints
 * (`endpointOpenings`), computed once per entity and graph: several rules ask it of the same hosts (open-ingress,
 * spof, segmentation), and on a 100k-resource plan the evaluation is the bulk of their time.
 */
export function worldOpen(graph: Graph, entity: Entity): readonly Opening[] {
  let memo = memos.get(graph);
  if (!memo) memos.set(graph, (memo = { candidates: candidatesOf(graph), openings: new Map() }));
  if (!memo.candidates.has(entity.id)) return [];
  let openings = memo.openings.get(entity.id);
  if (!openings) {
    const endpoints = endpointOpenings(graph, entity);
    openings = endpoints.length > 0 ? [...worldOpenings(graph, entity), ...endpoints] : worldOpenings(graph, entity);
    memo.openings.set(entity.id, openings);
  }
  return openings;
}
