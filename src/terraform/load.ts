import type { ErrorObject } from 'ajv';
import { configAddress, configAddressOf, parseAddress, type AddressParts } from './address.js';
import { InputError } from './errors.js';
import type { ChangeAction, DocumentKind, ResourceInstance, TerraformDocument } from './instance.js';
import { resolveConfiguration, type ConfigResource } from './references.js';
import type { StateResourceJson } from './schema.js';
// Compiled ahead of time from schema.ts (scripts/validators.ts): no schema is compiled at run time.
import { rawState as validateRawState, show as validateShow } from './validators.generated.js';
import { capMask, sanitizeValues } from './values.js';

const SUPPORTED_MAJORS = new Set(['0', '1']);
const SHOW_HINT = 'pass the output of `terraform show -json` (a plan or a state) or a terraform.tfstate file';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a JSON value that is not an object is, in words. */
function jsonKind(json: unknown): string {
  if (json === null) return '`null`';
  if (Array.isArray(json)) return json.length === 0 ? 'an empty array' : 'an array';
  if (typeof json === 'string') return 'a string';
  if (typeof json === 'number') return 'a number';
  if (typeof json === 'boolean') return `\`${json}\``;
  return typeof json;
}

/**
 * Reads one parsed JSON document: `terraform show -json` of a plan or a state (format_version 0.x and 1.x,
 * Terraform 0.12 onwards, OpenTofu) or a raw `terraform.tfstate` (version 4).
 */
export function loadDocument(file: string, json: unknown): TerraformDocument {
  if (!isObject(json)) throw new InputError(file, `this is valid JSON but not a Terraform plan or state: ${jsonKind(json)}, not an object`, SHOW_HINT);
  if ('version' in json && 'resources' in json && !('format_version' in json)) return loadRawState(file, json);
  if (!('format_version' in json)) {
    throw new InputError(file, 'this JSON is not a Terraform plan or state (no "format_version")', SHOW_HINT);
  }
  if (!validateShow(json)) throw schemaError(file, validateShow.errors);
  const major = json.format_version.split('.')[0] ?? '';
  if (!SUPPORTED_MAJORS.has(major)) {
    throw new InputError(
      file,
      `format_version ${json.format_version} is not supported (this weaklink reads 0.x and 1.x)`,
      'upgrade weaklink, or write the plan with a Terraform version whose JSON format is 1.x',
    );
  }
  const isPlan = 'resource_changes' in json || 'planned_values' in json || 'prior_state' in json;
  const kind: DocumentKind = isPlan ? 'plan' : 'state';
  const config: Scope = { config: resolveConfiguration(json.configuration), addresses: new Addresses() };
  const changes = new Map<string, { action: ChangeAction | undefined; unknown: unknown; sensitive: unknown; before: unknown; beforeSensitive: unknown; after: unknown }>();
  for (const rc of json.resource_changes ?? []) {
    const c = rc.change;
    changes.set(rc.address, {
      action: actionOf(c.actions),
      unknown: capMask(c.after_unknown),
      sensitive: c.after_sensitive,
      before: c.before,
      beforeSensitive: c.before_sensitive,
      after: c.after,
    });
  }

  if (kind === 'state') {
    return {
      file,
      kind,
      formatVersion: json.format_version,
      terraformVersion: json.terraform_version,
      before: [],
      after: walkState(json.values, config, () => undefined),
    };
  }

  let after: ResourceInstance[];
  if (json.planned_values) {
    after = walkState(json.planned_values, config, (address) => changes.get(address));
  } else {
    after = [];
    for (const rc of json.resource_changes ?? []) {
      const change = changes.get(rc.address);
      if (!change || change.action === 'delete' || !isObject(change.after)) continue;
      after.push(instance(rc.address, rc.mode, rc.type, rc.name, rc.index, change.after, change.sensitive, change.unknown, config, [], change.action));
    }
  }

  let before: ResourceInstance[];
  if (json.prior_state?.values) {
    before = walkState(json.prior_state.values, config, () => undefined);
  } else {
    before = [];
    for (const rc of json.resource_changes ?? []) {
      const change = changes.get(rc.address);
      if (!change || !isObject(change.before)) continue;
      before.push(instance(rc.address, rc.mode, rc.type, rc.name, rc.index, change.before, change.beforeSensitive, undefined, config, [], undefined));
    }
  }
  return { file, kind, formatVersion: json.format_version, terraformVersion: json.terraform_version, before, after: withPlanTimeReads(after, before) };
}

