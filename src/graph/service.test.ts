import { describe, expect, it, vi } from 'vitest';
import { known, type Entity, type FirewallRule } from '../model/index.js';
import { cidr, datastore, edge, fromPolicy, host, model, policy, rule, subnet, targetPool, world } from '../../test/support/builders.js';
import { A, B, service, threeTier } from '../../test/support/services.js';
import { analyzeService } from './analysis.js';
import { Graph } from './graph.js';
import { roleKey } from './grouping.js';
import { buildService, INTERNET, ServiceBuilder, type ServiceGraph } from './service.js';
import { inferTiers } from './tiers.js';

const nodeIds = (s: ServiceGraph): string[] => s.nodes.filter((n) => n.kind !== 'junction').map((n) => `${n.id}:${n.replicas}`);
/** `from -> to (kind via)` over junctions: who reaches whom, and what made the last step. */
function reaches(s: ServiceGraph): string[] {
  const out: string[] = [];
  for (const n of s.nodes) {
    if (n.kind === 'junction') continue;
    const stack = [...s.out[n.index]!];
    while (stack.length > 0) {
      const e = stack.pop()!;
      const to = s.nodes[e.to]!;
      if (to.kind === 'junction') stack.push(...s.out[e.to]!);
      else out.push(`${n.id} -> ${to.id} (${e.kind} ${e.via})`);
    }
  }
  return [...new Set(out)].sort();
}

describe('roles', () => {
  it('instances of one block are one node; the same block in another module instance is another', () => {
    const hosts = ['module.a["x"].aws_instance.web[0]', 'module.a["x"].aws_instance.web[1]', 'module.a["y"].aws_instance.web[0]'].map((id) => host(id, [A], { declaredBy: 'module.a.aws_instance.web' }));
    const s = buildService(new Graph(model(hosts)));
    expect(nodeIds(s)).toEqual(['internet:1', 'module.a["x"].aws_instance.web[0]:2', 'module.a["y"].aws_instance.web[0]:1']);
    expect(s.nodes[1]!.label).toBe('module.a["x"].aws_instance.web');
    expect(roleKey(host('aws_instance.web["a.b"]', [A], { declaredBy: 'aws_instance.web' }))).toBe('aws_instance.web');
  });

  it('the hosts one target pool sends to are one role, spanning their zones', () => {
    const a = host('aws_instance.a', [A]);
    const b = host('aws_instance.b', [B]);
    const pool = targetPool('aws_lb_target_group.web');
    const s = buildService(new Graph(model([a, b, pool], [edge(pool.id, 'targets', a.id), edge(pool.id, 'targets', b.id)])));
    const node = s.nodes[s.nodeOf.get(a.id)!]!;
    expect([node.replicas, node.zones, s.nodeOf.get(b.id)]).toEqual([2, [A, B], node.index]);
  });
});

describe('edges', () => {
  it('the three tiers: internet to the load balancer, forwards to the group, admits into the database', () => {
    expect(reaches(buildService(new Graph(service(threeTier()))))).toEqual([
      'aws_autoscaling_group.web -> aws_db_instance.main (admits aws_security_group.db)',
      'aws_lb.web -> aws_autoscaling_group.web (forwards aws_lb_target_group.web)',
      'internet -> aws_lb.web (entry aws_lb.web)',
    ]);
  });

  it('a CIDR admits the hosts of the subnets it covers, not those of a subnet it only overlaps', () => {
    const inside = subnet('aws_subnet.app', A, { cidrs: ['10.0.1.0/24'] });
    const wider = subnet('aws_subnet.wide', A, { cidrs: ['10.0.0.0/20'] });
    const app = host('aws_instance.app', [A]);
    const other = host('aws_instance.other', [A]);
    const db = datastore('aws_db_instance.main');
    const sg = policy('aws_security_group.db');
    const m = model([inside, wider, app, other, db, sg, rule('r', sg.id, [cidr('10.0.0.0/22')], [[5432, 5432]])], [edge(app.id, 'in-subnet', inside.id), edge(other.id, 'in-subnet', wider.id), edge(db.id, 'protected-by', sg.id)]);
    expect(reaches(buildService(new Graph(m)))).toEqual(['aws_instance.app -> aws_db_instance.main (admits r)']);
  });

  it('a first-match deny for a broader range shadows the allow for the group', () => {
    const nsg = policy('nsg', { evaluation: 'first-match' });
    const app = host('vm.app', [A]);
    const sn = subnet('subnet.app', A, { cidrs: ['10.0.1.0/24'] });
    const db = datastore('vm.db');
    const m = model(
      [nsg, app, sn, db, rule('deny-vnet', nsg.id, [cidr('10.0.0.0/16')], 'all', { action: 'deny', priority: 100 }), rule('allow-app', nsg.id, [cidr('10.0.1.0/24')], [[5432, 5432]], { priority: 200 })],
      [edge(app.id, 'in-subnet', sn.id), edge(db.id, 'protected-by', nsg.id)],
    );
    expect(reaches(buildService(new Graph(m)))).toEqual([]);
  });

  it('an admin-only admission carries no service traffic', () => {
    const bastion = policy('aws_security_group.bastion');
    const app = host('aws_instance.app', [A]);
    const appSg = policy('aws_security_group.app');
    const m = model(
      [bastion, app, appSg, host('aws_instance.bastion', [A]), rule('ssh', appSg.id, [fromPolicy(bastion.id)], [[22, 22]])],
      [edge('aws_instance.bastion', 'protected-by', bastion.id), edge(app.id, 'protected-by', appSg.id)],
    );
    const admits = buildService(new Graph(m)).out.flat().filter((e) => e.kind === 'admits');
    expect(admits.map((e) => [e.via, e.service])).toEqual([['ssh', false]]);
  });

  it('a world-open rule is an entry only where the internet can use an address', () => {
    const sg = policy('sg');
    const hosts = [host('vm.public', [A], { publicIp: known(true) }), host('vm.private', [A], { publicIp: known(false) }), host('vm.planned', [A], { publicIp: { state: 'unknown' } })];
    const s = buildService(new Graph(model([...hosts, sg, rule('r', sg.id, [world], [[443, 443]])], hosts.map((h) => edge(h.id, 'protected-by', sg.id)))));
    expect(s.out[INTERNET]!.map((e) => `${s.nodes[e.to]!.id} ${e.reach}`).sort()).toEqual(['vm.planned unknown', 'vm.public yes']);
  });
});

