import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { worldOpenings } from '../../graph/exposure.js';
import {
  association,
  azureModel,
  azurePlan,
  azureState,
  constant,
  edgesFrom,
  edgesTo,
  entityIn,
  linuxVm,
  network,
  nic,
  nsg,
  ref,
  securityRule,
  type PlanResource,
} from '../../../test/support/azure-plan.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

describe('azure VMs in real plans', () => {
  it('terracost (1.0, module): a legacy VM with its NIC, NSG association and Basic public IP folded in', () => {
    const m = modelOfFile(corpusFile('terracost/azure-vm-nsg-nic-modules-tf1.0.6.json'));
    const vm = entityIn(m, 'module.vm.azurerm_virtual_machine.main', 'host');
    expect(vm).toMatchObject({ role: 'instance', cloud: 'azure', publicIp: { state: 'set', value: true } });
    expect(vm.source).toEqual([
      'module.vm.azurerm_virtual_machine.main',
      'module.vm.azurerm_network_interface.vm_net_interface',
      'module.vm.azurerm_network_interface_security_group_association.vm_sg_assocation',
    ]);
    // `zones` left out: "no zone", which is not zone redundancy.
    expect(vm.placement).toEqual({ region: 'francecentral', zones: { state: 'default', value: [] }, zoneRedundant: { state: 'set', value: false } });
    expect(edgesFrom(m, vm.id, 'protected-by')).toEqual(['module.vm.azurerm_network_security_group.vm_sg via module.vm.azurerm_network_interface_security_group_association.vm_sg_assocation']);
    expect(edgesTo(m, vm.id, 'attached-to')).toEqual(['module.vm.azurerm_public_ip.vm_pub_ip via module.vm.azurerm_network_interface.vm_net_interface']);
    expect(entityIn(m, 'module.vm.azurerm_public_ip.vm_pub_ip', 'public-address').placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(m.entities.has('module.vm.azurerm_network_interface.vm_net_interface')).toBe(false);
    expect(m.unmodelled).toEqual({});
    const g = new Graph(m);
    expect(worldOpenings(g, vm).map((o) => [o.protocol, o.ports.from, o.ports.to])).toEqual([['tcp', 22, 22]]);
  });

  it('terraform-compliance (0.12): VMs in availability sets stay single-zone; subnets reached through module variables', () => {
    const m = modelOfFile(corpusFile('terraform-compliance/azure-availability-sets-nsg-rules-vms-tf0.12.25.json'));
    const linux = entityIn(m, 'module.linuxservers-fail.azurerm_virtual_machine.vm-linux[0]', 'host');
    expect(linux.source).toContain('module.linuxservers-fail.azurerm_availability_set.vm');
    expect(linux.placement.zones).toEqual({ state: 'default', value: [] });
    expect(linux.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    // Its public IP has count 0: nothing attached.
    expect(linux.publicIp).toEqual({ state: 'default', value: false });
    expect(edgesFrom(m, linux.id, 'in-subnet')).toEqual(['azurerm_subnet.internal via module.linuxservers-fail.azurerm_network_interface.vm[0]']);
    const windows = entityIn(m, 'module.windowsservers-pass.azurerm_virtual_machine.vm-windows[0]', 'host');
    expect(windows.publicIp).toEqual({ state: 'set', value: true });
    const g = new Graph(m);
    expect(worldOpenings(g, linux).map((o) => o.ports.from)).toEqual([22]);
    expect(worldOpenings(g, windows).map((o) => o.ports.from)).toEqual([3389]);
    expect(m.unmodelled).not.toHaveProperty('azurerm_availability_set');
    expect(m.unmodelled).not.toHaveProperty('azurerm_network_interface');
  });
});

const net = network('azurerm_virtual_network.main', { 'azurerm_subnet.app': '10.0.1.0/24' });
const pip: PlanResource = {
  address: 'azurerm_public_ip.web',
  values: { allocation_method: 'Static', location: 'westeurope', name: 'web', resource_group_name: 'rg-app', sku: 'Standard', sku_tier: 'Regional', zones: ['1', '2', '3'] },
  unknown: { fqdn: true, id: true, ip_address: true, zones: [false, false, false] },
  expressions: { allocation_method: constant('Static'), sku: constant('Standard'), zones: constant(['1', '2', '3']) },
};

describe('azurerm_linux_virtual_machine', () => {
  const asg: PlanResource = { address: 'azurerm_application_security_group.web', values: { name: 'web' }, unknown: { id: true }, expressions: {} };
  const webNsg = nsg('azurerm_network_security_group.app', [
    securityRule('web-only', { priority: 100, source_address_prefix: 'Internet', destination_port_range: '443', destination_application_security_group_ids: [] }),
  ]);
  webNsg.expressions!.security_rule = [{ destination_application_security_group_ids: ref('azurerm_application_security_group.web') }];
  const plan = azurePlan([
    ...net,
    pip,
    asg,
    webNsg,
    nic('azurerm_network_interface.web', 'azurerm_subnet.app', 'azurerm_public_ip.web'),
    nic('azurerm_network_interface.worker', 'azurerm_subnet.app'),
    linuxVm('azurerm_linux_virtual_machine.web', ['azurerm_network_interface.web'], '2'),
    linuxVm('azurerm_linux_virtual_machine.worker', ['azurerm_network_interface.worker']),
    association('azurerm_network_interface_application_security_group_association.web', { network_interface_id: 'azurerm_network_interface.web', application_security_group_id: 'azurerm_application_security_group.web' }),
    association('azurerm_subnet_network_security_group_association.app', { subnet_id: 'azurerm_subnet.app', network_security_group_id: 'azurerm_network_security_group.app' }),
    { address: 'azurerm_lb_backend_address_pool.web', values: { name: 'web' }, unknown: { id: true, loadbalancer_id: true }, expressions: {} },
    association('azurerm_network_interface_backend_address_pool_association.web', { network_interface_id: 'azurerm_network_interface.web', backend_address_pool_id: 'azurerm_lb_backend_address_pool.web' }),
  ]);
  const m = azureModel(plan);

  it('zone `2` in westeurope is `westeurope/2`; the public IP behind its NIC makes it public', () => {
    const web = entityIn(m, 'azurerm_linux_virtual_machine.web', 'host');
    expect(web.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/2'] }, zoneRedundant: { state: 'set', value: false } });
    expect(web.publicIp).toEqual({ state: 'set', value: true });
    expect(entityIn(m, 'azurerm_public_ip.web', 'public-address').placement).toEqual({
      region: 'westeurope',
      zones: { state: 'set', value: ['westeurope/1', 'westeurope/2', 'westeurope/3'] },
      zoneRedundant: { state: 'set', value: true },
    });
  });

  it('a VM without a public IP and without a zone', () => {
    const worker = entityIn(m, 'azurerm_linux_virtual_machine.worker', 'host');
    expect(worker.publicIp).toEqual({ state: 'default', value: false });
    expect(worker.placement.zones).toEqual({ state: 'default', value: [] });
  });

  it('application security groups are the labels a rule with destination ASGs selects', () => {
    expect(entityIn(m, 'azurerm_linux_virtual_machine.web', 'host').labels).toEqual(['azurerm_application_security_group.web']);
    expect(entityIn(m, 'azurerm_network_security_group.app#security_rule[0]', 'firewall-rule').targets).toEqual({ kind: 'labels', labels: ['azurerm_application_security_group.web'] });
    const g = new Graph(m);
    expect(worldOpenings(g, g.get('azurerm_linux_virtual_machine.web')!).map((o) => o.ports.from)).toEqual([443]);
    expect(worldOpenings(g, g.get('azurerm_linux_virtual_machine.worker')!)).toEqual([]);
  });

  it('a backend pool association makes the pool target the VM', () => {
    expect(edgesTo(m, 'azurerm_linux_virtual_machine.web', 'targets')).toEqual(['azurerm_lb_backend_address_pool.web via azurerm_network_interface_backend_address_pool_association.web']);
  });

  it('a state: NICs, subnets and NSGs linked by their ids', () => {
    const sub = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network';
    const s = azureModel(
      azureState([
        { address: 'azurerm_subnet.a', values: { id: `${sub}/virtualNetworks/v/subnets/a`, name: 'a', address_prefixes: ['10.0.0.0/24'], virtual_network_name: 'v', resource_group_name: 'rg' } },
        { address: 'azurerm_network_security_group.a', values: { id: `${sub}/networkSecurityGroups/a`, name: 'a', security_rule: [] } },
        { address: 'azurerm_network_interface.a', values: { id: `${sub}/networkInterfaces/a`, name: 'a', ip_configuration: [{ name: 'i', subnet_id: `${sub}/virtualNetworks/v/subnets/a`, public_ip_address_id: '' }] } },
        { address: 'azurerm_network_interface_security_group_association.a', values: { id: 'x', network_interface_id: `${sub}/networkInterfaces/a`, network_security_group_id: `${sub}/networkSecurityGroups/a` } },
        { address: 'azurerm_windows_virtual_machine.a', values: { id: 'vm', name: 'vm-a', location: 'northeurope', zone: '', network_interface_ids: [`${sub}/networkInterfaces/a`] } },
      ]),
    );
    const vm = entityIn(s, 'azurerm_windows_virtual_machine.a', 'host');
    expect(edgesFrom(s, vm.id, 'in-subnet')).toEqual(['azurerm_subnet.a via azurerm_network_interface.a']);
    expect(edgesFrom(s, vm.id, 'protected-by')).toEqual(['azurerm_network_security_group.a via azurerm_network_interface_security_group_association.a']);
    expect(vm.publicIp).toEqual({ state: 'default', value: false });
    expect(vm.placement.zones).toEqual({ state: 'default', value: [] });
  });
});
