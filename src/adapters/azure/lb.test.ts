import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { loadDocument } from '../../terraform/index.js';
import { association, azureModel, azurePlan, constant, edgesFrom, edgesTo, entityIn, linuxVm, network, nic, nsg, ref, securityRule, type PlanResource } from '../../../test/support/azure-plan.js';

const publicIp = (address: string, sku: string, zones: string[]): PlanResource => ({
  address,
  values: { allocation_method: 'Static', location: 'westeurope', name: address.split('.').pop(), resource_group_name: 'rg-app', sku, sku_tier: 'Regional', zones },
  unknown: { id: true, ip_address: true, zones: zones.map(() => false) },
  expressions: { allocation_method: constant('Static'), sku: constant(sku), ...(zones.length > 0 ? { zones: constant(zones) } : {}) },
});

function lb(address: string, sku: string | undefined, frontend: Record<string, unknown>, frontendRefs: Record<string, unknown>): PlanResource {
  return {
    address,
    values: { location: 'westeurope', name: address.split('.').pop(), resource_group_name: 'rg-app', sku: sku ?? 'Basic', sku_tier: 'Regional', frontend_ip_configuration: [{ name: 'fe', ...frontend }] },
    unknown: { frontend_ip_configuration: [{ id: true, private_ip_address: true, public_ip_address_id: true, subnet_id: true }], id: true, private_ip_address: true },
    expressions: { ...(sku ? { sku: constant(sku) } : {}), frontend_ip_configuration: [{ name: constant('fe'), ...frontendRefs }] },
  };
}

const net = network('azurerm_virtual_network.main', { 'azurerm_subnet.app': '10.0.1.0/24' });

const m = azureModel(
  azurePlan([
    ...net,
    publicIp('azurerm_public_ip.redundant', 'Standard', ['1', '2', '3']),
    publicIp('azurerm_public_ip.zonal', 'Standard', ['1']),
    publicIp('azurerm_public_ip.nozone', 'Standard', []),
    publicIp('azurerm_public_ip.basic', 'Basic', []),
    lb('azurerm_lb.redundant', 'Standard', {}, { public_ip_address_id: ref('azurerm_public_ip.redundant') }),
    lb('azurerm_lb.zonal', 'Standard', {}, { public_ip_address_id: ref('azurerm_public_ip.zonal') }),
    lb('azurerm_lb.nozone', 'Standard', {}, { public_ip_address_id: ref('azurerm_public_ip.nozone') }),
    lb('azurerm_lb.basic', undefined, {}, { public_ip_address_id: ref('azurerm_public_ip.basic') }),
    lb('azurerm_lb.internal', 'Standard', { zones: ['1', '2', '3'] }, { subnet_id: ref('azurerm_subnet.app'), zones: constant(['1', '2', '3']) }),
    { address: 'azurerm_lb_backend_address_pool.web', values: { name: 'web' }, unknown: { id: true, loadbalancer_id: true }, expressions: { loadbalancer_id: ref('azurerm_lb.redundant') } },
    {
      address: 'azurerm_lb_rule.https',
      values: { name: 'https', protocol: 'Tcp', frontend_port: 443, backend_port: 8443, frontend_ip_configuration_name: 'fe' },
      unknown: { backend_address_pool_ids: true, id: true, loadbalancer_id: true },
      expressions: { backend_address_pool_ids: { references: ['azurerm_lb_backend_address_pool.web.id', 'azurerm_lb_backend_address_pool.web'] }, loadbalancer_id: ref('azurerm_lb.redundant') },
    },
  ]),
);

