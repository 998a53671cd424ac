/**
 * Google plans for adapter tests, in the exact format `terraform show -json` writes with the hashicorp/google
 * provider: each instance in `planned_values`, in `resource_changes` (with `after_unknown`, `after_sensitive`,
 * `before_sensitive`) and, once per block, in `configuration` with its expressions. Snippets are trimmed from corpus
 * plans (`trimmedCorpus`) or written in the shape those plans have (`gcpPlan`).
 */
import { readFileSync } from 'node:fs';
import { adapt } from '../../src/adapters/index.js';
import type { Entity, EntityKind, EntityOf, Model } from '../../src/model/index.js';
import { configAddress, loadDocument, parseAddress, readDocument } from '../../src/terraform/index.js';
import { corpusFile } from './plans.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface GcpResource {
  /** `google_compute_firewall.ssh`, `module.net.google_compute_subnetwork.app[0]`. */
  readonly address: string;
  readonly values: Json;
  readonly unknown?: Json;
  readonly sensitive?: Json;
  /** The `configuration` expressions of the resource's block, given on one of its instances. */
  readonly expressions?: Json;
}

const PROVIDER = 'registry.terraform.io/hashicorp/google';

function parts(address: string) {
  const p = parseAddress(address);
  if (!p) throw new Error(`bad address ${address}`);
  return { ...p, index: p.key === '' ? undefined : (JSON.parse(p.key.slice(1, -1)) as number | string) };
}

function plannedResource(r: GcpResource): Json {
  const p = parts(r.address);
  const index = p.index === undefined ? {} : { index: p.index };
  return { address: r.address, mode: 'managed', type: p.type, name: p.name, ...index, provider_name: PROVIDER, schema_version: 0, values: r.values, sensitive_values: r.sensitive ?? {} };
}

function plannedModules(resources: readonly GcpResource[]): Json {
  const byModule = new Map<string, Json[]>();
  for (const r of resources) {
    const module = parts(r.address).module;
    const list = byModule.get(module);
    if (list) list.push(plannedResource(r));
    else byModule.set(module, [plannedResource(r)]);
  }
  const children = [...byModule].filter(([m]) => m !== '').map(([address, list]) => ({ resources: list, address }));
  return { resources: byModule.get('') ?? [], ...(children.length > 0 ? { child_modules: children } : {}) };
}

function configuration(resources: readonly GcpResource[], moduleCalls: Record<string, Json>): Json {
  const root: Json[] = [];
  const calls: Record<string, { source: string; expressions: Json; module: { resources: Json[] } }> = {};
  const seen = new Set<string>();
  for (const r of [...resources].sort((a, b) => Number(!a.expressions) - Number(!b.expressions))) {
    const key = configAddress(r.address);
    if (seen.has(key)) continue;
    seen.add(key);
    const p = parts(r.address);
    const json = { address: `${p.type}.${p.name}`, mode: 'managed', type: p.type, name: p.name, provider_config_key: 'google', expressions: r.expressions ?? {}, schema_version: 0 };
    if (p.moduleConfig === '') root.push(json);
    else {
      const name = p.moduleConfig.slice('module.'.length);
      calls[name] ??= { source: `./modules/${name}`, expressions: moduleCalls[name] ?? {}, module: { resources: [] } };
      calls[name].module.resources.push(json);
    }
  }
  return {
    provider_config: { google: { name: 'google', full_name: PROVIDER } },
    root_module: { resources: root, ...(Object.keys(calls).length > 0 ? { module_calls: calls } : {}) },
  };
}

/** A plan (Terraform 1.9, format 1.2) that creates `resources`. */
export function gcpPlan(resources: readonly GcpResource[], moduleCalls: Record<string, Json> = {}): Json {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: plannedModules(resources) },
    resource_changes: resources.map((r) => {
      const p = parts(r.address);
      return {
        address: r.address,
        ...(p.module ? { module_address: p.module } : {}),
        mode: 'managed',
        type: p.type,
        name: p.name,
        ...(p.index === undefined ? {} : { index: p.index }),
        provider_name: PROVIDER,
        change: { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown ?? {}, before_sensitive: false, after_sensitive: r.sensitive ?? {} },
      };
    }),
    configuration: configuration(resources, moduleCalls),
  };
}

/** What `terraform show -json` prints for a state holding `resources`: everything known, no configuration. */
export function gcpState(resources: readonly GcpResource[]): Json {
  return { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: plannedModules(resources) } };
}

function keepModules(module: unknown, keep: (address: string) => boolean): unknown {
  if (!isObject(module)) return module;
  const resources = Array.isArray(module.resources) ? module.resources.filter((r) => isObject(r) && typeof r.address === 'string' && keep(r.address)) : undefined;
  const children = Array.isArray(module.child_modules) ? module.child_modules.map((c) => keepModules(c, keep)) : undefined;
  return { ...module, ...(resources ? { resources } : {}), ...(children ? { child_modules: children } : {}) };
}

/**
 * A corpus plan cut down to the resources whose addresses pass `keep` (and every data source), read in place; its
 * configuration stays whole so that references keep resolving as they do in the full plan.
 */
export function trimmedCorpus(relative: string, keep: (address: string) => boolean): Json {
  const path = corpusFile(relative);
  const json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Json;
  const wanted = (address: string) => address.includes('data.') || keep(address);
  const out: Json = { ...json, resource_changes: (Array.isArray(json.resource_changes) ? json.resource_changes : []).filter((r) => isObject(r) && typeof r.address === 'string' && wanted(r.address)) };
  if (isObject(json.planned_values)) out.planned_values = { ...json.planned_values, root_module: keepModules(json.planned_values.root_module, wanted) };
  if (isObject(json.prior_state) && isObject(json.prior_state.values)) {
    out.prior_state = { ...json.prior_state, values: { ...json.prior_state.values, root_module: keepModules(json.prior_state.values.root_module, wanted) } };
  }
  return out;
}

/** The model of one side of a plan or state. */
export function gcpModel(json: Json, side: 'after' | 'before' = 'after'): Model {
  return adapt(loadDocument('test.json', json)[side]);
}

/** The model of a corpus or fixture file, read in place. */
export function gcpModelOfFile(path: string): Model {
  return adapt(readDocument(path, readFileSync(path)).after);
}

/** The entity with this id and kind, or a failed expectation naming what is there. */
export function entityIn<K extends EntityKind>(model: Model, id: string, kind: K): EntityOf<K> {
  const entity: Entity | undefined = model.entities.get(id);
  if (entity?.kind !== kind) throw new Error(`no ${kind} ${id} among ${[...model.entities.keys()].join(', ')}`);
  return entity as EntityOf<K>;
}

/** `to via` of the edges of one kind leaving `from`, sorted. */
export function edgesFrom(model: Model, from: string, kind: string): string[] {
  return model.edges.filter((e) => e.from === from && e.kind === kind).map((e) => `${e.to} via ${e.via}`).sort();
}

/** `from via` of the edges of one kind arriving at `to`, sorted. */
export function edgesTo(model: Model, to: string, kind: string): string[] {
  return model.edges.filter((e) => e.to === to && e.kind === kind).map((e) => `${e.from} via ${e.via}`).sort();
}

/** Configuration references to a resource attribute, as Terraform records them (`google_x.y.id`, `google_x.y`). */
export const references = (address: string, attribute = 'id') => ({ references: [`${address}.${attribute}`, address] });
