import { analyzeService, type ServiceAnalysis, type ServiceNode } from '../../graph/index.js';
import type { RuleContext } from '../rule.js';
import { listText, plural, shortZone } from './text.js';

/** The graph facts of the context's model, shared by every graph rule (computed once per model). */
export const analysisOf = (ctx: RuleContext): ServiceAnalysis => analyzeService(ctx.graph, ctx.settings.tierHint);

const ROLE_WORDS: Readonly<Record<ServiceNode['kind'], readonly [string, string]>> = {
  internet: ['', ''],
  'load-balancer': ['zone', 'zones'],
  hosts: ['instance', 'instances'],
  datastore: ['node', 'nodes'],
  gateway: ['path', 'paths'],
  junction: ['', ''],
};

/** `aws_autoscaling_group.web (3 instances in us-east-1a, us-east-1b)`: a node with its copies and zones. */
export function nodeText(node: ServiceNode): string {
  const [one, many] = ROLE_WORDS[node.kind];
  // A function runs as many copies as it has invocations, a managed control plane as many as its provider keeps:
  // a count would mislead.
  const scaled = node.kind === 'hosts' && node.members.every((m) => m.kind === 'host' && (m.role === 'function' || m.role === 'cluster'));
  const copies = node.kind === 'load-balancer' || node.kind === 'gateway' || scaled ? '' : node.replicasKnown ? plural(node.replicas, one, many) : `an unknown number of ${many}`;
  const zones = node.zones.length === 0 ? '' : `${node.zones.length === 1 ? 'zone' : 'zones'} ${listText(node.zones.map(shortZone))}`;
  const parts = [copies, zones].filter((p) => p !== '');
  // One copy and several zones: the zones it may be placed in, not where it runs.
  const joint = copies !== '' && node.replicasKnown && node.replicas === 1 && node.zones.length > 1 ? ' in one of ' : ' in ';
  return parts.length === 0 ? node.label : `${node.label} (${parts.join(joint)})`;
}

/** Whether a node's name lists several resources (`aws_instance.web_a and aws_instance.web_b`): a plural subject. */
export const namesSeveral = (node: ServiceNode): boolean => node.label.includes(' and ');

export { shortZone } from './text.js';

/** `62%` of the serving instances; a share that rounds to nothing (one stack of a monorepo's hundred) is `less than 1%`. */
export const percent = (share: number): string => (share > 0 && share < 0.005 ? 'less than 1%' : `${Math.round(share * 100)}%`);

/** The nodes' texts as a list, nearest the internet (lowest index) first. */
export function nodesText(analysis: ServiceAnalysis, nodes: readonly number[], max = 4): string {
  return listText(nodes.map((v) => nodeText(analysis.service.nodes[v]!)), max);
}

/** Every entity id of the nodes: a graph report explains the first-set reports on any of them. */
export const memberIds = (analysis: ServiceAnalysis, nodes: readonly number[]): string[] => nodes.flatMap((v) => analysis.service.nodes[v]!.members.map((m) => m.id));
