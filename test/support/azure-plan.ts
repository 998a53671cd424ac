/**
 * Small azurerm plans in the exact format `terraform show -json` writes (format 1.2, as Terraform 1.x prints it
 * with hashicorp/azurerm 4.x; shapes checked against the corpus plans): each resource instance appears in
 * `planned_values`, in `resource_changes` (with `after_unknown`, `after_sensitive` and `before_sensitive`) and,
 * once per block, in `configuration` with its expressions and references.
 */
import { adapt } from '../../src/adapters/index.js';
import type { DataStore, EdgeKind, Entity, EntityKind, EntityOf, Model } from '../../src/model/index.js';
import { loadDocument } from '../../src/terraform/index.js';
import { planWriter, type WrittenResource } from './plan-writer.js';

type Json = Record<string, unknown>;

export type PlanResource = WrittenResource;

const writer = planWriter({
  key: 'azurerm',
  fullName: 'registry.terraform.io/hashicorp/azurerm',
  terraformVersion: '1.9.8',
  providerConfig: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm', version_constraint: '~> 4.0', expressions: { features: [{}] } },
});

/** A plan that creates `resources`; `moduleCalls` gives each child module call's expressions. */
export const azurePlan = writer.plan;

/** What `terraform show -json` prints for a state holding `resources`. */
export const azureState = writer.state;

export const azureModel = (json: Json, side: 'after' | 'before' = 'after'): Model => adapt(loadDocument('test.json', json)[side]);

/** The entity with this id and kind, or a failed expectation. */
export function entityIn<K extends EntityKind>(model: Model, id: string, kind: K): EntityOf<K> {
  const entity: Entity | undefined = model.entities.get(id);
  if (entity?.kind !== kind) throw new Error(`no ${kind} ${id} among ${[...model.entities.keys()].join(', ')}`);
  return entity as EntityOf<K>;
}

export const storeIn = (model: Model, id: string): DataStore => entityIn(model, id, 'datastore');

/** `to via` of the edges of one kind leaving `from`, sorted. */
export function edgesFrom(model: Model, from: string, kind: EdgeKind): string[] {
  return model.edges.filter((e) => e.from === from && e.kind === kind).map((e) => `${e.to} via ${e.via}`).sort();
}

/** `from via` of the edges of one kind arriving at `to`, sorted. */
export function edgesTo(model: Model, to: string, kind: EdgeKind): string[] {
  return model.edges.filter((e) => e.to === to && e.kind === kind).map((e) => `${e.from} via ${e.via}`).sort();
}

/** Configuration references to a resource's id, as Terraform 1.x records them (`azurerm_subnet.app.id`, `azurerm_subnet.app`). */
export const ref = (...addresses: string[]) => ({ references: addresses.flatMap((a) => [`${a}.id`, a]) });
/** A reference to another attribute (`name`) of a resource. */
export const refAttr = (address: string, attribute: string) => ({ references: [`${address}.${attribute}`, address] });
export const constant = (value: unknown) => ({ constant_value: value });

/** An inline `security_rule` block (or the values of an `azurerm_network_security_rule`) as azurerm 4.x plans it. */
export function securityRule(name: string, over: Json): Json {
  return {
    access: 'Allow',
    description: '',
    destination_address_prefix: '*',
    destination_address_prefixes: [],
    destination_application_security_group_ids: [],
    destination_port_range: '',
    destination_port_ranges: [],
    direction: 'Inbound',
    name,
    priority: 100,
    protocol: 'Tcp',
    source_address_prefix: '',
    source_address_prefixes: [],
    source_application_security_group_ids: [],
    source_port_range: '*',
    source_port_ranges: [],
    ...over,
  };
}

const location = 'westeurope';
const group = { resource_group_name: 'rg-app' };

