import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known, sameModel, type Entity } from '../model/index.js';
import { readDocument, type ResourceInstance } from '../terraform/index.js';
import { corpusFile } from '../../test/support/plans.js';
import { adapt, adaptPrior, adaptTraced } from './index.js';
import { buildTraced, priorModel } from './incremental.js';
import type { Mapper } from './mapper.js';
import { buildModel } from './run.js';

// Two toy mappers: a subnet with a zone, and a host placed in the subnet its `subnet` attribute names, found
// through a per-run index (ctx.memo) and read for its zone: the reads the shortcut must charge.
const subnet: Mapper = {
  types: ['toy_subnet'],
  map(instance, ctx) {
    const zone = String(instance.values.zone);
    ctx.add(entity(instance.address, 'subnet', zone));
  },
};
const host: Mapper = {
  types: ['toy_host'],
  map(instance, ctx) {
    const byName = ctx.memo('toy:subnets-by-name', (ctx) => new Map(ctx.instancesOf(['toy_subnet']).map((s) => [String(s.values.label), s.address])));
    const target = byName.get(String(instance.values.subnet));
    const zone = target ? String(ctx.instance(target)?.values.zone) : 'none';
    ctx.add(entity(instance.address, 'host', zone));
    if (target) ctx.link(instance.address, target, 'in-subnet', 'subnet');
  },
};
const MAPPERS = [subnet, host];

function entity(id: string, kind: 'subnet' | 'host', zone: string): Entity {
  const placement = { region: 'r', zones: known([zone]), zoneRedundant: known(false) };
  const base = { id, cloud: 'aws' as const, source: [id], declaredBy: id, tags: {} };
  return kind === 'subnet'
    ? { ...base, kind, cidrs: [], placement, assignsPublicIp: known(false) }
    : { ...base, kind, role: 'instance', replicas: { min: known(1), desired: known(1), max: known(1) }, placement, publicIp: known(false), labels: [], serviceAccounts: [] };
}

function instance(type: string, name: string, values: Record<string, unknown>): ResourceInstance {
  const address = `${type}.${name}`;
  return { address, configAddress: address, module: '', mode: 'managed', type, name, values, unknown: {}, references: new Map(), configured: undefined, dependsOn: [], action: 'no-op' };
}

const world = (zoneA = 'a', tag = 'x', labelB = 'net-b'): ResourceInstance[] => [
  instance('toy_subnet', 'a', { id: 'subnet-a', label: 'net-a', zone: zoneA }),
  instance('toy_subnet', 'b', { id: 'subnet-b', label: labelB, zone: 'b' }),
  instance('toy_host', 'web', { id: 'i-1', subnet: 'net-a', tags: { Revision: tag } }),
  instance('toy_host', 'db', { id: 'i-2', subnet: 'net-b' }),
  // Names a subnet no one has on the planned side: it read nothing but the index.
  instance('toy_host', 'lost', { id: 'i-3', subnet: 'net-q' }),
];

