import type { DataStore, Knob, Peer, Value } from '../../model/index.js';

/** `a, b and c`, or `a, b, c and 4 more` past `max` items. */
export function listText(items: readonly string[], max = 4): string {
  if (items.length <= 1) return items[0] ?? '';
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Where a zonal thing sits, for a message: `one zone (us-east-1/us-east-1a)`, or the zone the cloud picks. */
export function zoneText(zones: Value<readonly string[]>): string {
  if (zones.state === 'unknown') return 'one zone (which one is known only after apply)';
  if (zones.value.length === 0) return 'a single zone the cloud picks';
  return zones.value.length === 1 ? `one zone (${shortZone(zones.value[0]!)})` : `zones ${listText(zones.value.map(shortZone))}`;
}

/** `us-east-1/us-east-1a` -> `us-east-1a`; a zone without its region's prefix reads better in a sentence. */
export const shortZone = (zone: string): string => {
  const slash = zone.indexOf('/');
  const tail = zone.slice(slash + 1);
  return slash > 0 && /^\d+$/.test(tail) ? zone : tail;
};

/**
 * A sentence saying what a verdict rests on when it is not a written value: the provider's documented default,
 * or a value the plan knows only after apply.
 */
export function basisNote(basis: 'set' | 'default' | 'unknown', setting?: string): string {
  const what = setting ? `\`${setting}\`` : 'the setting';
  if (basis === 'default') return ` This rests on the provider default for ${what}, which the configuration does not set.`;
  if (basis === 'unknown') return ' The plan does not know this for sure yet (known after apply): this is the likely outcome, not a certainty.';
  return '';
}

/**
 * The world ranges a set of peers names: `0.0.0.0/0`, `::/0`, or both for an address-family-free `any`; ranges that
 * only add up to the world as written (`0.0.0.0/1`, `128.0.0.0/1`); the prefix list holding a range, when one does.
 */
export function worldRanges(peers: readonly Peer[]): string[] {
  const out = new Set<string>();
  for (const p of peers) {
    if (p.kind !== 'world') continue;
    const held = p.via ? ` in ${p.via}` : '';
    if (p.spelled) {
      out.add(`${listText([...p.spelled])}${held}: every ${p.family === 'ipv6' ? 'IPv6' : 'IPv4'} address`);
      continue;
    }
    if (p.family !== 'ipv6') out.add(`0.0.0.0/0${held}`);
    if (p.family !== 'ipv4') out.add(`::/0${held}`);
  }
  return [...out].sort();
}

const LITERAL = /^(true|false|-?\d+(\.\d+)?|null)$/;
const WORD = /^[A-Za-z0-9_.:/-]+$/;

/** Resource types (`aws_efs_mount_target`): a knob that names one asks for a resource to add, not a setting. */
const RESOURCE_TYPE = /^(aws|google|azurerm)_/;

/**
 * The attribute a knob sets, when it is one to set (not a resource to add): what a basis note may name. A value
 * or a described change of an attribute (`num_cache_clusters`: 2 or more, with ...) both name the setting.
 */
export function settingOf(knob: Knob | undefined): string | undefined {
  if (!knob) return undefined;
  const v = knob.value.trim();
  return LITERAL.test(v) || /^".*"$/.test(v) || WORD.test(v) || !RESOURCE_TYPE.test(knob.attribute) ? knob.attribute : undefined;
}

/**
 * The change that turns on redundancy, from the adapter's knob: `Set multi_az = true` for a value, or
 * `Fix with aws_rds_cluster_instance: a second instance ...` when the knob describes a change rather than a value.
 */
/** What takes over from a second zone: a copy of the data, or (storage that spans zones) a node serving it. */
export const takesOver = (store: DataStore): string => (store.storageSpansZones ? 'a node in a second zone takes over' : 'a copy in a second zone takes over');

export function knobText(knob: Knob): string {
  const v = knob.value.trim();
  if (LITERAL.test(v)) return `Set \`${knob.attribute} = ${v}\``;
  if (/^".*"$/.test(v)) return `Set \`${knob.attribute} = ${v}\``;
  if (WORD.test(v)) return `Set \`${knob.attribute} = "${v}"\``;
  return `Fix with \`${knob.attribute}\`: ${v}`;
}