describe('admission', () => {
  const admits = (s: ServiceGraph): string[] =>
    s.out.flat().filter((e) => e.kind === 'admits').map((e) => `${s.nodes[e.from]!.id} -> ${s.nodes[e.to]!.id} ${e.ports.map((p) => `${p.from}-${p.to}`).join(',')}`).sort();

  it('a group\'s rule for its own members (self) does not admit the members of another group', () => {
    const app = policy('aws_security_group.app');
    const lb = policy('aws_security_group.lb');
    const [web, proxy] = [host('aws_instance.web', [A]), host('aws_instance.proxy', [A])];
    const m = model(
      [app, lb, web, proxy, rule('from-lb', app.id, [fromPolicy(lb.id)], [[8080, 8080]]), rule('peers', app.id, [{ kind: 'self' }], 'all')],
      [edge(web.id, 'protected-by', app.id), edge(proxy.id, 'protected-by', lb.id)],
    );
    expect(admits(buildService(new Graph(m)))).toEqual(['policy:aws_security_group.app -> aws_instance.web 0-65535,0-65535', 'policy:aws_security_group.lb -> aws_instance.web 8080-8080']);
  });

  it('a range no subnet lies in and a group with no hosts admit nobody: no edge', () => {
    const sg = policy('sg');
    const empty = policy('sg.empty');
    const sn = subnet('subnet.app', A, { cidrs: ['10.0.1.0/24'] });
    const web = host('vm.web', [A]);
    const m = model(
      [sg, empty, sn, web, rule('office', sg.id, [cidr('203.0.113.7/32')], [[22, 22]]), rule('nobody', sg.id, [fromPolicy(empty.id)], [[80, 80]]), rule('vpc', sg.id, [cidr('10.0.0.0/16')], [[443, 443]])],
      [edge(web.id, 'protected-by', sg.id), edge(web.id, 'in-subnet', sn.id)],
    );
    expect(admits(buildService(new Graph(m)))).toEqual(['cidr:10.0.0.0/16 -> vm.web 443-443']);
  });

  it('a shared group with many rules is read once per peer, not once per peer and rule or per host', () => {
    // r separately declared hosts (one node each), one shared group with r rules, each from a range that covers
    // one host's subnet: r^2 admissions are real here, but the rules' peers are read O(r) times in all.
    const r = 120;
    let reads = 0;
    const counted = (x: FirewallRule): FirewallRule => {
      const { peers, ...rest } = x;
      return Object.defineProperty({ ...rest }, 'peers', { get: () => (reads++, peers), enumerable: true }) as FirewallRule;
    };
    const sg = policy('sg');
    const entities: Entity[] = [sg];
    const edges = [];
    for (let i = 0; i < r; i++) {
      const sn = subnet(`subnet.s${i}`, A, { cidrs: [`10.0.${i}.0/24`] });
      const h = host(`vm.h${i}`, [A]);
      entities.push(sn, h, counted(rule(`r${i}`, sg.id, [cidr(`10.0.${i}.0/24`)], [[1000 + i, 1000 + i]])));
      edges.push(edge(h.id, 'in-subnet', sn.id), edge(h.id, 'protected-by', sg.id));
    }
    const s = buildService(new Graph(model(entities, edges)));
    expect(admits(s).length).toBe(r * r);
    expect(reads).toBeLessThan(10 * r);
  });
});

