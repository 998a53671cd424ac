/**
 * Google plans for adapter tests, in the exact format `terraform show -json` writes with the hashicorp/google
 * provider: each instance in `planned_values`, in `resource_changes` (with `after_unknown`, `after_sensitive`,
 * `before_sensitive`) and, once per block, in `configuration` with its expressions. Snippets are trimmed from corpus
 * plans (`trimmedCorpus`) or written in the shape those plans have (`gcpPlan`).
 */
import { readFileSync } from 'node:fs';
import { adapt } from '../../src/adapters/index.js';
import type { Entity, EntityKind, EntityOf, Model } from '../../src/model/index.js';
import { loadDocument, readDocument } from '../../src/terraform/index.js';
import { planWriter, type WrittenResource } from './plan-writer.js';
import { corpusFile } from './plans.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export type GcpResource = WrittenResource;

const writer = planWriter({ key: 'google', fullName: 'registry.terraform.io/hashicorp/google', terraformVersion: '1.9.8', providerConfig: { name: 'google', full_name: 'registry.terraform.io/hashicorp/google' } });

/** A plan that creates `resources`; `moduleCalls` gives each child module call's expressions. */
export const gcpPlan = writer.plan;

/** What `terraform show -json` prints for a state holding `resources`. */
export const gcpState = writer.state;

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

/** `constant_value` of a configuration expression. */
export const constant = (value: unknown) => ({ constant_value: value });

/** A custom-mode VPC network `google_compute_network.vpc` (project acme-prod), as google 6.x plans it. */
export const vpcNetwork: GcpResource = {
  address: 'google_compute_network.vpc',
  values: { auto_create_subnetworks: false, name: 'vpc', project: 'acme-prod', routing_mode: 'GLOBAL' },
  unknown: { id: true, gateway_ipv4: true, self_link: true },
  expressions: { auto_create_subnetworks: constant(false), name: constant('vpc') },
};
