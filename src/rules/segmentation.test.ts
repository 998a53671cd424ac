import { known } from '../model/index.js';
import {
  cidr,
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
  policy,
  routeTable,
  rule,
  subnet,
  targetPool,
  world,
} from '../../test/support/builders.js';
import type { Edge, Entity } from '../model/index.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { segmentation } from './segmentation.js';
import { check } from '../analyze.js';
import { corpusFile, modelOfFile } from '../../test/support/plans.js';
import { describe, expect, it } from 'vitest';

const A = 'us-east-1/us-east-1a';
const B = 'us-east-1/us-east-1b';

const db = datastore('aws_db_instance.main');
const dbSg = policy('aws_security_group.db');
const appSg = policy('aws_security_group.app');
const lbSg = policy('aws_security_group.lb');
/** A database behind its group with the given rules. */
const guardedDb = (...rules: Entity[]) => model([db, dbSg, ...rules], [edge(db.id, 'protected-by', dbSg.id)]);

const vpc = network('aws_vpc.main', { cidrs: ['10.20.0.0/20'] });
const dbSubnet = subnet('aws_subnet.db', A);
const igw = gateway('aws_internet_gateway.main', 'internet', []);
const natgw = gateway('aws_nat_gateway.main', 'nat', [A]);
const rt = routeTable('aws_route_table.db');
const route = (from: string, to: string, dest = '0.0.0.0/0'): Edge => ({ from, to, kind: 'routes-to', via: 'route', detail: dest });
/** The database in one subnet whose table routes the world to `target`. */
const placed = (target: Entity, store = db, extra: Entity[] = [], edges: Edge[] = []) =>
  model([store, vpc, dbSubnet, rt, target, ...extra], [edge(store.id, 'in-subnet', dbSubnet.id), edge(dbSubnet.id, 'in-network', vpc.id), edge(dbSubnet.id, 'uses-route-table', rt.id), route(rt.id, target.id), ...edges]);

const lb = loadBalancer('aws_lb.web', [A, B]);
const pool = targetPool('aws_lb_target_group.web', { port: 8080 });
const app = host('aws_instance.app', [A], { publicIp: known(true) });
/** An app host behind a load balancer, guarded by its group with the given rules. */
const behindLb = (...rules: Entity[]) =>
  model([lb, pool, app, appSg, lbSg, ...rules], [edge(lb.id, 'forwards-to', pool.id), edge(pool.id, 'targets', app.id), edge(app.id, 'protected-by', appSg.id), edge(lb.id, 'protected-by', lbSg.id)]);

// A network load balancer with no security group, whose pool hands its targets the clients' addresses (instance
// targets over TCP): the target must admit the world on the pool's port.
const nlb = loadBalancer('aws_lb.nlb', [A, B], { layer: 'network' });
const nlbPool = targetPool('aws_lb_target_group.nlb', { port: 8080, clientAddressesPreserved: true });
const privateApp = host('aws_instance.app', [A]);
const behindNlb = (target: Entity, over: { pool?: Entity; extra?: Entity[]; edges?: Edge[]; port?: number } = {}) => {
  const p = over.pool ?? nlbPool;
  const port = over.port ?? 8080;
  return model([nlb, p, target, appSg, inlineRule(appSg.id, 0, [world], [[port, port]]), ...(over.extra ?? [])], [
    edge(nlb.id, 'forwards-to', p.id),
    edge(p.id, 'targets', target.id),
    edge(target.id, 'protected-by', appSg.id),
    ...(over.edges ?? []),
  ]);
};

