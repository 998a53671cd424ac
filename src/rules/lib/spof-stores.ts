import type { Graph } from '../../graph/index.js';
import { isKnownTrue, type DataCategory, type DataStore } from '../../model/index.js';
import type { Report } from '../rule.js';
import { oneZone, trafficInDegree } from './network.js';
import { basisNote, knobText, plural, settingOf, zoneText } from './text.js';

/** Stores kept in one place that the single-az-database rule leaves alone: caches, file systems, object stores. */
const ZONAL_STORE_SCORE: Readonly<Partial<Record<DataCategory, number>>> = { file: 5.0, object: 4.5, 'key-value': 4.5 };

/** The store's own setting when it has one, with what it buys (`why`); else the general advice. */
const fixOf = (store: DataStore, fallback: string, why?: string): string =>
  store.redundancyKnob ? `${knobText(store.redundancyKnob)}${why ? ` ${why}` : ''}.` : fallback;

/**
 * A cache or broker of one node (every request falls through to the database, or messages stop, when it goes),
 * or one whose nodes all share a zone; a file system, object or key-value store kept in one zone.
 */
export function* storeReports(graph: Graph): Iterable<Report> {
  for (const store of graph.all('datastore')) {
    if (isKnownTrue(store.placement.zoneRedundant, (v) => v)) continue;
    const extra = Math.min(1, 0.25 * trafficInDegree(graph, store.id));
    if (store.category === 'cache' || store.category === 'broker') {
      const report = nodeReport(store, extra);
      if (report) yield report;
      continue;
    }
    const base = ZONAL_STORE_SCORE[store.category];
    const basis = base === undefined ? undefined : oneZone(store.placement);
    if (base === undefined || !basis) continue;
    yield {
      resource: store.id,
      related: store.source.filter((s) => s !== store.id),
      score: base + extra - (basis === 'unknown' ? 1 : 0),
      message: `${store.id} keeps its data in ${zoneText(store.placement.zones)}: when that zone fails, everything that reads or writes it stops with it.${basisNote(basis, settingOf(store.redundancyKnob))}`,
      remediation: fixOf(store, 'Use the service\'s zone-redundant (regional) storage class.'),
    };
  }
}

/** What losing the one node of a cache or a broker means for the rest. */
const LOSS: Readonly<Record<'cache' | 'broker', { one: string; all: string; fix: string; why: string }>> = {
  cache: {
    one: 'a single cache node',
    all: 'a zone outage empties the cache at once and sends every request to the database',
    fix: 'Run at least one replica in another zone with automatic failover.',
    why: 'so that a replica in another zone takes over when the node or its zone fails',
  },
  broker: {
    one: 'a single message broker',
    all: 'a zone outage stops every broker at once, and with them every producer and consumer',
    fix: 'Run an active/standby or clustered broker across zones.',
    why: 'so that a standby in another zone takes over when the broker or its zone fails',
  },
};

/** What leaves the nodes unspread: a switch left off (`multi_az_enabled`), or a setting that would spread them (`az_mode`). */
function spreadNote(store: DataStore, setting: string | undefined): string {
  if (!setting) return '';
  return store.redundancyKnob?.value.trim() === 'true' ? `, with \`${setting}\` off` : `, and \`${setting}\` does not spread them`;
}

function nodeReport(store: DataStore, extra: number): Report | undefined {
  const related = store.source.filter((s) => s !== store.id);
  const loss = LOSS[store.category === 'broker' ? 'broker' : 'cache'];
  if (isKnownTrue(store.replicas, (n) => n <= 1)) {
    const consequence = store.category === 'broker' ? 'messages stop flowing and producers fail or pile up until it is back' : 'every request it served falls through to the database at once, or fails';
    return {
      resource: store.id,
      related,
      score: 5.5 + extra,
      message: `${store.id} is ${loss.one} in ${zoneText(store.placement.zones)}: when it fails, ${consequence}.${basisNote(store.replicas.state, settingOf(store.redundancyKnob))}`,
      remediation: fixOf(store, loss.fix, loss.why),
    };
  }
  const basis = oneZone(store.placement);
  if (!basis) {
    // Several nodes whose zones AWS picks at apply, with nothing that spreads them: sharing one is possible only.
    const copies = store.replicas;
    if (store.placement.zones.state !== 'unknown' || copies.state === 'unknown' || copies.value < 2) return undefined;
    const setting = settingOf(store.redundancyKnob);
    return {
      resource: store.id,
      related,
      score: 3.0 + extra,
      message: `${store.id} runs ${plural(copies.value, 'node')} whose zones are picked at apply${spreadNote(store, setting)}: they may share one zone, and then ${loss.all}. Only a state shows where they landed.`,
      remediation: fixOf(store, loss.fix, loss.why),
    };
  }
  const nodes = store.replicas.state === 'unknown' ? 'Its nodes' : `All ${plural(store.replicas.value, 'node')}`;
  return {
    resource: store.id,
    related,
    score: 4.0 + extra - (basis === 'unknown' ? 1 : 0),
    message: `${nodes} of ${store.id} sit in ${zoneText(store.placement.zones)}: ${loss.all}.${basisNote(basis, settingOf(store.redundancyKnob))}`,
    remediation: fixOf(store, loss.fix, loss.why),
  };
}
