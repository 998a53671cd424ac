import { describe, expect, it } from 'vitest';
import { check } from '../analyze.js';
import { known } from '../model/index.js';
import { cidr, datastore, edge, fromPolicy, host, inlineRule, model, policy, rule, subnet, targetPool, world } from '../../test/support/builders.js';
import { findingsOf, ruleTester } from '../../test/support/rule-tester.js';
import { A, jumpHost, service, threeTier } from '../../test/support/services.js';
import { dataReachable } from './data-reachable.js';
import { openIngress } from './open-ingress.js';

const CHAIN = ['internet', 'aws_security_group.jump', 'aws_instance.jump', 'aws_db_instance.main'];

/** An Azure VM with a public address behind an NSG, and a database whose firewall admits the VM's subnet. */
function azure(nsgRules: 'deny-100-allow-200' | 'allow-200') {
  const vm = host('azurerm_linux_virtual_machine.jump', ['westeurope/1'], { cloud: 'azure', publicIp: known(true) });
  const sn = subnet('azurerm_subnet.app', 'westeurope/1', { cloud: 'azure', cidrs: ['10.0.1.0/24'] });
  const nsg = policy('azurerm_network_security_group.app', { cloud: 'azure', evaluation: 'first-match' });
  const db = datastore('azurerm_postgresql_flexible_server.main', { cloud: 'azure', placement: { region: 'westeurope', zones: known(['westeurope/1', 'westeurope/2']), zoneRedundant: known(true) }, replicas: known(2) });
  const fw = policy('azurerm_postgresql_flexible_server.main#firewall', { cloud: 'azure' });
  const rules = [
    ...(nsgRules === 'deny-100-allow-200' ? [rule('azurerm_network_security_rule.deny_internet', nsg.id, [world], 'all', { action: 'deny', priority: 100, cloud: 'azure' })] : []),
    rule('azurerm_network_security_rule.allow_ssh', nsg.id, [world], [[22, 22]], { priority: 200, cloud: 'azure' }),
    rule('azurerm_postgresql_flexible_server_firewall_rule.app', fw.id, [cidr('10.0.1.0/24')], [[5432, 5432]], { cloud: 'azure' }),
  ];
  return model([vm, sn, nsg, db, fw, ...rules], [edge(vm.id, 'in-subnet', sn.id), edge(vm.id, 'protected-by', nsg.id), edge(db.id, 'protected-by', fw.id)]);
}