/**
 * The data sources Terraform read while planning are written only in `prior_state`, yet what they read holds for
 * the planned side too (`subnet_id = data.aws_subnet.shared.id` names that subnet after apply as well). They join
 * the planned instances where they stand among the prior ones, so that a plan whose change leaves the set of
 * resources alone lists the same instances in the same order on both sides (and the prior side's shortcut,
 * `adaptPrior`, shares the planned side's indexes).
 */
function withPlanTimeReads(after: ResourceInstance[], before: readonly ResourceInstance[]): ResourceInstance[] {
  if (!before.some((i) => i.mode === 'data')) return after;
  const planned = new Set(after.map((i) => i.address));
  // Reads that follow each planned instance in the prior list ('' for those before any).
  const following = new Map<string, ResourceInstance[]>();
  let anchor = '';
  for (const i of before) {
    if (planned.has(i.address)) anchor = i.address;
    else if (i.mode === 'data') {
      const list = following.get(anchor);
      if (list) list.push(i);
      else following.set(anchor, [i]);
    }
  }
  if (following.size === 0) return after;
  const out = [...(following.get('') ?? [])];
  for (const i of after) {
    out.push(i);
    const reads = following.get(i.address);
    if (reads) out.push(...reads);
  }
  return out;
}

function actionOf(actions: readonly string[] | undefined): ChangeAction | undefined {
  if (!actions || actions.length === 0) return undefined;
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  const [first] = actions;
  return first === 'create' || first === 'update' || first === 'delete' || first === 'no-op' || first === 'read' ? first : undefined;
}

type ChangeLookup = (address: string) => { action: ChangeAction | undefined; unknown: unknown; sensitive: unknown } | undefined;

/**
 * A state resource's address. Terraform 0.12 wrote those of a child module without the module path and without the
 * instance key (`aws_db_instance.this` for `module.db.aws_db_instance.this[0]`, and `data.aws_region.current` in
 * five modules at once): the module they sit in and their `index` say where they are.
 */
function fullAddress(r: StateResourceJson, prefix: string): string {
  let address = r.address;
  if (prefix !== '' && !address.startsWith(prefix)) address = `${prefix}${address}`;
  if ((typeof r.index === 'number' || typeof r.index === 'string') && !address.endsWith(']')) address = `${address}[${JSON.stringify(r.index)}]`;
  return address;
}

function walkState(values: unknown, config: Scope, change: ChangeLookup): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  if (!isObject(values)) return out;
  const modules: unknown[] = [values.root_module];
  while (modules.length > 0) {
    const module = modules.pop();
    if (!isObject(module)) continue;
    const prefix = typeof module.address === 'string' && module.address !== '' ? `${module.address}.` : '';
    if (Array.isArray(module.resources)) {
      for (const r of module.resources as StateResourceJson[]) {
        if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
        const address = fullAddress(r, prefix);
        const c = change(address);
        out.push(
          instance(address, r.mode, r.type, r.name, r.index, r.values, c?.sensitive ?? r.sensitive_values, c?.unknown, config, r.depends_on ?? [], c?.action),
        );
      }
    }
    if (Array.isArray(module.child_modules)) modules.push(...module.child_modules);
  }
  return out;
}

function instance(
  address: string,
  mode: string | undefined,
  type: string,
  name: string,
  index: unknown,
  values: unknown,
  sensitive: unknown,
  unknown: unknown,
  scope: Scope,
  stateDependsOn: readonly string[],
  action: ChangeAction | undefined,
): ResourceInstance {
  const parts = scope.addresses.parse(address, mode, type, name, index);
  const declared = parts ? configAddressOf(parts) : address;
  const c = scope.config.get(declared);
  return {
    address,
    configAddress: declared,
    module: parts?.module ?? '',
    mode: mode === 'data' || parts?.mode === 'data' ? 'data' : 'managed',
    type,
    name,
    values: sanitizeValues(values, sensitive),
    unknown,
    references: c?.references ?? new Map(),
    configured: c?.configured,
    dependsOn: c?.dependsOn.length ? c.dependsOn : stateDependsOn.map(configAddress),
    action,
  };
}

/** What the instances of one document are read against: its configuration, and its addresses parsed so far. */
interface Scope {
  readonly config: Map<string, ConfigResource>;
  readonly addresses: Addresses;
}

