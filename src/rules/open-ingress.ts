import type { Entity, PublicEndpoint } from '../model/index.js';
import { portsListenedOn, type Graph } from '../graph/index.js';
import { passthroughs, publicReach, tierOf, type Passthrough, type Reach } from './lib/network.js';
import { ADMIN_PORTS, DATA_PORTS, WEB_PORTS, covers, coveredPorts, coversAll, describeStretches, mergeStretches, withoutAllowed, withoutOnly, type Stretch } from './lib/ports.js';
import { basisNote, listText } from './lib/text.js';
import { sensitiveOpeningsByAddress, type SensitiveOpening } from './lib/sensitive-open.js';
import { rangesOf, worldOpeningsByAddress, type WorldOpening } from './lib/world-open.js';
import type { Report, Rule, RuleSettings } from './rule.js';

type PortClass = 'all' | 'admin' | 'data' | 'api' | 'other';

/** Scores by what is open and whether the internet can reach the entity's address today. */
const SCORES: Readonly<Record<PortClass, Readonly<Record<Reach, number>>>> = {
  all: { yes: 9.5, unknown: 9.0, no: 7.5 },
  admin: { yes: 9.5, unknown: 9.0, no: 7.5 },
  data: { yes: 9.0, unknown: 8.0, no: 7.0 },
  // Medium: the API answers only to valid credentials (a token, a certificate, a cloud identity), so an open
  // endpoint is one leaked kubeconfig or one API server CVE from the whole cluster, not a takeover by itself.
  api: { yes: 6.5, unknown: 6.0, no: 4.5 },
  other: { yes: 6.0, unknown: 5.5, no: 4.5 },
};
/** A policy attached to nothing: the same opening, one step removed from harm. */
const UNATTACHED: Readonly<Record<PortClass, number>> = { all: 5.0, admin: 5.0, data: 5.0, api: 2.5, other: 2.5 };
/** A policy used only by what the internet cannot reach (a Lambda function's interfaces, an interface endpoint). */
const PRIVATE_ONLY = 2.0;
/**
 * Admin, data or all ports admitted from sources the plan marks sensitive: weaklink cannot see them, so a blind spot,
 * low, by whether the internet can reach the entity. Without public reach today it is lower still: the sources would
 * have to be the internet and the entity gain an address.
 */
const SENSITIVE: Readonly<Record<Reach, number>> = { yes: 3.9, unknown: 3.5, no: 2.0 };

/**
 * Ports open to the world only by rules the plan does not hold but the cloud presumably made (GCP's default network's
 * `default-allow-ssh` and `default-allow-rdp`): high, not critical, since they may have been deleted outside the plan
 * (many organisations do, or never create the network) and the plan writes no opening of its own; not lower, since
 * where they still stand (a new project's default) an admin port on a public address is scanned within minutes.
 * Only entities the internet reaches (or may, after apply) are reported: on a private one the presumed rule opens
 * nothing today, and every VM of a default network would otherwise be a finding.
 */
const PRESUMED: Readonly<Record<Reach, number>> = { yes: 7.5, unknown: 7.0, no: 0 };

const WHY: Readonly<Record<PortClass, string>> = {
  all: 'Every port open to the internet exposes whatever listens on it, now or after the next deploy.',
  admin: 'Admin ports open to the internet are scanned within minutes and are one leaked key or unpatched daemon away from a takeover.',
  data: 'A data port open to the internet lets anyone try credentials and exploits directly against the data.',
  api: 'Anyone on the internet can try credentials and exploits against the API server: a leaked kubeconfig or service account token works from anywhere, and a flaw in the API server is open to whoever finds the endpoint. Whoever gets in controls every workload and secret of the cluster.',
  other: 'Each port open to the internet beyond what the service must answer widens its attack surface.',
};

const FIX: Readonly<Record<PortClass, string>> = {
  all: 'Replace the all-ports world rule with the few ports the service needs, admitted only from the sources that need them.',
  admin: 'Drop the world source (0.0.0.0/0, ::/0) and admit admin ports only from a VPN or bastion range, or connect through a managed bastion or tunnel (AWS Systems Manager Session Manager, Azure Bastion, Google IAP TCP forwarding) instead of an open port.',
  data: 'Admit the data port only from the application\'s security group or subnets, never from 0.0.0.0/0 or ::/0.',
  api: 'Take the API endpoint off the internet (a private endpoint, reached from inside the network or over a VPN), or admit only the office, VPN or CI ranges that need it.',
  other: 'Admit the port only from the ranges that need it, or put the service behind a load balancer.',
};