ruleTester(dataReachable, {
  quiet: [
    { name: 'a database reachable only through the load balancer and the app tier', model: service(threeTier({ db: 'single' })) },
    { name: 'a jump host open to the world that the database does not admit', model: jumpHost({ dbAdmitsJump: false }) },
    { name: 'an Azure NSG whose deny at priority 100 shadows the allow at 200', model: azure('deny-100-allow-200') },
    {
      name: 'a private database its group opens to the world (no address the internet can use: open-ingress says so)',
      model: service(threeTier({ db: 'single' }), { entities: [rule('aws_security_group_rule.db_world', 'aws_security_group.db', [world], [[5432, 5432]])] }),
    },
    {
      name: 'a jump host open to the world without a public address',
      model: model([...jumpHost({ dbAdmitsJump: true }).entities.values()].map((e) => (e.id === 'aws_instance.jump' ? host(e.id, [A], { publicIp: known(false) }) : e)), jumpHost({ dbAdmitsJump: true }).edges),
    },
    {
      name: 'a foothold the user accepted in the config (the bastion\'s SSH)',
      model: jumpHost({ dbAdmitsJump: true }),
      settings: { worldOpenAllowed: (address, port) => address === 'aws_security_group.jump' && port === 22 },
    },
  ],
  fires: [
    {
      name: 'a database reachable from the world through a chain of two security groups',
      model: jumpHost({ dbAdmitsJump: true }),
      findings: [
        {
          resource: 'aws_security_group.jump',
          severity: 'critical',
          path: CHAIN,
          message: ['admits the internet on 22 to aws_instance.jump', 'aws_db_instance.main admits it (aws_security_group.db on 5432)'],
          notMessage: ['known only after apply'],
          remediation: ['Close the world opening'],
        },
      ],
    },
    {
      name: 'the database\'s rule names the jump host\'s group only as a guess (a new group\'s shared inline references): a possible path, high not critical, and the message says so',
      model: service(threeTier({ db: 'multi-az' }), {
        entities: [
          host('aws_instance.jump', [A], { publicIp: known(true) }),
          policy('aws_security_group.jump'),
          inlineRule('aws_security_group.jump', 0, [world], [[22, 22]]),
          inlineRule('aws_security_group.db', 1, [fromPolicy('aws_security_group.jump'), fromPolicy('aws_security_group.app')], [[5432, 5432]], { peersGuessed: true }),
        ],
        edges: [edge('aws_instance.jump', 'protected-by', 'aws_security_group.jump', 'vpc_security_group_ids')],
      }),
      findings: [
        {
          resource: 'aws_security_group.jump',
          severity: 'high',
          path: CHAIN,
          message: ["aws_db_instance.main admits it (aws_security_group.db on 5432, that perhaps only for another source: which of aws_security_group.db's rules names which group is known only after apply)"],
        },
      ],
    },
    {
      name: 'the same chain when the world opening is every port',
      model: jumpHost({ dbAdmitsJump: true, jumpPorts: [[0, 65535]] }),
      findings: [{ resource: 'aws_security_group.jump', severity: 'critical', path: CHAIN, message: ['on all ports'] }],
    },
    {
      name: 'the Azure NSG without the deny: the allow at 200 lets the internet in, and the database admits the subnet',
      model: azure('allow-200'),
      findings: [
        {
          resource: 'azurerm_network_security_rule.allow_ssh',
          severity: 'critical',
          path: ['internet', 'azurerm_network_security_rule.allow_ssh', 'azurerm_linux_virtual_machine.jump', 'azurerm_postgresql_flexible_server.main'],
          message: ['azurerm_postgresql_flexible_server.main admits it (azurerm_postgresql_flexible_server_firewall_rule.app on 5432)'],
        },
      ],
    },
    {
      name: 'a publicly accessible database its own group opens to the world',
      model: service(threeTier({ db: 'single' }), {
        entities: [rule('aws_security_group_rule.db_world', 'aws_security_group.db', [world], [[5432, 5432]]), datastore('aws_db_instance.main', { publiclyAccessible: known(true) })],
      }),
      findings: [{ resource: 'aws_security_group_rule.db_world', severity: 'critical', path: ['internet', 'aws_security_group_rule.db_world', 'aws_db_instance.main'], message: ['the data answers the internet directly'] }],
    },
    {
      name: 'an internet-facing load balancer that forwards to a data store',
      model: service(threeTier(), { entities: [targetPool('aws_lb_target_group.db', { port: 5432 })], edges: [edge('aws_lb.web', 'forwards-to', 'aws_lb_target_group.db'), edge('aws_lb_target_group.db', 'targets', 'aws_db_instance.main')] }),
      findings: [{ resource: 'aws_lb.web', severity: 'critical', path: ['internet', 'aws_lb.web', 'aws_db_instance.main'], message: ['forwards the internet straight to aws_db_instance.main'] }],
    },
    {
      name: 'an internet-facing load balancer that forwards to an admin port',
      model: service(threeTier(), { entities: [targetPool('aws_lb_target_group.ssh', { port: 22 })], edges: [edge('aws_lb.web', 'forwards-to', 'aws_lb_target_group.ssh'), edge('aws_lb_target_group.ssh', 'targets', 'aws_autoscaling_group.web')] }),
      findings: [{ resource: 'aws_lb.web', severity: 'high', path: ['internet', 'aws_lb.web', 'aws_autoscaling_group.web'], message: ['admin port 22'] }],
    },
  ],
});

describe('one weak link, one finding', () => {
  it('absorbs open-ingress on the same opening, with the path to the data', () => {
    const m = jumpHost({ dbAdmitsJump: true });
    expect(findingsOf(openIngress, m).map((f) => f.resources[0])).toEqual(['aws_security_group.jump']);
    const found = check(m, 'plan.json', { rules: [openIngress, dataReachable] });
    expect(found.map((f) => `${f.rule} ${f.resources[0]} ${f.severity}`)).toEqual(['data-reachable aws_security_group.jump critical']);
    expect(found[0]!.path).toEqual(CHAIN);
  });

  it('leaves open-ingress alone where no data lies behind the opening', () => {
    const found = check(jumpHost({ dbAdmitsJump: false }), 'plan.json', { rules: [openIngress, dataReachable] });
    expect(found.map((f) => `${f.rule} ${f.resources[0]}`)).toEqual(['open-ingress aws_security_group.jump']);
  });
});

