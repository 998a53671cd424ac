import { describe, expect, it } from 'vitest';
import { edge, host, model, policy, rule, subnet, world, cidr } from '../../test/support/builders.js';
import { Graph } from './graph.js';
import { opensPort, worldOpenings } from './exposure.js';

const vm = host('azurerm_linux_virtual_machine.web', ['westeurope/1']);

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
