import {
  byDefault,
  known,
  unknownValue,
  type DataCategory,
  type DataStore,
  type Knob,
  type Placement,
  type Value,
} from '../../model/index.js';
import { REDACTED, type ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { block, isUnknown, num, readBool, readNumber, readString, strings } from '../read.js';
import { base } from './common.js';

/** The ports each engine listens on when `port` is not set: the engines' and AWS's documented defaults. */
const ENGINE_PORTS: ReadonlyArray<readonly [RegExp, readonly number[]]> = [
  [/^(aurora|aurora-mysql|mysql|mariadb)$/, [3306]],
  [/^(aurora-postgresql|postgres|postgresql)$/, [5432]],
  // RDS Custom engines carry a prefix: `custom-oracle-ee`, `custom-sqlserver-se`.
  [/oracle/, [1521]],
  [/sqlserver/, [1433]],
  [/^db2/, [50000]],
  [/^docdb$/, [27017]],
  [/^neptune$/, [8182]],
  [/^redshift$/, [5439]],
  [/^(redis|valkey)$/, [6379]],
  [/^memcached$/, [11211]],
];

/** An engine's default client ports; empty when the engine is not known. */
export function defaultPorts(engine: string | undefined): number[] {
  if (!engine) return [];
  const lower = engine.toLowerCase();
  return [...(ENGINE_PORTS.find(([pattern]) => pattern.test(lower))?.[1] ?? [])];
}

/** The `port` attribute when the plan knows it, else the engine's default port. */
export function portsOf(instance: ResourceInstance, engine: string | undefined, key = 'port'): number[] {
  const port = num(instance.values, key);
  return port !== undefined && port > 0 ? [port] : defaultPorts(engine);
}

/**
 * Whether `portsOf` is all the engine answers on: the plan knows the port, or the configuration leaves it to the
 * engine's default. A port written but known only after apply (`random_integer.port.result`) may be any.
 */
export function onlyPortsOf(instance: ResourceInstance, engine: string | undefined, key = 'port'): boolean {
  const port = num(instance.values, key);
  if (port !== undefined && port > 0) return true;
  return defaultPorts(engine).length > 0 && instance.configured !== undefined && !instance.configured.has(key);
}

/**
 * As `read.ts` reads an attribute, except that a value the configuration did not write is the provider's default
 * even where the plan spells it out (Optional attributes with a schema default: `publicly_accessible = true` on
 * a Redshift cluster nobody asked to be public). Only for attributes whose unset value is a documented default,
 * never for values AWS picks (zones).
 */
function asWritten<T>(instance: ResourceInstance, key: string, v: Value<T>): Value<T> {
  if (v.state === 'set' && instance.configured && !instance.configured.has(key)) return byDefault(v.value);
  return v;
}

/** `readBool`, `readNumber`, `readString` of read.ts, with an unwritten value counted as the default. */
export const boolAttr = (i: ResourceInstance, key: string, dflt: boolean): Value<boolean> => asWritten(i, key, readBool(i, key, dflt));
export const numberAttr = (i: ResourceInstance, key: string, dflt: number): Value<number> => asWritten(i, key, readNumber(i, key, dflt));
export const stringAttr = (i: ResourceInstance, key: string, dflt: string): Value<string> => asWritten(i, key, readString(i, key, dflt));

/** Applies `f` to a Value, keeping how sure it is. */
export function mapValue<T, U>(v: Value<T>, f: (value: T) => U): Value<U> {
  if (v.state === 'unknown') return v.assumed === undefined ? unknownValue<U>() : unknownValue(f(v.assumed));
  return { state: v.state, value: f(v.value) };
}

/**
 * True when any of the values is true (a set one preferred), unknown when none is true but one is unknown,
 * else false (set when any was written). `none` answers for an empty list.
 */
export function anyTrue(values: ReadonlyArray<Value<boolean>>, none: Value<boolean>): Value<boolean> {
  if (values.length === 0) return none;
  const trues = values.filter((v) => v.state !== 'unknown' && v.value);
  if (trues.length > 0) return trues.find((v) => v.state === 'set') ?? trues[0]!;
  if (values.some((v) => v.state === 'unknown')) return unknownValue(false);
  return values.some((v) => v.state === 'set') ? known(false) : byDefault(false);
}

/**
 * The zone of a resource AWS places itself when the configuration does not pin it (`availability_zone`):
 * `[az]` when known, an empty `default` list when left to AWS, unknown when written but known only after apply.
 */
export function pinnedZone(instance: ResourceInstance, key = 'availability_zone'): Value<readonly string[]> {
  return mapValue(readString(instance, key, ''), (az) => (az ? [az] : []));
}

/** A list attribute as a Value: `default` (empty) when the configuration left it out. */
export function readList(instance: ResourceInstance, key: string): Value<readonly string[]> {
  const list = strings(instance.values, key);
  if (list.length > 0) return known(list);
  if (isUnknown(instance, key) && (!instance.configured || instance.configured.has(key))) return unknownValue();
  return byDefault([]);
}

/**
 * An attribute of a nested block (`cluster_config.instance_count`) as a Value. Only top-level attributes are
 * recorded as configured, so an unknown nested value counts as unknown only when its block was written.
 */
export function readNested<T>(
  instance: ResourceInstance,
  blockKey: string,
  key: string,
  documentedDefault: T,
  accept: (v: unknown) => v is T,
): Value<T> {
  const value = block(instance.values, blockKey)?.[key];
  if (value !== null && value !== undefined && value !== REDACTED && accept(value)) return known(value);
  const mask = instance.unknown;
  const blockMask = typeof mask === 'object' && mask !== null && !Array.isArray(mask) ? (mask as Record<string, unknown>)[blockKey] : mask;
  const first = Array.isArray(blockMask) ? blockMask[0] : blockMask;
  const unknown = first === true || (typeof first === 'object' && first !== null && (first as Record<string, unknown>)[key] === true);
  const written = !instance.configured || instance.configured.has(blockKey);
  return unknown && written ? unknownValue(documentedDefault) : byDefault(documentedDefault);
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/** Placement of a regional service that AWS spreads over zones itself (DynamoDB): pinned to no zone. */
export function regionalPlacement(zoneRedundant: Value<boolean>): Placement {
  return { region: undefined, zones: byDefault([]), zoneRedundant };
}

export interface DataStoreFields {
  readonly category: DataCategory;
  readonly engine: string | undefined;
  readonly ports: readonly number[];
  /** `ports` is all the store answers on (`onlyPortsOf`). */
  readonly onlyPorts?: boolean;
  readonly replicas: Value<number>;
  readonly placement: Placement;
  readonly publiclyAccessible: Value<boolean>;
  readonly redundancyKnob: Knob | undefined;
  /** Addresses that make up the store besides the declaring one (cluster instances, mount targets). */
  readonly parts?: readonly string[];
  /** The storage keeps copies in several zones whatever the nodes do (a cluster volume). */
  readonly storageSpansZones?: true;
}

/** A DataStore entity for an AWS resource instance. */
export function dataStore(instance: ResourceInstance, f: DataStoreFields): DataStore {
  const common = base(instance);
  // Spelled out rather than spread: V8 (Node 20) builds `{ ...a, more }` some ten times slower, per entity.
  const store: DataStore = {
    id: common.id,
    cloud: common.cloud,
    source: f.parts && f.parts.length > 0 ? [...common.source, ...f.parts] : common.source,
    declaredBy: common.declaredBy,
    tags: common.tags,
    kind: 'datastore',
    category: f.category,
    engine: f.engine,
    ports: [...new Set(f.ports)].sort((a, b) => a - b),
    replicas: f.replicas,
    placement: f.placement,
    publiclyAccessible: f.publiclyAccessible,
    redundancyKnob: f.redundancyKnob,
  };
  // Added in place, not spread into a copy: a copy per store cost some 20 MB at 100k resources (bench, +rule).
  if (f.onlyPorts) (store as { onlyPorts?: boolean }).onlyPorts = true;
  return f.storageSpansZones ? { ...store, storageSpansZones: true } : store;
}

/** A mapper for types that make no entity of their own: another mapper reads them through references. */
export function consumed(types: readonly string[]): Mapper {
  return { types, map() {} };
}
