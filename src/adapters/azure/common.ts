import { byDefault, known, unknownValue, type Placement, type Value } from '../../model/index.js';
import { REDACTED, type ResourceInstance } from '../../terraform/index.js';
import { isUnknown, keptTags, readBool, readNumber, readString, str, strings } from '../read.js';

/** The fields every Azure entity shares. */
export function base(instance: ResourceInstance) {
  return {
    id: instance.address,
    cloud: 'azure' as const,
    source: [instance.address],
    declaredBy: instance.configAddress,
    tags: keptTags(instance.values),
  };
}

/** `West Europe` and `westeurope` name the same region: Azure compares locations without case or spaces. */
export function azureRegion(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const region = location.replace(/\s+/g, '').toLowerCase();
  return region === '' ? undefined : region;
}

export const regionOf = (instance: ResourceInstance): string | undefined => azureRegion(str(instance.values, 'location'));

/** Zone `1` of `westeurope` -> `westeurope/1`; the bare number when the region is not known yet. */
export function azureZone(region: string | undefined, zone: string): string {
  return region ? `${region}/${zone}` : zone;
}

/**
 * Placement from raw Azure zone numbers. A resource without zones in a zonal region is "no zone": Azure put it in
 * one place of its choosing, so the empty list is known and the resource is not zone-redundant.
 */
export function placement(region: string | undefined, zones: Value<readonly string[]>, zoneRedundant: Value<boolean>): Placement {
  if (zones.state === 'unknown') return { region, zones, zoneRedundant };
  const named = [...new Set(zones.value.map((z) => azureZone(region, z)))].sort();
  return { region, zones: { state: zones.state, value: named }, zoneRedundant };
}

/**
 * As `read.ts` reads an attribute, except that a value the configuration did not write is the provider's default
 * even where the plan spells it out (`public_network_access_enabled = true` nobody asked for).
 */
function asWritten<T>(instance: ResourceInstance, key: string, v: Value<T>): Value<T> {
  if (v.state === 'set' && instance.configured && !instance.configured.has(key)) return byDefault(v.value);
  return v;
}

export const boolAttr = (i: ResourceInstance, key: string, dflt: boolean): Value<boolean> => asWritten(i, key, readBool(i, key, dflt));
export const numberAttr = (i: ResourceInstance, key: string, dflt: number): Value<number> => asWritten(i, key, readNumber(i, key, dflt));
export const stringAttr = (i: ResourceInstance, key: string, dflt: string): Value<string> => asWritten(i, key, readString(i, key, dflt));

/**
 * A list of zone numbers (`zones`) or a single zone (`zone`) as a Value: `default` (empty) when left out, unknown
 * only when the configuration wrote it and the plan does not know it yet.
 */
export function zonesAttr(instance: ResourceInstance, key = 'zones'): Value<readonly string[]> {
  const list = strings(instance.values, key).filter((z) => z !== '');
  if (list.length > 0) return asWritten(instance, key, known(list));
  if (isUnknown(instance, key) && (!instance.configured || instance.configured.has(key))) return unknownValue();
  return byDefault([]);
}

/** Applies `f` to a Value, keeping how sure it is. */
export function mapValue<T, U>(v: Value<T>, f: (value: T) => U): Value<U> {
  if (v.state === 'unknown') return v.assumed === undefined ? unknownValue<U>() : unknownValue(f(v.assumed));
  return { state: v.state, value: f(v.value) };
}

/** The value at a nested block's attribute (`high_availability.mode`), or undefined. Never a redacted value. */
export function nested(values: unknown, blockKey: string, key: string): unknown {
  const blockValue = typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>)[blockKey] : undefined;
  const first: unknown = Array.isArray(blockValue) ? blockValue[0] : blockValue;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return undefined;
  const v = (first as Record<string, unknown>)[key];
  return v === REDACTED ? undefined : v;
}

/** Whether the after_unknown mask marks a nested block's attribute (or the whole block) unknown; with `index`, in that element only. */
export function isNestedUnknown(instance: ResourceInstance, blockKey: string, key?: string, index?: number): boolean {
  const mask = instance.unknown;
  if (mask === true) return true;
  if (typeof mask !== 'object' || mask === null || Array.isArray(mask)) return false;
  const blockMask = (mask as Record<string, unknown>)[blockKey];
  if (blockMask === true) return true;
  const items = Array.isArray(blockMask) ? (index === undefined ? blockMask : [blockMask[index]]) : [blockMask];
  return items.some((m) => m === true || (key !== undefined && typeof m === 'object' && m !== null && (m as Record<string, unknown>)[key] === true));
}