describe('priorModel', () => {
  const planned = buildTraced(world(), MAPPERS);

  it('is the planned model when nothing changed, or only what no mapper reads (a tag)', () => {
    expect(priorModel(planned, world(), MAPPERS)).toEqual({ same: true });
    expect(priorModel(planned, world('a', 'old'), MAPPERS)).toEqual({ same: true });
  });

  it('maps again whoever read a changed instance through an index, and builds the model a full run builds', () => {
    const before = world('c');
    const prior = priorModel(planned, before, MAPPERS);
    expect(prior?.same).toBe(false);
    const model = prior && !prior.same ? prior.model : undefined;
    expect(model && sameModel(model, buildModel(before, MAPPERS))).toBe(true);
    // The host in the changed subnet moved with it: it was mapped again, not replayed.
    const web = model?.entities.get('toy_host.web');
    expect(web?.kind === 'host' && web.placement.zones).toEqual(known(['c']));
  });

  it('cannot tell when an address repeats', () => {
    expect(priorModel(planned, [...world(), world()[0]!], MAPPERS)).toBeUndefined();
  });

  it('maps again whoever looked up an id the plan replaces, old or new', () => {
    // An interface placed by a subnet id (`subnet_id = "subnet-old"`), read by value alone.
    const nic: Mapper = {
      types: ['toy_nic'],
      map(instance, ctx) {
        const [found] = ctx.refs(instance, 'subnet_id');
        ctx.add(entity(instance.address, 'host', found ? String(ctx.instance(found)?.values.zone) : 'none'));
      },
    };
    const mappers = [subnet, nic];
    const side = (subnetId: string) => [instance('toy_subnet', 'a', { id: subnetId, label: 'net-a', zone: 'a' }), instance('toy_nic', 'eth0', { id: 'eni-1', subnet_id: 'subnet-old' })];
    // The plan replaces subnet a (a new id): the interface that named its old id was in it, and is no more.
    const planned = buildTraced(side('subnet-new'), mappers);
    const prior = priorModel(planned, side('subnet-old'), mappers);
    expect(prior && !prior.same && sameModel(prior.model, buildModel(side('subnet-old'), mappers))).toBe(true);
    expect(prior && !prior.same && prior.model.entities.get('toy_nic.eth0')).toMatchObject({ placement: { zones: known(['a']) } });
  });

  it('pairs the instances by address when the plan adds or removes some', () => {
    const full = (before: ResourceInstance[]) => {
      const prior = priorModel(planned, before, MAPPERS);
      expect(prior?.same).toBe(false);
      return prior && !prior.same && sameModel(prior.model, buildModel(before, MAPPERS));
    };
    // Subnet a is new: the host in it was nowhere before.
    const added = world().slice(1);
    expect(full(added)).toBe(true);
    const web = priorModel(planned, added, MAPPERS);
    expect(web && !web.same && web.model.entities.get('toy_host.web')).toMatchObject({ placement: { zones: known(['none']) } });
    // A subnet the plan removes (net-q, where the lost host is): the host was mapped again and found it.
    const removed = [...world(), instance('toy_subnet', 'q', { id: 'subnet-q', label: 'net-q', zone: 'q' })];
    expect(full(removed)).toBe(true);
    // The same instances in another order: a model keeps its instances' order, so it is built from the record.
    expect(full([...world()].reverse())).toBe(true);
  });

  it('is the planned graph when what the plan adds or removes is read by no mapper and names nothing read', () => {
    const withLog = [...world(), instance('toy_log_group', 'app', { id: 'log-1', name: '/app' })];
    expect(priorModel(planned, withLog, MAPPERS)).toEqual({ same: true });
    expect(priorModel(buildTraced(withLog, MAPPERS), world(), MAPPERS)).toEqual({ same: true });
  });

  it('charges an index built over a type to every reader when a member changes, even one that found nothing in it', () => {
    // On the prior side subnet b was called net-q: the lost host was in it. Only the index tells.
    const before = world('a', 'x', 'net-q');
    const prior = priorModel(planned, before, MAPPERS);
    const model = prior && !prior.same ? prior.model : undefined;
    expect(model && sameModel(model, buildModel(before, MAPPERS))).toBe(true);
    const lost = model?.entities.get('toy_host.lost');
    expect(lost?.kind === 'host' && lost.placement.zones).toEqual(known(['b']));
  });
});

describe('priorModel and the indexes', () => {
  it('maps again only the readers of what changed when an index built over the changed type holds the same', () => {
    const mapped: string[] = [];
    const counting = MAPPERS.map((m): Mapper => ({ ...m, map: (i, ctx) => (mapped.push(i.address), m.map(i, ctx)) }));
    const planned = buildTraced(world(), counting);
    mapped.length = 0;
    // Subnet a moves zone: the index of subnets by label is the same on both sides; only the host that read
    // subnet a itself (web) is mapped again, not db or lost, which used the index too.
    const before = world('c');
    const prior = priorModel(planned, before, counting);
    expect(mapped).toEqual(['toy_subnet.a', 'toy_host.web']);
    expect(prior && !prior.same && sameModel(prior.model, buildModel(before, MAPPERS))).toBe(true);
  });

  it('charges every user of an index that differs, and every reader when it holds a changed instance', () => {
    const holding: Mapper = {
      types: ['toy_host'],
      map(instance, ctx) {
        // An index of instances (not addresses): a user may read any of them without asking the context.
        const all = ctx.memo('toy:subnet-instances', (ctx) => ctx.instancesOf(['toy_subnet']));
        const zone = all.find((s) => s.values.label === instance.values.subnet)?.values.zone;
        ctx.add(entity(instance.address, 'host', String(zone ?? 'none')));
      },
    };
    const mapped: string[] = [];
    const counting = [subnet, holding].map((m): Mapper => ({ ...m, map: (i, ctx) => (mapped.push(i.address), m.map(i, ctx)) }));
    const planned = buildTraced(world(), counting);
    mapped.length = 0;
    const before = world('c');
    const prior = priorModel(planned, before, counting);
    expect(mapped).toEqual(['toy_subnet.a', 'toy_host.web', 'toy_host.db', 'toy_host.lost']);
    expect(prior && !prior.same && sameModel(prior.model, buildModel(before, [subnet, holding]))).toBe(true);
  });

  it('refuses a memo build that reads the planned context it closed over instead of the one it is given', () => {
    const sneaky: Mapper = {
      types: ['toy_host'],
      map(instance, outer) {
        const byName = outer.memo('toy:sneaky', () => new Map(outer.instancesOf(['toy_subnet']).map((s) => [String(s.values.label), String(s.values.zone)])));
        outer.add(entity(instance.address, 'host', byName.get(String(instance.values.subnet)) ?? 'none'));
      },
    };
    const planned = buildTraced(world(), [subnet, sneaky]);
    expect(() => priorModel(planned, world('c'), [subnet, sneaky])).toThrow(/read after its model was built/);
  });
});

