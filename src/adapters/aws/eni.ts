import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { ENI_TYPES, GROUP_TYPES, INSTANCE_TYPES, linkGroupsAt, linkSubnetsAt, refsOne } from './links.js';

const ATTACHMENT_TYPES: readonly string[] = ['aws_network_interface_attachment'];

/**
 * The instances a network interface is attached to: its own `attachment` block, an instance's `network_interface`
 * block (launch-time attachment), or an `aws_network_interface_attachment`.
 */
export function eniHosts(ctx: MapperContext, eni: ResourceInstance): string[] {
  const hosts = new Set(refsOne(ctx, eni, 'attachment.instance', INSTANCE_TYPES));
  for (const i of ctx.referrers(eni, 'network_interface.network_interface_id', INSTANCE_TYPES)) hosts.add(i.address);
  for (const a of ctx.referrers(eni, 'network_interface_id', ATTACHMENT_TYPES)) {
    for (const i of refsOne(ctx, a, 'instance_id', INSTANCE_TYPES)) hosts.add(i);
  }
  return [...hosts].sort();
}

/** The instances behind the network interfaces `instance` names at `path`. */
export function hostsOfInterfacesAt(ctx: MapperContext, instance: ResourceInstance, path: string): string[] {
  const out = new Set<string>();
  for (const address of refsOne(ctx, instance, path, ENI_TYPES)) {
    const eni = ctx.instance(address);
    if (eni) for (const host of eniHosts(ctx, eni)) out.add(host);
  }
  return [...out].sort();
}

/**
 * `aws_network_interface`: no entity of its own. An interface is where an instance meets a subnet and its
 * security groups, so both are folded into the instances it is attached to (labelled with the interface's
 * address); a detached interface carries no traffic and leaves nothing.
 */
export const networkInterface: Mapper = {
  types: ENI_TYPES,
  map(instance, ctx) {
    for (const host of eniHosts(ctx, instance)) {
      linkSubnetsAt(ctx, host, instance, 'subnet_id', instance.address, true);
      linkGroupsAt(ctx, host, instance, 'security_groups', instance.address);
    }
  },
};

/** `aws_network_interface_sg_attachment`: one more security group on an interface, hence on its instances. */
export const networkInterfaceGroupAttachment: Mapper = {
  types: ['aws_network_interface_sg_attachment'],
  map(instance, ctx) {
    const groups = refsOne(ctx, instance, 'security_group_id', GROUP_TYPES);
    for (const host of hostsOfInterfacesAt(ctx, instance, 'network_interface_id')) {
      for (const g of groups) ctx.link(host, g, 'protected-by', instance.address);
    }
  },
};

/** `aws_network_interface_attachment`: read through `eniHosts` by the interface it attaches. */
export const networkInterfaceAttachment: Mapper = { types: ATTACHMENT_TYPES, map() {} };
