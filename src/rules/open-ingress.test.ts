import { describe, expect, it } from 'vitest';
import { SENSITIVE_PEER, byDefault, known, unknownValue, type Entity, type Peer, type Value } from '../model/index.js';
import {
  cidr,
  datastore,
  edge,
  fromPolicy,
  host,
  inlineRule,
  listener,
  loadBalancer,
  model,
  policy,
  rule,
  subnet,
  targetPool,
  world,
  world6,
} from '../../test/support/builders.js';
import { findingsOf, ruleTester } from '../../test/support/rule-tester.js';
import { openIngress } from './open-ingress.js';

const ZONE = 'us-east-1/us-east-1a';
const sg = policy('aws_security_group.web');
const publicVm = host('aws_instance.web', [ZONE], { publicIp: known(true) });
const privateVm = host('aws_instance.private', [ZONE], { publicIp: known(false) });
const plannedVm = host('aws_instance.planned', [ZONE], { publicIp: unknownValue() });
const anyWorld: Peer = { kind: 'world', family: 'any' };

/** One host behind one security group with the given rules. */
const guarded = (vm: Entity, ...rules: Entity[]) => model([vm, sg, ...rules], [edge(vm.id, 'protected-by', sg.id)]);

const lb = loadBalancer('aws_lb.web', ['us-east-1/us-east-1a', 'us-east-1/us-east-1b']);
const lbSg = policy('aws_security_group.lb');
const pool = targetPool('aws_lb_target_group.web');
const app = host('aws_instance.app', [ZONE], { publicIp: known(true) });
const appSg = policy('aws_security_group.app');
const lone = host('aws_instance.lone', [ZONE], { publicIp: known(true) });

