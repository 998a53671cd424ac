import type { Report } from '../analyze.js';
import type { Finding } from '../findings/index.js';
import { analyzeService, DIAGRAM_NODE_LIMIT, summarizeService, type Graph, type LinkKind, type ServiceSummary, type SummaryNode, type TierLane } from '../graph/index.js';

/**
 * Plan-borne text inside a quoted Mermaid label: letters, digits and a few harmless marks pass, everything else
 * becomes a numeric entity (`#34;` for `"`, `#60;` for `<`, `#35;` for `#`), so no name can end the label, open a
 * tag, write a link or mention anyone. Line breaks and runs of spaces become one space; long text is cut.
 */
export function mermaidText(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
  let out = '';
  for (const ch of cut) out += /^[A-Za-z0-9 _.,/=+*·×…-]$/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

const LANE_TITLES: Readonly<Record<TierLane, string>> = { internet: 'Internet', edge: 'Edge', app: 'Application', data: 'Data', gateway: 'Gateways' };
const ARROWS: Readonly<Record<LinkKind, string>> = { entry: '-->', forwards: '-->', member: '-->', admits: '-->', depends: '-.->', egress: '-.->' };
/** Findings of these categories are paths to draw; the others are places (nodes). */
const PATH_CATEGORIES: ReadonlySet<string> = new Set(['reachability', 'open-ingress', 'segmentation']);

const shortZone = (zone: string): string => {
  const tail = zone.slice(zone.indexOf('/') + 1);
  return /^\d+$/.test(tail) ? zone : tail;
};

function label(node: SummaryNode): string {
  if (node.kind === 'internet') return 'internet';
  const copies = node.kind === 'load-balancer' || node.kind === 'gateway' ? '' : node.replicasKnown ? `${node.replicas}×` : '?×';
  const zones = node.zones.length > 0 ? node.zones.map(shortZone).join(', ') : '';
  return [node.label, copies, zones].filter((p) => p !== '').join(' · ');
}

const laneOf = (n: SummaryNode): TierLane => (n.kind === 'internet' ? 'internet' : (n.tier ?? 'gateway'));

/** Where findings fall: the nodes they name first, and for path findings the edges between the nodes on their path. */
function weakLinks(summary: ServiceSummary, findings: readonly Finding[]): { nodes: Set<string>; edges: Set<string> } {
  const nodeOf = new Map<string, string>();
  for (const n of summary.nodes) for (const m of n.members) nodeOf.set(m, n.id);
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const f of findings) {
    if (f.status === 'fixed' || f.suppressed) continue;
    const onPath = (f.path ?? []).map((p) => nodeOf.get(p)).filter((p): p is string => p !== undefined);
    const primary = nodeOf.get(f.resources[0] ?? '') ?? (PATH_CATEGORIES.has(f.category) ? onPath.find((p) => p !== 'internet') : undefined);
    if (primary) nodes.add(primary);
    if (PATH_CATEGORIES.has(f.category)) for (let i = 0; i + 1 < onPath.length; i++) edges.add(`${onPath[i]}>${onPath[i + 1]}`);
  }
  return { nodes, edges };
}

/**
 * A Mermaid flowchart of one service: the internet, then the edge, application and data tiers as subgraphs (and
 * the NAT and VPN gateways hosts leave by), each node with its copies and zones; the weak links the findings name
 * in red. A graph of more than 40 nodes is drawn by tier. Every plan-borne name goes through `mermaidText`; node
 * ids are generated, never taken from the plan.
 */
export function diagramOf(source: Graph | ServiceSummary, findings: readonly Finding[]): string {
  const summary = 'nodes' in source ? source : summarizeService(analyzeService(source));
  const part = body(summary, findings, '', 0);
  return ['flowchart LR', ...part.lines, ...styles([part])].join('\n');
}

/** One service's lines, the ids of its weak nodes, and the indexes (counted from `offset`) of its red links. */
interface Part {
  readonly lines: string[];
  readonly weakIds: string[];
  readonly red: number[];
  readonly links: number;
}

