import type { Edge } from './edges.js';
import type { Entity } from './entities.js';

/** Everything the adapters made of one side of one input: entities, their relations, and what was not read. */
export interface Model {
  readonly entities: ReadonlyMap<string, Entity>;
  readonly edges: readonly Edge[];
  /** Resource types read but not modelled, with instance counts. */
  readonly unmodelled: Readonly<Record<string, number>>;
  /** How many managed resource instances the input held. */
  readonly resourceCount: number;
}
