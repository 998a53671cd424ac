import { describe, expect, it } from 'vitest';
import { equalData, sameModel } from './equal.js';
import { byDefault, known } from './value.js';
import type { Entity } from './entities.js';
import type { Model } from './model.js';

const subnet = (id: string, zone: string): Entity => ({
  kind: 'subnet',
  id,
  cloud: 'aws',
  source: [id],
  declaredBy: id.replace(/\[\d+\]$/, ''),
  tags: { Name: id },
  cidrs: ['10.0.1.0/24'],
  placement: { region: 'us-east-1', zones: known([`us-east-1/${zone}`]), zoneRedundant: byDefault(false) },
  assignsPublicIp: byDefault(false),
});

const model = (entities: Entity[], edges: Model['edges'] = []): Model => ({
  entities: new Map(entities.map((e) => [e.id, e])),
  edges,
  unmodelled: {},
  resourceCount: entities.length,
});

describe('sameModel', () => {
  const a = () => model([subnet('aws_subnet.a[0]', 'us-east-1a'), subnet('aws_subnet.a[1]', 'us-east-1b')], [{ from: 'aws_subnet.a[0]', to: 'aws_vpc.v', kind: 'in-network', via: 'vpc_id' }]);

  it('holds for two models built alike (distinct objects, same data)', () => {
    expect(sameModel(a(), a())).toBe(true);
  });

  it('fails on any difference the rules could read: a zone, a value state, a tag, an entity, an edge', () => {
    const zone = a();
    (zone.entities as Map<string, Entity>).set('aws_subnet.a[1]', subnet('aws_subnet.a[1]', 'us-east-1a'));
    expect(sameModel(a(), zone)).toBe(false);

    const state = a();
    const s = subnet('aws_subnet.a[0]', 'us-east-1a');
    (state.entities as Map<string, Entity>).set(s.id, { ...s, assignsPublicIp: known(false) } as Entity);
    expect(sameModel(a(), state)).toBe(false);

    const tag = a();
    (tag.entities as Map<string, Entity>).set(s.id, { ...s, tags: { Name: s.id, Tier: 'data' } } as Entity);
    expect(sameModel(a(), tag)).toBe(false);

    const fewer = a();
    (fewer.entities as Map<string, Entity>).delete('aws_subnet.a[1]');
    expect(sameModel(a(), fewer)).toBe(false);

    expect(sameModel(a(), { ...a(), edges: [{ from: 'aws_subnet.a[0]', to: 'aws_vpc.v', kind: 'in-network', via: 'subnet_id' }] })).toBe(false);
    expect(sameModel(a(), { ...a(), edges: [] })).toBe(false);
    expect(sameModel(a(), { ...a(), resourceCount: 3 })).toBe(false);
    expect(sameModel(a(), { ...a(), unmodelled: { aws_s3_bucket: 1 } })).toBe(false);
  });

  it('is conservative about order and anything that is not plain data', () => {
    const edges: Model['edges'] = [
      { from: 'x', to: 'y', kind: 'references', via: 'a' },
      { from: 'y', to: 'z', kind: 'references', via: 'b' },
    ];
    expect(sameModel(model([], edges), model([], [...edges].reverse()))).toBe(false);
    expect(equalData(new Map([[1, 2]]), new Map([[1, 2]]))).toBe(false);
    const shared = new Map([[1, 2]]);
    expect(equalData({ m: shared }, { m: shared })).toBe(true);
  });

  it('compares JSON-like data exactly', () => {
    expect(equalData({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toBe(true);
    expect(equalData({ a: undefined }, { b: undefined })).toBe(false);
    expect(equalData({ a: undefined }, {})).toBe(false);
    expect(equalData([1, 2], { 0: 1, 1: 2, length: 2 })).toBe(false);
    expect(equalData([], {})).toBe(false);
    expect(equalData(null, {})).toBe(false);
    expect(equalData(Number.NaN, Number.NaN)).toBe(true);
    expect(equalData(0, '0')).toBe(false);
    expect(equalData(Object.create(null), {})).toBe(true);
  });
});
