import {
  ALL_PORTS,
  SENSITIVE_PEER,
  parsePortRange,
  peerFromText,
  unknownValue,
  valueOf,
  type FirewallPolicy,
  type FirewallRule,
  type Peer,
  type PortRange,
  type Protocol,
  type TargetSelector,
} from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, redacted, str } from '../read.js';
import { base, isBoolean, isCount, isString, mapValue, readAt, unknownAt } from './common.js';
import { externalFirewall, networkPolicies, serviceAccountsAt, stringsAt } from './links.js';

/** Google protocol names and numbers -> the model's protocols; `all` is every protocol and port. */
export function gcpProtocol(value: string | undefined): Protocol {
  switch ((value ?? '').trim().toLowerCase()) {
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
    case 'ipv6-icmp':
    case '58':
      return 'icmpv6';
    default:
      return 'other';
  }
}

/**
 * The ports of an `allow`/`deny` block: a list of `"22"` and `"1000-2000"` entries, where no list means every port.
 * Ports the plan does not know yet admit nothing that could be reported.
 */
function gcpPorts(instance: ResourceInstance, kind: 'allow' | 'deny', index: number, values: Record<string, unknown>, protocol: Protocol): PortRange[] {
  if (protocol === 'icmp' || protocol === 'icmpv6') return [];
  if (protocol === 'all') return [...ALL_PORTS];
  const mask = instance.unknown;
  const blockMask = typeof mask === 'object' && mask !== null && !Array.isArray(mask) ? (mask as Record<string, unknown>)[kind] : undefined;
  const own = Array.isArray(blockMask) ? blockMask[index] : undefined;
  if (mask === true || (typeof own === 'object' && own !== null && (own as Record<string, unknown>).ports === true)) return [];
  const listed = stringsAt(values, 'ports');
  if (listed.length === 0) return [...ALL_PORTS];
  return listed.map((p) => parsePortRange(p)).filter((r): r is PortRange => r !== undefined);
}

/**
 * Where traffic comes from (ingress) or goes to (egress). Source ranges, tags and service accounts add up (a packet
 * matching any of them matches). An ingress rule that names no source at all gets Google's default, 0.0.0.0/0;
 * one whose sources come from values known only after apply gets an unknown peer.
 */
function peersOf(ctx: MapperContext, instance: ResourceInstance, direction: 'ingress' | 'egress'): Peer[] {
  const v = instance.values;
  const keys = direction === 'ingress' ? ['source_ranges', 'source_tags', 'source_service_accounts'] : ['destination_ranges'];
  const ranges = stringsAt(v, keys[0]!);
  const peers: Peer[] = ranges.map(peerFromText);
  // Ranges the plan marks sensitive are dropped by the loader: not "no source" (Google's 0.0.0.0/0), but unknown.
  if (redacted(v, keys[0]!)) peers.push(SENSITIVE_PEER);
  if (direction === 'ingress') {
    for (const tag of stringsAt(v, 'source_tags')) peers.push({ kind: 'label', label: tag });
    for (const account of serviceAccountsAt(ctx, instance, 'source_service_accounts')) peers.push({ kind: 'service-account', account });
  }
  if (peers.length > 0) return peers;
  const pending = keys.some((k) => unknownAt(instance, [k]) && (!instance.configured || instance.configured.has(k)));
  return pending ? [{ kind: 'unknown' }] : [{ kind: 'world', family: 'ipv4' }];
}

/** Which instances of the network a rule applies to: by network tag, by service account, or all of them. */
function targetsOf(ctx: MapperContext, instance: ResourceInstance): TargetSelector {
  const tags = stringsAt(instance.values, 'target_tags');
  if (tags.length > 0) return { kind: 'labels', labels: [...new Set(tags)].sort() };
  const accounts = serviceAccountsAt(ctx, instance, 'target_service_accounts');
  if (accounts.length > 0) return { kind: 'service-accounts', accounts };
  // Targets written but known only after apply select no instance we could name, rather than every instance.
  for (const key of ['target_tags', 'target_service_accounts']) {
    if (unknownAt(instance, [key]) && (!instance.configured || instance.configured.has(key))) return { kind: 'labels', labels: [] };
  }
  return { kind: 'all' };
}

/**
 * The model rules of one `google_compute_firewall`, one per `allow`/`deny` block, and the policy of a network outside
 * the plan that it names, if any. Pure: network firewall policies read it to place their `goto_next` rules.
 */
export function classicRules(ctx: MapperContext, instance: ResourceInstance): { external: FirewallPolicy | undefined; rules: FirewallRule[] } {
  const [policy] = networkPolicies(ctx, instance, 'network').policies;
  const external = policy?.startsWith('network/') ? externalFirewall(ctx, policy) : undefined;
  const direction = valueOf(readAt(instance, ['direction'], 'INGRESS', isString), 'INGRESS').toUpperCase() === 'EGRESS' ? 'egress' : 'ingress';
  const disabled = readAt(instance, ['disabled'], false, isBoolean);
  const common = {
    ...base(instance),
    policy: policy ?? `${instance.address}#unattached`,
    direction,
    priority: valueOf(readAt(instance, ['priority'], 1000, isCount), 1000),
    peers: peersOf(ctx, instance, direction),
    targets: targetsOf(ctx, instance),
    enabled: disabled.state === 'unknown' ? unknownValue(true) : mapValue(disabled, (d) => !d),
  } as const;
  const rules: FirewallRule[] = [];
  for (const action of ['deny', 'allow'] as const) {
    blocks(instance.values, action).forEach((values, i) => {
      const protocol = gcpProtocol(str(values, 'protocol'));
      rules.push({
        ...common,
        id: `${instance.address}#${action}[${i}]`,
        kind: 'firewall-rule',
        action,
        protocol,
        ports: gcpPorts(instance, action, i, values, protocol),
      });
    });
  }
  return { external, rules };
}

/**
 * `google_compute_firewall`: one rule of its network's firewall, with one model rule per `allow`/`deny` block.
 * `priority` defaults to 1000 (lower first; a deny wins over an allow of equal priority), `direction` to INGRESS,
 * `disabled` to false; a rule without `target_tags`/`target_service_accounts` applies to every instance.
 */
export const computeFirewall: Mapper = {
  types: ['google_compute_firewall'],
  map(instance, ctx) {
    const { external, rules } = classicRules(ctx, instance);
    if (external) ctx.add(external);
    for (const rule of rules) ctx.add(rule);
  },
};
