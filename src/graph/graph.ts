import type { Edge, EdgeKind, Entity, EntityKind, EntityOf, Model } from '../model/index.js';

/**
 * The model with its edges indexed both ways, so rules and algorithms ask "what protects this host" or "which
 * rules belong to this policy" in O(1) instead of scanning. Built once per model, in O(n + e).
 */
export class Graph {
  /** Per entity id, its edges both ways, also by edge kind: asking for one kind of edge allocates nothing. */
  private readonly adjacency = new Map<string, Adjacency>();
  private readonly kinds = new Map<EntityKind, Entity[]>();
  private readonly rulesByPolicy = new Map<string, EntityOf<'firewall-rule'>[]>();

  constructor(readonly model: Model) {
    for (const entity of [...model.entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      push(this.kinds, entity.kind, entity);
      if (entity.kind === 'firewall-rule') push(this.rulesByPolicy, entity.policy, entity);
    }
    for (const edge of model.edges) {
      const from = this.node(edge.from);
      from.out.push(edge);
      push(from.outByKind, edge.kind, edge);
      const to = this.node(edge.to);
      to.in.push(edge);
      push(to.inByKind, edge.kind, edge);
    }
  }

  get(id: string): Entity | undefined {
    return this.model.entities.get(id);
  }

  /** Entities of one kind, in address order. */
  all<K extends EntityKind>(kind: K): readonly EntityOf<K>[] {
    return (this.kinds.get(kind) ?? []) as EntityOf<K>[];
  }

  /** Edges leaving `id`, optionally of one kind. */
  out(id: string, kind?: EdgeKind): readonly Edge[] {
    const node = this.adjacency.get(id);
    if (!node) return NONE;
    return kind ? (node.outByKind.get(kind) ?? NONE) : node.out;
  }

  /** Edges arriving at `id`, optionally of one kind. */
  in(id: string, kind?: EdgeKind): readonly Edge[] {
    const node = this.adjacency.get(id);
    if (!node) return NONE;
    return kind ? (node.inByKind.get(kind) ?? NONE) : node.in;
  }

  /** Entities `id` points at through edges of `kind`, optionally of one entity kind. */
  targets<K extends EntityKind>(id: string, kind: EdgeKind, entityKind?: K): EntityOf<K>[] {
    return this.resolve(this.out(id, kind), 'to', entityKind);
  }

  /** Entities pointing at `id` through edges of `kind`, optionally of one entity kind. */
  sources<K extends EntityKind>(id: string, kind: EdgeKind, entityKind?: K): EntityOf<K>[] {
    return this.resolve(this.in(id, kind), 'from', entityKind);
  }

  /** The rules of a firewall policy, inline or declared as their own resources. */
  rulesOf(policyId: string): readonly EntityOf<'firewall-rule'>[] {
    return this.rulesByPolicy.get(policyId) ?? [];
  }

  private node(id: string): Adjacency {
    let node = this.adjacency.get(id);
    if (!node) this.adjacency.set(id, (node = { out: [], in: [], outByKind: new Map(), inByKind: new Map() }));
    return node;
  }

  /** The entities at one end of `edges`, each once, in edge order. */
  private resolve<K extends EntityKind>(edges: readonly Edge[], end: 'from' | 'to', kind?: K): EntityOf<K>[] {
    const out: EntityOf<K>[] = [];
    // Most entities have a few edges of a kind: a linear check beats allocating a Set on every call. A subnet with
    // thousands of hosts gets the Set, so this stays linear.
    const seen = edges.length > 16 ? new Set<Entity>() : undefined;
    for (const edge of edges) {
      const entity = this.model.entities.get(edge[end]);
      if (!entity || (kind && entity.kind !== kind)) continue;
      if (seen ? seen.has(entity) : out.includes(entity as EntityOf<K>)) continue;
      seen?.add(entity);
      out.push(entity as EntityOf<K>);
    }
    return out;
  }
}

const NONE: readonly Edge[] = Object.freeze([]);

interface Adjacency {
  readonly out: Edge[];
  readonly in: Edge[];
  readonly outByKind: Map<EdgeKind, Edge[]>;
  readonly inByKind: Map<EdgeKind, Edge[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
