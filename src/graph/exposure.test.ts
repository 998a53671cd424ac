import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Entity, FirewallRule, Peer } from '../model/index.js';
import { datastore, edge, host, model, policy, rule, subnet, world, cidr, fromPolicy } from '../../test/support/builders.js';
import { A } from '../../test/support/services.js';
import { contains, parseCidr } from './cidr.js';
import { Graph } from './graph.js';
import { ingressOf, opensPort, RuleIndex, worldOpenings } from './exposure.js';

const vm = host('azurerm_linux_virtual_machine.web', ['westeurope/1']);

describe('worldOpenings: the internet in pieces across rules', () => {
  const sg = policy('aws_security_group.documents');
  const on = (...rules: FirewallRule[]) => new Graph(model([vm, sg, ...rules], [edge(vm.id, 'protected-by', sg.id)]));
  const ids = (g: Graph) => worldOpenings(g, vm).map((o) => [o.protocol, o.ports.from, o.ports.to, o.rules.map((r) => r.id)]);

  it('two rules with the two halves of the IPv4 space on one port open it to the world, through both and no other', () => {
    const g = on(rule('low', sg.id, [cidr('0.0.0.0/1')], [[27017, 27017]]), rule('high', sg.id, [cidr('128.0.0.0/1')], [[27000, 28000]]), rule('office', sg.id, [cidr('203.0.113.0/24')], [[27017, 27017]]));
    expect(ids(g)).toEqual([['tcp', 27017, 27017, ['high', 'low']]]);
  });

  it('the halves of the IPv6 space count too', () => {
    expect(ids(on(rule('low6', sg.id, [cidr('::/1')], [[22, 22]]), rule('high6', sg.id, [cidr('8000::/1')], [[22, 22]])))).toEqual([['tcp', 22, 22, ['high6', 'low6']]]);
  });

  it('halves on different ports, or ranges that leave a gap, open nothing to the world', () => {
    expect(ids(on(rule('low', sg.id, [cidr('0.0.0.0/1')], [[22, 22]]), rule('high', sg.id, [cidr('128.0.0.0/1')], [[3389, 3389]])))).toEqual([]);
    expect(ids(on(rule('low', sg.id, [cidr('0.0.0.0/1')], [[22, 22]]), rule('high', sg.id, [cidr('128.0.0.0/2')], [[22, 22]])))).toEqual([]);
  });

  it('the security groups of one interface add up together: a half in each opens the port to the world', () => {
    const other = policy('aws_security_group.other');
    const g = new Graph(
      model([vm, sg, other, rule('low', sg.id, [cidr('0.0.0.0/1')], [[22, 22]]), rule('high', other.id, [cidr('128.0.0.0/1')], [[22, 22]])], [edge(vm.id, 'protected-by', sg.id), edge(vm.id, 'protected-by', other.id)]),
    );
    expect(ids(g)).toEqual([['tcp', 22, 22, ['low', 'high']]]);
  });

  it('a first-match policy (an NSG) is read by priority, not joined: a deny between the pieces still decides', () => {
    const nsg = policy('nsg', { evaluation: 'first-match' });
    const g = new Graph(
      model([vm, nsg, rule('low', nsg.id, [cidr('0.0.0.0/1')], [[22, 22]], { priority: 100 }), rule('high', nsg.id, [cidr('128.0.0.0/1')], [[22, 22]], { priority: 200 })], [edge(vm.id, 'protected-by', nsg.id)]),
    );
    expect(worldOpenings(g, vm)).toEqual([]);
  });
});

