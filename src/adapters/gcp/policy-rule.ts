import { ALL_PORTS, SENSITIVE_PEER, isSensitivePeer, known, parsePortRange, peerFromText, unknownValue, type Peer, type PortRange, type Protocol, type Value } from '../../model/index.js';
import { REDACTED, type ResourceInstance } from '../../terraform/index.js';
import type { MapperContext } from '../mapper.js';
import { blocks, redacted, str } from '../read.js';
import { lastSegment } from './common.js';
import { gcpProtocol } from './firewall.js';
import { tagValueName, TAG_VALUE } from './secure-tags.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const ADDRESS_GROUP = ['google_network_security_address_group'] as const;

/** What a rule picks: every VM of the network, or those with one of some secure tags or service accounts. */
export type Picks = { readonly kind: 'all' } | { readonly kind: 'tags'; readonly tags: readonly string[] } | { readonly kind: 'accounts'; readonly accounts: readonly string[] };

/** One rule of a network firewall policy, read from a rule resource or from one `rule` block of a policy. */
export interface PolicyRule {
  /** `google_compute_network_firewall_policy_rule.ssh`, or `google_compute_network_firewall_policy_with_rules.p#rule[2]`. */
  readonly id: string;
  readonly address: string;
  readonly configAddress: string;
  /** What the rule does with the traffic it matches (its `action`). */
  readonly onMatch: 'allow' | 'deny' | 'goto_next';
  readonly direction: 'ingress' | 'egress';
  readonly priority: number;
  /** False when disabled; unknown when `disabled`, `action` or `priority` are known only after apply. */
  readonly enabled: Value<boolean>;
  readonly peers: readonly Peer[];
  readonly picks: Picks;
  readonly layer4: ReadonlyArray<{ readonly protocol: Protocol; readonly ports: readonly PortRange[] }>;
}

/**
 * Where a rule's values live: the resource itself (`*_rule`: `match`, `layer4_configs`, `src_secure_tags`,
 * `target_secure_tags`) or one block of a `*_with_rules` policy (`rule[i]`: `layer4_config`, `src_secure_tag`,
 * `target_secure_tag`), with the part of `after_unknown` that covers it and the configuration references it may use
 * (a policy's blocks share one list per attribute: it names one block's tag values only when that block alone
 * waits for them).
 */
export interface RuleSource {
  readonly instance: ResourceInstance;
  readonly id: string;
  readonly values: Json;
  readonly mask: unknown;
  readonly names: { readonly layer4: string; readonly srcTags: string; readonly targetTags: string };
  readonly refs: (path: string, types: readonly string[]) => string[];
}

/** The after_unknown mask below a path of keys and list indices; `true` once a whole subtree is unknown. */
export function maskAt(mask: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = mask;
  for (const step of path) {
    if (node === true) return true;
    if (typeof step === 'number') node = Array.isArray(node) ? node[step] : undefined;
    else node = isObject(Array.isArray(node) ? node[0] : node) ? ((Array.isArray(node) ? node[0] : node) as Json)[step] : undefined;
  }
  return node;
}

const listOf = (values: unknown, key: string): string[] => {
  const v = isObject(values) ? values[key] : undefined;
  return (Array.isArray(v) ? v : []).filter((s): s is string => typeof s === 'string' && s !== '' && s !== REDACTED);
};

/** Secure tag values named in a list of `{ name }` blocks, then those the configuration refers to while unknown. */
function tagsAt(ctx: MapperContext, source: RuleSource, parent: Json | undefined, key: string, path: string, maskPath: ReadonlyArray<string | number>): { tags: string[]; pending: boolean } {
  const tags = new Set(blocks(parent, key).flatMap((b) => str(b, 'name') ?? []));
  const mask = maskAt(source.mask, maskPath);
  // `state` is an output, unknown on every new rule: only a `name` the plan does not know yet is pending.
  const pending = mask === true || (Array.isArray(mask) && mask.some((m) => m === true || (isObject(m) && m.name === true)));
  if (pending) for (const address of source.refs(path, TAG_VALUE)) tags.add(tagValueName(ctx, address));
  return { tags: [...tags].sort(), pending: pending && tags.size === 0 };
}

/**
 * The sources of an ingress rule. Google matches a packet from any of them: IP ranges, address groups (their items
 * are ranges too, read when the plan has the group), secure tags (the VMs that carry them), and geolocations,
 * FQDNs and threat intelligence lists, which are named services here and never the internet. A network scope other
 * than INTERNET narrows every source to traffic from inside Google's networks, so a range there is no internet.
 */
