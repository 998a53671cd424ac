import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { worldOpenings } from '../../graph/exposure.js';
import type { Entity, Model } from '../../model/index.js';
import { edgesFrom, edgesTo, entityIn, storeIn } from '../../../test/support/azure-plan.js';
import { modelOfFile, readPlan } from '../../../test/support/plans.js';

const FIXTURES = new URL('../../../fixtures/azure/', import.meta.url).pathname;
const open = (g: Graph, id: string) => worldOpenings(g, g.get(id)!).map((o) => `${o.protocol}/${o.ports.from === o.ports.to ? o.ports.from : `${o.ports.from}-${o.ports.to}`}`);
const ofKind = (m: Model, kind: Entity['kind']) => [...m.entities.values()].filter((e) => e.kind === kind).map((e) => e.id).sort();

describe('fixtures/azure/single-vm', () => {
  const file = `${FIXTURES}single-vm/plan.json`;
  const m = modelOfFile(file);
  const g = new Graph(m);

  it('reads as a Terraform 1.x plan that creates everything; only the resource group goes unmodelled', () => {
    const doc = readPlan(file);
    expect([doc.kind, doc.formatVersion, doc.terraformVersion, doc.before.length]).toEqual(['plan', '1.2', '1.11.4', 0]);
    expect(m.unmodelled).toEqual({ azurerm_resource_group: 1 });
    expect(ofKind(m, 'host')).toEqual(['azurerm_linux_virtual_machine.bad_nat_jump', 'azurerm_linux_virtual_machine.bad_single_vm']);
    expect(ofKind(m, 'datastore')).toEqual(['azurerm_postgresql_flexible_server.bad_zonal_db']);
  });

  it('a jump VM without a public IP, reached through the load balancer\'s inbound NAT rule on its SSH port', () => {
    expect(entityIn(m, 'azurerm_linux_virtual_machine.bad_nat_jump', 'host').publicIp).toEqual({ state: 'default', value: false });
    expect(edgesFrom(m, 'azurerm_lb_nat_rule.ssh_jump#backend', 'port-forwards')).toEqual(['azurerm_linux_virtual_machine.bad_nat_jump via azurerm_network_interface_nat_rule_association.jump']);
    expect(entityIn(m, 'azurerm_lb_nat_rule.ssh_jump#backend', 'target-pool')).toMatchObject({ port: 22, clientAddressesPreserved: true });
    expect(open(g, 'azurerm_linux_virtual_machine.bad_nat_jump')).toEqual(['tcp/22']);
  });

  it('one VM in no zone, with a public IP, serving HTTPS, SSH and RDP open to the world too', () => {
    const vm = entityIn(m, 'azurerm_linux_virtual_machine.bad_single_vm', 'host');
    expect(vm).toMatchObject({ role: 'instance', replicas: { desired: { value: 1 } }, publicIp: { state: 'set', value: true } });
    expect(vm.placement).toEqual({ region: 'westeurope', zones: { state: 'default', value: [] }, zoneRedundant: { state: 'set', value: false } });
    expect(open(g, vm.id)).toEqual(['tcp/22', 'tcp/443', 'tcp/3389']);
    expect(edgesFrom(m, vm.id, 'protected-by')).toEqual(['azurerm_network_security_group.bad_world_admin via azurerm_network_interface_security_group_association.vm']);
  });

  it('PostgreSQL in zone 1 without a standby, public, open to the world on 5432', () => {
    const db = storeIn(m, 'azurerm_postgresql_flexible_server.bad_zonal_db');
    expect(db.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1'] }, zoneRedundant: { state: 'default', value: false } });
    expect(db.replicas).toEqual({ state: 'default', value: 1 });
    expect(db.publiclyAccessible).toEqual({ state: 'default', value: true });
    expect(open(g, db.id)).toEqual(['tcp/5432']);
  });

  it('the administrator password never reaches the model', () => {
    expect(readFileSync(file, 'utf8')).toContain('fixture-only-not-a-real-password');
    expect(JSON.stringify(readPlan(file).after)).not.toContain('fixture-only-not-a-real-password');
    expect(JSON.stringify({ e: [...m.entities.values()], x: m.edges })).not.toContain('fixture-only');
  });
});

describe('fixtures/azure/zone-redundant', () => {
  const m = modelOfFile(`${FIXTURES}zone-redundant/plan.json`);
  const g = new Graph(m);
  const stacks = ['1', '2', '3'];

  it('only resources without a weak link of their own go unmodelled', () => {
    expect(m.unmodelled).toEqual({ azurerm_private_dns_zone: 1, azurerm_private_dns_zone_virtual_network_link: 1, azurerm_resource_group: 1, azurerm_user_assigned_identity: 1 });
  });

  it('the application gateway is the one way in: zone-redundant over 1-3, at least two instances, 443 only', () => {
    const agw = entityIn(m, 'azurerm_application_gateway.good_zone_redundant', 'load-balancer');
    expect(agw.internetFacing).toEqual({ state: 'set', value: true });
    expect(agw.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1', 'westeurope/2', 'westeurope/3'] }, zoneRedundant: { state: 'set', value: true } });
    expect(agw.replicas).toEqual({ min: { state: 'set', value: 2 }, desired: { state: 'set', value: 2 }, max: { state: 'set', value: 6 } });
    expect(open(g, agw.id)).toEqual(['tcp/443']);
    expect(entityIn(m, 'azurerm_public_ip.gateway', 'public-address').placement.zoneRedundant).toEqual({ state: 'set', value: true });
  });

  it('zonal stacks: each scale set runs two instances in its zone, behind the gateway pool, closed to the world', () => {
    const sets = stacks.map((z) => `azurerm_linux_virtual_machine_scale_set.good_zonal_app["${z}"]`);
    expect(ofKind(m, 'host')).toEqual(sets);
    expect(edgesFrom(m, 'azurerm_application_gateway.good_zone_redundant#backend_address_pool', 'targets').map((e) => e.split(' via ')[0])).toEqual(sets);
    for (const z of stacks) {
      const set = entityIn(m, `azurerm_linux_virtual_machine_scale_set.good_zonal_app["${z}"]`, 'host');
      expect(set).toMatchObject({ role: 'group', publicIp: { state: 'default', value: false }, replicas: { desired: { state: 'set', value: 2 } } });
      expect(set.placement.zones).toEqual({ state: 'set', value: [`westeurope/${z}`] });
      expect(set.declaredBy).toBe('azurerm_linux_virtual_machine_scale_set.good_zonal_app');
      expect(open(g, set.id)).toEqual([]);
    }
  });

  it('each stack\'s subnet sends its outbound traffic to the NAT gateway of its own zone', () => {
    for (const z of stacks) {
      const subnet = `azurerm_subnet.app["${z}"]`;
      expect(edgesTo(m, subnet, 'in-subnet')).toEqual([`azurerm_linux_virtual_machine_scale_set.good_zonal_app["${z}"] via network_interface.ip_configuration.subnet_id`]);
      expect(edgesFrom(m, subnet, 'routes-to')).toEqual([`azurerm_nat_gateway.good_zonal_nat["${z}"] via azurerm_subnet_nat_gateway_association.app["${z}"]`]);
      const nat = entityIn(m, `azurerm_nat_gateway.good_zonal_nat["${z}"]`, 'gateway');
      expect(nat.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: [`westeurope/${z}`] }, zoneRedundant: { state: 'set', value: false } });
    }
  });

  it('PostgreSQL with a zone-redundant standby (zones 1 and 2), private access only', () => {
    const db = storeIn(m, 'azurerm_postgresql_flexible_server.good_zone_redundant_db');
    expect(db.placement).toEqual({ region: 'westeurope', zones: { state: 'set', value: ['westeurope/1', 'westeurope/2'] }, zoneRedundant: { state: 'set', value: true } });
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(edgesFrom(m, db.id, 'in-subnet')).toEqual(['azurerm_subnet.db via delegated_subnet_id']);
    expect(open(g, db.id)).toEqual([]);
  });

  it('ZRS storage, closed to public networks', () => {
    const st = storeIn(m, 'azurerm_storage_account.good_zrs');
    expect(st.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(st.publiclyAccessible).toEqual({ state: 'set', value: false });
  });
});