/** For an app port on hosts a load balancer already stands in front of: the balancer is the client that needs it. */
const FIX_BEHIND_BALANCER = 'Admit the port only from the load balancer\'s security group (or its subnets): the load balancer in front is the only client the hosts need to answer.';

/** Whether some load balancer pool targets the entity (a load balancer already stands in front of it). */
const behindBalancer = (graph: Graph, entity: Entity): boolean => entity.kind === 'host' && graph.sources(entity.id, 'targets', 'target-pool').length > 0;

/**
 * The fix for an app port: the load balancer's group for hosts one already fronts, the generic fix for the rest,
 * and both, each naming its hosts, when the rule opens the port on some of each.
 */
function appPortFix(graph: Graph, entities: readonly string[]): string {
  const fronted = entities.filter((id) => {
    const entity = graph.get(id);
    return entity !== undefined && behindBalancer(graph, entity);
  });
  if (fronted.length === 0) return FIX.other;
  if (fronted.length === entities.length) return FIX_BEHIND_BALANCER;
  const others = entities.filter((id) => !fronted.includes(id));
  return `On ${listText(fronted)}, which a load balancer already fronts, admit the port only from the load balancer's security group (or its subnets). On ${listText(others)}, admit it only from the ranges that need it, or put ${others.length === 1 ? 'it' : 'them'} behind a load balancer too.`;
}

interface Assessed {
  readonly entity: Entity;
  readonly stretches: Stretch[];
  readonly klass: PortClass;
  readonly reach: Reach;
  readonly score: number;
  /** Ports still open on which a passthrough load balancer carries the internet's clients to the entity. */
  readonly through: readonly Passthrough[];
}

/** The port a managed Kubernetes API server answers on, on every cloud. */
const API_PORT = 443;

/** A Kubernetes control plane: its 443 is the cluster's API, an administrative surface, not a web front end. */
const isApiServer = (entity: Entity): boolean => entity.kind === 'host' && entity.role === 'cluster';

/** The class of the worst thing the stretches open on an entity. */
function classify(stretches: readonly Stretch[], ownDataPorts: readonly number[], dataTier: boolean, apiServer = false): PortClass {
  if (stretches.some(coversAll)) return 'all';
  if (coveredPorts(stretches, ADMIN_PORTS.keys()).length > 0) return 'admin';
  if (dataTier || coveredPorts(stretches, [...DATA_PORTS.keys(), ...ownDataPorts]).length > 0) return 'data';
  if (apiServer && covers(stretches, API_PORT)) return 'api';
  return 'other';
}

const CLASS_ORDER: readonly PortClass[] = ['all', 'admin', 'data', 'api', 'other'];
const worse = (a: PortClass, b: PortClass): PortClass => (CLASS_ORDER.indexOf(a) <= CLASS_ORDER.indexOf(b) ? a : b);

function allowedFor(settings: RuleSettings, addresses: readonly string[]): (port: number | 'all') => boolean {
  return (port) => addresses.some((a) => settings.worldOpenAllowed(a, port));
}

function assess(graph: Graph, settings: RuleSettings, w: Pick<WorldOpening, 'address' | 'policy'>, entity: Entity, raw: readonly Stretch[], reach: Reach): Assessed | undefined {
  const tier = tierOf(entity, settings);
  const dataLike = entity.kind === 'datastore' || tier === 'data';
  let stretches = withoutAllowed(raw, allowedFor(settings, [w.address, w.policy, entity.id]));
  // A managed engine answers only on its own port (`onlyPorts`): SSH open on its group exposes nothing of it.
  // Database and cache engines take clients on TCP.
  if (entity.kind === 'datastore' && entity.onlyPorts === true) {
    stretches = portsListenedOn(entity.ports, stretches.filter((s) => s.protocol === 'tcp')).map((port) => ({ protocol: 'tcp' as const, from: port, to: port }));
  }
  // 80/443 are what a load balancer or a web server is for; on an app host behind a load balancer they are
  // the segmentation rule's business. On a Kubernetes control plane's public endpoint 443 is the cluster's API.
  const endpoint = endpointOf(graph, w.policy) !== undefined;
  const apiServer = isApiServer(entity) && endpoint;
  // A managed control plane's interfaces in the network have private addresses and serve only the API to the
  // nodes: its one public face is the endpoint, judged on its own access list.
  if (isApiServer(entity) && !endpoint) return undefined;
  if (!dataLike) stretches = withoutOnly(stretches, apiServer ? WEB_PORTS.filter((p) => p !== API_PORT) : WEB_PORTS);
  // A host with no public address behind a network load balancer that hands it the clients' addresses must
  // admit the world on the pool's port: the internet reaches it only through the load balancer. Admin and data
  // ports stay findings, and the load balancer carries them to the internet: the host is reachable on them now.
  const carried = reach !== 'yes' && entity.kind === 'host' ? passthroughs(graph, entity) : [];
  if (!dataLike && reach === 'no') {
    stretches = withoutOnly(stretches, carried.map((p) => p.port).filter((p) => !ADMIN_PORTS.has(p) && !DATA_PORTS.has(p)));
  }
  if (stretches.length === 0) return undefined;
  const through = carried.filter((p) => stretches.some((s) => s.from <= p.port && p.port <= s.to));
  const reached: Reach = through.some((p) => p.reach === 'yes') ? 'yes' : through.length > 0 ? 'unknown' : reach;
  const klass = classify(stretches, entity.kind === 'datastore' ? entity.ports : [], tier === 'data', apiServer);
  let score = SCORES[klass][reached];
  if (entity.kind === 'datastore' && reached === 'yes' && klass !== 'other') score = 9.6;
  return { entity, stretches, klass, reach: reached, score, through };
}