ruleTester(segmentation, {
  quiet: [
    { name: 'a private host behind a network load balancer that passes the clients\' addresses through admits the world on the pool port', model: behindNlb(privateApp) },
    { name: 'the database admits only the application group', model: guardedDb(inlineRule(dbSg.id, 0, [fromPolicy(appSg.id)], [[5432, 5432]])) },
    { name: 'the database admits one app subnet', model: guardedDb(inlineRule(dbSg.id, 0, [cidr('10.20.1.0/24')], [[5432, 5432]])) },
    { name: 'a world-open database is open-ingress\'s finding', model: guardedDb(inlineRule(dbSg.id, 0, [world], [[5432, 5432]])) },
    { name: 'a broad range on a port the database does not serve', model: guardedDb(inlineRule(dbSg.id, 0, [cidr('10.0.0.0/8')], [[22, 22]])) },
    { name: 'the app port admitted only from the load balancer group', model: behindLb(inlineRule(appSg.id, 0, [fromPolicy(lbSg.id)], [[8080, 8080]])) },
    { name: 'an app host open on every port is open-ingress\'s finding', model: behindLb(inlineRule(appSg.id, 0, [world], 'all')) },
    {
      name: 'a web server with no load balancer in front',
      model: model([app, appSg, inlineRule(appSg.id, 0, [world], [[443, 443]])], [edge(app.id, 'protected-by', appSg.id)]),
    },
    { name: 'a direct port the user allowed', model: behindLb(inlineRule(appSg.id, 0, [world], [[443, 443]])), settings: { worldOpenAllowed: (a, p) => a === app.id && p === 443 } },
    { name: 'a database in a private subnet (the world goes to a NAT)', model: placed(natgw) },
    {
      name: 'an app host behind a load balancer admits its port from one /24 (the load balancer\'s subnets), not a whole range',
      model: behindLb(inlineRule(lbSg.id, 0, [world], [[443, 443]]), inlineRule(appSg.id, 0, [cidr('10.0.1.0/24')], [[8080, 8080]])),
    },
    {
      name: 'behind a network load balancer with no security group, a range is how the load balancer gets through',
      model: model([nlb, nlbPool, privateApp, appSg, inlineRule(appSg.id, 0, [cidr('10.0.0.0/16')], [[8080, 8080]])], [
        edge(nlb.id, 'forwards-to', nlbPool.id),
        edge(nlbPool.id, 'targets', privateApp.id),
        edge(privateApp.id, 'protected-by', appSg.id),
      ]),
    },
    {
      name: 'a host no tier stands in front of admits a /16 (a back-office server, not an app behind a front)',
      model: model([privateApp, appSg, inlineRule(appSg.id, 0, [cidr('10.0.0.0/16')], [[8080, 8080]])], [edge(privateApp.id, 'protected-by', appSg.id)]),
    },
  ],
  fires: [
    {
      name: 'an app host behind a load balancer with a security group admits its port from a /16 instead of that group',
      model: behindLb(inlineRule(lbSg.id, 0, [world], [[443, 443]]), inlineRule(appSg.id, 0, [cidr('10.0.0.0/16')], [[8080, 8080]])),
      findings: [
        {
          resource: app.id,
          severity: 'low',
          message: ['admits port 8080 from 10.0.0.0/16 through aws_security_group.app', 'not only from aws_lb.web in front of it', 'without passing it'],
          remediation: ['only from the security group of aws_lb.web'],
          related: [appSg.id, lb.id],
        },
      ],
    },
    {
      name: 'a bastion the app also admits is no front: the internet reaches it on SSH only, so the finding names the load balancer',
      model: (() => {
        const bastion = host('aws_instance.bastion', [A], { publicIp: known(true) });
        const bastionSg = policy('aws_security_group.bastion');
        const base = behindLb(
          inlineRule(lbSg.id, 0, [world], [[443, 443]]),
          inlineRule(appSg.id, 0, [cidr('10.0.0.0/16')], [[8080, 8080]]),
          inlineRule(appSg.id, 1, [fromPolicy(bastionSg.id)], [[8080, 8080]]),
        );
        return model([...base.entities.values(), bastion, bastionSg, inlineRule(bastionSg.id, 0, [world], [[22, 22]])], [...base.edges, edge(bastion.id, 'protected-by', bastionSg.id)]);
      })(),
      findings: [{ resource: app.id, severity: 'low', message: ['not only from aws_lb.web in front of it'], notMessage: ['aws_instance.bastion'] }],
    },
    {
      name: 'the database admits a /8',
      model: guardedDb(inlineRule(dbSg.id, 0, [cidr('10.0.0.0/8')], [[5432, 5432]])),
      findings: [{ resource: db.id, severity: 'medium', message: ['port 5432', '10.0.0.0/8', dbSg.id, 'not only from the application'], related: [dbSg.id] }],
    },
    {
      name: 'the database admits its whole network range',
      model: placed(natgw, db, [dbSg, inlineRule(dbSg.id, 0, [cidr('10.20.0.0/20')], [[5432, 5432]])], [edge(db.id, 'protected-by', dbSg.id)]),
      findings: [{ resource: db.id, severity: 'medium', message: ['the whole network range 10.20.0.0/20'] }],
    },
    {
      name: 'an app host behind a load balancer answers the world on 443',
      model: behindLb(inlineRule(appSg.id, 0, [world], [[443, 443]])),
      findings: [{ resource: app.id, severity: 'medium', message: ['port 443', lb.id, 'go around the load balancer'], path: ['internet', appSg.id, app.id], related: [lb.id, pool.id] }],
    },
    {
      name: 'the load balancer in front is named, not its listener',
      model: (() => {
        const https = listener('aws_lb_listener.https', 443);
        return model([lb, https, pool, app, appSg, inlineRule(appSg.id, 0, [world], [[443, 443]])], [
          edge(https.id, 'member-of', lb.id),
          edge(https.id, 'forwards-to', pool.id),
          edge(pool.id, 'targets', app.id),
          edge(app.id, 'protected-by', appSg.id),
        ]);
      })(),
      findings: [{ resource: app.id, severity: 'medium', message: ['although aws_lb.web stands in front of it'], notMessage: ['aws_lb_listener.https'] }],
    },
    {
      name: 'an app host answers the world on its pool port',
      model: behindLb(inlineRule(appSg.id, 0, [world], [[8080, 8080]])),
      findings: [{ resource: app.id, severity: 'medium', message: ['port 8080'] }],
    },
    {
      name: 'behind a network load balancer, a host with its own public address can still be reached around it',
      model: behindNlb(app),
      findings: [{ resource: app.id, severity: 'medium', message: ['port 8080', nlb.id, 'the opening is needed', 'public address lets anyone go around'], remediation: ['no public address'] }],
    },
    {
      name: 'a network load balancer with a security group: the host could admit that group instead',
      model: behindNlb(privateApp, { extra: [lbSg], edges: [edge(nlb.id, 'protected-by', lbSg.id)] }),
      findings: [{ resource: privateApp.id, severity: 'medium', message: ['port 8080', 'go around the load balancer'] }],
    },
    {
      name: 'a network target group that replaces the clients\' addresses (ip targets over TCP): admit the load balancer only',
      model: behindNlb(privateApp, { pool: targetPool('aws_lb_target_group.nlb', { port: 8080, clientAddressesPreserved: false }) }),
      findings: [{ resource: privateApp.id, severity: 'medium', message: ['port 8080'] }],
    },
    {
      name: 'a network target group whose handling of client addresses is not known: reported as before',
      model: behindNlb(privateApp, { pool: targetPool('aws_lb_target_group.nlb', { port: 8080 }) }),
      findings: [{ resource: privateApp.id, severity: 'medium', message: ['go around the load balancer'] }],
    },
    {
      name: 'a database in a public subnet (the world routes to an internet gateway)',
      model: placed(igw),
      findings: [{ resource: db.id, severity: 'medium', message: ['public subnet aws_subnet.db (routes to aws_internet_gateway.main)'], path: ['internet', igw.id, rt.id, dbSubnet.id, db.id] }],
    },
    {
      name: 'a publicly accessible database in a public subnet is high',
      model: placed(igw, datastore('aws_db_instance.main', { publiclyAccessible: known(true) })),
      findings: [{ resource: db.id, severity: 'high', message: ['it is publicly accessible'] }],
    },
    {
      name: 'a subnet with no table of its own follows the network default table to the internet',
      model: (() => {
        const main = routeTable('aws_default_route_table.main', { isDefault: true });
        return model([db, vpc, dbSubnet, main, igw], [edge(db.id, 'in-subnet', dbSubnet.id), edge(dbSubnet.id, 'in-network', vpc.id), edge(main.id, 'in-network', vpc.id), route(main.id, igw.id)]);
      })(),
      findings: [{ resource: db.id, severity: 'medium', message: ['routes to aws_internet_gateway.main'] }],
    },
    {
      name: 'a subnet that hands out public addresses',
      model: model([db, subnet('aws_subnet.db', A, { assignsPublicIp: known(true) })], [edge(db.id, 'in-subnet', dbSubnet.id)]),
      findings: [{ resource: db.id, severity: 'medium', message: ['hands out public addresses'] }],
    },
    {
      name: 'a broad range and a public subnet make one finding',
      model: placed(igw, db, [dbSg, inlineRule(dbSg.id, 0, [cidr('10.0.0.0/8')], [[5432, 5432]])], [edge(db.id, 'protected-by', dbSg.id)]),
      findings: [{ resource: db.id, severity: 'medium', message: ['10.0.0.0/8', 'public subnet'], scoreAtLeast: 6.5 }],
    },
  ],
});

