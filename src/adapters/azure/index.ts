import type { Mapper } from '../mapper.js';

/** The azure mappers, one per resource type family. */
export const azureMappers: readonly Mapper[] = [];