function styles(parts: readonly Part[]): string[] {
  const weakIds = parts.flatMap((p) => p.weakIds);
  const red = parts.flatMap((p) => p.red);
  return [
    ...(weakIds.length > 0 ? ['  classDef weak stroke:#d00,stroke-width:3px,color:#d00', `  class ${weakIds.join(',')} weak`] : []),
    ...(red.length > 0 ? [`  linkStyle ${red.join(',')} stroke:#d00,stroke-width:3px`] : []),
  ];
}

function body(summary: ServiceSummary, findings: readonly Finding[], prefix: string, offset: number): Part {
  const lines: string[] = [];
  const red: number[] = [];
  const weak = weakLinks(summary, findings);
  const weakIds: string[] = [];
  let links = offset;
  if (summary.edges.length === 0 && summary.nodes.length > DIAGRAM_NODE_LIMIT) {
    const id = (lane: TierLane): string => `${prefix}t_${lane}`;
    for (const t of summary.tiers) {
      const members = summary.nodes.filter((n) => laneOf(n) === t.tier);
      const text = t.tier === 'internet' ? 'internet' : `${LANE_TITLES[t.tier]} · ${t.nodes} roles · ${t.replicas} copies${t.zones.length > 0 ? ` · ${t.zones.map(shortZone).join(', ')}` : ''}`;
      lines.push(`  ${id(t.tier)}${t.tier === 'internet' ? `(("${mermaidText(text)}"))` : `["${mermaidText(text)}"]`}`);
      if (members.some((n) => weak.nodes.has(n.id))) weakIds.push(id(t.tier));
    }
    for (const e of summary.tierEdges) lines.push(`  ${id(e.from)} ${ARROWS[e.kind]} ${id(e.to)}`), links++;
  } else {
    const ids = new Map(summary.nodes.map((n, i) => [n.id, `${prefix}n${i}`]));
    const internet = summary.nodes.find((n) => n.kind === 'internet');
    if (internet) lines.push(`  ${ids.get(internet.id)}(("internet"))`);
    for (const lane of ['edge', 'app', 'data', 'gateway'] as const) {
      const members = summary.nodes.filter((n) => n.kind !== 'internet' && laneOf(n) === lane);
      if (members.length === 0) continue;
      lines.push(`  subgraph ${prefix}lane_${lane}["${LANE_TITLES[lane]}"]`);
      for (const n of members) lines.push(`    ${ids.get(n.id)}${n.kind === 'datastore' ? `[("${mermaidText(label(n))}")]` : `["${mermaidText(label(n))}"]`}`);
      lines.push('  end');
    }
    for (const n of summary.nodes) if (weak.nodes.has(n.id)) weakIds.push(ids.get(n.id)!);
    for (const e of summary.edges) {
      const from = ids.get(e.from);
      const to = ids.get(e.to);
      if (!from || !to) continue;
      if (weak.edges.has(`${e.from}>${e.to}`)) red.push(links);
      lines.push(`  ${from} ${ARROWS[e.kind]} ${to}`);
      links++;
    }
  }
  return { lines, weakIds, red, links };
}

/**
 * The diagram of a report: one input's service, or a subgraph per input when there are several (node ids
 * prefixed per input). Undefined when the report carries no service graph or nothing to draw.
 */
export function diagramOfReport(report: Report): string | undefined {
  const services = (report.services ?? []).filter((s) => s.service.nodes.length > 0);
  if (services.length === 0) return undefined;
  const mine = (input: string): Finding[] => report.findings.filter((f) => f.input === input);
  if (services.length === 1) return diagramOf(services[0]!.service, mine(services[0]!.input));
  const lines = ['flowchart LR'];
  const parts: Part[] = [];
  for (const [i, s] of services.entries()) {
    const part = body(s.service, mine(s.input), `i${i}_`, parts[parts.length - 1]?.links ?? 0);
    parts.push(part);
    lines.push(`  subgraph input${i}["${mermaidText(s.input)}"]`, ...part.lines.map((l) => `  ${l}`), '  end');
  }
  return [...lines, ...styles(parts)].join('\n');
}
