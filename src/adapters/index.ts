import type { Model } from '../model/index.js';
import type { ResourceInstance } from '../terraform/index.js';
import { awsMappers } from './aws/index.js';
import { azureMappers } from './azure/index.js';
import { gcpMappers } from './gcp/index.js';
import type { Mapper } from './mapper.js';
import { buildTraced, priorModel, type PriorModel, type TracedModel } from './incremental.js';
import { buildModel } from './run.js';

export type { Mapper, MapperContext } from './mapper.js';
export type { PriorModel, TracedModel } from './incremental.js';

/** Every mapper of every cloud. */
export const MAPPERS: readonly Mapper[] = [...awsMappers, ...gcpMappers, ...azureMappers];

/** The model of one side of one input. */
export function adapt(instances: readonly ResourceInstance[]): Model {
  return buildModel(instances, MAPPERS);
}

/** The model of a plan's planned side, with the record of its mapper calls that `adaptPrior` needs. */
export function adaptTraced(instances: readonly ResourceInstance[]): TracedModel {
  return buildTraced(instances, MAPPERS);
}

/**
 * The plan's prior side: the planned model (`same`), or its own, mapping again only what the change touched
 * (incremental.ts). Undefined when that cannot be done: adapt the prior side in full.
 */
export function adaptPrior(after: TracedModel, before: readonly ResourceInstance[]): PriorModel | undefined {
  return priorModel(after, before, MAPPERS);
}

/** Resource types some mapper reads. */
export function modelledTypes(): Set<string> {
  return new Set(MAPPERS.flatMap((m) => m.types));
}
