import { SENSITIVE_PEER, collapseWorld, hiddenIngressRule, known, peerFromText, type FirewallPolicy, type FirewallRule, type Peer, type PortRange, type Protocol } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, bool, isUnknown, num, redacted, str, strings } from '../read.js';
import { base } from './common.js';
import { consumed } from './datastore.js';

const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];

/** AWS protocol numbers and names -> the model's protocols. `-1` and `all` mean every protocol and port. */
export function awsProtocol(value: string | undefined): Protocol {
  switch ((value ?? '').toLowerCase()) {
    case '-1':
    case 'all':
      return 'all';
    case 'tcp':
    case '6':
      return 'tcp';
    case 'udp':
    case '17':
      return 'udp';
    case 'icmp':
    case '1':
      return 'icmp';
    case 'icmpv6':
    case '58':
      return 'icmpv6';
    default:
      return 'other';
  }
}

/** from_port/to_port for a protocol; protocol `all` covers every port whatever the numbers say. */
export function awsPorts(protocol: Protocol, from: number | undefined, to: number | undefined): PortRange[] {
  if (protocol === 'all') return [{ from: 0, to: 65535 }];
  if (protocol === 'icmp' || protocol === 'icmpv6') return [];
  const lo = from === undefined || from < 0 ? 0 : from;
  const hi = to === undefined || to < 0 ? 65535 : to;
  return [{ from: Math.min(lo, hi), to: Math.max(lo, hi) }];
}

const PREFIX_LIST_TYPES: readonly string[] = ['aws_ec2_managed_prefix_list'];
const PREFIX_LIST_ENTRY_TYPES: readonly string[] = ['aws_ec2_managed_prefix_list_entry'];

/**
 * The ranges of a customer-managed prefix list in the plan: its `entry` blocks and its separate
 * `aws_ec2_managed_prefix_list_entry` resources. A list whose entries are known only after apply is unknown.
 */
function prefixListPeers(ctx: MapperContext, address: string): Peer[] {
  const list = ctx.instance(address);
  if (!list) return [{ kind: 'unknown' }];
  const cidrs = blocks(list.values, 'entry').map((e) => str(e, 'cidr'));
  for (const entry of ctx.referrers(list, 'prefix_list_id', PREFIX_LIST_ENTRY_TYPES)) cidrs.push(str(entry.values, 'cidr'));
  const ranges = cidrs.filter((c): c is string => c !== undefined && c !== '');
  if (ranges.length === 0 || ranges.length !== cidrs.length) return [{ kind: 'unknown' }];
  // Ranges that add up to the world count as it, as in a rule; a world range says which list holds it.
  return collapseWorld(ranges.map(peerFromText)).map((p) => (p.kind === 'world' ? { ...p, via: address } : p));
}

/**
 * What an attribute known only after apply names, from the configuration's references. For inline blocks Terraform
 * records one reference list for the whole `ingress` attribute, so look there when the element path has none.
 */
function configRefs(ctx: MapperContext, instance: ResourceInstance, path: string, types: readonly string[]): string[] {
  const found = ctx.refs(instance, path, { types, configOnly: true });
  const dot = path.indexOf('.');
  return found.length === 0 && dot > 0 ? ctx.refs(instance, path.slice(0, dot), { types, configOnly: true }) : found;
}

/**
 * Where an AWS rule names its sources: `groupPath` for groups (known only after apply when `groupsUnknown`),
 * `prefixPath` for prefix lists (`prefixUnknown` likewise).
 */
export interface PeerPaths {
  readonly groupPath: string;
  readonly groupsUnknown: boolean;
  readonly prefixPath: string;
  readonly prefixUnknown: boolean;
}

/** Where an AWS rule names address ranges (and prefix lists, which hold ranges): what may be the internet. */
const RANGE_KEYS = ['cidr_blocks', 'ipv6_cidr_blocks', 'cidr_ipv4', 'cidr_ipv6', 'prefix_list_ids', 'prefix_list_id'];

/**
 * The peers of an AWS rule: CIDRs (v4 and v6), referenced groups, prefix lists, self. A prefix list managed in the
 * plan stands for its entries (a list holding 0.0.0.0/0 opens to the world); an AWS-managed one (CloudFront's
 * origin-facing ranges, a service's) is a named range that is not the internet. Ranges the plan marks sensitive
 * (all of them or some) are one sensitive unknown peer.
 */