// A network load balancer without a security group whose pool hands the targets the clients' addresses.
const nlb = loadBalancer('aws_lb.nlb', ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'], { layer: 'network' });
const nlbPool = targetPool('aws_lb_target_group.nlb', { port: 8080, clientAddressesPreserved: true });
/** `vm` behind the network load balancer, its group admitting the world on `ports`. */
const behindNlb = (vm: Entity, ports: Array<[number, number]>, over: { pool?: Entity; lbGroup?: boolean; lb?: Entity } = {}) => {
  const p = over.pool ?? nlbPool;
  const lb = over.lb ?? nlb;
  return model([lb, p, vm, sg, inlineRule(sg.id, 0, [world], ports), ...(over.lbGroup ? [lbSg] : [])], [
    edge(lb.id, 'forwards-to', p.id),
    edge(p.id, 'targets', vm.id),
    edge(vm.id, 'protected-by', sg.id),
    ...(over.lbGroup ? [edge(lb.id, 'protected-by', lbSg.id)] : []),
  ]);
};

// A Google passthrough load balancer: the pool has no port of its own, the backends see the listener's.
const gcpNlb = loadBalancer('google_compute_forwarding_rule.web', [], { layer: 'network' });
const gcpPool = targetPool('google_compute_target_pool.web', { port: undefined, clientAddressesPreserved: true, listenerPorts: true });
/** `vm` behind the Google load balancer listening on `port`, its firewall admitting the world on `ports`. */
const behindGcpNlb = (vm: Entity, port: Value<number>, ports: Array<[number, number]>) => {
  const l = listener('google_compute_forwarding_rule.web#listener', 0, { port });
  return model([gcpNlb, l, gcpPool, vm, sg, inlineRule(sg.id, 0, [world], ports)], [
    edge(l.id, 'member-of', gcpNlb.id),
    edge(l.id, 'forwards-to', gcpPool.id),
    edge(gcpNlb.id, 'forwards-to', gcpPool.id),
    edge(gcpPool.id, 'targets', vm.id),
    edge(vm.id, 'protected-by', sg.id),
  ]);
};

const nsg = policy('azurerm_network_security_group.web', { evaluation: 'first-match', cloud: 'azure' });
const azureVm = host('azurerm_linux_virtual_machine.web', ['westeurope/1'], { publicIp: known(true), cloud: 'azure' });

const db = datastore('aws_db_instance.main', { publiclyAccessible: known(true) });
const privateDb = datastore('aws_db_instance.private', { publiclyAccessible: byDefault(false) });
const dbSg = policy('aws_security_group.db');

const loose = policy('aws_security_group.unused');

// Sources the plan marks sensitive: weaklink kept nothing of them.
const hiddenSources: Peer = SENSITIVE_PEER;

ruleTester(openIngress, {
  quiet: [
    { name: 'a private host admits the world on the port a passthrough network load balancer forwards to', model: behindNlb(privateVm, [[8080, 8080]]) },
    { name: 'a pool that keeps the destination port: the port its listener accepts', model: behindGcpNlb(privateVm, known(8080), [[8080, 8080]]) },
    { name: '80/443 on a load balancer', model: model([lb, lbSg, inlineRule(lbSg.id, 0, [world, world6], [[80, 80]]), inlineRule(lbSg.id, 1, [world, world6], [[443, 443]])], [edge(lb.id, 'protected-by', lbSg.id)]) },
    {
      name: '80/443 on an app host behind a load balancer (the segmentation rule reports it)',
      model: model([lb, pool, app, appSg, inlineRule(appSg.id, 0, [world], [[80, 80]]), inlineRule(appSg.id, 1, [world], [[443, 443]])], [
        edge(lb.id, 'forwards-to', pool.id),
        edge(pool.id, 'targets', app.id),
        edge(app.id, 'protected-by', appSg.id),
      ]),
    },
    {
      name: 'a deny at 100 shadows an allow of the world at 200 (first match)',
      model: model(
        [azureVm, nsg, rule('nsg#deny_ssh', nsg.id, [anyWorld], [[22, 22]], { action: 'deny', priority: 100 }), rule('nsg#allow_ssh', nsg.id, [anyWorld], [[22, 22]], { priority: 200 })],
        [edge(azureVm.id, 'protected-by', nsg.id)],
      ),
    },
    { name: 'SSH from one office range only', model: guarded(publicVm, inlineRule(sg.id, 0, [cidr('203.0.113.0/24')], [[22, 22]])) },
    { name: 'the database port from the application group', model: model([db, dbSg, inlineRule(dbSg.id, 0, [fromPolicy(appSg.id)], [[5432, 5432]])], [edge(db.id, 'protected-by', dbSg.id)]) },
    { name: 'an egress rule to the world', model: guarded(publicVm, inlineRule(sg.id, 0, [world], 'all', { direction: 'egress' })) },
    { name: 'a disabled rule', model: guarded(publicVm, rule('fw#ssh', sg.id, [world], [[22, 22]], { enabled: known(false) })) },
    { name: 'ICMP from the world (no ports)', model: guarded(publicVm, inlineRule(sg.id, 0, [world], [], { protocol: 'icmp' })) },
    {
      name: 'the subnet layer lets only 443 through an all-ports group',
      model: (() => {
        const acl = policy('aws_network_acl.public', { evaluation: 'first-match' });
        const sn = subnet('aws_subnet.public', 'us-east-1a');
        return model([publicVm, sg, acl, sn, inlineRule(sg.id, 0, [world], 'all'), rule('aws_network_acl.public#ingress[0]', acl.id, [world], [[443, 443]], { priority: 100 })], [
          edge(publicVm.id, 'protected-by', sg.id),
          edge(publicVm.id, 'in-subnet', sn.id),
          edge(sn.id, 'protected-by', acl.id),
        ]);
      })(),
    },
    { name: 'SSH the user allowed on this group', model: guarded(publicVm, inlineRule(sg.id, 0, [world], [[22, 22]])), settings: { worldOpenAllowed: (a, p) => a === sg.id && p === 22 } },
    { name: 'all ports the user allowed on this host', model: guarded(publicVm, inlineRule(sg.id, 0, [world], 'all')), settings: { worldOpenAllowed: (a, p) => a === publicVm.id && p === 'all' } },
    { name: 'an unattached group open on 443 only', model: model([loose, inlineRule(loose.id, 0, [world], [[443, 443]])]) },
    { name: 'a web server of its own on 80/443', model: guarded(publicVm, inlineRule(sg.id, 0, [world, world6], [[80, 80]]), inlineRule(sg.id, 1, [world, world6], [[443, 443]])) },
    { name: 'sensitive sources on 80/443 of a host (what a web front answers anyway)', model: guarded(publicVm, inlineRule(sg.id, 0, [hiddenSources], [[443, 443]])) },
    { name: 'sensitive sources on a port that is neither admin nor data', model: guarded(publicVm, inlineRule(sg.id, 0, [hiddenSources], [[8080, 8080]])) },
    { name: 'sensitive sources in a group attached to nothing', model: model([loose, inlineRule(loose.id, 0, [hiddenSources], [[22, 22]])]) },
    { name: 'an unknown source that is not sensitive (a group outside the plan) stays quiet', model: guarded(publicVm, inlineRule(sg.id, 0, [{ kind: 'unknown' }], [[22, 22]])) },
    {
      name: 'sensitive sources behind a deny of the world at a lower priority number (first match)',
      model: model(
        [azureVm, nsg, rule('nsg#deny_ssh', nsg.id, [anyWorld], [[22, 22]], { action: 'deny', priority: 100 }), rule('nsg#office_ssh', nsg.id, [hiddenSources], [[22, 22]], { priority: 200 })],
        [edge(azureVm.id, 'protected-by', nsg.id)],
      ),
    },
    {
      name: 'the subnet layer admits nothing from the world on the port',
      model: (() => {
        const acl = policy('aws_network_acl.private', { evaluation: 'first-match' });
        const sn = subnet('aws_subnet.private', 'us-east-1a');
        return model([publicVm, sg, acl, sn, inlineRule(sg.id, 0, [hiddenSources], [[22, 22]]), rule('aws_network_acl.private#ingress[0]', acl.id, [cidr('10.0.0.0/8')], 'all', { priority: 100 })], [
          edge(publicVm.id, 'protected-by', sg.id),
          edge(publicVm.id, 'in-subnet', sn.id),
          edge(sn.id, 'protected-by', acl.id),
        ]);
      })(),
    },
  ],
  fires: [
    {
      name: 'an app port open to the world on a host a load balancer already fronts: the fix is the balancer\'s group, not "put it behind a load balancer"',
      model: model([lb, pool, app, appSg, inlineRule(appSg.id, 0, [world], [[8080, 8080]])], [edge(lb.id, 'forwards-to', pool.id), edge(pool.id, 'targets', app.id), edge(app.id, 'protected-by', appSg.id)]),
      findings: [{ resource: appSg.id, severity: 'medium', remediation: ["Admit the port only from the load balancer's security group (or its subnets)"] }],
    },
    {
      name: 'an app port on one host a load balancer fronts and one it does not: each gets its own fix, by name',
      model: model([lb, pool, app, lone, appSg, inlineRule(appSg.id, 0, [world], [[8080, 8080]])], [
        edge(lb.id, 'forwards-to', pool.id),
        edge(pool.id, 'targets', app.id),
        edge(app.id, 'protected-by', appSg.id),
        edge(lone.id, 'protected-by', appSg.id),
      ]),
      findings: [
        {
          resource: appSg.id,
          severity: 'medium',
          remediation: [
            `On ${app.id}, which a load balancer already fronts, admit the port only from the load balancer's security group (or its subnets). On ${lone.id}, admit it only from the ranges that need it, or put it behind a load balancer too.`,
          ],
        },
      ],
    },
    {
      name: 'the same port on a host nothing fronts: put it behind a load balancer',
      model: model([app, appSg, inlineRule(appSg.id, 0, [world], [[8080, 8080]])], [edge(app.id, 'protected-by', appSg.id)]),
      findings: [{ resource: appSg.id, severity: 'medium', remediation: ['or put the service behind a load balancer'] }],
    },
    {
      name: 'sensitive sources on SSH to a public host: low, saying what weaklink cannot see, never the world',
      model: guarded(publicVm, inlineRule(sg.id, 0, [hiddenSources], [[22, 22]])),
      findings: [
        {
          resource: sg.id,
          severity: 'low',
          scoreAtLeast: 3.9,
          message: ['aws_security_group.web admits tcp 22 from sources marked sensitive in the plan to aws_instance.web, which has a public address: weaklink cannot tell whether they include the internet.'],
          notMessage: ['0.0.0.0/0', 'admits the internet'],
          remediation: ['Check those sources; keep address ranges out of sensitive values (they are not secrets) so reviews and scanners can see them.'],
        },
      ],
    },
    {
      name: 'sensitive sources on a data port of a host whose public address is known only after apply',
      model: guarded(plannedVm, inlineRule(sg.id, 0, [hiddenSources, cidr('10.0.0.0/8')], [[5432, 5432]])),
      findings: [{ resource: sg.id, severity: 'low', scoreAtLeast: 3.5, scoreBelow: 3.6, message: ['tcp 5432', 'may be reachable from the internet after apply'] }],
    },
    {
      name: 'sensitive sources on all ports of a private host: lower still',
      model: guarded(privateVm, inlineRule(sg.id, 0, [hiddenSources], 'all')),
      findings: [{ resource: sg.id, severity: 'low', scoreAtLeast: 2, scoreBelow: 2.1, message: ['all protocols on all ports', 'has no public address yet'] }],
    },
    {
      name: 'a rule hidden whole by a sensitive mark, in front of a publicly accessible database',
      model: model([db, dbSg, rule('aws_security_group.db#ingress[sensitive]', dbSg.id, [hiddenSources], 'all', { source: [dbSg.id], hidden: true })], [edge(db.id, 'protected-by', dbSg.id)]),
      findings: [
        {
          resource: dbSg.id,
          severity: 'low',
          scoreAtLeast: 3.9,
          message: ['aws_security_group.db has ingress rules that the plan marks sensitive whole (their sources, ports and protocols), in front of aws_db_instance.main, which is publicly accessible: weaklink cannot tell whether they admit the internet.'],
          remediation: ['one sensitive range hides every inline rule beside it'],
        },
      ],
    },
    {
      name: 'sensitive sources and the world on the same port, in other rules: the world finding says it all',
      model: guarded(publicVm, rule('aws_security_group_rule.world_ssh', sg.id, [world], [[22, 22]]), rule('aws_security_group_rule.office_ssh', sg.id, [hiddenSources], [[22, 22]])),
      findings: [{ resource: 'aws_security_group_rule.world_ssh', severity: 'critical', message: ['admits the internet (0.0.0.0/0) on tcp 22'] }],
    },
    {
      name: 'the world on SSH in one rule resource, sensitive sources on MySQL in another: two findings, the world one unchanged',
      model: guarded(publicVm, rule('aws_security_group_rule.world_ssh', sg.id, [world], [[22, 22]]), rule('aws_security_group_rule.office_mysql', sg.id, [hiddenSources], [[22, 22], [3306, 3306]])),
      findings: [
        { resource: 'aws_security_group_rule.world_ssh', severity: 'critical', message: ['aws_security_group_rule.world_ssh admits the internet (0.0.0.0/0) on tcp 22 to aws_instance.web.'] },
        { resource: 'aws_security_group_rule.office_mysql', severity: 'low', message: ['admits tcp 3306 from sources marked sensitive'], notMessage: ['22'] },
      ],
    },
    {
      name: 'the halves of the internet in two rule resources of one group: one finding, named by the first, listing both',
      model: guarded(
        publicVm,
        rule('aws_vpc_security_group_ingress_rule.ssh_high', sg.id, [cidr('128.0.0.0/1')], [[22, 22]]),
        rule('aws_vpc_security_group_ingress_rule.ssh_low', sg.id, [cidr('0.0.0.0/1')], [[22, 22]]),
      ),
      findings: [
        {
          resource: 'aws_vpc_security_group_ingress_rule.ssh_high',
          severity: 'critical',
          message: ['0.0.0.0/1 and 128.0.0.0/1 together, in aws_vpc_security_group_ingress_rule.ssh_high and aws_vpc_security_group_ingress_rule.ssh_low: every IPv4 address', 'tcp 22'],
          related: ['aws_vpc_security_group_ingress_rule.ssh_low', sg.id, publicVm.id],
        },
      ],
    },
    {
      name: 'the halves of the internet in two security groups of one host (an interface\'s groups add up)',
      model: model(
        [publicVm, sg, appSg, rule('aws_vpc_security_group_ingress_rule.a', sg.id, [cidr('0.0.0.0/1')], [[3389, 3389]]), rule('aws_vpc_security_group_ingress_rule.b', appSg.id, [cidr('128.0.0.0/1')], [[3389, 3389]])],
        [edge(publicVm.id, 'protected-by', sg.id), edge(publicVm.id, 'protected-by', appSg.id)],
      ),
      findings: [{ resource: 'aws_vpc_security_group_ingress_rule.a', severity: 'critical', message: ['tcp 3389', 'together, in aws_vpc_security_group_ingress_rule.a and aws_vpc_security_group_ingress_rule.b'] }],
    },
    {
      name: 'behind a passthrough network load balancer, a public host is still open to the world',
      model: behindNlb(publicVm, [[8080, 8080]]),
      findings: [{ resource: sg.id, severity: 'medium', message: ['tcp 8080'] }],
    },
    {
      name: 'behind a passthrough network load balancer, ports beyond the pool\'s are findings',
      model: behindNlb(privateVm, [[8080, 8081]]),
      findings: [{ resource: sg.id, severity: 'medium', message: ['8080-8081'] }],
    },
    {
      name: 'an admin port behind a passthrough network load balancer: exposed now, through the load balancer (critical, not "no public address yet")',
      model: behindNlb(privateVm, [[22, 22]], { pool: targetPool('aws_lb_target_group.nlb', { port: 22, clientAddressesPreserved: true }) }),
      findings: [{ resource: sg.id, severity: 'critical', message: ['22', 'aws_lb.nlb passes the internet\'s connections on port 22 straight through to aws_instance.private'], notMessage: ['public address yet'] }],
    },
    {
      name: 'an admin port behind a passthrough network load balancer that may face the internet (not known before apply)',
      model: behindNlb(privateVm, [[22, 22]], {
        pool: targetPool('aws_lb_target_group.nlb', { port: 22, clientAddressesPreserved: true }),
        lb: loadBalancer('aws_lb.nlb', ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'], { layer: 'network', internetFacing: unknownValue() }),
      }),
      findings: [{ resource: sg.id, severity: 'critical', message: ['aws_lb.nlb passes'] }],
    },
    {
      name: 'an admin port behind an internal passthrough network load balancer: no public address yet (high)',
      model: behindNlb(privateVm, [[22, 22]], {
        pool: targetPool('aws_lb_target_group.nlb', { port: 22, clientAddressesPreserved: true }),
        lb: loadBalancer('aws_lb.nlb', ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'], { layer: 'network', internetFacing: known(false) }),
      }),
      findings: [{ resource: sg.id, severity: 'high', message: ['public address yet'], notMessage: ['passes'] }],
    },
    {
      name: 'a pool that keeps the destination port, its listener on another port',
      model: behindGcpNlb(privateVm, known(8443), [[8080, 8080]]),
      findings: [{ resource: sg.id, severity: 'medium', message: ['tcp 8080'] }],
    },
    {
      name: 'a pool that keeps the destination port, its listener\'s port not known',
      model: behindGcpNlb(privateVm, unknownValue(), [[8080, 8080]]),
      findings: [{ resource: sg.id, severity: 'medium', message: ['tcp 8080'] }],
    },
    {
      name: 'a network load balancer with its own security group: the host could admit only that group',
      model: behindNlb(privateVm, [[8080, 8080]], { lbGroup: true }),
      findings: [{ resource: sg.id, severity: 'medium', message: ['tcp 8080'] }],
    },
    {
      name: 'an internal network load balancer brings no clients from the internet: the opening is not needed',
      model: behindNlb(privateVm, [[8080, 8080]], { lb: loadBalancer('aws_lb.nlb', ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'], { layer: 'network', internetFacing: known(false) }) }),
      findings: [{ resource: sg.id, severity: 'medium', message: ['tcp 8080'] }],
    },
    {
      name: 'a network target group that replaces the clients\' addresses',
      model: behindNlb(privateVm, [[8080, 8080]], { pool: targetPool('aws_lb_target_group.nlb', { port: 8080, clientAddressesPreserved: false }) }),
      findings: [{ resource: sg.id, severity: 'medium' }],
    },
    {
      name: 'SSH from 0.0.0.0/0 to a host with a public address',
      model: guarded(publicVm, inlineRule(sg.id, 0, [world], [[22, 22]])),
      findings: [{ resource: sg.id, severity: 'critical', message: ['0.0.0.0/0', 'tcp 22', publicVm.id, 'Admin ports'], path: ['internet', sg.id, publicVm.id] }],
    },
    {
      name: 'RDP from ::/0 (IPv6 world)',
      model: guarded(publicVm, inlineRule(sg.id, 0, [world6], [[3389, 3389]])),
      findings: [{ resource: sg.id, severity: 'critical', message: ['::/0', 'tcp 3389'], notMessage: ['0.0.0.0/0'] }],
    },
    {
      name: 'protocol all from the world',
      model: guarded(plannedVm, inlineRule(sg.id, 0, [world], 'all')),
      findings: [{ resource: sg.id, severity: 'critical', message: ['all protocols on all ports', 'Every port'] }],
    },
    {
      name: 'a tcp range 0-65535 covers SSH',
      model: guarded(publicVm, inlineRule(sg.id, 0, [world], [[0, 65535]])),
      findings: [{ resource: sg.id, severity: 'critical', message: ['tcp all ports'] }],
    },
    {
      name: 'a range 20-25 names the SSH inside it',
      model: guarded(publicVm, inlineRule(sg.id, 0, [world], [[20, 25]])),
      findings: [{ resource: sg.id, severity: 'critical', message: ['tcp 20-25 (including 22 SSH, 23 Telnet)'] }],
    },
    {
      name: 'a separate rule resource is named by its own address',
      model: guarded(publicVm, rule('aws_security_group_rule.ssh', sg.id, [world], [[22, 22]])),
      findings: [{ resource: 'aws_security_group_rule.ssh', severity: 'critical', related: [sg.id, publicVm.id], path: ['internet', 'aws_security_group_rule.ssh', publicVm.id] }],
    },
    {
      name: 'one group on many hosts is one finding listing them',
      model: (() => {
        const vms = [0, 1, 2].map((i) => host(`aws_instance.web[${i}]`, [ZONE], { publicIp: known(true) }));
        return model([...vms, sg, inlineRule(sg.id, 0, [world], [[22, 22]])], vms.map((v) => edge(v.id, 'protected-by', sg.id)));
      })(),
      findings: [{ resource: sg.id, severity: 'critical', message: ['aws_instance.web[0], aws_instance.web[1] and aws_instance.web[2]'] }],
    },
    {
      name: 'a publicly accessible database open to the world is critical',
      model: model([db, dbSg, inlineRule(dbSg.id, 0, [world], [[5432, 5432]])], [edge(db.id, 'protected-by', dbSg.id)]),
      findings: [{ resource: dbSg.id, severity: 'critical', message: ['tcp 5432', 'publicly accessible'], scoreAtLeast: 9.5 }],
    },
    {
      name: 'a private database open to the world is high',
      model: model([privateDb, dbSg, inlineRule(dbSg.id, 0, [world], [[5432, 5432]])], [edge(privateDb.id, 'protected-by', dbSg.id)]),
      findings: [{ resource: dbSg.id, severity: 'high', message: ['data port'] }],
    },
    {
      name: 'SSH to a host with no public address is high, not critical',
      model: guarded(privateVm, inlineRule(sg.id, 0, [world], [[22, 22]])),
      findings: [{ resource: sg.id, severity: 'high', message: ['None of them has a public address'] }],
    },
    {
      name: 'Redis on a host whose address is known after apply',
      model: guarded(plannedVm, inlineRule(sg.id, 0, [world], [[6379, 6379]])),
      findings: [{ resource: sg.id, severity: 'high', message: ['tcp 6379'] }],
    },
    {
      name: 'an app port open to the world is medium',
      model: guarded(publicVm, inlineRule(sg.id, 0, [world], [[8080, 8080]])),
      findings: [{ resource: sg.id, severity: 'medium', message: ['tcp 8080'] }],
    },
    {
      name: 'SSH on an internet-facing load balancer',
      model: model([lb, lbSg, inlineRule(lbSg.id, 0, [world], [[22, 22]]), inlineRule(lbSg.id, 1, [world], [[443, 443]])], [edge(lb.id, 'protected-by', lbSg.id)]),
      findings: [{ resource: lbSg.id, severity: 'critical', message: ['tcp 22'], notMessage: ['443'] }],
    },
    {
      name: 'an allow at 100 before a deny-all at 4096 (first match, Azure "*")',
      model: model([azureVm, nsg, rule('nsg#deny_all', nsg.id, [anyWorld], 'all', { action: 'deny', priority: 4096 }), rule('nsg#ssh', nsg.id, [anyWorld], [[22, 22]], { priority: 100 })], [
        edge(azureVm.id, 'protected-by', nsg.id),
      ]),
      findings: [{ resource: 'nsg#ssh', severity: 'critical', message: ['0.0.0.0/0, ::/0', 'tcp 22'] }],
    },
    {
      name: 'a subnet NSG alone opens SSH to the VMs in the subnet',
      model: (() => {
        const sn = subnet('azurerm_subnet.app', 'westeurope/1');
        return model([azureVm, sn, nsg, rule('azurerm_network_security_rule.ssh', nsg.id, [anyWorld], [[22, 22]], { priority: 100 })], [edge(azureVm.id, 'in-subnet', sn.id), edge(sn.id, 'protected-by', nsg.id)]);
      })(),
      findings: [{ resource: 'azurerm_network_security_rule.ssh', severity: 'critical', path: ['internet', 'azurerm_network_security_rule.ssh', azureVm.id] }],
    },
    {
      name: 'what the user did not allow stays reported',
      model: guarded(publicVm, inlineRule(sg.id, 0, [world], [[22, 22]]), inlineRule(sg.id, 1, [world], [[3389, 3389]])),
      settings: { worldOpenAllowed: (a, p) => a === sg.id && p === 22 },
      findings: [{ resource: sg.id, severity: 'critical', message: ['tcp 3389'], notMessage: ['22'] }],
    },
    {
      name: 'an unattached group open on SSH ranks lower',
      model: model([loose, inlineRule(loose.id, 0, [world], [[22, 22]])]),
      findings: [{ resource: loose.id, severity: 'medium', message: ['protects nothing in this plan', 'tcp 22'] }],
    },
    {
      name: 'a group only a Lambda function or an interface endpoint uses, open on every port: low, and it says what it guards',
      model: (() => {
        const fnSg = policy('aws_security_group.fn', { usedPrivately: ['aws_lambda_function.orders', 'aws_vpc_endpoint.logs'] });
        return model([fnSg, inlineRule(fnSg.id, 0, [world], 'all')]);
      })(),
      findings: [
        {
          resource: 'aws_security_group.fn',
          severity: 'low',
          message: ['guards only aws_lambda_function.orders and aws_vpc_endpoint.logs', 'no address the internet reaches'],
          notMessage: ['protects nothing'],
          related: ['aws_lambda_function.orders', 'aws_vpc_endpoint.logs'],
        },
      ],
    },
    {
      name: 'a rule whose group is not in the plan ranks lower',
      model: model([rule('aws_security_group_rule.mysql', 'aws_security_group_rule.mysql#unattached', [world], [[3306, 3306]])]),
      findings: [{ resource: 'aws_security_group_rule.mysql', severity: 'medium', message: ['tcp 3306'] }],
    },
    {
      name: 'an unattached group open on an app port is low',
      model: model([loose, inlineRule(loose.id, 0, [world], [[8080, 8080]])]),
      findings: [{ resource: loose.id, severity: 'low' }],
    },
    {
      name: 'a host the user marks as data tier is judged as a data store, web ports too',
      model: guarded(host('aws_instance.db', [ZONE], { publicIp: known(true), tags: { 'weaklink:tier': 'data' } }), inlineRule(sg.id, 0, [world], [[443, 443]])),
      findings: [{ resource: sg.id, severity: 'critical', message: ['tcp 443'] }],
    },
  ],
});

describe('open-ingress ranking', () => {
  it('ranks the same opening lower on a group attached to nothing', () => {
    const attached = findingsOf(openIngress, guarded(publicVm, inlineRule(sg.id, 0, [world], [[22, 22]])))[0]!;
    const unattached = findingsOf(openIngress, model([sg, inlineRule(sg.id, 0, [world], [[22, 22]])]))[0]!;
    expect(unattached.score).toBeLessThan(attached.score);
  });

  it('gives only ports, ranges and addresses in its message', () => {
    const [f] = findingsOf(openIngress, guarded(publicVm, inlineRule(sg.id, 0, [world], [[22, 22]])));
    expect(f!.message).toMatch(/^aws_security_group\.web admits the internet \(0\.0\.0\.0\/0\) on tcp 22 to aws_instance\.web\. /);
  });
});

describe('a Kubernetes API endpoint', () => {
  // The shape the adapters give a cluster's public endpoint: its access list as a policy of its own, one rule on
  // tcp 443 named by the cluster's address, the cloud's knobs on the policy.
  const eksEndpoint = (basis: 'set' | 'default') => ({
    basis,
    close: [
      { attribute: 'vpc_config.endpoint_private_access', value: 'true' },
      { attribute: 'vpc_config.endpoint_public_access', value: 'false' },
    ],
    narrow: { attribute: 'vpc_config.public_access_cidrs', value: 'the office, VPN or CI ranges that need the API' },
  });
  const cluster = (publicIp: Value<boolean> = known(true)) => host('aws_eks_cluster.main', [], { role: 'cluster', publicIp });
  const api = (peers: readonly Peer[], basis: 'set' | 'default' = 'set', publicIp?: Value<boolean>) => {
    const c = cluster(publicIp);
    const list = policy(`${c.id}#api_endpoint`, { source: [c.id], publicEndpoint: eksEndpoint(basis) });
    return model([c, list, rule(`${list.id}#ingress[0]`, list.id, peers, [[443, 443]], { source: [c.id] })], [edge(c.id, 'protected-by', list.id)]);
  };
  const clusterSg = policy('aws_security_group.cluster');
  const nacl = policy('aws_network_acl.private', { evaluation: 'first-match' });
  const sn = subnet('aws_subnet.private', ZONE);

  ruleTester(openIngress, {
    quiet: [
      { name: 'an endpoint narrowed to an office range', model: api([cidr('203.0.113.0/24')]) },
      {
        // The group guards the control plane's interfaces in the VPC: private addresses, the API to the nodes only.
        name: 'the cluster\'s own group open to the world on 22 (a control plane\'s one public face is its endpoint)',
        model: model([cluster(), clusterSg, inlineRule(clusterSg.id, 0, [world], [[22, 22]])], [edge('aws_eks_cluster.main', 'protected-by', clusterSg.id)]),
      },
      {
        name: 'a narrowed endpoint beside the cluster\'s own group open to the world on 443 (the group guards private interfaces only)',
        model: (() => {
          const m = api([cidr('203.0.113.0/24')]);
          return model([...m.entities.values(), clusterSg, inlineRule(clusterSg.id, 0, [world, world6], [[443, 443]])], [...m.edges, edge('aws_eks_cluster.main', 'protected-by', clusterSg.id)]);
        })(),
      },
      { name: 'an endpoint whose ranges are known only after apply (not sensitive)', model: api([{ kind: 'unknown' }]) },
      { name: 'a named range that is not the internet (Compute Engine public addresses)', model: api([{ kind: 'service', name: 'Google Compute Engine public IP addresses' }]) },
      { name: 'a private endpoint: no public access list at all', model: model([cluster(known(false))]) },
      { name: '443 from the world the user allowed on this cluster', model: api([world]), settings: { worldOpenAllowed: (a, p) => a === 'aws_eks_cluster.main' && p === 443 } },
    ],
    fires: [
      {
        name: 'open to 0.0.0.0/0 by the provider default: medium, named by the cluster, with the cloud\'s knobs',
        model: api([world], 'default'),
        findings: [
          {
            resource: 'aws_eks_cluster.main',
            severity: 'medium',
            message: ['The Kubernetes API of aws_eks_cluster.main is open to the internet (0.0.0.0/0) on tcp 443.', 'leaked kubeconfig', 'This rests on the provider default for `vpc_config.public_access_cidrs`'],
            notMessage: ['#api_endpoint'],
            remediation: ['`vpc_config.endpoint_private_access = true` and `vpc_config.endpoint_public_access = false`', '`vpc_config.public_access_cidrs`'],
            related: ['aws_eks_cluster.main'],
            path: ['internet', 'aws_eks_cluster.main'],
          },
        ],
      },
      {
        name: 'open to 0.0.0.0/0 as written: no word of a default',
        model: api([world]),
        findings: [{ resource: 'aws_eks_cluster.main', severity: 'medium', message: ['on tcp 443'], notMessage: ['provider default'] }],
      },
      {
        name: 'a public endpoint only after apply: medium, a little lower',
        model: api([world], 'set', unknownValue(true)),
        findings: [{ resource: 'aws_eks_cluster.main', severity: 'medium', message: ['on tcp 443'], scoreBelow: 6.5 }],
      },
      {
        name: 'the endpoint is evaluated alone: a subnet ACL and the cluster\'s own group, which guard the private endpoint, do not hide it',
        model: (() => {
          const m = api([world]);
          const extra = [clusterSg, nacl, sn, inlineRule(clusterSg.id, 0, [fromPolicy(clusterSg.id)], [[443, 443]]), rule('aws_network_acl.private#ingress[0]', nacl.id, [cidr('10.0.0.0/8')], 'all', { priority: 100 })];
          return model([...m.entities.values(), ...extra], [...m.edges, edge('aws_eks_cluster.main', 'protected-by', clusterSg.id), edge('aws_eks_cluster.main', 'in-subnet', sn.id), edge(sn.id, 'protected-by', nacl.id)]);
        })(),
        findings: [{ resource: 'aws_eks_cluster.main', severity: 'medium', message: ['The Kubernetes API of aws_eks_cluster.main'] }],
      },
      {
        name: 'ranges marked sensitive: low, never the value',
        model: api([hiddenSources]),
        findings: [{ resource: 'aws_eks_cluster.main', severity: 'low', message: ['The Kubernetes API of aws_eks_cluster.main admits tcp 443 from sources marked sensitive in the plan, and aws_eks_cluster.main has a public address: weaklink cannot tell'], notMessage: ['#api_endpoint'] }],
      },
      {
        name: 'an endpoint whose being public at all is known only after apply: said so',
        model: api([world], 'set', unknownValue()),
        findings: [{ resource: 'aws_eks_cluster.main', severity: 'medium', message: ['Whether the endpoint is public at all is known only after apply.'] }],
      },
    ],
  });
});

describe('rules the plan does not hold (presumed: the pre-populated rules of GCP\'s default network)', () => {
  const fw = policy('network/default#firewall', { evaluation: 'first-match', source: [], declaredBy: 'network/default#firewall' });
  const presumed = (name: string, peers: Peer[], ports: Array<[number, number]> | 'all') =>
    rule(`${fw.id}/${name}/tcp`, fw.id, peers, ports, {
      source: [],
      declaredBy: fw.id,
      priority: 65534,
      protocol: 'tcp',
      presumed: { name, origin: "Google's pre-populated firewall rules of the project's default network", fix: 'Use a custom-mode VPC network (CIS GCP 3.1); or delete default-allow-ssh and use IAP TCP forwarding (35.235.240.0/20).' },
    });
  const ssh = presumed('default-allow-ssh', [world], [[22, 22]]);
  const rdp = presumed('default-allow-rdp', [world], [[3389, 3389]]);
  const internal = presumed('default-allow-internal', [cidr('10.128.0.0/9')], 'all');
  const gcpVm = (id: string, publicIp: Value<boolean>) => host(id, ['us-central1/us-central1-a'], { cloud: 'gcp', publicIp });
  const onDefault = (vms: Entity[], ...rules: Entity[]) => model([...vms, fw, ssh, rdp, internal, ...rules], vms.map((v) => edge(v.id, 'protected-by', fw.id)));
  const vm = gcpVm('google_compute_instance.vm', known(true));

  ruleTester(openIngress, {
    quiet: [
      // The presumed rule opens nothing the internet reaches today, and every private VM of every default network
      // would be a finding: the network itself is the weak link, which the public VMs' findings name.
      { name: 'a VM on the default network without an external address', model: onDefault([gcpVm('google_compute_instance.private', byDefault(false))]) },
      {
        name: 'a plan rule of the default network that denies SSH and RDP from the world first',
        model: onDefault([vm], rule('google_compute_firewall.deny_admin#deny[0]', fw.id, [world], [[22, 22], [3389, 3389]], { action: 'deny', priority: 1000 })),
      },
    ],
    fires: [
      {
        name: 'a VM with an external address: high, not critical, saying what it rests on and what to do',
        model: onDefault([vm]),
        findings: [
          {
            resource: vm.id,
            severity: 'high',
            message: [
              'google_compute_instance.vm admits the internet (0.0.0.0/0) on tcp 22, 3389 through default-allow-rdp and default-allow-ssh, some of Google\'s pre-populated firewall rules of the project\'s default network: this plan does not hold them, and they stand unless someone deleted them outside it.',
            ],
            remediation: ['custom-mode VPC network', 'CIS GCP 3.1', 'IAP TCP forwarding (35.235.240.0/20)'],
            path: ['internet', fw.id, vm.id],
            related: [fw.id],
            scoreBelow: 9.0,
          },
        ],
      },
      {
        name: 'an address known only after apply: high, a little lower',
        model: onDefault([gcpVm('google_compute_instance.planned', unknownValue(false))]),
        findings: [{ resource: 'google_compute_instance.planned', severity: 'high', message: ['through default-allow-rdp and default-allow-ssh'], scoreBelow: 7.5 }],
      },
      {
        name: 'one finding per VM, and the plan\'s own world rule keeps its own, critical, finding without doubling the port',
        model: onDefault([vm, gcpVm('google_compute_instance.other', known(true))], rule('google_compute_firewall.ssh#allow[0]', fw.id, [world], [[22, 22]], { priority: 1000, source: ['google_compute_firewall.ssh'] })),
        findings: [
          { resource: 'google_compute_firewall.ssh', severity: 'critical', message: ['google_compute_firewall.ssh admits the internet (0.0.0.0/0) on tcp 22 to google_compute_instance.other and google_compute_instance.vm'] },
          { resource: vm.id, severity: 'high', message: ['on tcp 3389 through default-allow-rdp, one of', 'this plan does not hold it, and it stands unless'], notMessage: ['tcp 22'] },
          { resource: 'google_compute_instance.other', severity: 'high', message: ['on tcp 3389 through default-allow-rdp'] },
        ],
      },
    ],
  });
});
