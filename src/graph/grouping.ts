import type { Entity, Host } from '../model/index.js';
import type { Graph } from './graph.js';

/** A role: entities that are replicas of one another, and the key that names them. */
export interface Role<E extends Entity> {
  readonly members: E[];
  readonly key: (e: Entity) => string;
}

/**
 * The instance address without its own instance key: `module.a["x"].aws_instance.web[1]` ->
 * `module.a["x"].aws_instance.web`. Instances of one `count`/`for_each` share it, while the same block in two
 * module instances (two stacks) does not: they are different deployments, not replicas of one another.
 */
export function roleKey(e: Entity): string {
  const declared = e.declaredBy;
  const cut = declared.lastIndexOf('.', declared.lastIndexOf('.') - 1);
  const resource = declared.slice(cut + 1);
  const at = e.id.lastIndexOf(resource);
  if (at < 0 || (at > 0 && e.id[at - 1] !== '.')) return e.id;
  const rest = e.id.slice(at + resource.length);
  return rest === '' || (rest.startsWith('[') && rest.endsWith(']')) ? e.id.slice(0, at + resource.length) : e.id;
}

/** Union-find over entity ids, with path halving: near-constant time per operation. */
class Groups {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let x = id;
    for (;;) {
      const p = this.parent.get(x) ?? x;
      if (p === x) return x;
      const gp = this.parent.get(p) ?? p;
      this.parent.set(x, gp);
      x = gp;
    }
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

function collect<E extends Entity>(entities: readonly E[], groups: Groups): Role<E>[] {
  const byRoot = new Map<string, E[]>();
  for (const e of entities) {
    const root = groups.find(e.id);
    const list = byRoot.get(root);
    if (list) list.push(e);
    else byRoot.set(root, [e]);
  }
  return [...byRoot.keys()].sort().map((root) => ({ members: byRoot.get(root)!, key: roleKey }));
}

/**
 * Hosts grouped by role: instances of one block (per module instance), the hosts one target pool sends to, and
 * members of a scaling group or cluster (`member-of` another host).
 */
export function groupHosts(graph: Graph): Role<Host>[] {
  const hosts = graph.all('host');
  const groups = new Groups();
  const firstOfRole = new Map<string, string>();
  for (const h of hosts) {
    const key = roleKey(h);
    const first = firstOfRole.get(key);
    if (first === undefined) firstOfRole.set(key, h.id);
    else groups.union(first, h.id);
    for (const e of graph.out(h.id, 'member-of')) if (graph.get(e.to)?.kind === 'host') groups.union(h.id, e.to);
  }
  for (const pool of graph.all('target-pool')) {
    const targets = graph.targets(pool.id, 'targets', 'host');
    for (let i = 1; i < targets.length; i++) groups.union(targets[0]!.id, targets[i]!.id);
  }
  return collect(hosts, groups);
}

/** Entities of one kind grouped by `member-of` links among them (a cluster and its instances, if mapped apart). */
export function groupMembers<E extends Entity>(entities: readonly E[], graph: Graph): Role<E>[] {
  const groups = new Groups();
  const kind = entities[0]?.kind;
  for (const e of entities) for (const m of graph.out(e.id, 'member-of')) if (graph.get(m.to)?.kind === kind) groups.union(e.id, m.to);
  return collect(entities, groups);
}
