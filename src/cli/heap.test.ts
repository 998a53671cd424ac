import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { LEAN_HEAP_FROM_BYTES, exposedCollector, leanHeapFor, settleHeap } from './heap.js';

describe('leanHeapFor and settleHeap', () => {
  it('leave the heap alone for ordinary plans; cap its growth and collect after the models, once, for big ones', () => {
    const calls: string[] = [];
    const set = (flags: string) => calls.push(flags);
    let collections = 0;
    const expose = () => () => void collections++;
    leanHeapFor(0, set, expose);
    leanHeapFor(LEAN_HEAP_FROM_BYTES - 1, set, expose);
    settleHeap();
    expect(calls).toEqual([]);
    expect(collections).toBe(0);
    leanHeapFor(LEAN_HEAP_FROM_BYTES, set, expose);
    expect(calls).toEqual(['--heap-growing-percent=100', '--expose-gc']);
    leanHeapFor(LEAN_HEAP_FROM_BYTES * 4, set, expose);
    expect(calls).toHaveLength(2);
    settleHeap();
    settleHeap();
    expect(collections).toBe(2);
  });
});

describe('exposedCollector', () => {
  it("finds V8's collector once --expose-gc is set, and it runs", () => {
    setFlagsFromString('--expose-gc');
    const collect = exposedCollector();
    expect(collect).toBeTypeOf('function');
    expect(() => collect!()).not.toThrow();
  });
});
