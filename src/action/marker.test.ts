import { describe, expect, it } from 'vitest';
import { content, formatMarker, isNewer, parseMarker, type Marker } from './marker.js';

const m = (over: Partial<Marker> = {}): Marker => ({ kind: 'comment', workspace: 'envs/prod', runId: 10, runAttempt: 1, sha: 'abc', time: '2025-01-01T00:00:00.000Z', ...over });

describe('marker', () => {
  it('round-trips, whatever the workspace name holds', () => {
    for (const workspace of ['envs/prod/plan.json', 'a --> b', 'x\ny', 'ü <!-- -->', '']) {
      const line = formatMarker(m({ workspace }));
      expect(line).toMatch(/^<!-- weaklink:comment [^\n]* -->$/);
      expect(line.slice(4, -3)).not.toContain('--');
      expect(parseMarker(`${line}\nbody`)).toEqual(m({ workspace }));
    }
  });

  it('is read from the first line only', () => {
    expect(parseMarker(`hello\n${formatMarker(m())}`)).toBeUndefined();
    expect(parseMarker(null)).toBeUndefined();
    expect(content(`${formatMarker(m())}\nthe body`)).toBe('the body');
    expect(content('no marker\nbody')).toBe('no marker\nbody');
  });

  it('orders runs by id, then attempt, then time', () => {
    expect(isNewer(m({ runId: 11 }), m())).toBe(true);
    expect(isNewer(m({ runId: 9, runAttempt: 5 }), m())).toBe(false);
    expect(isNewer(m({ runAttempt: 2 }), m())).toBe(true);
    expect(isNewer(m({ time: '2025-01-02T00:00:00.000Z' }), m())).toBe(true);
    expect(isNewer(m(), m())).toBe(false);
  });
});
