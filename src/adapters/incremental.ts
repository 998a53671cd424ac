import { equalData, type Entity, type Model } from '../model/index.js';
import type { ResourceInstance } from '../terraform/index.js';
import type { Mapper } from './mapper.js';
import { buildIn, Context, finishModel, IDENTITY_KEYS, identityValues, mapperIndex, newTrace, replay, type LinkCall, type MapTrace, type Memo } from './run.js';

/** The planned side's model, what each mapper call did and read to build it, and the context it was built in. */
export interface TracedModel {
  readonly model: Model;
  readonly instances: readonly ResourceInstance[];
  readonly traces: ReadonlyMap<string, MapTrace>;
  /** Sealed: its memos and address indexes are read, it answers no mapper. */
  readonly context: Context;
}

export function buildTraced(instances: readonly ResourceInstance[], mappers: readonly Mapper[]): TracedModel {
  const traces = new Map<string, MapTrace>();
  const context = new Context(instances);
  const model = buildIn(context, instances, mappers, traces);
  context.seal();
  return { model, instances, traces, context };
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

/**
 * The prior side's model: the planned one's graph (`same`: the same entities and edges, the same findings; its
 * counts differ when the plan adds or removes resources no mapper reads), or one built by mapping again only what
 * changed.
 */
export type PriorModel = { readonly same: true } | { readonly same: false; readonly model: Model };

/**
 * The prior side's model, without adapting the prior side whole. A pull request's plan changes a few resources of
 * many; a model is a function of the mapper calls, made in instance order. So the instances that changed, and
 * those whose mapping read a changed one (by address, by listing its type, or through an index built over it), are
 * mapped again against the prior side, and every other instance's calls are made again from the planned side's
 * record: when the calls mapped again are the same, so is the model's graph. Resources the plan adds or removes
 * count as changed, and so does every mapping that resolved a reference against their block or looked up one of
 * their ids, or the ids of a resource the plan replaces. Undefined when the shortcut cannot tell (a repeated
 * address): the caller adapts the prior side in full.
 */
export function priorModel(after: TracedModel, before: readonly ResourceInstance[], mappers: readonly Mapper[]): PriorModel | undefined {
  const planned = after.instances;
  // The common plan lists the same instances on both sides, position by position; else they pair by address.
  const aligned = planned.length === before.length && planned.every((a, i) => a.address === before[i]!.address);
  if (!aligned && (!uniqueAddresses(planned) || !uniqueAddresses(before))) return undefined;
  const plannedAt = aligned ? undefined : new Map(planned.map((i) => [i.address, i]));
  const changed: ResourceInstance[] = [];
  const changedTypes = new Set<string>();
  // Instances on one side only: added (planned only) or removed (prior only) by the plan.
  const moved: ResourceInstance[] = [];
  // Both sides of instances whose identity values changed.
  const renamed: ResourceInstance[] = [];
  for (let i = 0; i < before.length; i++) {
    const b = before[i]!;
    const a = aligned ? planned[i]! : plannedAt!.get(b.address);
    if (!a) {
      moved.push(b);
      continue;
    }
    if (a.type !== b.type || a.mode !== b.mode) return undefined;
    // Both sides read the same configuration: a difference here is not a plan this shortcut knows.
    if (a.configured !== b.configured || !sameReferences(a.references, b.references)) return undefined;
    const unknown = hasUnknown(a.unknown) || hasUnknown(b.unknown);
    if (!unknown && sameList(a.dependsOn, b.dependsOn) && equalData(a.values, b.values)) continue;
    // A new id, ARN, self link or name (a replaced resource): lookups of the old one and the new one changed.
    if (IDENTITY_KEYS.some((key) => !equalData(a.values[key], b.values[key]))) renamed.push(a, b);
    changed.push(a);
    changedTypes.add(a.type);
  }
  const priorAddresses = aligned ? undefined : new Set(before.map((i) => i.address));
  const added = aligned ? [] : planned.filter((a) => !priorAddresses!.has(a.address));
  // A model's order is its instances' order: when the instances on both sides are listed in another order on
  // each (Terraform before 0.15 could), the prior model is built whole from the record, never called the same.
  const ordered = aligned || sameOrder(planned.filter((a) => priorAddresses!.has(a.address)), before.filter((b) => plannedAt!.has(b.address)));
  moved.push(...added);
  if (changed.length === 0 && moved.length === 0 && ordered) return { same: true };
  if (aligned && !uniqueAddresses(planned)) return undefined;
  for (const m of moved) {
    changed.push(m);
    changedTypes.add(m.type);
  }
  const changedAddresses = new Set(changed.map((i) => i.address));
  const movedBlocks = new Set(moved.map((i) => i.configAddress));
  const movedValues = new Set([...moved, ...renamed].flatMap(identityValues));

  const byType = mapperIndex(mappers);
  // Same addresses, modules, modes and identity values position by position: the address indexes of the planned
  // side hold for this one. Otherwise this side builds its own.
  const ctx = new Context(before, aligned && renamed.length === 0 ? after.context : undefined);
  const memos = new Map<MapTrace, Memo>();
  for (const memo of after.context.memoEntries()) memos.set(memo.reads, memo);

  // What must be mapped again: the changed instances, and every instance whose mapping read one of them, directly
  // or through an index that changed. An index whose build read a changed instance is built again on this side:
  // when it holds the same (the same addresses; instances only unchanged ones), it changed nothing for its users.
  const reads = new Map<MapTrace, boolean>();
  const readsMoved = (trace: MapTrace): boolean =>
    (moved.length > 0 || renamed.length > 0) && (trace.configReads.some((c) => movedBlocks.has(c)) || trace.valueReads.some((v) => movedValues.has(v)));
  const readsChanged = (trace: MapTrace): boolean => {
    const known = reads.get(trace);
    if (known !== undefined) return known;
    reads.set(trace, false);
    let verdict =
      trace.reads.some((a) => changedAddresses.has(a)) || trace.typeReads.some((t) => changedTypes.has(t)) || readsMoved(trace) || trace.uses.some(readsChanged);
    const memo = memos.get(trace);
    if (verdict && memo) verdict = !sameIndex(memo.value, ctx.memo(memo.key, memo.build), after.context, ctx, changedAddresses);
    reads.set(trace, verdict);
    return verdict;
  };
  // First only the calls the change reached, made again: when they are the recorded ones, and what the plan adds
  // made none, the prior model's graph is the planned one and nothing else need be built.
  const again = new Map<string, MapTrace>();
  let same = ordered && added.every((a) => (after.traces.get(a.address)?.calls.length ?? 0) === 0);
  for (const instance of before) {
    if (instance.mode !== 'managed') continue;
    const mapper = byType.get(instance.type);
    if (!mapper) continue;
    const trace = after.traces.get(instance.address);
    if (!trace && aligned) return undefined;
    if (trace && !changedAddresses.has(instance.address) && !readsChanged(trace)) continue;
    const fresh = newTrace();
    ctx.trace = fresh;
    mapper.map(instance, ctx);
    ctx.trace = undefined;
    again.set(instance.address, fresh);
    if (same && !sameCalls(trace?.calls ?? [], fresh.calls)) same = false;
  }
  if (same) return { same: true };
  // The prior model: every call in instance order, as made again or as recorded (a replayed call is the call).
  ctx.clearModel();
  let resourceCount = 0;
  const unmodelled: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const instance of before) {
    if (instance.mode !== 'managed') continue;
    resourceCount++;
    if (!byType.has(instance.type)) unmodelled[instance.type] = (unmodelled[instance.type] ?? 0) + 1;
    else replay(ctx, (again.get(instance.address) ?? after.traces.get(instance.address)!).calls);
  }
  return { same: false, model: finishModel(ctx, before, unmodelled, resourceCount) };
}

/**
 * Whether an index built on the planned side (`a`) and on the prior side (`b`) hold the same: maps in the same
 * order, arrays, plain data, and instances of the two sides at the same address, unchanged by the plan (a user
 * may read any of their values).
 */
function sameIndex(a: unknown, b: unknown, planned: Context, prior: Context, changed: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const ia = a.entries();
    const ib = b.entries();
    for (let x = ia.next(), y = ib.next(); !x.done && !y.done; x = ia.next(), y = ib.next()) {
      if (!sameIndex(x.value[0], y.value[0], planned, prior, changed) || !sameIndex(x.value[1], y.value[1], planned, prior, changed)) return false;
    }
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameIndex(a[i], b[i], planned, prior, changed)) return false;
    return true;
  }
  const address = (a as { address?: unknown }).address;
  if (typeof address === 'string' && planned.holds(a)) {
    return (b as { address?: unknown }).address === address && prior.holds(b) && !changed.has(address);
  }
  return !(b instanceof Map) && !Array.isArray(b) && !prior.holds(b) && equalData(a, b);
}

function sameOrder(a: readonly ResourceInstance[], b: readonly ResourceInstance[]): boolean {
  return a.length === b.length && a.every((x, i) => x.address === b[i]!.address);
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