/** A resource type or name as Terraform allows it, and not a word that would read as another step of an address. */
const IDENTIFIER = /^(?!(?:module|data)$)[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * `parseAddress` for the instances of one document, the module part parsed once per module instance (a plan of
 * 100k instances has a few thousand). The fast way is taken only for an address that is `<module path>.` then the
 * entry's own type, name and index, written as Terraform writes them, after a module path that parsed, whole, to
 * itself; any other address is parsed whole. The same parts either way (tested over every corpus plan).
 */
export class Addresses {
  private readonly modules = new Map<string, string | null>();

  parse(address: string, mode: unknown, type: string, name: string, index: unknown): AddressParts | undefined {
    const key = index === undefined || index === null ? '' : typeof index === 'number' && Number.isSafeInteger(index) ? `[${index}]` : typeof index === 'string' ? `[${JSON.stringify(index)}]` : undefined;
    if (key === undefined || !IDENTIFIER.test(type) || !IDENTIFIER.test(name)) return parseAddress(address);
    const data = mode === 'data';
    const suffix = `${data ? 'data.' : ''}${type}.${name}${key}`;
    const cut = address.length - suffix.length - 1;
    if (!address.endsWith(suffix) || cut === 0 || (cut > 0 && address.charCodeAt(cut) !== 0x2e)) return parseAddress(address);
    const module = cut < 0 ? '' : address.slice(0, cut);
    if (module === '') return { module, moduleConfig: '', mode: data ? 'data' : 'managed', type, name, key };
    let moduleConfig = this.modules.get(module);
    if (moduleConfig === undefined) {
      const whole = parseAddress(address);
      const same = whole !== undefined && whole.module === module && whole.mode === (data ? 'data' : 'managed') && whole.type === type && whole.name === name && whole.key === key;
      this.modules.set(module, (moduleConfig = same ? whole.moduleConfig : null));
    }
    if (moduleConfig === null) return parseAddress(address);
    return { module, moduleConfig, mode: data ? 'data' : 'managed', type, name, key };
  }
}

function loadRawState(file: string, json: Json): TerraformDocument {
  if (!validateRawState(json)) throw schemaError(file, validateRawState.errors);
  if (json.version !== 4) {
    throw new InputError(file, `state file version ${json.version} is not supported (this weaklink reads version 4)`, 'run `terraform state pull > state.json` with Terraform 0.12 or later');
  }
  const after: ResourceInstance[] = [];
  const empty: Scope = { config: new Map(), addresses: new Addresses() };
  for (const r of json.resources) {
    const prefix = r.module ? `${r.module}.` : '';
    const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    for (const inst of r.instances) {
      const key = inst.index_key === undefined ? '' : typeof inst.index_key === 'number' ? `[${inst.index_key}]` : `[${JSON.stringify(inst.index_key)}]`;
      const sensitive = sensitivePaths(inst.sensitive_attributes);
      after.push(instance(`${prefix}${local}${key}`, r.mode, r.type, r.name, inst.index_key, inst.attributes ?? {}, sensitive, undefined, empty, inst.dependencies ?? [], undefined));
    }
  }
  return { file, kind: 'state', formatVersion: '4', terraformVersion: json.terraform_version, before: [], after };
}

/** Raw state lists sensitive attributes as paths ([{type:"get_attr",value:"password"}]); turn them into a mask. */
function sensitivePaths(paths: readonly unknown[] | undefined): unknown {
  // Null-prototype nodes: a hostile path step such as `__proto__` must not reach Object.prototype.
  const mask: Json = Object.create(null) as Json;
  for (const path of paths ?? []) {
    if (!Array.isArray(path)) continue;
    let node: Json = mask;
    path.forEach((step, i) => {
      if (!isObject(step) || (typeof step.value !== 'string' && typeof step.value !== 'number')) return;
      const key = String(step.value);
      if (i === path.length - 1) node[key] = true;
      else {
        const next = Object.hasOwn(node, key) ? node[key] : undefined;
        node = isObject(next) ? next : (node[key] = Object.create(null) as Json);
      }
    });
  }
  return mask;
}

function schemaError(file: string, errors: ErrorObject[] | null | undefined): InputError {
  const e = errors?.[0];
  const where = e?.instancePath ? e.instancePath.replace(/^\//, '').replaceAll('/', '.') : 'the top level';
  return new InputError(file, `this JSON is not a Terraform plan or state (${where} ${e?.message ?? 'does not match'})`, SHOW_HINT);
}
