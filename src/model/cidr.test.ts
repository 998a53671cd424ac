import { describe, expect, it } from 'vitest';
import { collapseWorld, coversFamily, parseCidr, type Peer, type Range } from './index.js';

const ranges = (...cidrs: string[]): Range[] => cidrs.map((c) => parseCidr(c)!);
const cidr = (c: string): Peer => ({ kind: 'cidr', cidr: c });

describe('coversFamily', () => {
  it('the two halves, four quarters or the whole space hold every address; a gap or the other family does not', () => {
    expect(coversFamily(ranges('0.0.0.0/1', '128.0.0.0/1'), false)).toBe(true);
    expect(coversFamily(ranges('192.0.0.0/2', '0.0.0.0/2', '128.0.0.0/2', '64.0.0.0/2'), false)).toBe(true);
    expect(coversFamily(ranges('0.0.0.0/0'), false)).toBe(true);
    expect(coversFamily(ranges('0.0.0.0/1', '128.0.0.0/2'), false)).toBe(false);
    expect(coversFamily(ranges('0.0.0.0/1', '127.0.0.0/8', '128.0.0.0/2', '192.0.0.0/2'), false)).toBe(true);
    expect(coversFamily(ranges('::/1', '8000::/1'), true)).toBe(true);
    expect(coversFamily(ranges('::/1', '8000::/1'), false)).toBe(false);
    expect(coversFamily([], false)).toBe(false);
  });
});

describe('collapseWorld', () => {
  it('ranges of one family that add up to it become one world peer, spelled as written (all of them); the rest stays', () => {
    const peers = [cidr('128.0.0.0/1'), { kind: 'policy', id: 'aws_security_group.app' } as Peer, cidr('0.0.0.0/1'), cidr('10.0.0.0/8')];
    expect(collapseWorld(peers)).toEqual([
      { kind: 'policy', id: 'aws_security_group.app' },
      { kind: 'world', family: 'ipv4', spelled: ['0.0.0.0/1', '10.0.0.0/8', '128.0.0.0/1'] },
    ]);
    expect(collapseWorld([cidr('::/1'), cidr('8000::/1'), cidr('0.0.0.0/1')])).toEqual([cidr('0.0.0.0/1'), { kind: 'world', family: 'ipv6', spelled: ['8000::/1', '::/1'] }]);
  });

  it('ranges that leave a gap, or one range alone, come back as the same list', () => {
    const gap = [cidr('0.0.0.0/1'), cidr('128.0.0.0/2')];
    expect(collapseWorld(gap)).toBe(gap);
    const one = [cidr('0.0.0.0/1')];
    expect(collapseWorld(one)).toBe(one);
  });
});