describe('segmentation on a publicly accessible database whose firewall keeps the internet out', () => {
  // checkov's corpus (terraform 0.12): aws_db_instance.default is publicly accessible in public subnets, and its only
  // rule admits 172.16.0.0/16: it has an address on the internet, but does not answer it.
  it('says the firewall is all that keeps the internet out, not that the database answers the internet', () => {
    const found = check(modelOfFile(corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json')), 'plan.json').find((f) => f.rule === 'segmentation' && f.resources[0] === 'aws_db_instance.default');
    expect(found?.message).toContain('and it is publicly accessible: its address answers the internet, and its firewall rules are all that keep the internet out.');
    expect(found?.message).not.toContain('so it answers the internet from there');
  });
});

describe('Azure\'s "allow Azure services" rule (0.0.0.0-0.0.0.0) on a database firewall', () => {
  const sql = datastore('azurerm_mssql_server.main', { cloud: 'azure', ports: [1433] });
  const fw = policy('azurerm_mssql_server.main#firewall', { cloud: 'azure' });
  const azureServices = { kind: 'service', name: 'AzureServices' } as const;
  const withRule = (peers: Parameters<typeof rule>[2]) =>
    model([sql, fw, rule('azurerm_mssql_firewall_rule.azure', fw.id, peers, [[1433, 1433]], { cloud: 'azure' })], [edge(sql.id, 'protected-by', fw.id)]);

  it('is a segmentation finding: other Azure customers\' resources reach the data port, and the fix deletes it', () => {
    const [found, ...rest] = check(withRule([azureServices]), 'plan.json', { rules: [segmentation] });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ rule: 'segmentation', severity: 'medium', resources: [sql.id, 'azurerm_mssql_firewall_rule.azure'] });
    expect(found!.message).toBe(
      "azurerm_mssql_server.main admits port 1433 from every Azure service (the 0.0.0.0-0.0.0.0 rule, which admits other Azure customers' resources too) through azurerm_mssql_firewall_rule.azure, not only from the application that uses it: anything compromised in any Azure subscription can reach the data.",
    );
    expect(found!.remediation).toContain('Delete the 0.0.0.0-0.0.0.0 rule ("allow Azure services")');
  });

  it('an exact office address stays quiet', () => {
    expect(check(withRule([cidr('203.0.113.10/32')]), 'plan.json', { rules: [segmentation] })).toEqual([]);
  });
});
