import { byDefault, known, peerFromText, SENSITIVE_PEER, unknownValue, type Peer, type Value } from '../model/index.js';
import { REDACTED, type ResourceInstance } from '../terraform/index.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The after_unknown mask at a top-level key (or at a nested block's first element). */
export function isUnknown(instance: ResourceInstance, key: string): boolean {
  const mask = instance.unknown;
  if (mask === true) return true;
  return isObject(mask) && mask[key] === true;
}

/**
 * Reads a top-level attribute as a Value: `set` when the plan has it, `unknown` when Terraform will know it only
 * after apply and the configuration wrote it, `default` (the provider's documented default) when the
 * configuration left it out.
 */
function read<T>(instance: ResourceInstance, key: string, documentedDefault: T, accept: (v: unknown) => v is T): Value<T> {
  const value = instance.values[key];
  if (value !== null && value !== undefined && value !== REDACTED && accept(value)) return known(value);
  if (isUnknown(instance, key)) {
    // Unset Optional+Computed attributes show up as unknown in a plan: the provider will apply its default.
    if (instance.configured && !instance.configured.has(key)) return byDefault(documentedDefault);
    return unknownValue(documentedDefault);
  }
  return byDefault(documentedDefault);
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

export const readBool = (i: ResourceInstance, key: string, dflt: boolean): Value<boolean> => read(i, key, dflt, isBool);
export function readNumber(i: ResourceInstance, key: string, dflt: number): Value<number> {
  const raw = i.values[key];
  // Some providers and old plans write numbers as strings ("2").
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return known(Number(raw));
  return read(i, key, dflt, isNum);
}
export const readString = (i: ResourceInstance, key: string, dflt: string): Value<string> => read(i, key, dflt, isStr);

/** A plain string attribute, or undefined. Never returns a redacted value. */
export function str(values: unknown, key: string): string | undefined {
  if (!isObject(values)) return undefined;
  const v = values[key];
  return typeof v === 'string' && v !== REDACTED ? v : undefined;
}

export function num(values: unknown, key: string): number | undefined {
  if (!isObject(values)) return undefined;
  const v = values[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export function bool(values: unknown, key: string): boolean | undefined {
  if (!isObject(values)) return undefined;
  const v = values[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** A list of strings at a key (a set or list attribute); non-strings and redacted values are dropped. */
export function strings(values: unknown, key: string): string[] {
  if (!isObject(values)) return [];
  const v = values[key];
  if (typeof v === 'string' && v !== REDACTED) return [v];
  if (!Array.isArray(v)) return [];
  return v.filter((s): s is string => typeof s === 'string' && s !== REDACTED);
}

/**
 * Whether the plan marks the value at a key sensitive, whole or in some of its entries: the loader replaced it by
 * REDACTED, and `str`/`strings` drop it. A mapper that reads sources there says so with a sensitive unknown peer.
 */
export function redacted(values: unknown, key: string): boolean {
  if (!isObject(values)) return false;
  const v = values[key];
  return v === REDACTED || (Array.isArray(v) && v.includes(REDACTED));
}

/** Nested blocks at a key (`ingress`, `settings`), each as an object. */
export function blocks(values: unknown, key: string): Json[] {
  if (!isObject(values)) return [];
  const v = values[key];
  if (isObject(v)) return [v];
  if (!Array.isArray(v)) return [];
  return v.filter(isObject);
}

/** The first nested block at a key, or undefined. */
export const block = (values: unknown, key: string): Json | undefined => blocks(values, key)[0];

/** Tags we keep on entities: weaklink's own hints and a few naming keys. Nothing else leaves the adapter. */
export function keptTags(values: unknown, key = 'tags'): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const tags = isObject(values) ? values[key] : undefined;
  if (!isObject(tags)) return out;
  for (const [k, v] of Object.entries(tags)) {
    if (typeof v !== 'string' || v === REDACTED) continue;
    if (/^weaklink[:_/-]/i.test(k) || /^(name|tier|role)$/i.test(k)) out[k] = v;
  }
  return out;
}

/**
 * Whether the configuration writes `blockKey.key` (an attribute of a nested block): undefined when it cannot tell,
 * for a state (no configuration) or a block the configuration does not show (a `dynamic` block, or none).
 */
export function writtenNested(instance: ResourceInstance, blockKey: string, key: string): boolean | undefined {
  const c = instance.configured;
  if (!c || !c.has(blockKey)) return undefined;
  return c.has(`${blockKey}.${key}`);
}

/**
 * The address ranges of a list attribute as peers (`0.0.0.0/0` the world, a range a cidr peer), from its planned
 * value and its `after_unknown` mask: an entry the plan marks sensitive is the sensitive peer, one known only after
 * apply an unknown peer. Undefined when the whole list is known only after apply; empty when there is none.
 */
export function rangePeers(list: unknown, mask: unknown): Peer[] | undefined {
  if (list === REDACTED) return [SENSITIVE_PEER];
  if (mask === true) return undefined;
  if (typeof list === 'string') return [peerFromText(list)];
  if (!Array.isArray(list)) return [];
  const masks = Array.isArray(mask) ? mask : [];
  const out: Peer[] = [];
  list.forEach((v, i) => {
    if (v === REDACTED) out.push(SENSITIVE_PEER);
    else if (typeof v === 'string') out.push(peerFromText(v));
    else if (masks[i] === true) out.push({ kind: 'unknown' });
  });
  return out;
}
