import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DominatorTree, dominators } from './dominators.js';

function lists(n: number, edges: ReadonlyArray<readonly [number, number]>) {
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    succ[a]!.push(b);
    pred[b]!.push(a);
  }
  return { succ, pred };
}

/** The definition itself: a dominates b when b is unreachable from the root once a is removed. */
function naive(n: number, root: number, succ: number[][]): Int32Array {
  const reach = (without: number): boolean[] => {
    const seen = Array<boolean>(n).fill(false);
    if (without === root) return seen;
    const stack = [root];
    seen[root] = true;
    while (stack.length > 0) for (const w of succ[stack.pop()!]!) if (w !== without && !seen[w]) stack.push(w), (seen[w] = true);
    return seen;
  };
  const all = reach(-1);
  const doms = Array.from({ length: n }, (_, b) => (all[b] ? Array.from({ length: n }, (_, a) => a).filter((a) => a === b || (all[a] && !reach(a)[b])) : []));
  // The immediate dominator is the strict dominator dominated by every other strict dominator (the one with most dominators).
  return Int32Array.from(doms.map((d, b) => (!all[b] ? -1 : b === root ? root : d.filter((a) => a !== b).sort((x, y) => doms[y]!.length - doms[x]!.length)[0]!)));
}

describe('dominators', () => {
  it('a diamond: the join is dominated by the fork only', () => {
    const { succ, pred } = lists(5, [[0, 1], [1, 2], [1, 3], [2, 4], [3, 4]]);
    expect([...dominators(5, 0, succ, pred)]).toEqual([0, 0, 1, 1, 1]);
  });

  it('unreachable nodes have no dominator', () => {
    const { succ, pred } = lists(3, [[0, 1], [2, 1]]);
    expect([...dominators(3, 0, succ, pred)]).toEqual([0, 0, -1]);
  });

  it('agrees with the definition on random graphs, cycles included', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) => fc.record({ n: fc.constant(n), edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }) }));
    fc.assert(
      fc.property(graph, ({ n, edges }) => {
        const { succ, pred } = lists(n, edges);
        expect([...dominators(n, 0, succ, pred)]).toEqual([...naive(n, 0, succ)]);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('a chain of 200k nodes does not overflow the stack', () => {
    const n = 200_000;
    const succ = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : []));
    const pred = Array.from({ length: n }, (_, i) => (i > 0 ? [i - 1] : []));
    const idom = dominators(n, 0, succ, pred);
    expect(idom[n - 1]).toBe(n - 2);
    const tree = new DominatorTree(idom, 0);
    expect(tree.dominates(10, n - 1)).toBe(true);
    expect(tree.dominates(n - 1, 10)).toBe(false);
  });
});