function peersOf(ctx: MapperContext, source: RuleSource, match: Json | undefined): Peer[] {
  const peers: Peer[] = listOf(match, 'src_ip_ranges').map(peerFromText);
  if (redacted(match, 'src_ip_ranges')) peers.push(SENSITIVE_PEER);
  let pending = maskAt(source.mask, ['match', 'src_ip_ranges']) === true;
  for (const group of listOf(match, 'src_address_groups')) {
    const found = ctx.resolveValue(group, { types: ADDRESS_GROUP }).flatMap((a) => ctx.instance(a) ?? []);
    if (found.length === 0) peers.push({ kind: 'service', name: `address group ${lastSegment(group)}` });
    for (const g of found) peers.push(...(listOf(g.values, 'items').length > 0 ? listOf(g.values, 'items').map(peerFromText) : [{ kind: 'unknown' } as const]));
  }
  if (maskAt(source.mask, ['match', 'src_address_groups']) === true) {
    const groups = source.refs('match.src_address_groups', ADDRESS_GROUP).flatMap((a) => ctx.instance(a) ?? []);
    for (const g of groups) peers.push(...listOf(g.values, 'items').map(peerFromText));
    if (groups.length === 0 || groups.some((g) => listOf(g.values, 'items').length === 0)) pending = true;
  }
  const tags = tagsAt(ctx, source, match, source.names.srcTags, `match.${source.names.srcTags}.name`, ['match', source.names.srcTags]);
  for (const tag of tags.tags) peers.push({ kind: 'label', label: tag });
  pending ||= tags.pending;
  for (const [key, kind] of [['src_fqdns', 'FQDN'], ['src_region_codes', 'region code'], ['src_threat_intelligences', 'threat intelligence list']] as const) {
    for (const name of listOf(match, key)) peers.push({ kind: 'service', name: `${kind} ${name}` });
  }
  const scope = str(match, 'src_network_scope') ?? str(match, 'src_network_context');
  if (scope && scope.toUpperCase() !== 'INTERNET') {
    const inside: Peer = { kind: 'service', name: `network scope ${scope}` };
    return peers.length === 0 ? [inside] : peers.map((p) => (p.kind === 'world' || isSensitivePeer(p) ? inside : p));
  }
  if (scope && peers.length === 0) return [{ kind: 'world', family: 'any' }];
  if (pending || maskAt(source.mask, ['match']) === true) peers.push({ kind: 'unknown' });
  return peers.length > 0 ? peers : [{ kind: 'unknown' }];
}

/** The protocol and ports of each layer 4 config; ports known only after apply admit nothing reportable. */
function layer4Of(source: RuleSource, match: Json | undefined): PolicyRule['layer4'] {
  return blocks(match, source.names.layer4).map((l4, i) => {
    const protocol = gcpProtocol(str(l4, 'ip_protocol'));
    if (protocol === 'icmp' || protocol === 'icmpv6') return { protocol, ports: [] };
    if (protocol === 'all') return { protocol, ports: [...ALL_PORTS] };
    if (maskAt(source.mask, ['match', source.names.layer4, i, 'ports']) === true) return { protocol, ports: [] };
    const raw = isObject(l4) && Array.isArray(l4.ports) ? l4.ports : [];
    const listed = raw.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    if (listed.length === 0) return { protocol, ports: [...ALL_PORTS] };
    return { protocol, ports: listed.map((p) => parsePortRange(p)).filter((r): r is PortRange => r !== undefined) };
  });
}

/** Which VMs the rule applies to: `target_secure_tags`, `target_service_accounts`, or every VM of the network. */
function picksOf(ctx: MapperContext, source: RuleSource): Picks {
  const tags = tagsAt(ctx, source, source.values, source.names.targetTags, `${source.names.targetTags}.name`, [source.names.targetTags]);
  if (tags.tags.length > 0) return { kind: 'tags', tags: tags.tags };
  const accounts = listOf(source.values, 'target_service_accounts');
  if (accounts.length > 0) return { kind: 'accounts', accounts: [...new Set(accounts)].sort() };
  // Targets written but known only after apply select no VM we could name, rather than every VM.
  if (tags.pending || maskAt(source.mask, ['target_service_accounts']) === true) return { kind: 'tags', tags: [] };
  return { kind: 'all' };
}

/**
 * Reads a rule. `apply_security_profile_group` admits what matches (after layer 7 inspection), so it counts as an
 * allow; `goto_next` is kept for the caller, who knows what comes next. `direction` is required on a rule resource
 * and defaults to INGRESS in a policy's `rule` block; `disabled` defaults to false.
 */
export function readPolicyRule(ctx: MapperContext, source: RuleSource): PolicyRule {
  const v = source.values;
  const rawAction = (str(v, 'action') ?? '').toLowerCase();
  const action = rawAction === 'deny' ? 'deny' : rawAction === 'goto_next' ? 'goto_next' : 'allow';
  const priority = typeof v.priority === 'number' ? v.priority : undefined;
  const disabled = v.disabled === true;
  const unsure = maskAt(source.mask, ['disabled']) === true || rawAction === '' || priority === undefined;
  const match = blocks(v, 'match')[0];
  return {
    id: source.id,
    address: source.instance.address,
    configAddress: source.instance.configAddress,
    onMatch: action,
    direction: (str(v, 'direction') ?? 'INGRESS').toUpperCase() === 'EGRESS' ? 'egress' : 'ingress',
    priority: priority ?? 0,
    enabled: disabled ? known(false) : unsure ? unknownValue(true) : v.disabled === false ? known(true) : { state: 'default', value: true },
    peers: peersOf(ctx, source, match),
    picks: picksOf(ctx, source),
    layer4: layer4Of(source, match),
  };
}