function reachNote(worst: Assessed): string {
  if (worst.through.length > 0) {
    const ports = worst.through.map((p) => p.port);
    const balancers = [...new Set(worst.through.flatMap((p) => p.balancers))].sort();
    return ` ${listText(balancers)} ${balancers.length === 1 ? 'passes' : 'pass'} the internet's connections on port ${ports.join(', ')} straight through to ${worst.entity.id}, public address or not.`;
  }
  if (worst.entity.kind === 'datastore' && worst.reach === 'yes') return ` ${worst.entity.id} is publicly accessible, so the database answers the internet directly.`;
  if (worst.reach === 'no') return ' None of them has a public address yet, so one change (an address, a public subnet) exposes them.';
  return '';
}

/** The other rule resources that admit the world together with the one named (its pieces), by address. */
const piecesOf = (w: WorldOpening): string[] => [...new Set(w.rules.map((r) => r.source[0] ?? r.id))].filter((a) => a !== w.address && a !== w.policy).sort();

/** The access list of a public endpoint the policy is, as the adapter described it; undefined for other policies. */
function endpointOf(graph: Graph, policyId: string): PublicEndpoint | undefined {
  const policy = graph.get(policyId);
  return policy?.kind === 'firewall-policy' ? policy.publicEndpoint : undefined;
}

const setting = (k: { readonly attribute: string; readonly value: string }): string => `\`${k.attribute} = ${k.value}\``;

/** The fix for an API endpoint open to the world, in the cloud's words where the adapter gave them. */
function apiFix(endpoint: PublicEndpoint | undefined): string {
  if (!endpoint) return FIX.api;
  const close = endpoint.close.length > 0 ? `Take the API endpoint off the internet (set ${listText(endpoint.close.map(setting))}; clients then reach it from inside the network or over a VPN), or admit` : 'Admit';
  return `${close} only the ranges that need it in \`${endpoint.narrow.attribute}\` (${endpoint.narrow.value}), never 0.0.0.0/0.`;
}

function attachedReport(graph: Graph, w: WorldOpening, assessed: Assessed[]): Report {
  assessed.sort((a, b) => b.score - a.score || (a.entity.id < b.entity.id ? -1 : 1));
  const worst = assessed[0]!;
  const klass = assessed.map((a) => a.klass).reduce(worse);
  const ranges = rangesOf(w);
  const ports = describeStretches(mergeStretches(assessed.flatMap((a) => a.stretches)));
  const entities = assessed.map((a) => a.entity.id);
  const base = {
    resource: w.address,
    related: [...piecesOf(w), ...(w.policy !== w.address ? [w.policy] : []), ...[...entities].sort()],
    score: Math.min(10, worst.score + Math.min(0.3, 0.1 * (assessed.length - 1))),
    // An endpoint's finding is named by its cluster: the path does not repeat it.
    path: w.address === worst.entity.id ? ['internet', w.address] : ['internet', w.address, worst.entity.id],
  };
  if (klass === 'api') {
    const endpoint = endpointOf(graph, w.policy);
    const through = entities.includes(w.address) ? '' : ` through ${w.address}`;
    const basis = endpoint?.basis === 'default' ? basisNote('default', endpoint.narrow.attribute) : '';
    return {
      ...base,
      // An endpoint's access list is part of its cluster's block, not an address of its own.
      related: endpoint ? base.related.filter((id) => id !== w.policy) : base.related,
      message: `The Kubernetes API of ${listText(entities)} is open to the internet (${ranges.join(', ')}) on ${ports}${through}. ${WHY.api}${worst.reach === 'unknown' ? ' Whether the endpoint is public at all is known only after apply.' : reachNote(worst)}${basis}`,
      remediation: apiFix(endpoint),
    };
  }
  return {
    ...base,
    message: `${w.address} admits the internet (${ranges.join(', ')}) on ${ports} to ${listText(entities)}. ${WHY[klass]}${reachNote(worst)}`,
    remediation: klass === 'other' ? appPortFix(graph, entities) : FIX[klass],
  };
}

