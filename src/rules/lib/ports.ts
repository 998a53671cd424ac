import type { Protocol } from '../../model/index.js';

/** Ports that hand out a shell or a desktop: open to the world, they are one leaked credential from a takeover. */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [23, 'Telnet'],
  [2375, 'Docker API'],
  [2376, 'Docker API'],
  [3389, 'RDP'],
  [5900, 'VNC'],
  [5985, 'WinRM'],
  [5986, 'WinRM'],
]);

/** Ports of databases, caches, queues and search engines: their data answers there. */
export const DATA_PORTS: ReadonlyMap<number, string> = new Map([
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [2049, 'NFS'],
  [2181, 'ZooKeeper'],
  [2379, 'etcd'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5439, 'Redshift'],
  [5601, 'Kibana'],
  [5672, 'AMQP'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [7000, 'Cassandra'],
  [7474, 'Neo4j'],
  [7687, 'Neo4j'],
  [8086, 'InfluxDB'],
  [8182, 'Gremlin'],
  [9042, 'Cassandra'],
  [9092, 'Kafka'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'],
  [11211, 'Memcached'],
  [26257, 'CockroachDB'],
  [27017, 'MongoDB'],
  [50000, 'Db2'],
  [61616, 'ActiveMQ'],
]);

/** What a load balancer or a web server is there to answer. */
export const WEB_PORTS: readonly number[] = [80, 443];

/** Ports application servers commonly listen on behind a load balancer. */
export const APP_PORTS: readonly number[] = [3000, 5000, 8000, 8008, 8080, 8443, 8888, 9000, 9090];

/** A stretch of ports on one protocol (TCP or UDP), inclusive. */
export interface Stretch {
  readonly protocol: Protocol;
  readonly from: number;
  readonly to: number;
}

export const coversAll = (s: Stretch): boolean => s.from <= 1 && s.to >= 65535;

export const covers = (stretches: readonly Stretch[], port: number): boolean => stretches.some((s) => s.from <= port && port <= s.to);

/** The ports of `ports` that some stretch covers, ascending. */
export function coveredPorts(stretches: readonly Stretch[], ports: Iterable<number>): number[] {
  return [...new Set([...ports].filter((p) => covers(stretches, p)))].sort((a, b) => a - b);
}

/** The stretches minus those made only of the given ports: wider stretches stay whole, so they read as written. */
export function withoutOnly(stretches: readonly Stretch[], ports: readonly number[]): Stretch[] {
  return stretches.filter((s) => {
    for (let p = s.from; p <= s.to; p++) if (!ports.includes(p)) return true;
    return false;
  });
}

/** Largest span checked port by port against an allow-list; a wider stretch is allowed only as `all`. */
const PER_PORT_LIMIT = 4096;

/** The stretches minus the ports `allowed` accepts (`all` accepts a stretch of every port). */
export function withoutAllowed(stretches: readonly Stretch[], allowed: (port: number | 'all') => boolean): Stretch[] {
  if (stretches.length > 0 && allowed('all')) return [];
  const out: Stretch[] = [];
  for (const s of stretches) {
    if (s.to - s.from >= PER_PORT_LIMIT) {
      out.push(s);
      continue;
    }
    let start: number | undefined;
    for (let p = s.from; p <= s.to + 1; p++) {
      const keep = p <= s.to && !allowed(p);
      if (keep && start === undefined) start = p;
      if (!keep && start !== undefined) {
        out.push({ protocol: s.protocol, from: start, to: p - 1 });
        start = undefined;
      }
    }
  }
  return out;
}

/** Sorts and joins overlapping or adjacent stretches per protocol. */
export function mergeStretches(stretches: readonly Stretch[]): Stretch[] {
  const sorted = [...stretches].sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.from - b.from || a.to - b.to));
  const out: Stretch[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && last.protocol === s.protocol && s.from <= last.to + 1) out[out.length - 1] = { ...last, to: Math.max(last.to, s.to) };
    else out.push(s);
  }
  return out;
}

const rangeText = (s: Stretch): string => (coversAll(s) ? 'all ports' : s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`);

/**
 * `tcp 22, 8000-8100; udp 53`, or `all protocols on all ports` when TCP and UDP are both wide open. Well-known
 * admin and data ports inside wider stretches are named: `tcp 0-1000 (including 22 SSH)`.
 */
export function describeStretches(stretches: readonly Stretch[], extraNamed: ReadonlyMap<number, string> = new Map()): string {
  const merged = mergeStretches(stretches);
  const byProtocol = new Map<Protocol, Stretch[]>();
  for (const s of merged) byProtocol.set(s.protocol, [...(byProtocol.get(s.protocol) ?? []), s]);
  const tcp = byProtocol.get('tcp') ?? [];
  const udp = byProtocol.get('udp') ?? [];
  if (tcp.length === 1 && udp.length === 1 && coversAll(tcp[0]!) && coversAll(udp[0]!)) return 'all protocols on all ports';
  const parts = [...byProtocol].map(([protocol, list]) => `${protocol} ${list.map(rangeText).join(', ')}`);
  const named = namedPorts(merged.filter((s) => s.from !== s.to && !coversAll(s)), extraNamed);
  return named.length > 0 ? `${parts.join('; ')} (including ${named.join(', ')})` : parts.join('; ');
}

/** `22 SSH`, `3306 MySQL`, ... for the well-known ports the stretches cover, at most five. */
export function namedPorts(stretches: readonly Stretch[], extraNamed: ReadonlyMap<number, string> = new Map()): string[] {
  const names = new Map<number, string>([...ADMIN_PORTS, ...DATA_PORTS, ...extraNamed]);
  const found = coveredPorts(stretches, names.keys());
  const shown = found.slice(0, 5).map((p) => `${p} ${names.get(p)}`);
  return found.length > 5 ? [...shown, `${found.length - 5} more`] : shown;
}
