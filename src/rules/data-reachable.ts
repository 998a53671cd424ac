import { INTERNET, pathText, type Exposure, type ServiceAnalysis } from '../graph/index.js';
import { formatPorts } from '../model/index.js';
import { analysisOf } from './lib/graph-text.js';
import { describeStretches, WEB_PORTS, withoutOnly } from './lib/ports.js';
import { listText } from './lib/text.js';
import { worldOpeningsByAddress, type WorldOpening } from './lib/world-open.js';
import type { Report, Rule, RuleSettings } from './rule.js';

/** Scores by exposure and by whether the internet can use the target's address today or only maybe. */
const SCORES: Readonly<Record<Exposure['kind'], Readonly<Record<'yes' | 'unknown', number>>>> = {
  direct: { yes: 9.6, unknown: 8.6 },
  foothold: { yes: 9.3, unknown: 8.3 },
  forwarded: { yes: 9.2, unknown: 8.2 },
  admin: { yes: 8.5, unknown: 7.5 },
};

/**
 * How much a path weighs: its kind and whether the entry is reachable today, less 2 when a step rests only on a
 * guess (a new group's inline rules whose groups the plan names all at once): the path is possible, not certain.
 */
const scoreOf = (x: Exposure): number => SCORES[x.kind][x.entry.reach ?? 'yes'] - (guessed(x) ? 2 : 0);
const guessed = (x: Exposure): boolean => x.hops.some((h) => h.guessed === true);

/** The opening that names the weak link: the rule's address, or the load balancer that forwards. */
const primaryOf = (a: ServiceAnalysis, x: Exposure): string => (x.kind === 'direct' || x.kind === 'foothold' ? x.entry.via : a.service.nodes[x.entry.to]!.id);

/** The user accepted every port of this opening as open to the world (config allow-list). */
function accepted(settings: RuleSettings, a: ServiceAnalysis, x: Exposure): boolean {
  if (x.kind !== 'direct' && x.kind !== 'foothold') return false;
  const target = a.service.nodes[x.entry.to]!;
  const addresses = [x.entry.via, ...target.members.map((m) => m.id)];
  return x.entry.ports.every((r) => (r.from <= 1 && r.to >= 65535 ? addresses.some((ad) => settings.worldOpenAllowed(ad, 'all')) : range(r.from, r.to).every((p) => addresses.some((ad) => settings.worldOpenAllowed(ad, p)))));
}

const range = (from: number, to: number): number[] => (to - from > 64 ? [from, to] : Array.from({ length: to - from + 1 }, (_, i) => from + i));

/** Why each step after the first is allowed: `aws_db_instance.main admits it through aws_security_group.db`. */
function hopsText(a: ServiceAnalysis, x: Exposure): string {
  const steps = x.hops.slice(1).filter((h) => h.kind === 'admits' || h.kind === 'forwards' || h.kind === 'depends');
  return listText(
    steps.map((h) => {
      const ports = h.ports.length > 0 ? ` on ${formatPorts(h.ports)}` : '';
      // The plan names the groups of a new group's inline rules all at once: say which part is a guess.
      const guess = h.guessed ? `, ${h.ports.length > 1 ? 'some' : 'that'} perhaps only for another source: which of ${h.via}'s rules names which group is known only after apply` : '';
      return `${a.service.nodes[h.to]!.id} admits it (${h.via}${ports}${guess})`;
    }),
    3,
  );
}

