/**
 * The graph facts on plans in the real `terraform show -json` format: fixtures made by real terraform (demo,
 * aws/sg-chain, aws/one-zone-nlb, aws/well-built) and a hand-made azurerm plan in the exact format (NSG priorities).
 * Each done-when case of the dependency-graph issue is here, the way a user meets it: through `analyze`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { Finding } from '../src/findings/index.js';
import { loadDocument, readDocument } from '../src/terraform/index.js';
import { association, azurePlan, constant, linuxVm, network, nic, nsg, securityRule, type PlanResource } from './support/azure-plan.js';

const fixture = (name: string): readonly Finding[] => analyze([readDocument(`fixtures/${name}/plan.json`, readFileSync(`fixtures/${name}/plan.json`))]).findings;
const find = (findings: readonly Finding[], rule: string, resource: string): Finding | undefined => findings.find((f) => f.rule === rule && f.resources[0] === resource);
const named = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.rule} ${f.resources[0]}`);

describe('a redundant web tier on a single database (fixtures/demo)', () => {
  const findings = fixture('demo');

  it('the database is the cut point, and its blast radius covers the web tier', () => {
    const db = find(findings, 'cut-point', 'aws_db_instance.main')!;
    expect(db, named(findings).join('; ')).toBeDefined();
    expect(db.path).toEqual(['internet', 'aws_lb.web', 'aws_autoscaling_group.web', 'aws_db_instance.main']);
    expect(db.resources).toEqual(expect.arrayContaining(['aws_autoscaling_group.web', 'aws_lb.web']));
    expect(db.message).toContain('100% of the service');
    expect(db.severity).toBe('high');
  });

  it('one weak link, one finding: no single-az-database finding beside it', () => {
    expect(find(findings, 'single-az-database', 'aws_db_instance.main')).toBeUndefined();
  });

  it('three private subnets on one NAT gateway: the NAT is the web tier\'s only way out', () => {
    const nat = find(findings, 'cut-point', 'module.network.aws_nat_gateway.main')!;
    expect(nat, named(findings).join('; ')).toBeDefined();
    expect(nat.path).toEqual(['aws_autoscaling_group.web', 'module.network.aws_route_table.private', 'module.network.aws_nat_gateway.main', 'internet']);
    expect(nat.message).toContain('their copies in eu-west-1b and eu-west-1c included');
    expect(find(findings, 'spof', 'module.network.aws_nat_gateway.main')).toBeUndefined();
  });
});

describe('a multi-zone group behind a one-zone load balancer (fixtures/aws/one-zone-nlb)', () => {
  it('the load balancer is the cut point; the group\'s copies in other zones stop with it', () => {
    const findings = fixture('aws/one-zone-nlb');
    const lb = find(findings, 'cut-point', 'aws_lb.app')!;
    expect(lb, named(findings).join('; ')).toBeDefined();
    expect(lb.path).toEqual(['internet', 'aws_lb.app', 'aws_autoscaling_group.app', 'aws_db_instance.main']);
    expect(lb.message).toMatch(/aws_autoscaling_group\.app \(3 instances in zones eu-central-1a, eu-central-1b and eu-central-1c\) stops too/);
    expect(find(findings, 'spof', 'aws_lb.app')).toBeUndefined();
  });
});

describe('a database reachable only through the app tier vs through a chain of two groups', () => {
  it('only through the app tier (fixtures/aws/well-built): quiet', () => {
    const findings = fixture('aws/well-built');
    expect(findings.filter((f) => f.rule === 'data-reachable' || f.rule === 'cut-point')).toEqual([]);
  });

  it('from the world through the bastion\'s group and the database\'s (fixtures/aws/sg-chain): critical, with the path', () => {
    const findings = fixture('aws/sg-chain');
    const chain = find(findings, 'data-reachable', 'aws_security_group.bastion')!;
    expect(chain, named(findings).join('; ')).toBeDefined();
    expect(chain.severity).toBe('critical');
    expect(chain.path).toEqual(['internet', 'aws_security_group.bastion', 'aws_instance.bastion', 'aws_db_instance.main']);
    expect(chain.message).toContain('aws_vpc_security_group_ingress_rule.db_from_bastion');
    expect(find(findings, 'open-ingress', 'aws_security_group.bastion')).toBeUndefined();
  });
});

/**
 * A jump VM with a public address behind an NSG, and a VM tagged as the data tier whose NSG admits the jump VM's
 * subnet on 5432. The jump NSG either denies the internet at priority 100 before allowing SSH at 200, or only allows.
 */
