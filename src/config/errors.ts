import type { ErrorObject } from 'ajv';
import { InputError } from '../terraform/index.js';

const HINTS: Readonly<Record<string, string>> = {
  ignore: 'write `ignore:` as a list of entries with rule, address, reason and optional expires (YYYY-MM-DD)',
  severity: 'write `severity:` as a map of rule id to critical, high, medium, low or info',
  tiers: 'write `tiers:` as a map of address glob to edge, app or data',
  allowWorldOpen: 'write `allowWorldOpen:` as a map of address glob to a list of ports (22, "8000-8100" or "all")',
};
const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  rule: 'name the rule the entry accepts, e.g. `rule: open-ingress`',
  address: 'name the resources it covers with an address glob, e.g. `address: module.edge.**`',
  reason: 'say why the finding is accepted, e.g. `reason: "public bastion, reviewed 2025-01"`',
};
const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  'integer,string': 'a port number or a "from-to" range',
};

/** The first schema violation as one line: where, what, and what to write instead. */
export function configError(file: string, e: ErrorObject): InputError {
  const steps = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const where = display(steps);
  const section = steps[0] ?? '';
  const hint = HINTS[section] ?? `the top-level keys are ${Object.keys(HINTS).join(', ')}`;
  const shown = quote(e.data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const known = Object.keys(knownProperties(e.parentSchema));
      return new InputError(file, `unknown key ${JSON.stringify(key)} ${steps.length ? `in ${where}` : 'at the top level'}`, `known keys: ${known.join(', ')}`);
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      return new InputError(file, `${where} has no "${missing}"`, REQUIRED_HINTS[missing] ?? hint);
    }
    case 'type':
      return new InputError(file, `${where} must be ${TYPE_NAMES[String(e.params.type)] ?? String(e.params.type)}, not ${kindOf(e.data)}`, hint);
    case 'enum':
      return new InputError(file, `${where} ${shown} is not one of ${(e.params.allowedValues as unknown[]).join(', ')}`, hint);
    case 'pattern':
      return steps.at(-1) === 'expires'
        ? dateError(file, where, e.data)
        : new InputError(file, `${where} ${shown} is not a port range`, hint);
    case 'minimum':
    case 'maximum':
      return new InputError(file, `${where} ${shown} is not a port (0-65535)`, hint);
    case 'minLength':
      return new InputError(file, `${where} is empty`, section === 'ignore' ? (REQUIRED_HINTS[steps.at(-1) ?? ''] ?? hint) : hint);
    default:
      return new InputError(file, `${where} ${e.message ?? 'is not valid'}`, hint);
  }
}

export function dateError(file: string, where: string, value: unknown): InputError {
  return new InputError(file, `${where} ${quote(value)} is not a date`, 'write the last day it applies as YYYY-MM-DD, e.g. 2025-03-31');
}

/** `ignore[0].expires`, `severity.open-ingress`, `allowWorldOpen["module.*.aws_security_group.web"]`. */
export function display(steps: readonly string[]): string {
  if (steps.length === 0) return 'the file';
  let out = steps[0]!;
  for (const s of steps.slice(1)) out += /^[0-9]+$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return out;
}

function knownProperties(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return {};
  const { properties } = schema;
  return typeof properties === 'object' && properties !== null ? { ...properties } : {};
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a fraction';
  return `a ${typeof value}`;
}