export function awsPeers(ctx: MapperContext, instance: ResourceInstance, values: Record<string, unknown>, paths: PeerPaths): Peer[] {
  const { groupPath, groupsUnknown } = paths;
  const peers: Peer[] = [];
  for (const c of [...strings(values, 'cidr_blocks'), ...strings(values, 'ipv6_cidr_blocks'), ...strings(values, 'cidr_ipv4'), ...strings(values, 'cidr_ipv6')]) {
    peers.push(peerFromText(c));
  }
  if (RANGE_KEYS.some((key) => redacted(values, key))) peers.push(SENSITIVE_PEER);
  const listIds = [...strings(values, 'prefix_list_ids'), ...strings(values, 'prefix_list_id')];
  for (const id of listIds) {
    const [list] = ctx.resolveValue(id, { types: PREFIX_LIST_TYPES });
    if (list) peers.push(...prefixListPeers(ctx, list));
    else peers.push({ kind: 'service', name: id });
  }
  if (listIds.length === 0 && paths.prefixUnknown) {
    const lists = configRefs(ctx, instance, paths.prefixPath, PREFIX_LIST_TYPES);
    for (const list of lists) peers.push(...prefixListPeers(ctx, list));
    if (lists.length === 0) peers.push({ kind: 'unknown' });
  }
  if (bool(values, 'self')) peers.push({ kind: 'self' });
  const groupIds = [...strings(values, 'security_groups'), ...strings(values, 'source_security_group_id'), ...strings(values, 'referenced_security_group_id')];
  if (groupIds.length > 0) {
    // Known ids: this rule's own groups; an id of a group outside the plan stays an unknown peer.
    for (const id of groupIds) {
      const [group] = ctx.resolveValue(id, { types: GROUP_TYPES });
      peers.push(group ? { kind: 'policy', id: group } : { kind: 'unknown' });
    }
  } else if (groupsUnknown) {
    const referenced = configRefs(ctx, instance, groupPath, GROUP_TYPES);
    for (const id of referenced) peers.push({ kind: 'policy', id });
    if (referenced.length === 0) peers.push({ kind: 'unknown' });
  }
  return peers;
}

/** Whether `after_unknown` marks an attribute of one element of a nested block (`ingress[2].security_groups`). */
function elementUnknown(instance: ResourceInstance, block: string, index: number, key: string): boolean {
  const mask = instance.unknown;
  if (mask === true) return true;
  if (typeof mask !== 'object' || mask === null || Array.isArray(mask)) return false;
  const list = (mask as Record<string, unknown>)[block];
  if (list === true) return true;
  const element = Array.isArray(list) ? list[index] : undefined;
  return element === true || (typeof element === 'object' && element !== null && (element as Record<string, unknown>)[key] === true);
}

function inlineRule(
  ctx: MapperContext,
  instance: ResourceInstance,
  direction: 'ingress' | 'egress',
  index: number,
  values: Record<string, unknown>,
  owner: { readonly tags: Readonly<Record<string, string>> },
  sharedReferences: boolean,
): FirewallRule {
  const groupsUnknown = elementUnknown(instance, direction, index, 'security_groups');
  const peers = awsPeers(ctx, instance, values, {
    groupPath: `${direction}.security_groups`,
    groupsUnknown,
    prefixPath: `${direction}.prefix_list_ids`,
    prefixUnknown: elementUnknown(instance, direction, index, 'prefix_list_ids'),
  });
  const protocol = awsProtocol(str(values, 'protocol') ?? (num(values, 'protocol') !== undefined ? String(num(values, 'protocol')) : undefined));
  // Written out, not spread from base(): V8 makes objects built by spread-then-add far slower to create.
  const rule: FirewallRule = {
    id: `${instance.address}#${direction}[${index}]`,
    cloud: 'aws',
    source: [instance.address],
    declaredBy: instance.configAddress,
    tags: owner.tags,
    kind: 'firewall-rule',
    policy: instance.address,
    direction,
    action: 'allow',
    priority: undefined,
    protocol,
    ports: awsPorts(protocol, num(values, 'from_port'), num(values, 'to_port')),
    peers,
    targets: { kind: 'all' },
    enabled: known(true),
  };
  // Set after the literal, and only when true: most rules keep the one shape V8 creates fast.
  if (sharedReferences && groupsUnknown && peers.filter((p) => p.kind === 'policy').length > 1) (rule as { peersGuessed?: boolean }).peersGuessed = true;
  return rule;
}

/**
 * Whether the inline blocks of one direction share a reference list that cannot be told apart: Terraform records the
 * references of a whole `ingress` (or `egress`) attribute at once, and two blocks or more whose groups are known
 * only after apply each get every group it names. With one such block, one group named, or blocks that all admit
 * the same protocol and ports (5432 from the app and 5432 from the bastion), the guess changes nothing.
 */
function sharesReferences(instance: ResourceInstance, direction: 'ingress' | 'egress', list: readonly Record<string, unknown>[]): boolean {
  const shapes = new Set<string>();
  list.forEach((values, i) => {
    if (elementUnknown(instance, direction, i, 'security_groups')) shapes.add(`${str(values, 'protocol') ?? num(values, 'protocol')}:${num(values, 'from_port')}:${num(values, 'to_port')}`);
  });
  return shapes.size > 1;
}

/**
 * Resources the model does not represent that put a security group on interfaces with private addresses only:
 * a Lambda function or a CodeBuild project in a VPC (their interfaces take no inbound connections at all), an
 * interface VPC endpoint, an RDS Proxy, a Route 53 Resolver endpoint, the interfaces of an Airflow (MWAA)
 * environment, a Glue connection, an App Runner VPC connector (egress only), a SageMaker notebook, an FSx file
 * system. A group they alone use guards nothing the internet can reach. Left out on purpose: what may take a
 * public address (Batch compute, EMR, DMS with `publicly_accessible`, Transfer and Client VPN endpoints).
 */
