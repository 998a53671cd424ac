import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { opensPort, worldOpenings } from '../../graph/exposure.js';
import { association, azureModel, azurePlan, azureState, constant, entityIn, linuxVm, network, nic, nsg, refAttr, securityRule, type PlanResource } from '../../../test/support/azure-plan.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

const rulesOf = (m: ReturnType<typeof azureModel>, policy: string) =>
  [...m.entities.values()].filter((e) => e.kind === 'firewall-rule' && e.policy === policy).map((e) => e.id).sort();

describe('azurerm_network_security_group and azurerm_network_security_rule (regula corpus, Terraform 0.13)', () => {
  const m = modelOfFile(corpusFile('regula/azure-nsgs-inbound-22-rules-tf0.13.5.json'));

  it('an NSG is a first-match policy; inline rules are `<nsg>#security_rule[i]`', () => {
    expect(entityIn(m, 'azurerm_network_security_group.invalidnsg1', 'firewall-policy')).toMatchObject({ evaluation: 'first-match', cloud: 'azure' });
    expect(rulesOf(m, 'azurerm_network_security_group.invalidnsg1')).toEqual([
      'azurerm_network_security_group.invalidnsg1#security_rule[0]',
      'azurerm_network_security_group.invalidnsg1#security_rule[1]',
    ]);
  });

  it('`*` source and `*` port: the world on every port, at its priority', () => {
    const r = entityIn(m, 'azurerm_network_security_group.invalidnsg1#security_rule[1]', 'firewall-rule');
    expect(r).toMatchObject({ direction: 'ingress', action: 'allow', priority: 100, protocol: 'tcp', ports: [{ from: 0, to: 65535 }], peers: [{ kind: 'world', family: 'any' }] });
  });

  it('port lists and ranges (`destination_port_ranges = ["235", "30-50"]`) from a single address', () => {
    const r = entityIn(m, 'azurerm_network_security_group.invalidnsg1#security_rule[0]', 'firewall-rule');
    expect(r.ports).toEqual([{ from: 235, to: 235 }, { from: 30, to: 50 }]);
    expect(r.peers).toEqual([{ kind: 'cidr', cidr: '10.10.10.10/32' }]);
  });

  it('`0.0.0.0/0`, `Internet` and `Any` are the world', () => {
    expect(entityIn(m, 'azurerm_network_security_group.invalidnsg2#security_rule[0]', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(entityIn(m, 'azurerm_network_security_group.validnsg1#security_rule[1]', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'any' }]);
    expect(entityIn(m, 'azurerm_network_security_rule.invalidrule2', 'firewall-rule')).toMatchObject({ peers: [{ kind: 'world', family: 'any' }], ports: [{ from: 22, to: 22 }, { from: 27, to: 27 }] });
  });

  it('rule resources join the NSG they name by name; `source_address_prefixes` mixing `*` and an address', () => {
    expect(rulesOf(m, 'azurerm_network_security_group.testnsg')).toEqual([
      'azurerm_network_security_rule.invalidrule1',
      'azurerm_network_security_rule.invalidrule2',
      'azurerm_network_security_rule.invalidrule3',
      'azurerm_network_security_rule.validrule1',
      'azurerm_network_security_rule.validrule2',
    ]);
    const r = entityIn(m, 'azurerm_network_security_rule.invalidrule1', 'firewall-rule');
    expect(r.peers).toEqual([{ kind: 'world', family: 'any' }, { kind: 'cidr', cidr: '10.10.10.10/32' }]);
    expect(r.ports).toEqual([{ from: 20, to: 25 }]);
    expect(entityIn(m, 'azurerm_network_security_rule.validrule2', 'firewall-rule').peers).toEqual([{ kind: 'cidr', cidr: '10.10.10.10/32' }]);
  });

  it('checkov (1.3): an NSG whose rules are all separate resources has no inline rules to invent', () => {
    const c = modelOfFile(corpusFile('checkov/azure-nsg-and-nsg-rule-references-tf1.3.6.json'));
    expect(rulesOf(c, 'azurerm_network_security_group.fail')).toEqual([]);
    expect(entityIn(c, 'azurerm_network_security_rule.pass', 'firewall-rule')).toMatchObject({ policy: 'azurerm_network_security_group.pass', action: 'deny', priority: 100, ports: [{ from: 3389, to: 3389 }] });
  });
});

const net = network('azurerm_virtual_network.main', { 'azurerm_subnet.app': '10.0.1.0/24' });
const vmWith = (...extra: PlanResource[]) => [
  ...net,
  nic('azurerm_network_interface.vm', 'azurerm_subnet.app'),
  linuxVm('azurerm_linux_virtual_machine.vm', ['azurerm_network_interface.vm']),
  ...extra,
];
const onNic = association('azurerm_network_interface_security_group_association.vm', { network_interface_id: 'azurerm_network_interface.vm', network_security_group_id: 'azurerm_network_security_group.nic' });
const onSubnet = association('azurerm_subnet_network_security_group_association.app', { subnet_id: 'azurerm_subnet.app', network_security_group_id: 'azurerm_network_security_group.subnet' });

function openings(resources: readonly PlanResource[]) {
  const g = new Graph(azureModel(azurePlan(resources)));
  return worldOpenings(g, g.get('azurerm_linux_virtual_machine.vm')!).map((o) => `${o.protocol}/${o.ports.from}-${o.ports.to}`);
}

describe('NSG evaluation as Azure does it (through worldOpenings)', () => {
  it('a deny at priority 100 shadows an allow at 200: quiet', () => {
    const denyThenAllow = nsg('azurerm_network_security_group.nic', [
      securityRule('deny-ssh', { access: 'Deny', priority: 100, source_address_prefix: '*', destination_port_range: '22' }),
      securityRule('allow-ssh', { priority: 200, source_address_prefix: 'Internet', destination_port_range: '22' }),
    ]);
    expect(openings(vmWith(denyThenAllow, onNic))).toEqual([]);
  });

  it('an allow at 100 before a deny at 200 admits: fires', () => {
    const allowThenDeny = nsg('azurerm_network_security_group.nic', [
      securityRule('allow-ssh', { priority: 100, source_address_prefix: '*', destination_port_range: '22' }),
      securityRule('deny-all', { access: 'Deny', priority: 200, protocol: '*', source_address_prefix: '*', destination_port_range: '*' }),
    ]);
    expect(openings(vmWith(allowThenDeny, onNic))).toEqual(['tcp/22-22']);
  });

  it('a separate deny rule resource at 100 shadows an inline allow at 200 in the same NSG', () => {
    const inline = nsg('azurerm_network_security_group.nic', [securityRule('allow-rdp', { priority: 200, source_address_prefix: '::/0', destination_port_range: '3389' })]);
    const deny: PlanResource = {
      address: 'azurerm_network_security_rule.deny_rdp',
      values: securityRule('deny-rdp', { access: 'Deny', priority: 100, source_address_prefix: '*', destination_port_range: '3389', network_security_group_name: 'nic', resource_group_name: 'rg-app' }),
      unknown: { id: true },
      expressions: { access: constant('Deny'), network_security_group_name: refAttr('azurerm_network_security_group.nic', 'name') },
    };
    expect(openings(vmWith(inline, onNic))).toEqual(['tcp/3389-3389']);
    expect(openings(vmWith(inline, deny, onNic))).toEqual([]);
  });

  it('an NSG on the subnet alone guards the VM', () => {
    const subnetNsg = nsg('azurerm_network_security_group.subnet', [securityRule('allow-web', { priority: 100, source_address_prefix: 'Internet', destination_port_ranges: ['80', '443'] })]);
    expect(openings(vmWith(subnetNsg, onSubnet))).toEqual(['tcp/80-80', 'tcp/443-443']);
  });

  it('NSGs on both the subnet and the NIC: traffic must pass both', () => {
    const subnetNsg = nsg('azurerm_network_security_group.subnet', [securityRule('allow-admin', { priority: 100, source_address_prefix: '*', destination_port_ranges: ['22', '3389'] })]);
    const nicNsg = nsg('azurerm_network_security_group.nic', [securityRule('allow-ssh', { priority: 100, source_address_prefix: '*', destination_port_range: '22' })]);
    expect(openings(vmWith(subnetNsg, onSubnet, nicNsg, onNic))).toEqual(['tcp/22-22']);
    const closedNic = nsg('azurerm_network_security_group.nic', [securityRule('vnet-only', { priority: 100, source_address_prefix: 'VirtualNetwork', destination_port_range: '*' })]);
    expect(openings(vmWith(subnetNsg, onSubnet, closedNic, onNic))).toEqual([]);
  });

  it('service tags are not the world: AzureLoadBalancer and VirtualNetwork stay quiet', () => {
    const tags = nsg('azurerm_network_security_group.nic', [
      securityRule('lb', { priority: 100, source_address_prefix: 'AzureLoadBalancer', destination_port_range: '8080' }),
      securityRule('vnet', { priority: 110, source_address_prefix: 'VirtualNetwork', destination_port_range: '*', protocol: '*' }),
    ]);
    const m = azureModel(azurePlan(vmWith(tags, onNic)));
    expect(entityIn(m, 'azurerm_network_security_group.nic#security_rule[0]', 'firewall-rule').peers).toEqual([{ kind: 'service', name: 'AzureLoadBalancer' }]);
    expect(openings(vmWith(tags, onNic))).toEqual([]);
  });

  it('`::/0` and port ranges: an IPv6 world opening', () => {
    const v6 = nsg('azurerm_network_security_group.nic', [securityRule('v6', { priority: 300, protocol: '*', source_address_prefixes: ['::/0'], destination_port_range: '1000-2000' })]);
    const m = azureModel(azurePlan(vmWith(v6, onNic)));
    expect(entityIn(m, 'azurerm_network_security_group.nic#security_rule[0]', 'firewall-rule')).toMatchObject({ protocol: 'all', peers: [{ kind: 'world', family: 'ipv6' }], ports: [{ from: 1000, to: 2000 }] });
    const g = new Graph(m);
    const open = worldOpenings(g, g.get('azurerm_linux_virtual_machine.vm')!);
    expect(opensPort(open, 1500)).toBe(true);
    expect(open.map((o) => o.protocol)).toEqual(['tcp', 'udp']);
  });

  it('outbound rules do not open anything inbound', () => {
    const out = nsg('azurerm_network_security_group.nic', [securityRule('egress', { direction: 'Outbound', priority: 100, destination_address_prefix: '*', destination_port_range: '*' })]);
    const m = azureModel(azurePlan(vmWith(out, onNic)));
    expect(entityIn(m, 'azurerm_network_security_group.nic#security_rule[0]', 'firewall-rule').direction).toBe('egress');
    expect(openings(vmWith(out, onNic))).toEqual([]);
  });
});

describe('application security groups of inline rules', () => {
  const sub = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network';
  it('each block keeps its own: a rule naming no group applies to every NIC, even beside one that names a group', () => {
    const s = azureModel(
      azureState([
        { address: 'azurerm_application_security_group.web', values: { id: `${sub}/applicationSecurityGroups/web`, name: 'web' } },
        { address: 'azurerm_application_security_group.ops', values: { id: `${sub}/applicationSecurityGroups/ops`, name: 'ops' } },
        {
          address: 'azurerm_network_security_group.a',
          values: {
            id: `${sub}/networkSecurityGroups/a`,
            name: 'a',
            security_rule: [
              securityRule('web', { priority: 100, source_address_prefix: 'Internet', destination_port_range: '443', destination_application_security_group_ids: [`${sub}/applicationSecurityGroups/web`] }),
              securityRule('ssh-from-ops', { priority: 110, source_application_security_group_ids: [`${sub}/applicationSecurityGroups/ops`], destination_port_range: '22' }),
              securityRule('all', { priority: 120, source_address_prefix: 'VirtualNetwork', destination_port_range: '8080' }),
            ],
          },
        },
      ]),
    );
    const rule = (i: number) => entityIn(s, `azurerm_network_security_group.a#security_rule[${i}]`, 'firewall-rule');
    expect([rule(0).targets, rule(1).targets, rule(2).targets]).toEqual([{ kind: 'labels', labels: ['azurerm_application_security_group.web'] }, { kind: 'all' }, { kind: 'all' }]);
    expect([rule(0).peers, rule(1).peers, rule(2).peers]).toEqual([
      [{ kind: 'world', family: 'any' }],
      [{ kind: 'label', label: 'azurerm_application_security_group.ops' }],
      [{ kind: 'service', name: 'VirtualNetwork' }],
    ]);
  });
});