describe('tiers', () => {
  const m = service(threeTier());
  it('are inferred: load balancer edge, hosts app, data stores data', () => {
    const s = buildService(new Graph(m));
    expect(Object.fromEntries(inferTiers(s).map((t, i) => [s.nodes[i]!.id, t]))).toMatchObject({ 'aws_lb.web': 'edge', 'aws_autoscaling_group.web': 'app', 'aws_db_instance.main': 'data', internet: undefined });
  });

  it('a host the internet reaches on 443 with nothing in front is the edge (a proxy)', () => {
    const proxy = host('aws_instance.proxy', [A], { publicIp: known(true) });
    const sg = policy('sg');
    const s = buildService(new Graph(model([proxy, sg, rule('r', sg.id, [world], [[443, 443]])], [edge(proxy.id, 'protected-by', sg.id)])));
    expect(inferTiers(s)[s.nodeOf.get(proxy.id)!]).toBe('edge');
  });

  it('a config hint, then a weaklink:tier tag, overrides the inference', () => {
    const tagged: Entity = host('aws_instance.pg', [A], { tags: { 'weaklink:tier': 'data' } });
    const s = buildService(new Graph(model([tagged, host('aws_instance.cache', [A])])));
    const tiers = inferTiers(s, (address) => (address === 'aws_instance.cache' ? 'data' : undefined));
    expect([tiers[s.nodeOf.get('aws_instance.pg')!], tiers[s.nodeOf.get('aws_instance.cache')!]]).toEqual(['data', 'data']);
  });
});

describe('analyzeService', () => {
  it('is computed once per model and tier hint', () => {
    const g = new Graph(service(threeTier()));
    const hint = () => undefined;
    expect(analyzeService(g, hint)).toBe(analyzeService(new Graph(g.model), hint));
    expect(analyzeService(g, hint)).not.toBe(analyzeService(g, () => undefined));
  });
});

describe('cost', () => {
  /** n stacks of the three tiers with a shared 10.0.0.0/8 SSH rule on every app group (the bench's shape). */
  function stacks(n: number) {
    const entities: Entity[] = [];
    const edges = [];
    for (let i = 0; i < n; i++) {
      const t = threeTier({ db: i % 3 === 0 ? 'single' : 'multi-az' });
      const rename = (id: string): string => `module.s[${i}].${id}`;
      for (const e of t.entities) entities.push({ ...e, id: rename(e.id), source: [rename(e.id)], declaredBy: `module.s.${e.declaredBy}`, ...(e.kind === 'firewall-rule' ? { policy: rename(e.policy), peers: e.peers.map((p) => (p.kind === 'policy' ? { ...p, id: rename(p.id) } : p)) } : {}) } as Entity);
      for (const e of t.edges) edges.push({ ...e, from: rename(e.from), to: rename(e.to) });
      entities.push(subnet(rename('aws_subnet.app'), A, { cidrs: [`10.${i >> 8}.${i & 255}.0/24`] }), rule(rename('ssh'), rename('aws_security_group.web'), [cidr('10.0.0.0/8')], [[22, 22]]));
      edges.push(edge(rename('aws_autoscaling_group.web'), 'in-subnet', rename('aws_subnet.app')));
    }
    return model(entities, edges);
  }

  it('grows linearly: ten times the stacks ask the graph and link ten times as often, not more', () => {
    // Counted, not timed: every step of the analysis asks the graph index or links an edge.
    const work = (n: number): number => {
      const m = stacks(n);
      const spies = [vi.spyOn(Graph.prototype, 'out'), vi.spyOn(Graph.prototype, 'in'), vi.spyOn(Graph.prototype, 'get'), vi.spyOn(Graph.prototype, 'all'), vi.spyOn(ServiceBuilder.prototype, 'link')];
      analyzeService(new Graph(m));
      const calls = spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      for (const spy of spies) spy.mockRestore();
      return calls;
    };
    const small = work(100);
    const large = work(1000);
    expect(analyzeService(new Graph(stacks(30))).cuts.length).toBe(10);
    expect(small).toBeGreaterThan(1000);
    expect(large / small).toBeLessThan(10.5);
  });
});

describe('ServiceBuilder.link', () => {
  it('keeps one edge per endpoints, kind and via, also past the point where it switches to a key set', () => {
    const b = new ServiceBuilder(new Graph(model([])));
    const hub = b.junction('policy:hub', () => undefined);
    const ends = Array.from({ length: 20 }, (_, i) => b.junction(`label:${i}`, () => undefined));
    for (let round = 0; round < 2; round++) for (const to of ends) b.link({ from: hub, to, kind: 'admits', via: 'r', ports: [], service: true });
    b.link({ from: hub, to: ends[0]!, kind: 'admits', via: 'other', ports: [], service: true });
    expect(b.out[hub]!.length).toBe(21);
    expect(b.in[ends[0]!]!.length).toBe(2);
  });
});