const PRIVATE_USERS: ReadonlyArray<readonly [string, string]> = [
  ['aws_lambda_function', 'vpc_config.security_group_ids'],
  ['aws_codebuild_project', 'vpc_config.security_group_ids'],
  ['aws_vpc_endpoint', 'security_group_ids'],
  ['aws_db_proxy', 'vpc_security_group_ids'],
  ['aws_route53_resolver_endpoint', 'security_group_ids'],
  ['aws_mwaa_environment', 'network_configuration.security_group_ids'],
  ['aws_glue_connection', 'physical_connection_requirements.security_group_id_list'],
  ['aws_apprunner_vpc_connector', 'security_groups'],
  ['aws_sagemaker_notebook_instance', 'security_groups'],
  ['aws_fsx_lustre_file_system', 'security_group_ids'],
  ['aws_fsx_windows_file_system', 'security_group_ids'],
  ['aws_fsx_ontap_file_system', 'security_group_ids'],
  ['aws_fsx_openzfs_file_system', 'security_group_ids'],
];

/** `aws_security_group`, `aws_default_security_group`: a policy with its inline rules. */
export const securityGroup: Mapper = {
  types: GROUP_TYPES,
  map(instance, ctx) {
    const owner = base(instance);
    const usedPrivately = PRIVATE_USERS.flatMap(([type, path]) => ctx.referrers(instance, path, [type]).map((r) => r.address)).sort();
    const policy: FirewallPolicy = { ...owner, kind: 'firewall-policy', evaluation: 'allow-union', isDefault: instance.type === 'aws_default_security_group' || str(instance.values, 'name') === 'default' };
    ctx.add(usedPrivately.length > 0 ? { ...policy, usedPrivately } : policy);
    for (const vpc of ctx.refs(instance, 'vpc_id')) ctx.link(instance.address, vpc, 'in-network', 'vpc_id');
    // A group's inline `ingress` the plan marks sensitive: Terraform marks the whole attribute when any block takes a
    // sensitive value (a range from a sensitive variable), so nothing of it is read. One hidden rule stands for it.
    if (redacted(instance.values, 'ingress')) ctx.add(hiddenIngressRule(owner, instance.address, `${instance.address}#ingress[sensitive]`));
    for (const direction of ['ingress', 'egress'] as const) {
      const list = blocks(instance.values, direction);
      const shared = sharesReferences(instance, direction, list);
      list.forEach((values, i) => ctx.add(inlineRule(ctx, instance, direction, i, values, owner, shared)));
    }
  },
};

/** `aws_security_group_rule`: one rule resource attached to a group. */
export const securityGroupRule: Mapper = {
  types: ['aws_security_group_rule'],
  map(instance, ctx) {
    const v = instance.values;
    const [group] = ctx.refs(instance, 'security_group_id', { types: GROUP_TYPES });
    const protocol = awsProtocol(str(v, 'protocol'));
    ctx.add({
      ...base(instance),
      kind: 'firewall-rule',
      policy: group ?? `${instance.address}#unattached`,
      direction: str(v, 'type') === 'egress' ? 'egress' : 'ingress',
      action: 'allow',
      priority: undefined,
      protocol,
      ports: awsPorts(protocol, num(v, 'from_port'), num(v, 'to_port')),
      peers: awsPeers(ctx, instance, v, {
        groupPath: 'source_security_group_id',
        groupsUnknown: isUnknown(instance, 'source_security_group_id'),
        prefixPath: 'prefix_list_ids',
        prefixUnknown: isUnknown(instance, 'prefix_list_ids'),
      }),
      targets: { kind: 'all' },
      enabled: known(true),
    });
  },
};

/** `aws_vpc_security_group_ingress_rule` / `_egress_rule`: the newer one-rule-per-resource form. */
export const vpcSecurityGroupRule: Mapper = {
  types: ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
  map(instance, ctx) {
    const v = instance.values;
    const [group] = ctx.refs(instance, 'security_group_id', { types: GROUP_TYPES });
    const protocol = awsProtocol(str(v, 'ip_protocol'));
    ctx.add({
      ...base(instance),
      kind: 'firewall-rule',
      policy: group ?? `${instance.address}#unattached`,
      direction: instance.type.endsWith('egress_rule') ? 'egress' : 'ingress',
      action: 'allow',
      priority: undefined,
      protocol,
      ports: awsPorts(protocol, num(v, 'from_port'), num(v, 'to_port')),
      peers: awsPeers(ctx, instance, v, {
        groupPath: 'referenced_security_group_id',
        groupsUnknown: isUnknown(instance, 'referenced_security_group_id'),
        prefixPath: 'prefix_list_id',
        prefixUnknown: isUnknown(instance, 'prefix_list_id'),
      }),
      targets: { kind: 'all' },
      enabled: known(true),
    });
  },
};

/** `aws_ec2_managed_prefix_list` and its entries: read through the rules that name the list. */
export const managedPrefixLists = consumed([...PREFIX_LIST_TYPES, ...PREFIX_LIST_ENTRY_TYPES]);
