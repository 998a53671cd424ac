import { SENSITIVE_PEER, byDefault, known, peerFromText, unknownValue, type DataStore, type FirewallRule, type Peer, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, keptTags, redacted, str } from '../read.js';
import { base, isBoolean, isString, lastSegment, mapValue, placement, readAt } from './common.js';
import { networkPolicies } from './links.js';

const SQL = ['google_sql_database_instance'];

/** `database_version` (`POSTGRES_16`, `MYSQL_8_0`, `SQLSERVER_2019_STANDARD`) -> engine and client port. */
function sqlEngine(version: string | undefined): { engine: string | undefined; port: number | undefined } {
  const v = (version ?? '').toUpperCase();
  if (v.startsWith('POSTGRES')) return { engine: 'postgres', port: 5432 };
  if (v.startsWith('MYSQL')) return { engine: 'mysql', port: 3306 };
  if (v.startsWith('SQLSERVER')) return { engine: 'sqlserver', port: 1433 };
  return { engine: undefined, port: undefined };
}

/**
 * The zones of the instance: `location_preference.zone` (and `secondary_zone`, where a REGIONAL instance keeps its
 * standby) when written; else Google picks them, which is no zone the plan can name.
 */
function zonesOf(instance: ResourceInstance, regional: Value<boolean>): Value<readonly string[]> {
  const zone = readAt(instance, ['settings', 'location_preference', 'zone'], '', isString);
  if (zone.state === 'unknown') return unknownValue();
  if (zone.value === '') return regional.state !== 'unknown' && regional.value ? unknownValue() : byDefault([]);
  const secondary = str(blocks(blocks(instance.values, 'settings')[0], 'location_preference')[0], 'secondary_zone');
  if (regional.state !== 'unknown' && regional.value) return secondary ? { state: zone.state, value: [zone.value, secondary] } : unknownValue();
  return { state: zone.state, value: [zone.value] };
}

/** One authorized network's range: its text, or a sensitive peer where the plan marks it sensitive. */
export const authorizedRange = (network: Record<string, unknown>, key: string): string | Peer | undefined => (redacted(network, key) ? SENSITIVE_PEER : str(network, key));

/**
 * The authorized networks of a database with a public address: who may connect to it from outside Google, as an
 * allow-union policy with one rule per range (`ranges`, read at `path`) on the engine's ports. Without a public
 * address they admit nothing, and without them the public address is reachable only through Google's connectors.
 */
export function authorizedNetworks(ctx: MapperContext, instance: ResourceInstance, store: DataStore, path: string, ranges: ReadonlyArray<string | Peer | undefined>): void {
  const id = `${instance.address}#authorized-networks`;
  ctx.add({ ...base(instance), id, kind: 'firewall-policy', evaluation: 'allow-union', isDefault: false });
  ctx.link(instance.address, id, 'protected-by', path);
  ranges.forEach((value, i) => {
    const rule: FirewallRule = {
      ...base(instance),
      id: `${id}[${i}]`,
      kind: 'firewall-rule',
      policy: id,
      direction: 'ingress',
      action: 'allow',
      priority: undefined,
      protocol: 'tcp',
      ports: store.ports.map((p) => ({ from: p, to: p })),
      peers: [typeof value === 'object' ? value : value ? peerFromText(value) : { kind: 'unknown' }],
      targets: { kind: 'all' },
      enabled: known(true),
    };
    ctx.add(rule);
  });
}

/**
 * `google_sql_database_instance`: Cloud SQL. `settings.availability_type` ZONAL (the default) runs one instance in
 * one zone; REGIONAL keeps a synchronous standby in a second zone. `ip_configuration.ipv4_enabled` (default true)
 * gives it a public address, which `authorized_networks` open to address ranges (`0.0.0.0/0` is the world).
 */
export const sqlDatabaseInstance: Mapper = {
  types: SQL,
  map(instance, ctx) {
    const { engine, port } = sqlEngine(str(instance.values, 'database_version'));
    const availability = readAt(instance, ['settings', 'availability_type'], 'ZONAL', isString);
    const regional = mapValue(availability, (a) => a.toUpperCase() === 'REGIONAL');
    const region = str(instance.values, 'region');
    const publicIp = readAt(instance, ['settings', 'ip_configuration', 'ipv4_enabled'], true, isBoolean);
    const store: DataStore = {
      ...base(instance),
      tags: keptTags(blocks(instance.values, 'settings')[0], 'user_labels'),
      kind: 'datastore',
      category: 'relational',
      engine,
      ports: port === undefined ? [] : [port],
      replicas: mapValue(regional, (r) => (r ? 2 : 1)),
      placement: placement(region ? lastSegment(region) : undefined, zonesOf(instance, regional), regional),
      publiclyAccessible: publicIp,
      redundancyKnob: { attribute: 'availability_type', value: '"REGIONAL"' },
    };
    ctx.add(store);
    if (publicIp.state === 'unknown' || publicIp.value) {
      const ip = blocks(blocks(instance.values, 'settings')[0], 'ip_configuration')[0];
      authorizedNetworks(ctx, instance, store, 'settings.ip_configuration.authorized_networks', blocks(ip, 'authorized_networks').map((n) => authorizedRange(n, 'value')));
    }
    for (const network of networkPolicies(ctx, instance, 'settings.ip_configuration.private_network').networks) {
      ctx.link(instance.address, network, 'in-network', 'settings.ip_configuration.private_network');
    }
    for (const primary of ctx.refs(instance, 'master_instance_name', { types: SQL })) ctx.link(instance.address, primary, 'references', 'master_instance_name');
  },
};