describe('a group shared by a public server and a publicly accessible database (fixtures/aws/single-server)', () => {
  const server = host('aws_instance.server', [A], { publicIp: known(true) });
  const db = datastore('aws_db_instance.main', { ports: [3306], onlyPorts: true, publiclyAccessible: known(true) });
  const sg = policy('aws_security_group.server');
  const shared = (ports: Array<[number, number]>) =>
    model([server, db, sg, ...ports.map(([from, to], i) => inlineRule(sg.id, i, [world], [[from, to]]))], [edge(server.id, 'protected-by', sg.id), edge(db.id, 'protected-by', sg.id)]);

  it('SSH open on the group does not reach the database, which listens on 3306 only: open-ingress names the server alone', () => {
    const found = check(shared([[22, 22]]), 'plan.json', { rules: [openIngress, dataReachable] });
    expect(found.filter((f) => f.rule === 'data-reachable')).toEqual([]);
    const open = found.filter((f) => f.rule === 'open-ingress');
    expect(open.map((f) => f.message)).toEqual([
      'aws_security_group.server admits the internet (0.0.0.0/0) on tcp 22 to aws_instance.server. Admin ports open to the internet are scanned within minutes and are one leaked key or unpatched daemon away from a takeover.',
    ]);
  });

  it('SSH and MySQL open: the database answers directly on 3306, and the finding that absorbs open-ingress\'s still names the server\'s SSH', () => {
    const found = check(shared([[22, 22], [3306, 3306]]), 'plan.json', { rules: [openIngress, dataReachable] });
    expect(found.map((f) => f.rule)).toEqual(['data-reachable']);
    const [f] = found;
    expect(f!.message).toContain('admits the internet on 3306 to aws_db_instance.main itself');
    expect(f!.message).not.toContain('on 22, 3306 to aws_db_instance.main');
    expect(f!.message).toContain('It also admits the internet to aws_instance.server (tcp 22, 3306).');
    expect(f!.remediation).toContain('Close its other world openings too');
    expect(f!.resources).toContain('aws_instance.server');
  });
});

describe('a data store whose ports may be partial (a management endpoint, a port known only after apply)', () => {
  it('keeps every port: SSH open on its group is still a way to it', () => {
    const server = host('aws_instance.server', [A], { publicIp: known(true) });
    const files = datastore('aws_fsx_ontap_file_system.main', { ports: [2049], publiclyAccessible: known(true) });
    const sg = policy('aws_security_group.files');
    const m = model([server, files, sg, inlineRule(sg.id, 0, [world], [[22, 22]])], [edge(server.id, 'protected-by', sg.id), edge(files.id, 'protected-by', sg.id)]);
    const found = check(m, 'plan.json', { rules: [openIngress, dataReachable] });
    expect(found.map((f) => f.rule)).toEqual(['data-reachable']);
    expect(found[0]!.message).toContain('admits the internet on 22 to aws_fsx_ontap_file_system.main itself');
  });
});

describe('one opening, two hosts the database admits', () => {
  it('names both ways in, not only the first', () => {
    const jump = jumpHost({ dbAdmitsJump: true });
    const other = host('aws_instance.jump2', [A], { publicIp: known(true) });
    const m = model([...jump.entities.values(), other], [...jump.edges, edge(other.id, 'protected-by', 'aws_security_group.jump')]);
    const [f] = findingsOf(dataReachable, m);
    expect(f!.message).toContain('aws_security_group.jump also admits the internet to aws_instance.jump2 (on 22), another way to the data.');
  });
});

describe('a Kubernetes control plane whose own group is open to the world, and a database that admits that group', () => {
  it('is no way in: the control plane\'s interfaces in the network have private addresses (its public face is the API endpoint)', () => {
    const cluster = host('aws_eks_cluster.main', [A], { role: 'cluster', publicIp: known(true) });
    const clusterSg = policy('aws_security_group.cluster');
    const db = datastore('aws_db_instance.main', { ports: [5432], onlyPorts: true });
    const dbSg = policy('aws_security_group.db');
    const m = model(
      [cluster, clusterSg, db, dbSg, inlineRule(clusterSg.id, 0, [world], [[22, 22]]), inlineRule(dbSg.id, 0, [fromPolicy(clusterSg.id)], [[5432, 5432]])],
      [edge(cluster.id, 'protected-by', clusterSg.id), edge(db.id, 'protected-by', dbSg.id)],
    );
    expect(check(m, 'plan.json', { rules: [openIngress, dataReachable] })).toEqual([]);
  });
});