/**
 * World openings that rest only on rules the plan does not hold (`FirewallRule.presumed`): one finding per entity,
 * saying what the rules rest on and, in the cloud's words, how to be rid of them.
 */
function presumedReport(w: WorldOpening, assessed: Assessed[]): Report | undefined {
  const reached = assessed.filter((a) => a.reach !== 'no');
  const worst = reached.sort((a, b) => PRESUMED[b.reach] - PRESUMED[a.reach])[0];
  if (!worst) return undefined;
  const presumed = w.rules.flatMap((r) => (r.presumed ? [r.presumed] : []));
  const names = [...new Set(presumed.map((p) => p.name))].sort();
  const origins = [...new Set(presumed.map((p) => p.origin))].sort();
  const ports = describeStretches(mergeStretches(reached.flatMap((a) => a.stretches)));
  const one = names.length === 1;
  return {
    resource: w.address,
    related: [w.policy],
    score: PRESUMED[worst.reach],
    path: ['internet', w.policy, worst.entity.id],
    message: `${worst.entity.id} admits the internet (${rangesOf(w).join(', ')}) on ${ports} through ${listText(names)}, ${one ? 'one' : 'some'} of ${listText(origins)}: this plan does not hold ${one ? 'it' : 'them'}, and ${one ? 'it stands' : 'they stand'} unless someone deleted ${one ? 'it' : 'them'} outside it. ${WHY[worst.klass]}${reachNote(worst)}`,
    remediation: [...new Set(presumed.map((p) => p.fix))].sort().join(' '),
  };
}

function unattachedReport(graph: Graph, settings: RuleSettings, w: WorldOpening): Report | undefined {
  const stretches = withoutOnly(withoutAllowed(w.stretches, allowedFor(settings, [w.address, w.policy])), WEB_PORTS);
  if (stretches.length === 0) return undefined;
  const klass = classify(stretches, [], false);
  const ranges = rangesOf(w);
  const policy = graph.get(w.policy);
  const privately = policy?.kind === 'firewall-policy' ? (policy.usedPrivately ?? []) : [];
  if (privately.length > 0) {
    // Used, but only by what has no address the internet reaches (a Lambda function, an interface endpoint).
    return {
      resource: w.address,
      related: [...(w.policy !== w.address ? [w.policy] : []), ...privately],
      score: PRIVATE_ONLY,
      message: `${w.address} opens ${describeStretches(stretches)} to the internet (${ranges.join(', ')}), but here it guards only ${listText([...privately])}, which ${privately.length === 1 ? 'has' : 'have'} no address the internet reaches: the rule is harmless today and exposes whatever the group is attached to next.`,
      remediation: `Admit only the sources that need it (for an endpoint or a file system, the VPC's range or the clients' groups); a group used only to connect out (a Lambda function, a CodeBuild project, an App Runner connector) needs no ingress rule at all.`,
    };
  }
  return {
    resource: w.address,
    related: [...piecesOf(w), ...(w.policy !== w.address ? [w.policy] : [])],
    score: UNATTACHED[klass],
    message: `${w.address} opens ${describeStretches(stretches)} to the internet (${ranges.join(', ')}) but protects nothing in this plan; it exposes whatever is attached to it, here or elsewhere. ${WHY[klass]}`,
    remediation: `${FIX[klass]} If the rule is unused, delete it.`,
  };
}

/** Where the worst entity stands, as a clause about it. */
function standing(a: Assessed): string {
  if (a.through.length > 0) return `takes the internet's connections through ${listText([...new Set(a.through.flatMap((p) => p.balancers))].sort())}`;
  if (a.reach === 'unknown') return 'may be reachable from the internet after apply';
  if (a.reach === 'no') return 'has no public address yet';
  if (a.entity.kind === 'datastore') return 'is publicly accessible';
  if (a.entity.kind === 'load-balancer') return 'faces the internet';
  return 'has a public address';
}

