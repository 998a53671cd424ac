import type { Model } from '../model/index.js';
import type { ResourceInstance } from '../terraform/index.js';
import { awsMappers } from './aws/index.js';
import { azureMappers } from './azure/index.js';
import { gcpMappers } from './gcp/index.js';
import type { Mapper } from './mapper.js';
import { buildModel } from './run.js';

export type { Mapper, MapperContext } from './mapper.js';

/** Every mapper of every cloud. */
export const MAPPERS: readonly Mapper[] = [...awsMappers, ...gcpMappers, ...azureMappers];

/** The model of one side of one input. */
export function adapt(instances: readonly ResourceInstance[]): Model {
  return buildModel(instances, MAPPERS);
}

/** Resource types some mapper reads. */
export function modelledTypes(): Set<string> {
  return new Set(MAPPERS.flatMap((m) => m.types));
}
