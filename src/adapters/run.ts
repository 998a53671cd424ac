import { collapseWorld, type Edge, type EdgeKind, type Entity, type Model } from '../model/index.js';
import { EACH_KEY, MODULE_EACH_OPEN, MODULE_KEY_OPEN, NTH_OPEN, SAME_KEY, parseAddress, REDACTED, splitSteps, stripKey, type ResourceInstance } from '../terraform/index.js';
import type { Mapper, MapperContext, RefOptions } from './mapper.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attributes whose values identify a resource when other resources point at it by value. */
export const IDENTITY_KEYS = ['id', 'arn', 'self_link', 'name'] as const;

/**
 * Runs every mapper over the instances of one side of one input and collects the model.
 * Unmapped managed types are counted in `unmodelled`; data sources are read for references only.
 */
export function buildModel(instances: readonly ResourceInstance[], mappers: readonly Mapper[], traces?: Map<string, MapTrace>): Model {
  return buildIn(new Context(instances), instances, mappers, traces);
}

/** `buildModel` in a context the caller keeps (its memos, its indexes). */
export function buildIn(ctx: Context, instances: readonly ResourceInstance[], mappers: readonly Mapper[], traces?: Map<string, MapTrace>): Model {
  const byType = mapperIndex(mappers);
  const unmodelled: Record<string, number> = Object.create(null) as Record<string, number>;
  let resourceCount = 0;
  for (const instance of instances) {
    if (instance.mode !== 'managed') continue;
    resourceCount++;
    const mapper = byType.get(instance.type);
    if (!mapper) {
      unmodelled[instance.type] = (unmodelled[instance.type] ?? 0) + 1;
      continue;
    }
    if (traces) {
      const trace = newTrace();
      traces.set(instance.address, trace);
      ctx.trace = trace;
      mapper.map(instance, ctx);
      ctx.trace = undefined;
    } else mapper.map(instance, ctx);
  }
  return finishModel(ctx, instances, unmodelled, resourceCount);
}

/** After the mappers: `depends_on` edges between modelled instances, and edges whose two ends exist. */
export function finishModel(ctx: Context, instances: readonly ResourceInstance[], unmodelled: Readonly<Record<string, number>>, resourceCount: number): Model {
  for (const instance of instances) {
    if (instance.mode !== 'managed' || !ctx.entities.has(instance.address)) continue;
    for (const target of instance.dependsOn) {
      for (const to of ctx.configInstances(instance, target)) ctx.link(instance.address, to, 'depends-on', 'depends_on');
    }
  }
  const edges = ctx.edges.filter((e) => ctx.entities.has(e.from) && ctx.entities.has(e.to) && e.from !== e.to);
  return { entities: ctx.entities, edges, unmodelled, resourceCount };
}

/** Makes again the calls one mapper call made (another side's record), as that call would. */
export function replay(ctx: Context, calls: ReadonlyArray<Entity | LinkCall>): void {
  for (const call of calls) {
    if (Array.isArray(call)) {
      const [from, to, kind, via, detail] = call as LinkCall;
      ctx.link(from, to, kind, via, detail);
    } else ctx.add(call as Entity);
  }
}

export function mapperIndex(mappers: readonly Mapper[]): Map<string, Mapper> {
  const byType = new Map<string, Mapper>();
  for (const mapper of mappers) for (const type of mapper.types) byType.set(type, mapper);
  return byType;
}

/**
 * What one mapper call did: the entities it added and the links it made, in order, and what it read of other
 * instances (their addresses, and whole types it listed). Two calls that made the same calls give the same model;
 * see `incremental.ts`.
 */
export interface MapTrace {
  readonly calls: Array<Entity | LinkCall>;
  readonly reads: string[];
  readonly typeReads: string[];
  /**
   * The config addresses whose instances references were resolved against, and the ids, ARNs, self links and
   * names looked up: what a reference finds changes when the plan adds or removes an instance there.
   */
  readonly configReads: string[];
  readonly valueReads: string[];
  /** The memoised indexes used: what their builds read counts as read here too. */
  readonly uses: MapTrace[];
}

