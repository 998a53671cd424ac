import type { ResourceInstance } from '../terraform/index.js';
import type { Edge, EdgeKind, Entity } from '../model/index.js';

/**
 * Turns instances of some resource types into model entities and labelled edges. One per type family. A mapper is
 * a function of its instance (not its planned `action`, which the prior side does not have) and of what it asks the
 * context; it keeps no state of its own between calls (per-run indexes go through `ctx.memo`). The plan's prior side
 * is adapted incrementally on that promise (incremental.ts).
 */
export interface Mapper {
  readonly types: readonly string[];
  map(instance: ResourceInstance, ctx: MapperContext): void;
}

export interface RefOptions {
  /** Only instances of these types. */
  readonly types?: readonly string[];
  /** Only configuration references, not known values (for one element of a block whose value is unknown). */
  readonly configOnly?: boolean;
}

/** What a mapper may ask of and tell the adapter run. */
export interface MapperContext {
  add(entity: Entity): void;
  link(from: string, to: string, kind: EdgeKind, via: string, detail?: string): void;
  /**
   * Addresses of the instances that `instance` points at through the attribute at `path` (dotted, no indices):
   * from configuration references (links that exist before apply) and from known ids, ARNs, self links and names.
   */
  refs(instance: ResourceInstance, path: string, options?: RefOptions): string[];
  /** Addresses of the instances a known id, ARN, self link or name stands for. */
  resolveValue(value: string, options?: RefOptions): string[];
  /** Instances of `types` whose attribute at `path` points at `instance` (the reverse of refs). */
  referrers(instance: ResourceInstance, path: string, types: readonly string[]): ResourceInstance[];
  /** All instances of the given types on this side. */
  instancesOf(types: readonly string[]): readonly ResourceInstance[];
  instance(address: string): ResourceInstance | undefined;
  /**
   * A per-run index (over every instance of some types, say), built by `build` on first use under `key` and shared
   * after. Indexes must be built here, not in module state: the run records what each build read, and charges it
   * to every mapper call that uses the index, so that a plan's prior side can be adapted only where it changed.
   * `build` must not add entities or links, and reads through the context it is given (the other side of a plan
   * builds the same index again with the same function, to tell whether it changed).
   */
  memo<T>(key: string, build: (ctx: MapperContext) => T): T;
}

export type { Edge };
