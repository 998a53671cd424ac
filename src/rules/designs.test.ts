import { describe, expect, it } from 'vitest';
import { check } from '../analyze.js';
import { byDefault, known, type Edge, type Entity } from '../model/index.js';
import {
  datastore,
  edge,
  fromPolicy,
  gateway,
  host,
  inlineRule,
  listener,
  loadBalancer,
  model,
  network,
  placement,
  policy,
  replicas,
  routeTable,
  subnet,
  targetPool,
  world,
  world6,
} from '../../test/support/builders.js';
import { RULES } from './index.js';
import { openIngress } from './open-ingress.js';
import { segmentation } from './segmentation.js';
import { singleAzDatabase } from './single-az-database.js';
import { spof } from './spof.js';

/** The first rule set; the graph rules have designs of their own. */
const FIRST_SET = [openIngress, singleAzDatabase, spof, segmentation];

const A = 'us-east-1/us-east-1a';
const B = 'us-east-1/us-east-1b';
const route = (from: string, to: string, dest = '0.0.0.0/0'): Edge => ({ from, to, kind: 'routes-to', via: 'route', detail: dest });

/** Two zones, a load balancer in both, a group of 2-6 behind it, a NAT per zone, zone-redundant data. */
function wellBuilt() {
  const vpc = network('aws_vpc.main');
  const pub = [A, B].map((z, i) => subnet(`aws_subnet.public[${i}]`, z, { assignsPublicIp: known(true) }));
  const priv = [A, B].map((z, i) => subnet(`aws_subnet.private[${i}]`, z));
  const igw = gateway('aws_internet_gateway.main', 'internet', [], { placement: placement([], known(true)) });
  const nats = [A, B].map((z, i) => gateway(`aws_nat_gateway.main[${i}]`, 'nat', [z]));
  const rtPublic = routeTable('aws_route_table.public');
  const rtPrivate = [0, 1].map((i) => routeTable(`aws_route_table.private[${i}]`));
  const lbSg = policy('aws_security_group.lb');
  const appSg = policy('aws_security_group.app');
  const dataSg = policy('aws_security_group.data');
  const lb = loadBalancer('aws_lb.web', [A, B]);
  const https = listener('aws_lb_listener.https', 443);
  const pool = targetPool('aws_lb_target_group.app', { port: 8080 });
  const asg = host('aws_autoscaling_group.app', [A, B], { role: 'group', replicas: replicas(2, 6, 2) });
  const db = datastore('aws_db_instance.main', { placement: placement([A], known(true)), replicas: known(2) });
  const cache = datastore('aws_elasticache_replication_group.cache', { category: 'cache', engine: 'redis', ports: [6379], replicas: known(2), placement: placement([A, B], known(true)) });
  const files = datastore('aws_efs_file_system.shared', { category: 'file', engine: 'efs', ports: [2049], replicas: known(2), placement: placement([A, B], known(true)) });
  const vpn = gateway('aws_vpn_connection.office', 'vpn', [], { paths: known(2), placement: placement([], known(true)) });
  const entities: Entity[] = [
    vpc, ...pub, ...priv, igw, ...nats, rtPublic, ...rtPrivate, lbSg, appSg, dataSg, lb, https, pool, asg, db, cache, files, vpn,
    inlineRule(lbSg.id, 0, [world, world6], [[443, 443]]),
    inlineRule(lbSg.id, 1, [world, world6], [[80, 80]]),
    inlineRule(appSg.id, 0, [fromPolicy(lbSg.id)], [[8080, 8080]]),
    inlineRule(dataSg.id, 0, [fromPolicy(appSg.id)], [[5432, 5432]]),
    inlineRule(dataSg.id, 1, [fromPolicy(appSg.id)], [[6379, 6379]]),
    inlineRule(dataSg.id, 2, [fromPolicy(appSg.id)], [[2049, 2049]]),
  ];
  const edges: Edge[] = [
    ...[...pub, ...priv].map((s) => edge(s.id, 'in-network', vpc.id)),
    ...pub.map((s) => edge(s.id, 'uses-route-table', rtPublic.id)),
    route(rtPublic.id, igw.id),
    ...priv.flatMap((s, i) => [edge(s.id, 'uses-route-table', rtPrivate[i]!.id), route(rtPrivate[i]!.id, nats[i]!.id)]),
    ...nats.map((n, i) => edge(n.id, 'in-subnet', pub[i]!.id)),
    edge(igw.id, 'serves', vpc.id),
    edge(vpn.id, 'serves', vpc.id),
    ...pub.map((s) => edge(lb.id, 'in-subnet', s.id)),
    edge(lb.id, 'protected-by', lbSg.id),
    edge(https.id, 'forwards-to', pool.id),
    edge(pool.id, 'targets', asg.id),
    ...priv.map((s) => edge(asg.id, 'in-subnet', s.id)),
    edge(asg.id, 'protected-by', appSg.id),
    ...[db, cache, files].flatMap((d) => [...priv.map((s) => edge(d.id, 'in-subnet', s.id)), edge(d.id, 'protected-by', dataSg.id)]),
  ];
  return model(entities, edges);
}

/** One VM with a public address, admin and database ports open to the world, a database beside it in one zone. */
function singleVm() {
  const vpc = network('aws_vpc.main');
  const sn = subnet('aws_subnet.public', A, { assignsPublicIp: known(true) });
  const igw = gateway('aws_internet_gateway.main', 'internet', [], { placement: placement([], known(true)) });
  const rt = routeTable('aws_route_table.public');
  const sg = policy('aws_security_group.web');
  const dbSg = policy('aws_security_group.db');
  const vm = host('aws_instance.web', [A], { publicIp: known(true) });
  const db = datastore('aws_db_instance.main', { placement: placement([A], byDefault(false)), replicas: byDefault(1), publiclyAccessible: known(true) });
  return model(
    [vpc, sn, igw, rt, sg, dbSg, vm, db, inlineRule(sg.id, 0, [world], [[22, 22]]), inlineRule(sg.id, 1, [world], [[443, 443]]), inlineRule(dbSg.id, 0, [world], [[5432, 5432]])],
    [
      edge(sn.id, 'in-network', vpc.id),
      edge(sn.id, 'uses-route-table', rt.id),
      route(rt.id, igw.id),
      edge(vm.id, 'in-subnet', sn.id),
      edge(vm.id, 'protected-by', sg.id),
      edge(db.id, 'in-subnet', sn.id),
      edge(db.id, 'protected-by', dbSg.id),
    ],
  );
}

describe('designs, through the first rule set', () => {
  it('a well-built two-zone design gives no finding at all', () => {
    expect(check(wellBuilt(), 'plan.json', { rules: FIRST_SET }).map((f) => `${f.rule} ${f.resources[0]}: ${f.message}`)).toEqual([]);
  });

  it('every rule of the set is listed', () => {
    for (const rule of FIRST_SET) expect(RULES).toContain(rule);
  });

  it('a single-VM deployment shows each of its weak links once', () => {
    const found = check(singleVm(), 'plan.json', { rules: FIRST_SET }).map((f) => `${f.severity} ${f.rule} ${f.resources[0]}`).sort();
    expect(found).toEqual([
      'critical open-ingress aws_security_group.db',
      'critical open-ingress aws_security_group.web',
      'high segmentation aws_db_instance.main',
      'high single-az-database aws_db_instance.main',
      'low spof aws_vpc.main',
      'medium spof aws_instance.web',
    ]);
  });
});
