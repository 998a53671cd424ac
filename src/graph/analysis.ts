import type { Model } from '../model/index.js';
import { cutPoints, serviceCore, type CutPoint, type ServiceCore } from './cut-points.js';
import { egressCuts, type EgressCut } from './egress.js';
import { flatFacts, type FlatFacts } from './flat.js';
import { Graph } from './graph.js';
import { exposures, servicePaths, type Exposure } from './reachability.js';
import { buildService, type ServiceGraph, type ServiceNode } from './service.js';
import { inferTiers, type Tier, type TierHint } from './tiers.js';
import { zoneFacts, type ZoneFacts } from './zones.js';

/** Every graph fact about one model, computed together once and shared by the rules and the diagram. */
export interface ServiceAnalysis {
  readonly graph: Graph;
  readonly service: ServiceGraph;
  /** Per node index. */
  readonly tiers: ReadonlyArray<Tier | undefined>;
  /** Per node index: 1 when the node is on a service path from the internet to the data. */
  readonly onServicePath: Uint8Array;
  readonly core: ServiceCore;
  readonly cuts: readonly CutPoint[];
  readonly egress: readonly EgressCut[];
  readonly exposures: readonly Exposure[];
  readonly zones: ZoneFacts;
  readonly flat: FlatFacts;
}

/** A data node all of whose stores are read replicas of another store (`references` to their source). */
function isReplica(graph: Graph, node: ServiceNode): boolean {
  return node.kind === 'datastore' && node.members.length > 0 && node.members.every((m) => m.kind === 'datastore' && graph.targets(m.id, 'references', 'datastore').length > 0);
}

const memo = new WeakMap<Model, { readonly hint: TierHint | undefined; readonly analysis: ServiceAnalysis }>();

/**
 * The graph facts of a model, memoised per model and tier hint: the graph rules each ask, and the engine asks
 * again for the report's service summary, but the work is done once. Pass the settings' `tierHint` itself (not a
 * new closure) so that the memo holds.
 */
export function analyzeService(graph: Graph, hint?: TierHint): ServiceAnalysis {
  const seen = memo.get(graph.model);
  if (seen && seen.hint === hint) return seen.analysis;
  const service = buildService(graph);
  const tiers = inferTiers(service, hint);
  const { members } = servicePaths(service, tiers);
  const core = serviceCore(service, tiers, members);
  const cuts = cutPoints(service, tiers, core, (node) => isReplica(graph, node));
  const analysis: ServiceAnalysis = {
    graph,
    service,
    tiers,
    onServicePath: members,
    core,
    cuts,
    egress: egressCuts(service),
    exposures: exposures(service, tiers),
    zones: zoneFacts(service, tiers, core, new Set(cuts.map((c) => c.node))),
    flat: flatFacts(graph, service, tiers),
  };
  memo.set(graph.model, { hint, analysis });
  return analysis;
}

/** The same, from a model (the engine's view, after the rules ran on its graph). */
export function analyzeModel(model: Model, hint?: TierHint): ServiceAnalysis {
  const seen = memo.get(model);
  if (seen && seen.hint === hint) return seen.analysis;
  return analyzeService(new Graph(model), hint);
}
