import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { base } from './common.js';
import { withAttribute } from './data-links.js';
import { hostsOfInterfacesAt } from './eni.js';
import { REGIONAL } from './gateways.js';
import { EIP_TYPES, INSTANCE_TYPES, refsOne } from './links.js';

/** Links `eip` to the instances `instance` names at `instancePath` and behind the interfaces at `interfacePath`. */
function attach(ctx: MapperContext, eip: string, instance: ResourceInstance, instancePath: string, interfacePath: string, via?: string): void {
  for (const i of refsOne(ctx, instance, instancePath, INSTANCE_TYPES)) ctx.link(eip, i, 'attached-to', via ?? instancePath);
  for (const i of hostsOfInterfacesAt(ctx, instance, interfacePath)) ctx.link(eip, i, 'attached-to', via ?? interfacePath);
}

/**
 * `aws_eip`: an Elastic IP, a regional public address AWS can move to anything in the region. It is
 * `attached-to` the instance it names, or the instance behind the network interface it names; NAT gateways and
 * load balancers link the addresses they use themselves.
 */
export const elasticIp: Mapper = {
  types: EIP_TYPES,
  map(instance, ctx) {
    ctx.add({ ...base(instance), kind: 'public-address', placement: REGIONAL });
    attach(ctx, instance.address, instance, 'instance', 'network_interface');
  },
};

/** `aws_eip_association`: attaches an Elastic IP (by allocation id or address) to an instance or interface. */
export const elasticIpAssociation: Mapper = {
  types: ['aws_eip_association'],
  map(instance, ctx) {
    const eips = new Set(refsOne(ctx, instance, 'allocation_id', EIP_TYPES));
    const ip = str(instance.values, 'public_ip');
    if (ip) for (const e of withAttribute(ctx, EIP_TYPES, 'public_ip', ip)) eips.add(e.address);
    for (const e of refsOne(ctx, instance, 'public_ip', EIP_TYPES)) eips.add(e);
    for (const eip of eips) attach(ctx, eip, instance, 'instance_id', 'network_interface_id', instance.address);
  },
};