/** A virtual network and subnets in it, before apply (ids unknown). */
export function network(vnet: string, subnets: Record<string, string>): PlanResource[] {
  return [
    {
      address: vnet,
      values: { ...group, location, name: vnet.split('.').pop(), address_space: ['10.0.0.0/16'], tags: null },
      unknown: { address_space: [false], guid: true, id: true, subnet: true },
      expressions: { address_space: constant(['10.0.0.0/16']), location: constant('West Europe'), name: constant(vnet.split('.').pop()), resource_group_name: constant('rg-app') },
    },
    ...Object.entries(subnets).map(([address, cidr]) => ({
      address,
      values: { ...group, name: address.split('.').pop(), address_prefixes: [cidr], virtual_network_name: vnet.split('.').pop() },
      unknown: { address_prefixes: [false], id: true },
      expressions: { address_prefixes: constant([cidr]), name: constant(address.split('.').pop()), resource_group_name: constant('rg-app'), virtual_network_name: refAttr(vnet, 'name') },
    })),
  ];
}

/** A NIC in `subnet`, optionally with a public IP. */
export function nic(address: string, subnet: string, publicIp?: string): PlanResource {
  return {
    address,
    values: { ...group, location, name: address.split('.').pop(), ip_configuration: [{ name: 'internal', private_ip_address_allocation: 'Dynamic', private_ip_address_version: 'IPv4' }] },
    unknown: { id: true, ip_configuration: [{ private_ip_address: true, ...(publicIp ? { public_ip_address_id: true } : {}), subnet_id: true }], mac_address: true, private_ip_address: true, private_ip_addresses: true, virtual_machine_id: true },
    expressions: {
      ip_configuration: [{ name: constant('internal'), private_ip_address_allocation: constant('Dynamic'), subnet_id: ref(subnet), ...(publicIp ? { public_ip_address_id: ref(publicIp) } : {}) }],
      location: constant(location),
      name: constant(address.split('.').pop()),
      resource_group_name: constant('rg-app'),
    },
  };
}

/** An association of two resources by their ids (`azurerm_network_interface_security_group_association` and kin). */
export function association(address: string, links: Record<string, string>): PlanResource {
  return {
    address,
    values: {},
    unknown: { id: true, ...Object.fromEntries(Object.keys(links).map((k) => [k, true])) },
    expressions: Object.fromEntries(Object.entries(links).map(([k, target]) => [k, ref(target)])),
  };
}

/** An NSG with inline rules. */
export function nsg(address: string, rules: readonly Json[]): PlanResource {
  return {
    address,
    values: { ...group, location, name: address.split('.').pop(), security_rule: rules, tags: null },
    unknown: { id: true, security_rule: rules.map(() => ({ destination_address_prefixes: [], destination_application_security_group_ids: [], destination_port_ranges: [], source_address_prefixes: [], source_application_security_group_ids: [], source_port_ranges: [] })) },
    expressions: { location: constant(location), name: constant(address.split('.').pop()), resource_group_name: constant('rg-app'), ...(rules.length > 0 ? { security_rule: rules.map(() => ({})) } : {}) },
  };
}

/** A Linux VM on `nics`, in `zone` when given. */
export function linuxVm(address: string, nics: readonly string[], zone?: string): PlanResource {
  return {
    address,
    values: { ...group, location, name: address.split('.').pop(), size: 'Standard_B2s', admin_username: 'azureuser', ...(zone ? { zone } : { zone: null }), admin_ssh_key: [{ public_key: 'ssh-ed25519 AAAAC3Nza', username: 'azureuser' }] },
    unknown: { id: true, network_interface_ids: true, private_ip_address: true, public_ip_address: true, virtual_machine_id: true },
    expressions: {
      admin_username: constant('azureuser'),
      location: constant(location),
      name: constant(address.split('.').pop()),
      network_interface_ids: { references: nics.flatMap((n) => [`${n}.id`, n]) },
      resource_group_name: constant('rg-app'),
      size: constant('Standard_B2s'),
      ...(zone ? { zone: constant(zone) } : {}),
    },
  };
}
