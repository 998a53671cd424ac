import type { Range } from '../model/index.js';

export { cidrSize, contains, coversFamily, familySize, parseCidr, type Range } from '../model/index.js';

/**
 * Items with address ranges, sorted by start, to find every item that lies inside a range in O(log n + k)
 * rather than testing each item against each range.
 */
export class RangeIndex<T> {
  private readonly items: Array<{ range: Range; item: T }>;

  constructor(entries: Iterable<readonly [Range, T]>) {
    this.items = [...entries].map(([range, item]) => ({ range, item }));
    this.items.sort((a, b) => Number(a.range.v6) - Number(b.range.v6) || (a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : 0));
  }

  /** Items whose whole range lies inside `outer`. */
  within(outer: Range): T[] {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = this.items[mid]!.range;
      if (Number(r.v6) < Number(outer.v6) || (r.v6 === outer.v6 && r.start < outer.start)) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < this.items.length; i++) {
      const { range, item } = this.items[i]!;
      if (range.v6 !== outer.v6 || range.start > outer.end) break;
      if (range.end <= outer.end) out.push(item);
    }
    return out;
  }
}