/** An empty trace, to record one mapper call or one index build into. */
export const newTrace = (): MapTrace => ({ calls: [], reads: [], typeReads: [], configReads: [], valueReads: [], uses: [] });

export type LinkCall = readonly [from: string, to: string, kind: EdgeKind, via: string, detail: string | undefined];

export class Context implements MapperContext {
  /** While set, the calls and reads of the mapper running now are recorded here. */
  trace: MapTrace | undefined;
  private readonly memos = new Map<string, Memo>();
  readonly entities = new Map<string, Entity>();
  readonly edges: Edge[] = [];
  /** Edges by their `from`, to drop duplicates; `edgeKeys` holds the keys of entities with many edges. */
  private readonly edgesFrom = new Map<string, Edge[]>();
  private readonly edgeKeys = new Set<string>();
  private readonly byAddress = new Map<string, ResourceInstance>();
  private readonly byType = new Map<string, ResourceInstance[]>();
  /** `types|path` -> target address -> the instances pointing at it, built once per question. */
  private readonly reverse = new Map<string, Map<string, ResourceInstance[]>>();
  /** The indexes that hold addresses only: the other side of a plan with the same instances shares them. */
  private readonly shape: Shape;
  /**
   * Once its side is built, a context answers no more questions: a memo build that read it rather than the context
   * it was given would build the planned side's index again on the prior side, unseen.
   */
  private sealed = false;

  /**
   * `shared`: a context over the other side of the same plan, whose instances have, position by position, the same
   * address, config address, module, mode and identity values (`id`, `arn`, `self_link`, `name`): its
   * address-only indexes are this side's too.
   */
  constructor(instances: readonly ResourceInstance[], shared?: Context) {
    for (const instance of instances) {
      this.byAddress.set(instance.address, instance);
      push(this.byType, instance.type, instance);
    }
    this.shape = shared?.shape ?? shapeOf(instances);
  }

  /** No more questions (see `sealed`); the memos and address indexes stay readable. */
  seal(): void {
    this.sealed = true;
  }

  private check(): void {
    if (this.sealed) throw new Error('adapter context read after its model was built (a memo build must read the context it is given)');
  }

  /** Whether `value` is one of this side's instances (the very object). */
  holds(value: unknown): boolean {
    const address = (value as { address?: unknown } | null)?.address;
    return typeof address === 'string' && this.byAddress.get(address) === value;
  }

  /** The memos built so far: their keys, builds, values and what the builds read. */
  memoEntries(): Iterable<Memo> {
    return this.memos.values();
  }

  /** Forgets the entities and links made so far; the indexes over the instances stay. */
  clearModel(): void {
    this.entities.clear();
    this.edges.length = 0;
    this.edgesFrom.clear();
    this.edgeKeys.clear();
  }

  add(given: Entity): void {
    let entity = given;
    if (entity.kind === 'firewall-rule') {
      // Ranges that add up to the internet are the internet, in every cloud's rules alike.
      const peers = collapseWorld(entity.peers);
      if (peers !== entity.peers) entity = { ...entity, peers };
    }
    this.trace?.calls.push(entity);
    if (!this.entities.has(entity.id)) this.entities.set(entity.id, entity);
  }

  link(from: string, to: string, kind: EdgeKind, via: string, detail?: string): void {
    this.trace?.calls.push([from, to, kind, via, detail]);
    let list = this.edgesFrom.get(from);
    if (!list) this.edgesFrom.set(from, (list = []));
    // Most entities have a few edges: a scan is cheaper than building a key; hubs use the key set.
    if (list.length < 16) {
      for (const e of list) if (e.to === to && e.kind === kind && e.via === via && (e.detail ?? '') === (detail ?? '')) return;
    } else {
      const keyOf = (e: Edge) => `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.via}\u0000${e.detail ?? ''}`;
      if (list.length === 16) for (const e of list) this.edgeKeys.add(keyOf(e));
      const key = `${from}\u0000${to}\u0000${kind}\u0000${via}\u0000${detail ?? ''}`;
      if (this.edgeKeys.has(key)) return;
      this.edgeKeys.add(key);
    }
    const edge: Edge = detail === undefined ? { from, to, kind, via } : { from, to, kind, via, detail };
    list.push(edge);
    this.edges.push(edge);
  }