describe('ctx.memo', () => {
  it('refuses an index whose build adds entities (its calls would be charged to no one)', () => {
    const bad: Mapper = {
      types: ['toy_host'],
      map(i, ctx) {
        ctx.memo('toy:bad', (ctx) => ctx.add(entity('x', 'subnet', 'a')));
      },
    };
    expect(() => buildModel(world(), [subnet, bad])).toThrow(/added entities or links/);
  });
});

describe('what the shortcut relies on in every mapper', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
    });
  const files = sources(new URL('.', import.meta.url).pathname).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('no mapper reads the planned action (the prior side has none) or keeps state outside the run (indexes go through ctx.memo)', () => {
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter(({ text }) => /\.action\b|new WeakMap|^(let|var) /m.test(text)).map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('every memo build reads the context it is given (the prior side builds it again with the same function)', () => {
    const calls = files.flatMap(({ path, text }) => [...text.matchAll(/\.memo\((['`][^\n]*)/g)].map((m) => ({ path, call: m[1]! })));
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter(({ call }) => !/, \(ctx\) => /.test(call))).toEqual([]);
  });
});

describe('priorModel over plans with data sources', () => {
  it('takes the shortcut when the change leaves the resources alone, data sources read while planning included', () => {
    for (const relative of ['snyk-cli/aws-no-op-with-prior-state-tf0.15.0.json', 'snyk-cli/aws-update-in-place-tf0.15.0.json']) {
      const document = readDocument(relative, readFileSync(corpusFile(relative)));
      expect(document.before.some((i) => i.mode === 'data'), relative).toBe(true);
      const prior = adaptPrior(adaptTraced(document.after), document.before);
      expect(prior, relative).toBeDefined();
      // And what it gives is what adapting the prior side whole gives.
      expect(prior!.same || sameModel(prior!.model, adapt(document.before)), relative).toBe(true);
      if (prior!.same) expect(sameModel(adapt(document.after), adapt(document.before)), relative).toBe(true);
    }
  });
});

describe('priorModel when the plan adds or removes an instance a reference resolves to', () => {
  // A balancer in every subnet of a counted block it references (`subnets = toy_subnet.pool[*].id`): it reads
  // them by reference alone, neither by address nor by listing the type.
  const lb: Mapper = {
    types: ['toy_lb'],
    map(instance, ctx) {
      const subnets = ctx.refs(instance, 'subnets');
      ctx.add(entity(instance.address, 'host', subnets.length > 0 ? subnets.map((s) => s.slice(-2, -1)).join('') : 'none'));
      for (const s of subnets) ctx.link(instance.address, s, 'in-subnet', 'subnets');
    },
  };
  const pool = (n: number) => ({ ...instance('toy_subnet', `pool[${n}]`, { id: `subnet-p${n}`, label: `pool-${n}`, zone: `z${n}` }), configAddress: 'toy_subnet.pool', name: 'pool' });
  const web = { ...instance('toy_lb', 'web', { id: 'lb-1' }), references: new Map([['subnets', ['toy_subnet.pool']]]) };
  const mappers = [subnet, lb];

  it('maps the referrer again, and builds what a full run builds', () => {
    const planned = buildTraced([pool(0), pool(1), web], mappers);
    for (const before of [[pool(0), pool(1), pool(2), web], [pool(0), web]]) {
      const prior = priorModel(planned, before, mappers);
      expect(prior?.same).toBe(false);
      expect(prior && !prior.same && sameModel(prior.model, buildModel(before, mappers))).toBe(true);
    }
  });
});
