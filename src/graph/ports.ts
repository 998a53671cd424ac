import type { PortRange } from '../model/index.js';

/**
 * Admin ports: an internal rule or a pool that admits only these carries no service traffic, and a world opening
 * on them is a foothold. The rules keep their own, richer lists (with names); these are the graph's facts only.
 */
export const ADMIN_PORTS: ReadonlySet<number> = new Set([22, 23, 2375, 2376, 3389, 5900, 5985, 5986]);

/** Ports of databases, caches, queues and search engines: the data answers there. */
export const DATA_PORTS: ReadonlySet<number> = new Set([
  1433, 1521, 2049, 2181, 2379, 3306, 5432, 5439, 5601, 5672, 5984, 6379, 7000, 7474, 7687, 8086, 8182, 9042, 9092, 9200, 9300, 11211, 26257, 27017, 50000, 61616,
]);

/** What a load balancer or a proxy is there to answer. */
export const WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

export const coversAll = (r: PortRange): boolean => r.from <= 1 && r.to >= 65535;

export const coversAny = (ranges: readonly PortRange[], ports: ReadonlySet<number>): boolean => ranges.some((r) => [...ports].some((p) => r.from <= p && p <= r.to));

/** Some port in the ranges is not an admin port: the opening carries service traffic. */
export const servesTraffic = (ranges: readonly PortRange[]): boolean =>
  ranges.some((r) => r.to - r.from + 1 > [...ADMIN_PORTS].filter((p) => r.from <= p && p <= r.to).length);

/**
 * The ports a data store listens on (`DataStore.onlyPorts`) that the ranges open, ascending, each once: what an
 * opening reaches of a managed engine that answers on its own port and nothing else.
 */
export function portsListenedOn(listens: readonly number[], opened: readonly PortRange[]): number[] {
  return [...new Set(listens)].sort((a, b) => a - b).filter((port) => opened.some((r) => r.from <= port && port <= r.to));
}