function message(a: ServiceAnalysis, x: Exposure, named: string): string {
  // Rules that admit the world only together are named together.
  const primary = x.entry.together && (x.kind === 'direct' || x.kind === 'foothold') ? `${named}, together with ${listText([...x.entry.together])} (their ranges joined hold every address),` : named;
  const target = a.service.nodes[x.path[x.path.length - 1]!]!.id;
  const entered = a.service.nodes[x.entry.to]!.id;
  const ports = formatPorts(x.entry.ports);
  const maybe = x.entry.reach === 'unknown' ? ' (once it gets the public address the plan leaves to apply time)' : '';
  switch (x.kind) {
    case 'direct':
      return `${primary} admits the internet on ${ports} to ${target} itself${maybe}: the data answers the internet directly, one leaked password or unpatched engine from a breach.`;
    case 'foothold':
      return `${primary} admits the internet on ${ports} to ${entered}${maybe}, and from there ${hopsText(a, x)}: one stolen key or unpatched service on ${entered} and the internet is at ${target}.`;
    case 'forwarded':
      return `${entered} forwards the internet straight to ${target} (through ${x.hops[1]!.via}): the data store is the load balancer's backend, not the application.`;
    case 'admin':
      return `${entered} forwards the internet to ${target} on admin port ${formatPorts(x.hops[1]!.ports)} (through ${x.hops[1]!.via}): a shell is one leaked key away.`;
  }
}

/** The best exposure of each other node the same opening lets the internet into, by node id. */
function alsoEntered(a: ServiceAnalysis, best: Exposure, exposures: readonly Exposure[]): Exposure[] {
  if (best.kind !== 'direct' && best.kind !== 'foothold') return [];
  const byNode = new Map<number, Exposure>();
  for (const x of exposures) {
    if (x.entry.to === best.entry.to || (x.kind !== 'direct' && x.kind !== 'foothold')) continue;
    const seen = byNode.get(x.entry.to);
    if (!seen || scoreOf(x) > scoreOf(seen)) byNode.set(x.entry.to, x);
  }
  return [...byNode.values()].sort((p, q) => (a.service.nodes[p.entry.to]!.id < a.service.nodes[q.entry.to]!.id ? -1 : 1));
}

/**
 * What else the opening admits the internet to, beyond its ways to the data: another host on SSH, say. This finding
 * absorbs the opening's open-ingress finding, so what that one would have said is said here. Web ports alone
 * (80, 443) are what a front end answers and are left out.
 */
function alsoOpened(a: ServiceAnalysis, opening: WorldOpening | undefined, ways: readonly Exposure[]): Array<{ id: string; ports: string }> {
  if (!opening) return [];
  const said = new Set(ways.flatMap((x) => a.service.nodes[x.entry.to]!.members.map((m) => m.id)));
  const out: Array<{ id: string; ports: string }> = [];
  for (const [id, { stretches }] of [...opening.exposed].sort(([p], [q]) => (p < q ? -1 : 1))) {
    // A load balancer answers only on its listeners, which its own findings judge.
    if (said.has(id) || a.graph.get(id)?.kind === 'load-balancer') continue;
    const beyondWeb = withoutOnly(stretches, WEB_PORTS);
    if (beyondWeb.length > 0) out.push({ id, ports: describeStretches(beyondWeb) });
  }
  return out;
}

function alsoText(a: ServiceAnalysis, others: readonly Exposure[], primary: string): string {
  if (others.length === 0) return '';
  const named = others.map((o) => `${a.service.nodes[o.entry.to]!.id} (on ${formatPorts(o.entry.ports)})`);
  return ` ${primary} also admits the internet to ${listText(named, 3)}, ${others.length === 1 ? 'another way' : 'other ways'} to the data.`;
}

const FIX: Readonly<Record<Exposure['kind'], string>> = {
  direct: 'Admit the data port only from the application\'s security group or subnets, never from the internet, and keep the store private.',
  foothold: 'Close the world opening (admit admin ports only from a VPN or bastion range, or connect through a managed bastion or tunnel such as AWS Systems Manager Session Manager, Azure Bastion or Google IAP TCP forwarding), or stop the data store admitting the exposed host\'s group.',
  forwarded: 'Put the application between the load balancer and the data: the load balancer forwards to the application, which alone reaches the data store.',
  admin: 'Do not forward admin ports from an internet-facing load balancer; reach hosts through a VPN or a bastion, such as a managed bastion or tunnel (AWS Systems Manager Session Manager, Azure Bastion, Google IAP TCP forwarding).',
};

