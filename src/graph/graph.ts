import { EDGE_KINDS, type Edge, type EdgeKind, type Entity, type EntityKind, type EntityOf, type Model } from '../model/index.js';

/**
 * The model with its edges indexed both ways, so rules and algorithms ask "what protects this host" or "which
 * rules belong to this policy" in O(1) instead of scanning. Built once per model, in O(n + e).
 */
export class Graph {
  private readonly outgoing = new Map<string, Edge[]>();
  private readonly incoming = new Map<string, Edge[]>();
  /** Edge kind -> entity id -> edges: asking for one kind of edge builds no key and allocates nothing. */
  private readonly outgoingByKind = new Map<EdgeKind, Map<string, Edge[]>>();
  private readonly incomingByKind = new Map<EdgeKind, Map<string, Edge[]>>();
  private readonly kinds = new Map<EntityKind, Entity[]>();
  private readonly rulesByPolicy = new Map<string, EntityOf<'firewall-rule'>[]>();

  constructor(readonly model: Model) {
    for (const entity of [...model.entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      push(this.kinds, entity.kind, entity);
      if (entity.kind === 'firewall-rule') push(this.rulesByPolicy, entity.policy, entity);
    }
    for (const kind of EDGE_KINDS) {
      this.outgoingByKind.set(kind, new Map());
      this.incomingByKind.set(kind, new Map());
    }
    for (const edge of model.edges) {
      push(this.outgoing, edge.from, edge);
      push(this.incoming, edge.to, edge);
      push(this.outgoingByKind.get(edge.kind)!, edge.from, edge);
      push(this.incomingByKind.get(edge.kind)!, edge.to, edge);
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
    return (kind ? this.outgoingByKind.get(kind)?.get(id) : this.outgoing.get(id)) ?? NONE;
  }

  /** Edges arriving at `id`, optionally of one kind. */
  in(id: string, kind?: EdgeKind): readonly Edge[] {
    return (kind ? this.incomingByKind.get(kind)?.get(id) : this.incoming.get(id)) ?? NONE;
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

/** Appends `value` to the list at `key`, making the list on first use. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