function azureJump(denyFirst: boolean): unknown {
  const jumpRules = [
    ...(denyFirst ? [securityRule('deny-internet', { access: 'Deny', priority: 100, protocol: '*', destination_port_range: '*', source_address_prefix: 'Internet' })] : []),
    securityRule('allow-ssh', { priority: 200, destination_port_range: '22', source_address_prefix: 'Internet' }),
  ];
  const dataRules = [securityRule('postgres-from-app', { priority: 100, destination_port_range: '5432', source_address_prefix: '10.0.1.0/24' })];
  const pip: PlanResource = {
    address: 'azurerm_public_ip.jump',
    values: { allocation_method: 'Static', location: 'westeurope', name: 'jump', resource_group_name: 'rg-app', sku: 'Standard', sku_tier: 'Regional', zones: ['1'] },
    unknown: { fqdn: true, id: true, ip_address: true, zones: [false] },
    expressions: { allocation_method: constant('Static'), sku: constant('Standard'), zones: constant(['1']) },
  };
  const dataVm = linuxVm('azurerm_linux_virtual_machine.postgres', ['azurerm_network_interface.postgres'], '2');
  return azurePlan([
    ...network('azurerm_virtual_network.main', { 'azurerm_subnet.app': '10.0.1.0/24', 'azurerm_subnet.data': '10.0.2.0/24' }),
    pip,
    nsg('azurerm_network_security_group.jump', jumpRules),
    nsg('azurerm_network_security_group.data', dataRules),
    nic('azurerm_network_interface.jump', 'azurerm_subnet.app', 'azurerm_public_ip.jump'),
    nic('azurerm_network_interface.postgres', 'azurerm_subnet.data'),
    association('azurerm_network_interface_security_group_association.jump', { network_interface_id: 'azurerm_network_interface.jump', network_security_group_id: 'azurerm_network_security_group.jump' }),
    association('azurerm_network_interface_security_group_association.postgres', { network_interface_id: 'azurerm_network_interface.postgres', network_security_group_id: 'azurerm_network_security_group.data' }),
    linuxVm('azurerm_linux_virtual_machine.jump', ['azurerm_network_interface.jump'], '1'),
    { ...dataVm, values: { ...dataVm.values, tags: { 'weaklink:tier': 'data' } }, expressions: { ...dataVm.expressions, tags: constant({ 'weaklink:tier': 'data' }) } },
  ]);
}

describe('an Azure NSG whose deny at priority 100 shadows an allow at 200', () => {
  const run = (denyFirst: boolean): readonly Finding[] => analyze([loadDocument('plan.json', azureJump(denyFirst))]).findings;

  it('stays quiet: the internet reaches neither the jump VM nor, through it, the data', () => {
    const findings = run(true);
    expect(findings.filter((f) => f.rule === 'data-reachable' || f.rule === 'open-ingress')).toEqual([]);
  });

  it('without the deny, the allow at 200 is a foothold on the path to the data tier', () => {
    const findings = run(false);
    const hit = findings.find((f) => f.rule === 'data-reachable');
    expect(hit, named(findings).join('; ')).toBeDefined();
    expect(hit!.severity).toBe('critical');
    expect(hit!.path).toEqual(['internet', 'azurerm_network_security_group.jump', 'azurerm_linux_virtual_machine.jump', 'azurerm_linux_virtual_machine.postgres']);
  });
});
