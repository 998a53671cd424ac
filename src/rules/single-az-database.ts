import { basisOf, isKnownTrue, type DataCategory, type DataStore } from '../model/index.js';
import { basisNote, knobText, settingOf, plural, takesOver, zoneText } from './lib/text.js';
import type { Report, Rule } from './rule.js';

/** Stores whose loss stops the application; caches and brokers are the spof rule's (single nodes in front of the data). */
const BASE_SCORE: Readonly<Partial<Record<DataCategory, number>>> = {
  relational: 7.0,
  document: 7.0,
  graph: 7.0,
  warehouse: 6.0,
  search: 6.0,
  stream: 6.0,
};

const COST = 'a standby or second node in another zone roughly doubles the instance cost';

/**
 * Undefined when the store survives a zone: the service keeps copies in several zones, or it runs two nodes or
 * more over two zones or more. Otherwise what the verdict rests on.
 */
function verdict(store: DataStore): 'set' | 'default' | 'unknown' | undefined {
  const { zones, zoneRedundant } = store.placement;
  if (isKnownTrue(zoneRedundant, (v) => v)) return undefined;
  const spread = zones.state !== 'unknown' && zones.value.length >= 2;
  if (spread && isKnownTrue(store.replicas, (n) => n >= 2)) return undefined;
  return basisOf(zoneRedundant, store.replicas);
}

/** The nodes the store runs, or what the adapter assumed for a count known only after apply. */
const nodeCount = (store: DataStore): number | undefined => (store.replicas.state === 'unknown' ? store.replicas.assumed : store.replicas.value);

/** Several nodes whose zones, and whether they differ, are known only after apply: sharing one is possible, not likely. */
const scatteredAtApply = (store: DataStore, n: number | undefined): boolean =>
  n !== undefined && n >= 2 && store.placement.zones.state === 'unknown' && store.placement.zoneRedundant.state === 'unknown';

/** Where the store keeps its data and on how many nodes, as far as the plan shows. */
function shapeText(store: DataStore): string {
  const n = nodeCount(store);
  if (n === undefined) return 'serves from a number of nodes this plan does not show (known after apply, or declared elsewhere), so it cannot show a copy in a second zone';
  const nodes = n <= 1 ? 'a single node' : plural(n, 'node');
  if (scatteredAtApply(store, n)) return `serves from ${nodes} whose zones are picked at apply, so they may share one zone`;
  // The storage keeps copies in other zones by itself: what sits in one zone is every node that can serve them.
  if (store.storageSpansZones) return `serves from ${nodes} in ${zoneText(store.placement.zones)}, and none in another zone (its storage keeps copies across zones, but no node there can serve them)`;
  return `keeps its data in ${zoneText(store.placement.zones)} with ${nodes} and no copy in another zone`;
}

function report(store: DataStore, base: number, basis: 'set' | 'default' | 'unknown'): Report {
  const n = nodeCount(store);
  // Unknowns lower the score; several nodes (or an unknown number) may well be spread already.
  const single = (n ?? 2) <= 1;
  const scattered = scatteredAtApply(store, n);
  const score = base + (single ? 0.5 : 0) - (basis === 'unknown' ? (single ? 1.5 : scattered ? 3.5 : 2.5) : 0);
  const until = store.storageSpansZones ? 'until a new node is created in another zone' : 'until it is restored elsewhere';
  const why =
    n === undefined || scattered
      ? `if its nodes share one zone, a zone outage stops it, and everything that needs it, ${until}.`
      : n <= 1
        ? `a zone outage or the loss of that node stops it, and everything that needs it, ${until}.`
        : `a zone outage stops every node at once, and everything that needs it, ${until}.`;
  const fix = store.redundancyKnob ? knobText(store.redundancyKnob) : 'Run a standby or a second node in another zone';
  return {
    resource: store.id,
    related: store.source.filter((s) => s !== store.id),
    score,
    // A node count the plan does not show is hedged once, by the shape itself.
    message: `${store.id} ${shapeText(store)}: ${why}${scattered ? ' Only a state shows where they landed; pinning each instance\'s zone makes the spread certain.' : n === undefined ? '' : basisNote(basis, settingOf(store.redundancyKnob))}`,
    remediation: `${fix} so that ${takesOver(store)} when a zone fails; ${COST}.`,
  };
}

/** Databases, warehouses, search clusters and streams that a single zone outage takes down. */
export const singleAzDatabase: Rule = {
  meta: {
    id: 'single-az-database',
    title: 'Database in a single zone',
    category: 'single-az-database',
    tags: ['reliability'],
    description:
      'Finds relational, document, graph, warehouse, search and stream stores that run in one availability zone: no Multi-AZ standby, a cluster whose instances share one zone, or a single node.',
    rationale:
      'Zones fail as a whole a few times a year. A store with no copy in a second zone goes down with its zone, and the application with it; recovering means a restore or a manual failover that takes far longer than an automatic one.',
    remediation: `Turn on the service's zone redundancy (Multi-AZ, regional availability, zone-redundant HA) or add a node in a second zone; ${COST}.`,
  },
  *check({ graph }) {
    for (const store of graph.all('datastore')) {
      const base = BASE_SCORE[store.category];
      if (base === undefined) continue;
      const basis = verdict(store);
      if (!basis) continue;
      const [source] = graph.targets(store.id, 'references', 'datastore');
      yield source ? replicaReport(store, source, basis) : report(store, base, basis);
    }
  },
};

/**
 * A read replica in one zone (`replicate_source_db`): its zone takes down the reads sent to it, not the data, which
 * its source keeps and serves. Low, and said so.
 */
function replicaReport(store: DataStore, source: DataStore, basis: 'set' | 'default' | 'unknown'): Report {
  const sourceSafe = verdict(source) === undefined;
  return {
    resource: store.id,
    related: [source.id, ...store.source.filter((s) => s !== store.id)],
    score: 3.5 - (basis === 'unknown' ? 1 : 0),
    message:
      `${store.id} is a read replica of ${source.id} in ${zoneText(store.placement.zones)}: a zone outage stops the reads sent to it until they go to ` +
      `${source.id} or a new replica; the data itself stays with ${source.id}${sourceSafe ? ', which survives a zone' : ''}.${basisNote(basis, settingOf(store.redundancyKnob))}`,
    remediation: store.redundancyKnob
      ? `If readers depend on it: ${knobText(store.redundancyKnob)} on the replica (a standby in a second zone), or let them fall back to ${source.id}'s endpoint.`
      : `If readers depend on it, run a second replica in another zone, or let them fall back to ${source.id}'s endpoint.`,
  };
}
