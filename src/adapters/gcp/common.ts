import { byDefault, known, unknownValue, type Placement, type Value } from '../../model/index.js';
import { REDACTED, type ResourceInstance } from '../../terraform/index.js';
import { keptTags } from '../read.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields every Google entity shares. Google calls its key/value metadata `labels`. */
export function base(instance: ResourceInstance) {
  return {
    id: instance.address,
    cloud: 'gcp' as const,
    source: [instance.address],
    declaredBy: instance.configAddress,
    tags: keptTags(instance.values, 'labels'),
  };
}

const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;
const REGION = /^[a-z]+-[a-z]+\d+$/;

/** `europe-west1-b` -> `europe-west1`; undefined when the text is no zone name. */
export const regionOfZone = (zone: string): string | undefined => ZONE.exec(zone)?.[1];

export const isRegionName = (location: string): boolean => REGION.test(location);

/** The region of a `location` that is either a region or a zone (GKE, Filestore). */
export function regionOfLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  return isRegionName(location) ? location : regionOfZone(location);
}

/** `europe-west1-b` -> `europe-west1/europe-west1-b`; a self link or relative name is cut to its zone first. */
function gcpZone(zone: string): string {
  const name = lastSegment(zone);
  const region = regionOfZone(name);
  return region ? `${region}/${name}` : name;
}

/** The last path segment of a self link, relative name or plain name (`.../zones/us-east1-b` -> `us-east1-b`). */
export function lastSegment(value: string): string {
  const parts = value.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? value;
}

/** Placement over Google zone names, with the region taken from the zones when not given. */
export function placement(region: string | undefined, zones: Value<readonly string[]>, zoneRedundant: Value<boolean>): Placement {
  if (zones.state === 'unknown') return { region, zones, zoneRedundant };
  const named = [...new Set(zones.value.filter((z) => z !== '').map(gcpZone))].sort();
  const fromZones = zones.value.map((z) => regionOfZone(lastSegment(z))).find((r) => r !== undefined);
  return { region: region ?? fromZones, zones: { state: zones.state, value: named }, zoneRedundant };
}

/**
 * A regional service that Google runs across the zones of its region (Cloud NAT, a regional load balancer, a
 * subnetwork): pinned to no zone, and redundant across zones by design.
 */
export function regionalPlacement(region: string | undefined): Placement {
  return { region, zones: unknownValue(), zoneRedundant: known(true) };
}

/** Applies `f` to a Value, keeping how sure it is. */
export function mapValue<T, U>(v: Value<T>, f: (value: T) => U): Value<U> {
  if (v.state === 'unknown') return v.assumed === undefined ? unknownValue<U>() : unknownValue(f(v.assumed));
  return { state: v.state, value: f(v.value) };
}

/** The first element of a nested block list (or the object itself), following a path of block keys. */
function walk(node: unknown, path: readonly string[]): unknown {
  let current = node;
  for (const step of path) {
    const first: unknown = Array.isArray(current) ? current[0] : current;
    if (first === true) return true;
    if (!isObject(first)) return undefined;
    current = first[step];
  }
  return current;
}

/**
 * Reads an attribute at a path of nested blocks (`settings.availability_type`) as a Value: `set` when the plan has
 * it, `unknown` when the plan will know it only after apply and the configuration wrote its top-level block,
 * otherwise the provider's documented default. Only top-level attributes are recorded as configured, so an unset
 * nested attribute inside a written block counts as set when the plan spells out its schema default, and a nested
 * block the plan marks unknown as a whole is taken as one the provider computes (not written).
 */
export function readAt<T>(instance: ResourceInstance, path: readonly string[], documentedDefault: T, accept: (v: unknown) => v is T): Value<T> {
  const value = walk(instance.values, path);
  if (value !== null && value !== undefined && value !== REDACTED && accept(value)) {
    return instance.configured && !instance.configured.has(path[0] ?? '') ? byDefault(value) : known(value);
  }
  const written = !instance.configured || instance.configured.has(path[0] ?? '');
  if (instance.unknown === true) return written ? unknownValue(documentedDefault) : byDefault(documentedDefault);
  // A nested block unknown as a whole is one the provider computes: the configuration did not write it.
  const blockUnknown = path.slice(1).some((_, i) => walk(instance.unknown, path.slice(0, i + 1)) === true);
  return !blockUnknown && walk(instance.unknown, path) === true && written ? unknownValue(documentedDefault) : byDefault(documentedDefault);
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** A number that old plans may write as a string (`"2"`). */
export function readCount(instance: ResourceInstance, path: readonly string[], documentedDefault: number): Value<number> {
  const raw = walk(instance.values, path);
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return known(Number(raw));
  return readAt(instance, path, documentedDefault, isCount);
}

/** Whether the after_unknown mask marks anything at the path unknown. */
export function unknownAt(instance: ResourceInstance, path: readonly string[]): boolean {
  return instance.unknown === true || walk(instance.unknown, path) === true;
}