  memo<T>(key: string, build: (ctx: MapperContext) => T): T {
    let entry = this.memos.get(key);
    if (!entry) {
      const outer = this.trace;
      const reads = newTrace();
      this.trace = reads;
      try {
        entry = { key, build, value: build(this), reads };
      } finally {
        this.trace = outer;
      }
      if (reads.calls.length > 0) throw new Error(`adapter index ${key} added entities or links while it was built`);
      this.memos.set(key, entry);
    }
    this.trace?.uses.push(entry.reads);
    return entry.value as T;
  }

  instance(address: string): ResourceInstance | undefined {
    this.check();
    this.trace?.reads.push(address);
    return this.byAddress.get(address);
  }

  instancesOf(types: readonly string[]): readonly ResourceInstance[] {
    this.check();
    this.trace?.typeReads.push(...types);
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  refs(instance: ResourceInstance, path: string, options?: RefOptions): string[] {
    this.check();
    const types = options?.types;
    const keep = (a: string) => a !== instance.address && (!types || types.includes(this.byAddress.get(a)?.type ?? ''));
    // Known ids, ARNs and self links name exactly what they point at: when they match, they are the answer.
    const byValue: string[] = [];
    if (!options?.configOnly) {
      for (const value of valuesAt(instance.values, path)) for (const address of this.resolveValue(value)) if (keep(address)) byValue.push(address);
    }
    if (byValue.length > 0) return sortedUnique(byValue);
    const out: string[] = [];
    for (const [refPath, targets] of instance.references) {
      if (refPath !== path && !refPath.startsWith(`${path}.`)) continue;
      for (const target of targets) for (const address of this.configInstances(instance, target)) if (keep(address)) out.push(address);
    }
    return sortedUnique(out);
  }

  resolveValue(value: string, options?: RefOptions): string[] {
    this.check();
    const values = this.trace?.valueReads;
    if (values && values[values.length - 1] !== value) values.push(value);
    const direct = this.identity().get(value);
    const tail = selfLinkTail(value);
    const types = options?.types;
    const fits = (a: string) => !types || types.includes(this.byAddress.get(a)?.type ?? '');
    // The common answer: one resource, or none, has this id.
    if (tail === value && (!direct || direct.length === 1)) return direct && fits(direct[0]!) ? [direct[0]!] : [];
    const out = new Set(direct ?? []);
    if (tail !== value) for (const address of this.identity().get(tail) ?? []) out.add(address);
    return [...out].filter(fits).sort();
  }

  referrers(instance: ResourceInstance, path: string, types: readonly string[]): ResourceInstance[] {
    this.check();
    this.trace?.typeReads.push(...types);
    const key = `${types.join(',')}|${path}`;
    let index = this.reverse.get(key);
    if (!index) {
      index = new Map();
      for (const candidate of types.flatMap((t) => this.byType.get(t) ?? [])) {
        for (const target of this.refs(candidate, path)) push(index, target, candidate);
      }
      this.reverse.set(key, index);
    }
    return index.get(instance.address) ?? [];
  }

  /**
   * Instances of a config address, as seen from `from`: in the module instance that shares the referrer's module
   * keys (`module.svc["a"].module.stack[0]`), else all of them. Indexed, so a plan of many module instances stays
   * linear.
   */
  configInstances(from: ResourceInstance, target: string): readonly string[] {
    const marked = MARK.exec(target);
    if (marked?.[1] !== undefined) {
      // Through a module call's argument: the instance of the key the referrer's module instance has for that call.
      const strict = marked[0].startsWith(MODULE_EACH_OPEN);
      const key = moduleInstanceKey(from.module, marked[1]);
      const all = this.configInstancesOf(from, target.slice(0, marked.index));
      const match = key === undefined ? NONE : withKey(this.shape, all, key);
      return match.length > 0 || strict ? match : all;
    }
    if (target.endsWith(SAME_KEY)) {
      // `aws_subnet.private[count.index]`: the instance of the referrer's key, when the block has one.
      return sameKey(this.shape, from.address, this.configInstancesOf(from, target.slice(0, -SAME_KEY.length)));
    }
    if (target.endsWith(EACH_KEY)) {
      // `each.value` of a for_each over that block: the instance of the referrer's own key, or none.
      const key = parseAddress(from.address)?.key ?? '';
      if (key === '') return NONE;
      return withKey(this.shape, this.configInstancesOf(from, target.slice(0, -EACH_KEY.length)), key);
    }
    if (marked?.[2] !== undefined) {
      // The n-th element of a list of a block's ids: its n-th instance in terraform's order, or all when out of range.
      const all = this.configInstancesOf(from, target.slice(0, marked.index));
      const nth = inOrder(this.shape, all)[Number(marked[2])];
      return nth === undefined ? all : [nth];
    }
    // A reference with a literal key (`aws_subnet.public[0]`) names one instance of the block.
    const keyAt = target.endsWith(']') ? target.lastIndexOf('[', target.length - 1) : -1;
    const key = keyAt > 0 && !target.slice(keyAt).includes('.') ? target.slice(keyAt) : '';
    const configAddress = key ? target.slice(0, keyAt) : target;
    const all = this.configInstancesOf(from, configAddress);
    if (!key) return all;
    const keyed = all.filter((a) => a.endsWith(key));
    return keyed.length > 0 ? keyed : all;
  }

  /** Addresses of a config address's instances, as seen from `from`. Callers must not change the list. */
  private configInstancesOf(from: ResourceInstance, configAddress: string): readonly string[] {
    // Mappers resolve several attributes against one block in a row: record it once.
    const configs = this.trace?.configReads;
    if (configs && configs[configs.length - 1] !== configAddress) configs.push(configAddress);
    const candidates = this.shape.byConfig.get(configAddress) ?? NONE;
    if (candidates.length <= 1 || from.module === '') return candidates;
    const targetModule = configAddress.startsWith('module.') ? moduleConfigOf(configAddress) : '';
    const prefix = instancePrefix(from.module, targetModule);
    if (prefix !== undefined) {
      const exact = this.shape.byModule.get(prefix)?.get(configAddress);
      if (exact) return exact;
    }
    return candidates;
  }

  private identity(): Map<string, string[]> {
    const shape = this.shape;
    if (shape.identity) return shape.identity;
    const index = new Map<string, string[]>();
    const reads: ResourceInstance[] = [];
    for (const instance of this.byAddress.values()) {
      if (instance.mode === 'managed') forEachIdentity(instance, (value) => push(index, value, instance.address));
      else reads.push(instance);
    }
    // A data source names what it read (`subnet_id = "subnet-0a1b"` is the subnet `data.aws_subnet.shared` read),
    // unless a managed resource of the plan has that id: then that resource is meant, and the read is of it.
    const readOnly = new Set<string>();
    for (const instance of reads) {
      forEachIdentity(instance, (value) => {
        if (index.has(value) && !readOnly.has(value)) return;
        readOnly.add(value);
        push(index, value, instance.address);
      });
    }
    shape.identity = index;
    return index;
  }
}

/** A memo: its key and build (to build it again on the other side of a plan), its value, what the build read. */
export interface Memo {
  readonly key: string;
  readonly build: (ctx: MapperContext) => unknown;
  readonly value: unknown;
  readonly reads: MapTrace;
}

/** The indexes of a side that name instances by address only, and so hold for both sides of a plan alike. */
interface Shape {
  readonly byConfig: Map<string, string[]>;
  /** Module instance path -> config address -> addresses: the same block in one module instance. */
  readonly byModule: Map<string, Map<string, string[]>>;
  /** Identity value (id, ARN, self link, name; a self link's tail) -> addresses; built on first use. */
  identity: Map<string, string[]> | undefined;
  /** Per list of instances (by identity): its instances by key, and its instances in terraform's order. */
  readonly byKey: Map<readonly string[], Map<string, string[]>>;
  readonly ordered: Map<readonly string[], readonly string[]>;
}

function shapeOf(instances: readonly ResourceInstance[]): Shape {
  const byConfig = new Map<string, string[]>();
  const byModule = new Map<string, Map<string, string[]>>();
  for (const instance of instances) {
    push(byConfig, instance.configAddress, instance.address);
    let inModule = byModule.get(instance.module);
    if (!inModule) byModule.set(instance.module, (inModule = new Map()));
    push(inModule, instance.configAddress, instance.address);
  }
  return { byConfig, byModule, identity: undefined, byKey: new Map(), ordered: new Map() };
}

const NONE: readonly string[] = Object.freeze([]);

/** The values a reference may name an instance by: its ids, ARNs, self links and names, and a self link's tail. */
export function identityValues(instance: ResourceInstance): string[] {
  const out: string[] = [];
  forEachIdentity(instance, (value) => out.push(value));
  return out;
}

function forEachIdentity(instance: ResourceInstance, use: (value: string) => void): void {
  for (const key of IDENTITY_KEYS) {
    const value = instance.values[key];
    if (typeof value !== 'string' || value === '' || value === REDACTED) continue;
    use(value);
    const tail = selfLinkTail(value);
    if (tail !== value) use(tail);
  }
}

/**
 * A plan records `subnet_id = aws_subnet.app[count.index].id` (or `[each.key]`) as a reference to the whole block
 * with `count.index` beside it (marked `SAME_KEY`): when the referrer is keyed and the block has an instance with
 * the same key, that instance is the one meant.
 */
function sameKey(shape: Shape, referrer: string, instances: readonly string[]): readonly string[] {
  if (instances.length <= 1) return instances;
  const key = parseAddress(referrer)?.key ?? '';
  if (key === '') return instances;
  const match = withKey(shape, instances, key);
  return match.length > 0 ? match : instances;
}

/**
 * The instances of a list with an instance key, through an index built once per list and kept in the run's shape
 * (whose lists keep their identity), so that a thousand referrers of a thousand-instance block cost a thousand
 * lookups, not a million comparisons.
 */
function withKey(shape: Shape, instances: readonly string[], key: string): readonly string[] {
  if (instances.length <= 8) return instances.filter((a) => parseAddress(a)?.key === key);
  let index = shape.byKey.get(instances);
  if (!index) {
    index = new Map();
    for (const a of instances) {
      const k = parseAddress(a)?.key ?? '';
      const list = index.get(k);
      if (list) list.push(a);
      else index.set(k, [a]);
    }
    shape.byKey.set(instances, index);
  }
  return index.get(key) ?? NONE;
}

/** A list's instances in terraform's order, sorted once per list. */
function inOrder(shape: Shape, instances: readonly string[]): readonly string[] {
  let sorted = shape.ordered.get(instances);
  if (!sorted) shape.ordered.set(instances, (sorted = [...instances].sort(byInstanceKey)));
  return sorted;
}

/**
 * The instance key of module call `callPath` (a config path, `module.web`) on a module instance path
 * (`module.web[0].module.db`): `[0]`; undefined when the path does not pass through that call or it has no key.
 */
function moduleInstanceKey(modulePath: string, callPath: string): string | undefined {
  const steps = splitSteps(modulePath);
  const config: string[] = [];
  for (let i = 0; i + 1 < steps.length && steps[i] === 'module'; i += 2) {
    const step = steps[i + 1]!;
    config.push(`module.${stripKey(step)}`);
    if (config.join('.') === callPath) {
      const key = step.slice(stripKey(step).length);
      return key === '' ? undefined : key;
    }
  }
  return undefined;
}

/**
 * The markers references.ts puts after a block's address, read strictly at the end of a target (a for_each key in
 * quotes may hold anything): `[key@module.web]` / `[each@module.web]` (group 1: the call's path), `[#2]` (group 2).
 */
const MARK = new RegExp(`(?:(?:${literal(MODULE_KEY_OPEN)}|${literal(MODULE_EACH_OPEN)})(module\\.[\\w.-]+)\\]|${literal(NTH_OPEN)}(\\d+)\\])$`);

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Instances of one block in terraform's order: count indexes by number, for_each keys as strings. */
function byInstanceKey(a: string, b: string): number {
  const ka = parseAddress(a)?.key ?? '';
  const kb = parseAddress(b)?.key ?? '';
  const na = /^\[\d+\]$/.test(ka) ? Number(ka.slice(1, -1)) : undefined;
  const nb = /^\[\d+\]$/.test(kb) ? Number(kb.slice(1, -1)) : undefined;
  if (na !== undefined && nb !== undefined) return na - nb;
  const sa = keyText(ka);
  const sb = keyText(kb);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** A for_each key's text (`["a"]` -> `a`). */
function keyText(key: string): string {
  if (!key.startsWith('["')) return key;
  try {
    return String(JSON.parse(key.slice(1, -1)));
  } catch {
    return key;
  }
}

/** The strings sorted, each once (in place). Most lists here hold one address or none. */
function sortedUnique(list: string[]): string[] {
  if (list.length <= 1) return list;
  list.sort();
  let n = 1;
  for (let i = 1; i < list.length; i++) if (list[i] !== list[n - 1]) list[n++] = list[i]!;
  list.length = n;
  return list;
}

/** `module.a.module.b.aws_x.y` -> `module.a.module.b`. */
function moduleConfigOf(configAddress: string): string {
  const steps = splitSteps(configAddress);
  const out: string[] = [];
  for (let i = 0; i + 1 < steps.length && steps[i] === 'module'; i += 2) out.push(`module.${steps[i + 1]}`);
  return out.join('.');
}

/**
 * The module instance path of `targetModule` (config path, no keys) that lies on the referrer's own path
 * (`module.svc["a"].module.stack[0]`): undefined when the target module is not an ancestor-or-self of the referrer.
 */
function instancePrefix(fromModule: string, targetModule: string): string | undefined {
  if (targetModule === '') return '';
  const from = splitSteps(fromModule);
  const target = splitSteps(targetModule);
  if (target.length > from.length) return undefined;
  for (let i = 0; i < target.length; i++) if (stripKey(from[i]!) !== target[i]) return undefined;
  return from.slice(0, target.length).join('.');
}

/** Google self links and relative names compare on the part from `projects/` on. */
function selfLinkTail(value: string): string {
  const at = value.indexOf('projects/');
  return value.startsWith('https://') && at > 0 ? value.slice(at) : value;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every string found at a dotted path, descending into lists and nested blocks. */
function valuesAt(values: unknown, path: string): string[] {
  // The common case, a top-level attribute: no layers to build.
  if (!path.includes('.')) return isObject(values) && path in values ? stringsOf([values[path]]) : [];
  let layer: unknown[] = [values];
  for (const step of path.split('.')) {
    const next: unknown[] = [];
    for (const node of layer) {
      const items = Array.isArray(node) ? node : [node];
      for (const item of items) if (isObject(item) && step in item) next.push(item[step]);
    }
    layer = next;
  }
  return stringsOf(layer);
}

function stringsOf(layer: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const node of layer) {
    if (typeof node === 'string' && node !== REDACTED) out.push(node);
    else if (Array.isArray(node)) for (const s of node) if (typeof s === 'string' && s !== REDACTED) out.push(s);
  }
  return out;
}