describe('azurerm_lb', () => {
  it('a Standard frontend on a zone-redundant public IP: internet-facing, zone-redundant', () => {
    const r = entityIn(m, 'azurerm_lb.redundant', 'load-balancer');
    expect(r).toMatchObject({ layer: 'network', internetFacing: { state: 'set', value: true } });
    expect(r.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1', 'westeurope/2', 'westeurope/3'] }, zoneRedundant: { state: 'set', value: true } });
    expect(edgesTo(m, r.id, 'attached-to')).toEqual(['azurerm_public_ip.redundant via frontend_ip_configuration.public_ip_address_id']);
  });

  it('a zonal frontend is in one zone; a Standard frontend without zones is "no zone"', () => {
    expect(entityIn(m, 'azurerm_lb.zonal', 'load-balancer').placement).toMatchObject({ zones: { value: ['westeurope/1'] }, zoneRedundant: { value: false } });
    expect(entityIn(m, 'azurerm_lb.nozone', 'load-balancer').placement).toMatchObject({ zones: { value: [] }, zoneRedundant: { value: false } });
  });

  it('Basic (the provider default) has no zones at all', () => {
    const basic = entityIn(m, 'azurerm_lb.basic', 'load-balancer');
    expect(basic.placement).toMatchObject({ zones: { value: [] }, zoneRedundant: { value: false } });
    expect(basic.internetFacing).toEqual({ state: 'set', value: true });
  });

  it('an internal frontend in a subnet, over zones 1-3: not internet-facing, zone-redundant', () => {
    const internal = entityIn(m, 'azurerm_lb.internal', 'load-balancer');
    expect(internal.internetFacing).toEqual({ state: 'set', value: false });
    expect(internal.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(edgesFrom(m, internal.id, 'in-subnet')).toEqual(['azurerm_subnet.app via frontend_ip_configuration.subnet_id']);
  });

  it('backend pool and rule: lb -> pool, rule (listener on 443) -> pool, pool port from the rule', () => {
    expect(edgesFrom(m, 'azurerm_lb.redundant', 'forwards-to')).toEqual(['azurerm_lb_backend_address_pool.web via loadbalancer_id']);
    expect(entityIn(m, 'azurerm_lb_backend_address_pool.web', 'target-pool')).toMatchObject({ port: 8443, clientAddressesPreserved: true });
    const rule = entityIn(m, 'azurerm_lb_rule.https', 'listener');
    expect(rule).toMatchObject({ port: { state: 'set', value: 443 }, protocol: 'Tcp' });
    expect(edgesFrom(m, rule.id, 'forwards-to')).toEqual(['azurerm_lb_backend_address_pool.web via backend_address_pool_ids']);
    expect(edgesFrom(m, rule.id, 'member-of')).toEqual(['azurerm_lb.redundant via loadbalancer_id']);
  });
});

describe('a VM behind a public azurerm_lb', () => {
  // The load balancer keeps the client's address, so the VM's NSG must admit the internet on the backend port:
  // that opening is what the load balancer needs. SSH from the internet is still a finding.
  const nsgRules = [
    securityRule('lb-traffic', { priority: 100, source_address_prefix: 'Internet', destination_port_range: '8443' }),
    securityRule('ssh', { priority: 110, source_address_prefix: 'Internet', destination_port_range: '22' }),
  ];
  const plan = azurePlan([
    ...net,
    publicIp('azurerm_public_ip.redundant', 'Standard', ['1', '2', '3']),
    lb('azurerm_lb.redundant', 'Standard', {}, { public_ip_address_id: ref('azurerm_public_ip.redundant') }),
    { address: 'azurerm_lb_backend_address_pool.web', values: { name: 'web' }, unknown: { id: true, loadbalancer_id: true }, expressions: { loadbalancer_id: ref('azurerm_lb.redundant') } },
    {
      address: 'azurerm_lb_rule.https',
      values: { name: 'https', protocol: 'Tcp', frontend_port: 443, backend_port: 8443, frontend_ip_configuration_name: 'fe' },
      unknown: { backend_address_pool_ids: true, id: true, loadbalancer_id: true },
      expressions: { backend_address_pool_ids: { references: ['azurerm_lb_backend_address_pool.web.id', 'azurerm_lb_backend_address_pool.web'] }, loadbalancer_id: ref('azurerm_lb.redundant') },
    },
    nsg('azurerm_network_security_group.web', nsgRules),
    association('azurerm_subnet_network_security_group_association.app', { subnet_id: 'azurerm_subnet.app', network_security_group_id: 'azurerm_network_security_group.web' }),
    nic('azurerm_network_interface.web', 'azurerm_subnet.app'),
    linuxVm('azurerm_linux_virtual_machine.web', ['azurerm_network_interface.web'], '1'),
    association('azurerm_network_interface_backend_address_pool_association.web', { network_interface_id: 'azurerm_network_interface.web', backend_address_pool_id: 'azurerm_lb_backend_address_pool.web' }),
  ]);
  const report = analyze([loadDocument('plan.json', plan)]);
  const about = (rule: string) => report.findings.filter((f) => f.rule === rule && f.resources.includes('azurerm_linux_virtual_machine.web')).map((f) => f.message);

  it('open-ingress reports the SSH opening, not the load balancer\'s port', () => {
    const messages = about('open-ingress');
    expect(messages.length).toBe(1);
    expect(messages[0]).toMatch(/\b22\b/);
    expect(messages[0]).not.toMatch(/8443/);
  });

  it('segmentation does not call the load balancer\'s port a way around it', () => {
    expect(about('segmentation').join('\n')).not.toMatch(/8443/);
  });
});

describe('inbound NAT rules and pools', () => {
  const natRule = (address: string, values: Record<string, unknown>, expressions: Record<string, unknown> = {}): PlanResource => ({
    address,
    values: { name: address.split('.').pop(), protocol: 'Tcp', frontend_ip_configuration_name: 'fe', resource_group_name: 'rg-app', ...values },
    unknown: { id: true, loadbalancer_id: true, backend_ip_configuration_id: true, frontend_ip_configuration_id: true, ...(expressions.backend_address_pool_id ? { backend_address_pool_id: true } : {}) },
    expressions: { loadbalancer_id: ref('azurerm_lb.redundant'), ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, constant(v)])), ...expressions },
  });
  // SSH to one VM through the load balancer's public frontend: port 50001 to the VM's 22.
  const sshNat = natRule('azurerm_lb_nat_rule.ssh', { frontend_port: 50001, backend_port: 22 });
  const base = [
    ...net,
    publicIp('azurerm_public_ip.redundant', 'Standard', ['1', '2', '3']),
    lb('azurerm_lb.redundant', 'Standard', {}, { public_ip_address_id: ref('azurerm_public_ip.redundant') }),
    sshNat,
    nic('azurerm_network_interface.jump', 'azurerm_subnet.app'),
    linuxVm('azurerm_linux_virtual_machine.jump', ['azurerm_network_interface.jump'], '1'),
    association('azurerm_network_interface_nat_rule_association.ssh', { network_interface_id: 'azurerm_network_interface.jump', nat_rule_id: 'azurerm_lb_nat_rule.ssh' }),
  ];

  it('a NAT rule: a listener on its frontend port, and a pool of its own on the backend port that reaches the VM', () => {
    const m = azureModel(azurePlan(base));
    expect(entityIn(m, 'azurerm_lb_nat_rule.ssh', 'listener')).toMatchObject({ port: { state: 'set', value: 50001 }, protocol: 'Tcp' });
    expect(edgesFrom(m, 'azurerm_lb_nat_rule.ssh', 'member-of')).toEqual(['azurerm_lb.redundant via loadbalancer_id']);
    expect(entityIn(m, 'azurerm_lb_nat_rule.ssh#backend', 'target-pool')).toMatchObject({ port: 22, clientAddressesPreserved: true });
    expect(edgesFrom(m, 'azurerm_lb_nat_rule.ssh', 'forwards-to')).toEqual(['azurerm_lb_nat_rule.ssh#backend via backend_port']);
    expect(edgesFrom(m, 'azurerm_lb_nat_rule.ssh#backend', 'port-forwards')).toEqual(['azurerm_linux_virtual_machine.jump via azurerm_network_interface_nat_rule_association.ssh']);
    expect(m.unmodelled).toEqual({});
  });

  it('a NAT rule over a frontend port range reaches every member of its backend pool', () => {
    const m = azureModel(
      azurePlan([
        ...base,
        { address: 'azurerm_lb_backend_address_pool.web', values: { name: 'web' }, unknown: { id: true, loadbalancer_id: true }, expressions: { loadbalancer_id: ref('azurerm_lb.redundant') } },
        natRule('azurerm_lb_nat_rule.range', { frontend_port_start: 3000, frontend_port_end: 3389, backend_port: 3389 }, { backend_address_pool_id: ref('azurerm_lb_backend_address_pool.web') }),
        nic('azurerm_network_interface.web', 'azurerm_subnet.app'),
        linuxVm('azurerm_linux_virtual_machine.web', ['azurerm_network_interface.web'], '2'),
        association('azurerm_network_interface_backend_address_pool_association.web', { network_interface_id: 'azurerm_network_interface.web', backend_address_pool_id: 'azurerm_lb_backend_address_pool.web' }),
      ]),
    );
    expect(entityIn(m, 'azurerm_lb_nat_rule.range', 'listener').port).toEqual({ state: 'set', value: 3000 });
    expect(edgesFrom(m, 'azurerm_lb_nat_rule.range#backend', 'port-forwards')).toEqual(['azurerm_linux_virtual_machine.web via azurerm_network_interface_backend_address_pool_association.web']);
    expect(edgesFrom(m, 'azurerm_lb_backend_address_pool.web', 'targets')).toEqual(['azurerm_linux_virtual_machine.web via azurerm_network_interface_backend_address_pool_association.web']);
  });

  it('a NAT pool reaches the scale set that names it', () => {
    const m = azureModel(
      azurePlan([
        ...net,
        publicIp('azurerm_public_ip.redundant', 'Standard', ['1', '2', '3']),
        lb('azurerm_lb.redundant', 'Standard', {}, { public_ip_address_id: ref('azurerm_public_ip.redundant') }),
        natRule('azurerm_lb_nat_pool.ssh', { frontend_port_start: 50000, frontend_port_end: 50119, backend_port: 22 }),
        {
          address: 'azurerm_linux_virtual_machine_scale_set.app',
          values: { location: 'westeurope', name: 'app', instances: 2, sku: 'Standard_B2s', zones: ['1', '2'], network_interface: [{ name: 'nic', primary: true, ip_configuration: [{ name: 'internal', primary: true, public_ip_address: [] }] }] },
          unknown: { id: true, network_interface: [{ ip_configuration: [{ load_balancer_inbound_nat_rules_ids: true, subnet_id: true }] }] },
          expressions: { network_interface: [{ name: constant('nic'), ip_configuration: [{ name: constant('internal'), subnet_id: ref('azurerm_subnet.app'), load_balancer_inbound_nat_rules_ids: ref('azurerm_lb_nat_pool.ssh') }] }] },
        },
      ]),
    );
    expect(entityIn(m, 'azurerm_lb_nat_pool.ssh#backend', 'target-pool')).toMatchObject({ port: 22, clientAddressesPreserved: true });
    expect(edgesFrom(m, 'azurerm_lb_nat_pool.ssh#backend', 'port-forwards')).toEqual(['azurerm_linux_virtual_machine_scale_set.app via network_interface.ip_configuration.load_balancer_inbound_nat_rules_ids']);
  });

  describe('end to end: a lone VM reached over SSH through the NAT rule, its NSG admitting the internet on 22', () => {
    const plan = azurePlan([
      ...base,
      nsg('azurerm_network_security_group.app', [securityRule('ssh', { priority: 100, source_address_prefix: 'Internet', destination_port_range: '22' })]),
      association('azurerm_subnet_network_security_group_association.app', { subnet_id: 'azurerm_subnet.app', network_security_group_id: 'azurerm_network_security_group.app' }),
    ]);
    const report = analyze([loadDocument('plan.json', plan)]);
    const about = (rule: string) => report.findings.filter((f) => f.rule === rule && f.resources.includes('azurerm_linux_virtual_machine.jump'));

    it('open-ingress: critical, through the load balancer, not "no public address yet"', () => {
      const [finding, ...rest] = about('open-ingress');
      expect(rest).toEqual([]);
      expect(finding?.severity).toBe('critical');
      expect(finding?.message).toContain('azurerm_lb.redundant passes the internet\'s connections on port 22 straight through to azurerm_linux_virtual_machine.jump');
      expect(finding?.message).not.toContain('public address yet');
    });

    it('the NAT rule is no load-balanced tier: the VM is not "a single instance behind the load balancer"', () => {
      expect(about('spof').map((f) => f.message).join('\n')).not.toMatch(/behind azurerm_lb/);
      expect(about('segmentation').map((f) => f.message).join('\n')).not.toMatch(/azurerm_lb/);
    });
  });
});
