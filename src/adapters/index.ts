import type { Model } from '../model/index.js';
import type { ResourceInstance } from '../terraform/index.js';
import { awsMappers } from './aws/index.js';
import { azureMappers } from './azure/index.js';
import { gcpMappers } from './gcp/index.js';
import type { Mapper } from './mapper.js';
import { buildTraced, sameModelBefore, type TracedModel } from './incremental.js';
import { buildModel } from './run.js';

export type { Mapper, MapperContext } from './mapper.js';
export type { TracedModel } from './incremental.js';

/** Every mapper of every cloud. */
export const MAPPERS: readonly Mapper[] = [...awsMappers, ...gcpMappers, ...azureMappers];

/** The model of one side of one input. */
export function adapt(instances: readonly ResourceInstance[]): Model {
  return buildModel(instances, MAPPERS);
}

/** The model of a plan's planned side, with the record `unchangedBefore` needs. */
export function adaptTraced(instances: readonly ResourceInstance[]): TracedModel {
  return buildTraced(instances, MAPPERS);
}

/**
 * Whether the plan's prior side has the planned side's model, mapping again only what the change touched
 * (incremental.ts). False means "not shown": adapt the prior side in full.
 */
export function unchangedBefore(after: TracedModel, before: readonly ResourceInstance[]): boolean {
  return sameModelBefore(after, before, MAPPERS);
}

/** Resource types some mapper reads. */
export function modelledTypes(): Set<string> {
  return new Set(MAPPERS.flatMap((m) => m.types));
}