/** For an opening whose other world rules expose more than its way to the data. */
const CLOSE_OTHERS = 'Close its other world openings too, or narrow them to the sources that need them (admin ports only from a VPN or bastion range, or through a managed bastion or tunnel).';

/**
 * Paths from the internet to the data or to an admin port other than through the front door: the data store
 * open to the world, a host open on admin, data or all ports that the data store admits, a load balancer
 * forwarding to a data store or an admin port. One finding per opening, with the path; it absorbs open-ingress's
 * finding on the same opening (one weak link, one finding). The expected path (load balancer, application, data)
 * stays quiet.
 */
export const dataReachable: Rule = {
  meta: {
    id: 'data-reachable',
    title: 'Data reachable from the internet',
    category: 'reachability',
    tags: ['security'],
    description:
      'Follows every path from the internet through world-open rules, public addresses and internet-facing load balancers, then through the security groups, NSGs and firewall rules that admit one resource from another, and finds those that reach a data store or an admin port without passing the front door.',
    rationale:
      'A database behind three security groups can still be reachable from the world: a host open to the internet on SSH that the database admits is one stolen key from the data. Only the whole chain shows it; each rule on its own looks reasonable.',
    remediation: FIX.foothold,
    explains: ['open-ingress'],
    supersedes: ['segmentation'],
  },
  *check(ctx) {
    const a = analysisOf(ctx);
    const byPrimary = new Map<string, Exposure>();
    const all = new Map<string, Exposure[]>();
    for (const x of a.exposures) {
      if (x.path[0] !== INTERNET || accepted(ctx.settings, a, x)) continue;
      const primary = primaryOf(a, x);
      const seen = byPrimary.get(primary);
      // A shorter path of the same kind wins, unless it rests on a guess and the longer one does not.
      const shorter = seen !== undefined && SCORES[x.kind] === SCORES[seen.kind] && x.path.length < seen.path.length && !(guessed(x) && !guessed(seen));
      if (!seen || scoreOf(x) > scoreOf(seen) || shorter) byPrimary.set(primary, x);
      const list = all.get(primary);
      if (list) list.push(x);
      else all.set(primary, [x]);
    }
    let openingsByAddress: Map<string, WorldOpening> | undefined;
    for (const [primary, x] of [...byPrimary].sort(([p], [q]) => (p < q ? -1 : 1))) {
      const path = pathText(a.service, x.path, x.entry);
      // The opening's other ways in (another host it exposes, another port): named too, since this finding stands
      // for the opening's open-ingress finding, which it absorbs.
      const others = alsoEntered(a, x, all.get(primary) ?? []);
      const kinds = [...new Set([x.kind, ...others.map((o) => o.kind)])];
      // The world openings by address, worked out only when there is a finding to complete (most plans have none).
      openingsByAddress ??= new Map(worldOpeningsByAddress(a.graph).map((w) => [w.address, w]));
      const rest = alsoOpened(a, openingsByAddress.get(primary), [x, ...others]);
      yield {
        resource: primary,
        related: [...(x.entry.together ?? []), ...path.filter((p) => p !== 'internet' && p !== primary), ...others.map((o) => a.service.nodes[o.entry.to]!.id), ...rest.map((r) => r.id)],
        score: scoreOf(x),
        message: `${message(a, x, primary)}${alsoText(a, others, primary)}${rest.length > 0 ? ` It also admits the internet to ${listText(rest.map((r) => `${r.id} (${r.ports})`), 3)}.` : ''}`,
        remediation: [...kinds.map((k) => FIX[k]), ...(rest.length > 0 && !kinds.includes('foothold') ? [CLOSE_OTHERS] : [])].join(' '),
        path,
      } satisfies Report;
    }
  },
};