/**
 * Admin, data or all ports that an allow rule admits from sources the plan marks sensitive: weaklink kept nothing
 * under the mark, so it says what it cannot see, never what the sources are. Web ports alone (what a front end
 * answers anyway) and other ports are left out, as are policies attached to nothing.
 */
function sensitiveReport(graph: Graph, settings: RuleSettings, w: SensitiveOpening): Report | undefined {
  const assessed: Assessed[] = [];
  for (const { entity, stretches } of w.exposed.values()) {
    const a = assess(graph, settings, w, entity, stretches, publicReach(graph, entity));
    if (a && a.klass !== 'other') assessed.push({ ...a, score: SENSITIVE[a.reach] });
  }
  if (assessed.length === 0) return undefined;
  assessed.sort((a, b) => b.score - a.score || (a.entity.id < b.entity.id ? -1 : 1));
  const worst = assessed[0]!;
  const entities = assessed.map((a) => a.entity.id);
  const where = `${listText(entities)}${entities.length === 1 ? `, which ${standing(worst)}` : ` (${worst.entity.id} ${standing(worst)})`}`;
  const ports = describeStretches(mergeStretches(assessed.flatMap((a) => a.stretches)));
  return {
    resource: w.address,
    related: [...(w.policy !== w.address && !endpointOf(graph, w.policy) ? [w.policy] : []), ...[...entities].sort()],
    score: worst.score,
    message: w.hidden
      ? `${w.address} has ingress rules that the plan marks sensitive whole (their sources, ports and protocols), in front of ${where}: weaklink cannot tell whether they admit the internet.`
      : assessed.every((a) => a.klass === 'api')
        ? `The Kubernetes API of ${listText(entities)} admits ${ports} from sources marked sensitive in the plan${entities.includes(w.address) ? '' : ` through ${w.address}`}, and ${worst.entity.id} ${standing(worst)}: weaklink cannot tell whether they include the internet.`
        : `${w.address} admits ${ports} from sources marked sensitive in the plan to ${where}: weaklink cannot tell whether they include the internet.`,
    remediation: w.hidden
      ? 'Check those rules; keep address ranges out of sensitive values (they are not secrets): one sensitive range hides every inline rule beside it from reviews and scanners.'
      : 'Check those sources; keep address ranges out of sensitive values (they are not secrets) so reviews and scanners can see them.',
  };
}

/** Firewall rules that admit the whole internet to hosts, load balancers and data stores. */
export const openIngress: Rule = {
  meta: {
    id: 'open-ingress',
    title: 'Ingress open to the internet',
    category: 'open-ingress',
    tags: ['security'],
    description:
      'Finds firewall rules that admit the whole internet (0.0.0.0/0 or ::/0) to hosts, load balancers and data stores on admin ports, data ports, all ports or any port beyond the web ports of a front end, and Kubernetes API endpoints open to the internet.',
    rationale:
      'The internet is scanned continuously: an admin or database port open to 0.0.0.0/0 or ::/0 is found within minutes and attacked with leaked credentials and known exploits. Only what must face the public (a load balancer or proxy on 80/443) should.',
    remediation: FIX.other,
    // A range that opens to the whole internet is this rule's: segmentation's broad-range finding on it grew.
    supersedes: ['segmentation'],
  },
  *check({ graph, settings }) {
    const named = new Set<string>();
    for (const w of worldOpeningsByAddress(graph)) {
      if (w.exposed.size === 0) {
        const report = unattachedReport(graph, settings, w);
        if (report) {
          named.add(w.address);
          yield report;
        }
        continue;
      }
      const assessed: Assessed[] = [];
      for (const { entity, stretches } of w.exposed.values()) {
        const a = assess(graph, settings, w, entity, stretches, publicReach(graph, entity));
        if (a) assessed.push(a);
      }
      if (w.rules.every((r) => r.presumed)) {
        const report = presumedReport(w, assessed);
        if (report) yield report;
      } else if (assessed.length > 0) {
        named.add(w.address);
        yield attachedReport(graph, w, assessed);
      }
    }
    // One finding per address: where the address also opens to the world, that finding is the one to act on.
    for (const w of sensitiveOpeningsByAddress(graph)) {
      if (named.has(w.address)) continue;
      const report = sensitiveReport(graph, settings, w);
      if (report) yield report;
    }
  },
};