describe('worldOpenings', () => {
  it('a lower-numbered deny shadows a later allow in a first-match policy', () => {
    const nsg = policy('azurerm_network_security_group.web', { evaluation: 'first-match' });
    const g = new Graph(
      model(
        [vm, nsg, rule('deny-ssh', nsg.id, [world], [[22, 22]], { action: 'deny', priority: 100 }), rule('allow-ssh', nsg.id, [world], [[22, 22]], { priority: 200 })],
        [edge(vm.id, 'protected-by', nsg.id)],
      ),
    );
    expect(worldOpenings(g, vm)).toEqual([]);
  });

  it('an allow before a deny admits', () => {
    const nsg = policy('nsg', { evaluation: 'first-match' });
    const g = new Graph(
      model([vm, nsg, rule('deny', nsg.id, [world], 'all', { action: 'deny', priority: 4096 }), rule('allow', nsg.id, [world], [[22, 22]], { priority: 100 })], [edge(vm.id, 'protected-by', nsg.id)]),
    );
    const open = worldOpenings(g, vm);
    expect(open.map((o) => [o.protocol, o.ports.from, o.ports.to])).toEqual([['tcp', 22, 22]]);
  });

  it('a deny of a narrow range does not shadow the world', () => {
    const nsg = policy('nsg', { evaluation: 'first-match' });
    const g = new Graph(
      model([vm, nsg, rule('deny', nsg.id, [cidr('1.2.3.4/32')], [[22, 22]], { action: 'deny', priority: 100 }), rule('allow', nsg.id, [world], [[22, 22]], { priority: 200 })], [edge(vm.id, 'protected-by', nsg.id)]),
    );
    expect(opensPort(worldOpenings(g, vm), 22)).toBe(true);
  });

  it('allow-union policies merge ranges across groups', () => {
    const a = policy('a');
    const b = policy('b');
    const g = new Graph(model([vm, a, b, rule('ra', a.id, [world], [[20, 22]]), rule('rb', b.id, [world], [[23, 30]])], [edge(vm.id, 'protected-by', a.id), edge(vm.id, 'protected-by', b.id)]));
    expect(worldOpenings(g, vm).map((o) => [o.ports.from, o.ports.to])).toEqual([[20, 30]]);
  });

  it('traffic must pass the subnet layer too', () => {
    const sg = policy('sg');
    const acl = policy('acl', { evaluation: 'first-match' });
    const sn = subnet('subnet', 'us-east-1/us-east-1a');
    const g = new Graph(
      model(
        [vm, sg, acl, sn, rule('sg-all', sg.id, [world], 'all'), rule('acl-443', acl.id, [world], [[443, 443]], { priority: 100 })],
        [edge(vm.id, 'protected-by', sg.id), edge(vm.id, 'in-subnet', sn.id), edge(sn.id, 'protected-by', acl.id)],
      ),
    );
    expect(worldOpenings(g, vm).map((o) => [o.protocol, o.ports.from, o.ports.to])).toEqual([['tcp', 443, 443]]);
  });

  it('a rule with target labels reaches only hosts that carry them', () => {
    const fw = policy('google_compute_network.vpc#firewall', { evaluation: 'first-match' });
    const tagged = host('google_compute_instance.bastion', ['europe-west1/europe-west1-b'], { labels: ['ssh'] });
    const r = rule('google_compute_firewall.ssh', fw.id, [world], [[22, 22]], { priority: 1000, targets: { kind: 'labels', labels: ['ssh'] } });
    const g = new Graph(model([vm, tagged, fw, r], [edge(vm.id, 'protected-by', fw.id), edge(tagged.id, 'protected-by', fw.id)]));
    expect(worldOpenings(g, vm)).toEqual([]);
    expect(opensPort(worldOpenings(g, tagged), 22)).toBe(true);
  });

  it('disabled rules admit nothing', () => {
    const fw = policy('fw', { evaluation: 'first-match' });
    const g = new Graph(model([vm, fw, rule('r', fw.id, [world], [[22, 22]], { priority: 1, enabled: { state: 'set', value: false } })], [edge(vm.id, 'protected-by', fw.id)]));
    expect(worldOpenings(g, vm)).toEqual([]);
  });
});

