import { SENSITIVE_PEER, known, peerFromText, type FirewallRule } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, bool, isUnknown, num, redacted, str } from '../read.js';
import { base } from './common.js';
import { awsPorts, awsProtocol } from './security-group.js';
import { inVpc, refsOne, SUBNET_TYPES, vpcsAt, vpcsByAttribute } from './links.js';

const ACL_TYPES: readonly string[] = ['aws_network_acl', 'aws_default_network_acl'];
const ASSOCIATION_TYPES: readonly string[] = ['aws_network_acl_association'];

type Json = Record<string, unknown>;

/** A protocol written as a name or number, in a string (`"tcp"`, `"6"`, `"-1"`) or as a number (old plans). */
const protocolOf = (v: Json) => awsProtocol(str(v, 'protocol') ?? (num(v, 'protocol') !== undefined ? String(num(v, 'protocol')) : undefined));

/** One network ACL entry: numbered, allow or deny, from an IPv4 or IPv6 range. */
function entry(instance: ResourceInstance, id: string, policy: string, direction: 'ingress' | 'egress', v: Json, action: string | undefined, priority: number | undefined): FirewallRule {
  const protocol = protocolOf(v);
  const ranges = [str(v, 'cidr_block'), str(v, 'ipv6_cidr_block')].filter((c): c is string => c !== undefined && c !== '');
  return {
    ...base(instance),
    id,
    kind: 'firewall-rule',
    policy,
    direction,
    action: action?.toLowerCase() === 'deny' ? 'deny' : 'allow',
    priority,
    protocol,
    ports: awsPorts(protocol, num(v, 'from_port'), num(v, 'to_port')),
    peers: ranges.length > 0 ? ranges.map(peerFromText) : [redacted(v, 'cidr_block') || redacted(v, 'ipv6_cidr_block') ? SENSITIVE_PEER : { kind: 'unknown' }],
    targets: { kind: 'all' },
    enabled: known(true),
  };
}

/** The VPCs of an ACL: `vpc_id`, or for the default ACL the VPC whose `default_network_acl_id` it adopts. */
function aclNetworks(ctx: MapperContext, acl: ResourceInstance): string[] {
  const own = vpcsAt(ctx, acl);
  if (acl.type !== 'aws_default_network_acl') return own;
  return [...new Set([...own, ...vpcsByAttribute(ctx, acl, 'default_network_acl_id', 'default_network_acl_id')])].sort();
}

/** Whether a subnet has an ACL of its own, so the VPC's default ACL does not apply to it. */
function hasOwnAcl(ctx: MapperContext, subnet: ResourceInstance): boolean {
  return ctx.referrers(subnet, 'subnet_ids', ['aws_network_acl']).length > 0 || ctx.referrers(subnet, 'subnet_id', ASSOCIATION_TYPES).length > 0;
}

/**
 * `aws_network_acl`, `aws_default_network_acl`: a stateless subnet firewall. Entries are read by `rule_no`,
 * lowest first, and the first that matches decides; what none matches is denied. Its subnets are
 * `protected-by` it. The default ACL also guards every subnet of its VPC that has no ACL of its own.
 *
 * While the plan cannot tell the entries (written, but known only after apply), the subnets are not linked:
 * an ACL of unknown entries would read as one that denies everything, and hide what the security groups admit.
 */
export const networkAcl: Mapper = {
  types: ACL_TYPES,
  map(instance, ctx) {
    const isDefault = instance.type === 'aws_default_network_acl';
    ctx.add({ ...base(instance), kind: 'firewall-policy', evaluation: 'first-match', isDefault });
    const networks = aclNetworks(ctx, instance);
    for (const vpc of networks) ctx.link(instance.address, vpc, 'in-network', 'vpc_id');
    for (const direction of ['ingress', 'egress'] as const) {
      blocks(instance.values, direction).forEach((v, i) =>
        ctx.add(entry(instance, `${instance.address}#${direction}[${i}]`, instance.address, direction, v, str(v, 'action'), num(v, 'rule_no'))),
      );
    }
    const entriesKnown = !(['ingress', 'egress'] as const).some((d) => isUnknown(instance, d) && instance.configured?.has(d));
    if (!entriesKnown) return;
    for (const s of ctx.refs(instance, 'subnet_ids', { types: SUBNET_TYPES })) ctx.link(s, instance.address, 'protected-by', 'subnet_ids');
    if (!isDefault) return;
    for (const vpc of networks) {
      for (const s of inVpc(ctx, SUBNET_TYPES, vpc)) if (!hasOwnAcl(ctx, s)) ctx.link(s.address, instance.address, 'protected-by', 'default_network_acl_id');
    }
  },
};

/** `aws_network_acl_rule`: one entry of an ACL, declared on its own. */
export const networkAclRule: Mapper = {
  types: ['aws_network_acl_rule'],
  map(instance, ctx) {
    const v = instance.values;
    const [acl] = refsOne(ctx, instance, 'network_acl_id', ACL_TYPES);
    const direction = bool(v, 'egress') ? 'egress' : 'ingress';
    ctx.add(entry(instance, instance.address, acl ?? `${instance.address}#unattached`, direction, v, str(v, 'rule_action'), num(v, 'rule_number')));
  },
};

/** `aws_network_acl_association`: a subnet is guarded by an ACL (the association's address labels the edge). */
export const networkAclAssociation: Mapper = {
  types: ASSOCIATION_TYPES,
  map(instance, ctx) {
    for (const s of refsOne(ctx, instance, 'subnet_id', SUBNET_TYPES)) {
      for (const acl of refsOne(ctx, instance, 'network_acl_id', ACL_TYPES)) ctx.link(s, acl, 'protected-by', instance.address);
    }
  },
};
