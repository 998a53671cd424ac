import type { Mapper } from '../mapper.js';

/** The aws mappers, one per resource type family. */
export const awsMappers: readonly Mapper[] = [];