describe('first-match evaluation', () => {
  it('opens exactly the ports whose first matching rule (by priority, deny first) allows, per protocol', () => {
    const ruleArb = fc.record({
      from: fc.integer({ min: 0, max: 30 }),
      width: fc.integer({ min: 0, max: 12 }),
      more: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      deny: fc.boolean(),
      priority: fc.integer({ min: 100, max: 104 }),
      protocol: fc.constantFrom('tcp', 'udp', 'all', 'icmp'),
      world: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 14 }), (specs) => {
        const nsg = policy('nsg', { evaluation: 'first-match' });
        const rules = specs.map((r, i) => {
          const ports: Array<[number, number]> = [[r.from, r.from + r.width], ...(r.more === undefined ? [] : [[r.more, r.more] as [number, number]])];
          return rule(`r${String(i).padStart(2, '0')}`, nsg.id, [r.world ? world : cidr('10.0.0.0/8')], ports, { action: r.deny ? 'deny' : 'allow', priority: r.priority, protocol: r.protocol as FirewallRule['protocol'] });
        });
        const g = new Graph(model([vm, nsg, ...rules], [edge(vm.id, 'protected-by', nsg.id)]));
        const open = worldOpenings(g, vm);
        for (const protocol of ['tcp', 'udp'] as const) {
          const ordered = rules.filter((r) => r.peers[0]!.kind === 'world').sort((a, b) => a.priority! - b.priority! || (a.action === 'deny' ? 0 : 1) - (b.action === 'deny' ? 0 : 1) || (a.id < b.id ? -1 : 1));
          for (let port = 0; port <= 60; port++) {
            const first = ordered.find((r) => (r.protocol === 'all' || r.protocol === protocol) && r.ports.some((p) => p.from <= port && port <= p.to));
            const opened = open.some((o) => o.protocol === protocol && o.ports.from <= port && port <= o.ports.to);
            expect(opened, `${protocol} ${port}`).toBe(first?.action === 'allow');
            if (opened) expect(open.find((o) => o.protocol === protocol && o.ports.from <= port && port <= o.ports.to)!.rules).toContain(first);
          }
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('Ingress and RuleIndex', () => {
  const peerArb = fc.oneof(
    fc.constant<Peer>(world),
    fc.constant<Peer>({ kind: 'world', family: 'ipv6' }),
    fc.constantFrom('10.0.0.0/8', '10.0.0.0/16', '10.0.1.0/24', '10.0.1.7/32', '10.1.0.0/16', '192.168.0.0/24', '2001:db8::/32', '2001:db8:1::/48').map((c): Peer => cidr(c)),
    fc.constantFrom('p0', 'p1', 'other').map((id): Peer => fromPolicy(id)),
    fc.constant<Peer>({ kind: 'self' }),
    fc.constantFrom('web', 'db').map((label): Peer => ({ kind: 'label', label })),
  );
  const ruleArb = fc.record({
    policy: fc.nat(1),
    peers: fc.array(peerArb, { minLength: 1, maxLength: 3 }),
    from: fc.integer({ min: 0, max: 40 }),
    width: fc.integer({ min: 0, max: 10 }),
    deny: fc.boolean(),
    priority: fc.integer({ min: 100, max: 105 }),
    picks: fc.constantFrom(undefined, 'web', 'db'),
  });
  const caseArb = fc.record({
    rules: fc.array(ruleArb, { maxLength: 12 }),
    firstMatch: fc.boolean(),
    // The second policy also on the host's subnet, or on the host itself too (then it stands in both layers).
    second: fc.constantFrom('subnet', 'both', 'own'),
    labels: fc.subarray(['web', 'db']),
  });
  /** The sources admission asks about, each with the test it uses and the rules that really match it. */
  function sources(): Array<{ name: string; test: (p: Peer, r: FirewallRule) => boolean; ask: (i: RuleIndex) => FirewallRule[] }> {
    const out: Array<{ name: string; test: (p: Peer, r: FirewallRule) => boolean; ask: (i: RuleIndex) => FirewallRule[] }> = [];
    for (const id of ['p0', 'p1', 'other']) {
      out.push({ name: id, test: (p, r) => p.kind === 'world' || (p.kind === 'policy' && p.id === id) || (p.kind === 'self' && r.policy === id), ask: (i) => i.candidates([`policy:${id}`]) });
    }
    for (const c of ['10.0.1.7/32', '10.0.1.0/24', '10.0.0.0/8', '10.2.0.0/16', '2001:db8:1:2::/64', '0.0.0.0/1']) {
      const range = parseCidr(c)!;
      out.push({ name: c, test: (p) => p.kind === 'world' || (p.kind === 'cidr' && contains(parseCidr(p.cidr)!, range)), ask: (i) => i.candidates([], range) });
    }
    for (const label of ['web', 'db']) out.push({ name: label, test: (p) => p.kind === 'world' || (p.kind === 'label' && p.label === label), ask: (i) => i.candidates([`label:${label}`]) });
    return out;
  }

  it('a source reads exactly the rules whose peers it matches, and the openings are those of reading every rule', () => {
    fc.assert(
      fc.property(caseArb, ({ rules, firstMatch, second, labels }) => {
        const policies = ['p0', 'p1'].map((id) => policy(id, firstMatch ? { evaluation: 'first-match' } : {}));
        const h = host('vm', [A], { labels });
        const sn = subnet('subnet', A);
        const made = rules.map((r, i) =>
          rule(`r${i}`, `p${r.policy}`, r.peers, [[r.from, r.from + r.width]], {
            action: r.deny ? 'deny' : 'allow',
            priority: firstMatch ? r.priority : undefined,
            targets: r.picks ? { kind: 'labels', labels: [r.picks] } : { kind: 'all' },
          }),
        );
        const edges = [edge(h.id, 'protected-by', 'p0'), edge(h.id, 'in-subnet', sn.id)];
        if (second !== 'own') edges.push(edge(sn.id, 'protected-by', 'p1'));
        if (second !== 'subnet') edges.push(edge(h.id, 'protected-by', 'p1'));
        const g = new Graph(model([h, sn, ...policies, ...made], edges));
        const ingress = ingressOf(g, h);
        // The rules that apply: enabled ingress rules for every member or picking one of the host's labels, in order.
        const applies = (r: FirewallRule): boolean => r.targets.kind === 'all' || (r.targets.kind === 'labels' && r.targets.labels.some((l) => labels.includes(l)));
        const p1 = made.filter((r) => r.policy === 'p1' && applies(r));
        const expected = [...made.filter((r) => r.policy === 'p0' && applies(r)), ...p1];
        expect(ingress.rules.map((r) => r.id)).toEqual(expected.map((r) => r.id));
        for (const s of sources()) {
          const matching = ingress.rules.filter((r) => r.peers.some((p) => s.test(p, r)));
          const index = new RuleIndex(ingress.rules);
          expect(s.ask(index).map((r) => r.id), s.name).toEqual(matching.map((r) => r.id));
          expect(ingress.openings(s.test, s.ask(index)), s.name).toEqual(ingress.openings(s.test));
          // In any order: the rules are read in their policies' order all the same.
          expect(ingress.openings(s.test, s.ask(index).reverse()), s.name).toEqual(ingress.openings(s.test));
        }
      }),
      { numRuns: 400, seed: 8 },
    );
  });

  it('reads the rules it is given in their policy\'s order, whatever order they come in', () => {
    const sg = policy('sg');
    const h = host('vm', [A]);
    const g = new Graph(model([h, sg, rule('r0', sg.id, [world], [[1, 5]]), rule('r1', sg.id, [world], [[1, 5]])], [edge(h.id, 'protected-by', sg.id)]));
    const ingress = ingressOf(g, h);
    const isWorld = (p: Peer): boolean => p.kind === 'world';
    expect(ingress.openings(isWorld, [...ingress.rules].reverse()).map((o) => o.rules.map((r) => r.id))).toEqual([['r0', 'r1']]);
  });

  it('a rule that picks by label or service account applies to hosts that carry it, never to anything else', () => {
    const fw = policy('google_compute_firewall', { evaluation: 'first-match' });
    const tagged = host('vm.tagged', [A], { labels: ['web'] });
    const runAs = host('vm.account', [A], { serviceAccounts: ['sa@p'] });
    const store = datastore('google_sql_database_instance.db');
    const rules = [
      rule('all', fw.id, [world], [[443, 443]], { priority: 1000 }),
      rule('web', fw.id, [world], [[80, 80]], { priority: 1000, targets: { kind: 'labels', labels: ['web'] } }),
      rule('sa', fw.id, [world], [[8080, 8080]], { priority: 1000, targets: { kind: 'service-accounts', accounts: ['sa@p'] } }),
    ];
    const g = new Graph(model([fw, tagged, runAs, store, ...rules], [tagged, runAs, store].map((x) => edge(x.id, 'protected-by', fw.id))));
    const ids = (x: Entity): string[] => ingressOf(g, x).rules.map((r) => r.id);
    expect([ids(tagged), ids(runAs), ids(store)]).toEqual([['all', 'web'], ['all', 'sa'], ['all']]);
  });

  it('hosts behind the same groups share one evaluation; a rule that picks by label tells them apart', () => {
    const sg = policy('sg');
    const [a, b, c] = [host('vm.a', [A], { labels: ['web'] }), host('vm.b', [A], { labels: ['web'] }), host('vm.c', [A], { labels: ['db'] })];
    const plain = new Graph(model([a, b, c, sg, rule('r', sg.id, [world], [[443, 443]])], [a, b, c].map((x) => edge(x.id, 'protected-by', sg.id))));
    expect(ingressOf(plain, a)).toBe(ingressOf(plain, c));
    const picking = new Graph(
      model([a, b, c, sg, rule('r', sg.id, [world], [[443, 443]], { targets: { kind: 'labels', labels: ['web'] } })], [a, b, c].map((x) => edge(x.id, 'protected-by', sg.id))),
    );
    expect(ingressOf(picking, a)).toBe(ingressOf(picking, b));
    expect(ingressOf(picking, a)).not.toBe(ingressOf(picking, c));
    expect([worldOpenings(picking, b).length, worldOpenings(picking, c).length]).toEqual([1, 0]);
  });
});
