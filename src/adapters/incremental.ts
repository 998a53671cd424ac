import { equalData, type Entity, type Model } from '../model/index.js';
import type { ResourceInstance } from '../terraform/index.js';
import type { Mapper } from './mapper.js';
import { buildModel, Context, finishModel, IDENTITY_KEYS, mapperIndex, replay, type LinkCall, type MapTrace } from './run.js';

/** The planned side's model, and what each mapper call did and read to build it. */
export interface TracedModel {
  readonly model: Model;
  readonly instances: readonly ResourceInstance[];
  readonly traces: ReadonlyMap<string, MapTrace>;
}

export function buildTraced(instances: readonly ResourceInstance[], mappers: readonly Mapper[]): TracedModel {
  const traces = new Map<string, MapTrace>();
  return { model: buildModel(instances, mappers, traces), instances, traces };
}

/** Whether every address occurs once: a trace is kept per address, so a repeated one cannot be told apart. */
function uniqueAddresses(instances: readonly ResourceInstance[]): boolean {
  const seen = new Set<string>();
  for (const i of instances) {
    if (seen.has(i.address)) return false;
    seen.add(i.address);
  }
  return true;
}

/** The prior side's model: the planned one (`same`), or one built by mapping again only what changed. */
export type PriorModel = { readonly same: true } | { readonly same: false; readonly model: Model };

/**
 * The prior side's model, without adapting the prior side whole. A pull request's plan changes a few resources of
 * many; a model is a function of the mapper calls, made in instance order. So the instances that changed, and
 * those whose mapping read a changed one (by address, by listing its type, or through an index built over it), are
 * mapped again against the prior side, and every other instance's calls are made again from the planned side's
 * record: when the calls mapped again are the same, so is the model. Undefined when the shortcut cannot tell (a
 * different set of instances, a changed id, ARN, self link or name, which references resolve by, a repeated
 * address): the caller adapts the prior side in full.
 */
export function priorModel(after: TracedModel, before: readonly ResourceInstance[], mappers: readonly Mapper[]): PriorModel | undefined {
  const planned = after.instances;
  if (planned.length !== before.length) return undefined;
  const changed: ResourceInstance[] = [];
  const changedTypes = new Set<string>();
  for (let i = 0; i < planned.length; i++) {
    const a = planned[i]!;
    const b = before[i]!;
    if (a.address !== b.address || a.type !== b.type || a.mode !== b.mode) return undefined;
    // Both sides read the same configuration: a difference here is not a plan this shortcut knows.
    if (a.configured !== b.configured || !sameReferences(a.references, b.references)) return undefined;
    const unknown = hasUnknown(a.unknown) || hasUnknown(b.unknown);
    if (!unknown && sameList(a.dependsOn, b.dependsOn) && equalData(a.values, b.values)) continue;
    for (const key of IDENTITY_KEYS) if (!equalData(a.values[key], b.values[key])) return undefined;
    changed.push(a);
    changedTypes.add(a.type);
  }
  if (changed.length === 0) return { same: true };
  if (!uniqueAddresses(planned)) return undefined;
  const changedAddresses = new Set(changed.map((i) => i.address));

  // What must be mapped again: the changed instances, and every instance whose mapping read one of them.
  const reads = new Map<MapTrace, boolean>();
  const readsChanged = (trace: MapTrace): boolean => {
    const known = reads.get(trace);
    if (known !== undefined) return known;
    reads.set(trace, false);
    const verdict =
      trace.reads.some((a) => changedAddresses.has(a)) || trace.typeReads.some((t) => changedTypes.has(t)) || trace.uses.some(readsChanged);
    reads.set(trace, verdict);
    return verdict;
  };
  const byType = mapperIndex(mappers);
  const ctx = new Context(before);
  // First only the calls the change reached, made again: when they are the recorded ones, the prior model is the
  // planned one and nothing else need be built.
  const again = new Map<string, MapTrace>();
  let same = true;
  for (const instance of before) {
    if (instance.mode !== 'managed') continue;
    const mapper = byType.get(instance.type);
    if (!mapper) continue;
    const trace = after.traces.get(instance.address);
    if (!trace) return undefined;
    if (!changedAddresses.has(instance.address) && !readsChanged(trace)) continue;
    const fresh: MapTrace = { calls: [], reads: [], typeReads: [], uses: [] };
    ctx.trace = fresh;
    mapper.map(instance, ctx);
    ctx.trace = undefined;
    again.set(instance.address, fresh);
    if (same && !sameCalls(trace.calls, fresh.calls)) same = false;
  }
  if (same) return { same: true };
  // The prior model: every call in instance order, as made again or as recorded (a replayed call is the call).
  ctx.clearModel();
  for (const instance of before) {
    if (instance.mode !== 'managed' || !byType.has(instance.type)) continue;
    replay(ctx, (again.get(instance.address) ?? after.traces.get(instance.address)!).calls);
  }
  return { same: false, model: finishModel(ctx, before, after.model.unmodelled, after.model.resourceCount) };
}

function sameCalls(a: ReadonlyArray<Entity | LinkCall>, b: ReadonlyArray<Entity | LinkCall>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!equalData(a[i], b[i])) return false;
  return true;
}

function sameReferences(a: ReadonlyMap<string, readonly string[]>, b: ReadonlyMap<string, readonly string[]>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [path, targets] of a) {
    const other = b.get(path);
    if (!other || !sameList(targets, other)) return false;
  }
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Whether an `after_unknown` mask marks anything unknown (a mask of only `false` and empty blocks does not). */
function hasUnknown(mask: unknown): boolean {
  if (mask === true) return true;
  if (typeof mask !== 'object' || mask === null) return false;
  const stack: unknown[] = [mask];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === true) return true;
    if (typeof node === 'object' && node !== null) for (const v of Object.values(node)) stack.push(v);
  }
  return false;
}
