/**
 * Immediate dominators by Lengauer-Tarjan (the simple version, with path compression: O(e log n)), iterative so a
 * long chain cannot overflow the stack. `succ[v]` and `pred[v]` list the neighbours of v over the same edges.
 * Returns idom per node: -1 for nodes the root does not reach, and the root for itself.
 */
export function dominators(n: number, root: number, succ: readonly (readonly number[])[], pred: readonly (readonly number[])[]): Int32Array {
  const dfnum = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const vertex: number[] = [];
  const stack: Array<[number, number]> = [[root, 0]];
  dfnum[root] = 0;
  vertex.push(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [v, i] = top;
    const next = succ[v]!;
    if (i >= next.length) {
      stack.pop();
      continue;
    }
    top[1] = i + 1;
    const w = next[i]!;
    if (dfnum[w]! >= 0) continue;
    dfnum[w] = vertex.length;
    vertex.push(w);
    parent[w] = v;
    stack.push([w, 0]);
  }

  const semi = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  const best = new Int32Array(n).fill(-1);
  const idom = new Int32Array(n).fill(-1);
  const samedom = new Int32Array(n).fill(-1);
  // Buckets as linked lists in two arrays: a Map of arrays costs more than the whole algorithm on big graphs.
  const bucketHead = new Int32Array(n).fill(-1);
  const bucketNext = new Int32Array(n).fill(-1);
  const path: number[] = [];

  const lowest = (v: number): number => {
    path.length = 0;
    let x = v;
    while (ancestor[x]! >= 0 && ancestor[ancestor[x]!]! >= 0) {
      path.push(x);
      x = ancestor[x]!;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const y = path[i]!;
      const a = ancestor[y]!;
      if (dfnum[semi[best[a]!]!]! < dfnum[semi[best[y]!]!]!) best[y] = best[a]!;
      ancestor[y] = ancestor[a]!;
    }
    return best[v]!;
  };

  for (let i = vertex.length - 1; i >= 1; i--) {
    const w = vertex[i]!;
    const p = parent[w]!;
    let s = p;
    for (const v of pred[w]!) {
      if (dfnum[v]! < 0) continue;
      const candidate = dfnum[v]! <= dfnum[w]! ? v : semi[lowest(v)]!;
      if (dfnum[candidate]! < dfnum[s]!) s = candidate;
    }
    semi[w] = s;
    bucketNext[w] = bucketHead[s]!;
    bucketHead[s] = w;
    ancestor[w] = p;
    best[w] = w;
    for (let v = bucketHead[p]!; v >= 0; v = bucketNext[v]!) {
      const y = lowest(v);
      if (semi[y] === semi[v]) idom[v] = p;
      else samedom[v] = y;
    }
    bucketHead[p] = -1;
  }
  for (let i = 1; i < vertex.length; i++) {
    const w = vertex[i]!;
    if (samedom[w]! >= 0) idom[w] = idom[samedom[w]!]!;
  }
  idom[root] = root;
  return idom;
}

/**
 * The dominator tree as entry/exit times, so "a dominates b" is two comparisons: a is an ancestor of b exactly
 * when `tin[a] <= tin[b] && tout[b] <= tout[a]`.
 */
export class DominatorTree {
  readonly tin: Int32Array;
  readonly tout: Int32Array;
  readonly children: number[][];

  constructor(readonly idom: Int32Array, root: number) {
    const n = idom.length;
    this.children = Array.from({ length: n }, () => []);
    for (let v = 0; v < n; v++) if (v !== root && idom[v]! >= 0) this.children[idom[v]!]!.push(v);
    this.tin = new Int32Array(n).fill(-1);
    this.tout = new Int32Array(n).fill(-1);
    let clock = 0;
    const stack: Array<[number, number]> = [[root, 0]];
    this.tin[root] = clock++;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = this.children[top[0]]!;
      if (top[1] >= kids.length) {
        this.tout[top[0]] = clock++;
        stack.pop();
        continue;
      }
      const c = kids[top[1]++]!;
      this.tin[c] = clock++;
      stack.push([c, 0]);
    }
  }

  /** True when every path from the root to `b` passes through `a` (a node dominates itself). */
  dominates(a: number, b: number): boolean {
    return this.tin[a]! >= 0 && this.tin[b]! >= 0 && this.tin[a]! <= this.tin[b]! && this.tout[b]! <= this.tout[a]!;
  }

  /** The nodes `a` dominates, itself included. */
  subtree(a: number): number[] {
    const out: number[] = [];
    const stack = [a];
    while (stack.length > 0) {
      const v = stack.pop()!;
      out.push(v);
      stack.push(...this.children[v]!);
    }
    return out;
  }
}
