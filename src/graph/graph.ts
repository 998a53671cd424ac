import type { Edge, EdgeKind, Entity, EntityKind, EntityOf, Model } from '../model/index.js';

/**
 * The model with its edges indexed both ways, so rules and algorithms ask "what protects this host" or "which
 * rules belong to this policy" in O(1) instead of scanning. Built once per model, in O(n + e).
 */
export class Graph {
  private readonly outgoing = new Map<string, Edge[]>();
  private readonly incoming = new Map<string, Edge[]>();
  /** `id \0 edge kind` -> edges: asking for one kind of edge allocates nothing. */
  private readonly outgoingByKind = new Map<string, Edge[]>();
  private readonly incomingByKind = new Map<string, Edge[]>();
  private readonly kinds = new Map<EntityKind, Entity[]>();
  private readonly rulesByPolicy = new Map<string, EntityOf<'firewall-rule'>[]>();

  constructor(readonly model: Model) {
    for (const entity of [...model.entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      push(this.kinds, entity.kind, entity);
      if (entity.kind === 'firewall-rule') push(this.rulesByPolicy, entity.policy, entity);
    }
    for (const edge of model.edges) {
      push(this.outgoing, edge.from, edge);
      push(this.incoming, edge.to, edge);
      push(this.outgoingByKind, `${edge.from}\u0000${edge.kind}`, edge);
      push(this.incomingByKind, `${edge.to}\u0000${edge.kind}`, edge);
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
    return (kind ? this.outgoingByKind.get(`${id}\u0000${kind}`) : this.outgoing.get(id)) ?? NONE;
  }

  /** Edges arriving at `id`, optionally of one kind. */
  in(id: string, kind?: EdgeKind): readonly Edge[] {
    return (kind ? this.incomingByKind.get(`${id}\u0000${kind}`) : this.incoming.get(id)) ?? NONE;
  }

  /** Entities `id` points at through edges of `kind`, optionally of one entity kind. */
  targets<K extends EntityKind>(id: string, kind: EdgeKind, entityKind?: K): EntityOf<K>[] {
    return this.resolve(this.out(id, kind).map((e) => e.to), entityKind);
  }

  /** Entities pointing at `id` through edges of `kind`, optionally of one entity kind. */
  sources<K extends EntityKind>(id: string, kind: EdgeKind, entityKind?: K): EntityOf<K>[] {
    return this.resolve(this.in(id, kind).map((e) => e.from), entityKind);
  }

  /** The rules of a firewall policy, inline or declared as their own resources. */
  rulesOf(policyId: string): readonly EntityOf<'firewall-rule'>[] {
    return this.rulesByPolicy.get(policyId) ?? [];
  }

  private resolve<K extends EntityKind>(ids: readonly string[], kind?: K): EntityOf<K>[] {
    const out: EntityOf<K>[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      const entity = this.model.entities.get(id);
      if (!entity || seen.has(id) || (kind && entity.kind !== kind)) continue;
      seen.add(id);
      out.push(entity as EntityOf<K>);
    }
    return out;
  }
}

const NONE: readonly Edge[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
