import type { Mapper } from '../mapper.js';

/** The gcp mappers, one per resource type family. */
export const gcpMappers: readonly Mapper[] = [];
