import { byDefault, known, unknownValue, type Placement, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import { isUnknown, keptTags, str, strings } from '../read.js';

/** `us-east-1a` -> `us-east-1/us-east-1a`; an AZ id (`use1-az1`) stays as it is (its region name is not in it). */
export function awsZone(az: string): string {
  const m = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)[a-z]$/.exec(az);
  return m ? `${m[1]}/${az}` : az;
}

export function regionOfZone(az: string): string | undefined {
  return /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)[a-z]$/.exec(az)?.[1];
}

/** Placement from a list of AZ names (or ids); unknown when the plan does not know them yet. */
export function placementOfZones(zones: Value<readonly string[]>, zoneRedundant: Value<boolean> = known(false)): Placement {
  const list = zones.state === 'unknown' ? (zones.assumed ?? []) : zones.value;
  const region = list.map(regionOfZone).find((r) => r !== undefined);
  return { region, zones: zones.state === 'unknown' ? zones : { ...zones, value: [...new Set(list.map(awsZone))].sort() }, zoneRedundant };
}

/** The AZ of a single-zone resource (`availability_zone`), as a Value of a one-element list. */
export function singleZone(instance: ResourceInstance, key = 'availability_zone'): Value<readonly string[]> {
  const az = str(instance.values, key);
  if (az) return known([az]);
  if (isUnknown(instance, key)) return unknownValue();
  return byDefault([]);
}

/** A list of AZs (`availability_zones`), as a Value. */
export function zoneList(instance: ResourceInstance, key = 'availability_zones'): Value<readonly string[]> {
  const zones = strings(instance.values, key);
  if (zones.length > 0) return known(zones);
  if (isUnknown(instance, key)) return unknownValue();
  return byDefault([]);
}

export function base(instance: ResourceInstance) {
  return {
    id: instance.address,
    cloud: 'aws' as const,
    source: [instance.address],
    declaredBy: instance.configAddress,
    tags: keptTags(instance.values),
  };
}
