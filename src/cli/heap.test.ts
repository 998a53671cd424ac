import { describe, expect, it } from 'vitest';
import { LEAN_HEAP_FROM_BYTES, leanHeapFor } from './heap.js';

describe('leanHeapFor', () => {
  it('leaves the heap alone for ordinary plans, caps its growth once for big ones', () => {
    const calls: string[] = [];
    const set = (flags: string) => calls.push(flags);
    leanHeapFor(0, set);
    leanHeapFor(LEAN_HEAP_FROM_BYTES - 1, set);
    expect(calls).toEqual([]);
    leanHeapFor(LEAN_HEAP_FROM_BYTES, set);
    expect(calls).toEqual(['--heap-growing-percent=100']);
    leanHeapFor(LEAN_HEAP_FROM_BYTES * 4, set);
    expect(calls).toHaveLength(1);
  });
});
