import { REDACTED, TOO_DEEP } from './instance.js';

/** Attribute names that hold secrets even where old plans (Terraform < 0.15) did not mark them sensitive. */
const SECRET_KEY =
  /(^|_)(password|passwd|secret|token|private_key|access_key|secret_key|api_key|connection_string|client_secret|auth_token|master_password|admin_password|primary_key|secondary_key|sas|certificate_data|key_data|user_data|user_data_base64|custom_data|kube_config|kube_admin_config|credentials|private_key_pem)s?($|_)/i;

const MAX_DEPTH = 48;

/**
 * `SECRET_KEY` verdicts by key. A plan repeats the same few hundred attribute names across all its resources, so a
 * lookup replaces the regular expression for nearly every key; the memo stops growing at a bound a hostile plan of
 * random keys cannot push past.
 */
const secretKeys = new Map<string, boolean>();
function isSecretKey(key: string): boolean {
  let verdict = secretKeys.get(key);
  if (verdict === undefined) {
    verdict = SECRET_KEY.test(key);
    if (secretKeys.size < 10_000) secretKeys.set(key, verdict);
  }
  return verdict;
}

type Json = Record<string, unknown>;

/** Objects `sanitizeValues` has already made safe, with the mask it applied. */
const sanitizedUnder = new WeakMap<object, unknown>();
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Makes resource values safe to carry: replaces every leaf that the sensitivity mask marks `true`, and every value
 * under a secret-sounding key, by REDACTED; cuts subtrees deeper than any provider schema. Works in place, without
 * recursion (a hostile plan can nest tens of thousands of levels).
 */
export function sanitizeValues(values: unknown, sensitive: unknown): Json {
  if (!isObject(values)) return {};
  // Sanitizing works in place and is idempotent: an object already sanitized under the same mask (the prior and
  // planned sides of an unchanged resource share theirs, see pieces.ts) is safe as it is.
  if (sanitizedUnder.has(values) && sanitizedUnder.get(values) === sensitive) return values;
  sanitizedUnder.set(values, sensitive);
  const stack: Array<[Json | unknown[], unknown, number]> = [[values, sensitive, 0]];
  const visit = (container: Json | unknown[], key: string | number, mask: unknown, depth: number): void => {
    const node = container as Record<string | number, unknown>;
    const value = node[key];
    if (value === null || value === undefined) return;
    const sub = maskAt(mask, key);
    if (sub === true || (typeof key === 'string' && isSecretKey(key) && !isSafeShape(value))) {
      node[key] = REDACTED;
    } else if (typeof value === 'object') {
      if (depth + 1 >= MAX_DEPTH) node[key] = TOO_DEEP;
      else stack.push([value as Json | unknown[], sub, depth + 1]);
    }
  };
  while (stack.length > 0) {
    const [node, mask, depth] = stack.pop()!;
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) visit(node, i, mask, depth);
    else for (const key of Object.keys(node)) visit(node, key, mask, depth);
  }
  return values;
}

/** Booleans and numbers under secret-sounding keys (`manage_master_user_password = true`) are not secrets. */
function isSafeShape(value: unknown): boolean {
  return typeof value === 'boolean' || typeof value === 'number';
}

function maskAt(mask: unknown, key: string | number): unknown {
  if (mask === true) return true;
  if (Array.isArray(mask) && typeof key === 'number') return mask[key];
  if (isObject(mask) && typeof key === 'string' && Object.hasOwn(mask, key)) return mask[key];
  return undefined;
}

/** Caps the depth of an `after_unknown` mask, without recursion, so later lookups stay shallow. */
export function capMask(mask: unknown): unknown {
  if (typeof mask !== 'object' || mask === null) return mask;
  const stack: Array<[Json | unknown[], number]> = [[mask as Json, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value !== 'object' || value === null) continue;
      if (depth + 1 >= MAX_DEPTH) (node as Json)[key] = false;
      else stack.push([value as Json, depth + 1]);
    }
  }
  return mask;
}
