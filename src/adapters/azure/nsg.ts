import { SENSITIVE_PEER, hiddenIngressRule, known, parsePortRange, peerFromText, type FirewallRule, type Peer, type PortRange, type Protocol } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { blocks, num, redacted, str, strings } from '../read.js';
import { base, isNestedUnknown } from './common.js';
import { refs, sameKey } from './links.js';

export const NSG_TYPES = ['azurerm_network_security_group'];
const ASG_TYPES = ['azurerm_application_security_group'];

/** Azure NSG protocols: `Tcp`, `Udp`, `Icmp`, `*` (any); `Esp` and `Ah` carry no ports we check. */
export function nsgProtocol(value: string | undefined): Protocol {
  switch ((value ?? '').toLowerCase()) {
    case '*':
    case 'any':
      return 'all';
    case 'tcp':
      return 'tcp';
    case 'udp':
      return 'udp';
    case 'icmp':
      return 'icmp';
    default:
      return 'other';
  }
}

/** `destination_port_range` (`22`, `1000-2000`, `*`) and `destination_port_ranges` (a list of those). */
export function nsgPorts(protocol: Protocol, values: Record<string, unknown>): PortRange[] {
  if (protocol === 'icmp' || protocol === 'other') return [];
  const specs = [...strings(values, 'destination_port_range'), ...strings(values, 'destination_port_ranges')].filter((s) => s.trim() !== '');
  const ranges: PortRange[] = [];
  for (const spec of specs) {
    const range = parsePortRange(spec);
    if (range) ranges.push(range);
  }
  return ranges;
}

/**
 * The sources of an inbound rule (or destinations of an outbound one): prefixes in Azure's words (`*`, `Internet`,
 * `0.0.0.0/0`, `::/0` are the world; `VirtualNetwork`, `AzureLoadBalancer` are service ranges) and application
 * security groups, which select NICs the way Google tags select instances. Prefixes the plan marks sensitive are a
 * sensitive unknown peer.
 */
function nsgPeers(values: Record<string, unknown>, side: 'source' | 'destination', asgsAt: AsgsAt): Peer[] {
  const prefixes = [...strings(values, `${side}_address_prefix`), ...strings(values, `${side}_address_prefixes`)].filter((p) => p.trim() !== '');
  const peers: Peer[] = prefixes.map(peerFromText);
  if (redacted(values, `${side}_address_prefix`) || redacted(values, `${side}_address_prefixes`)) peers.push(SENSITIVE_PEER);
  const asgIds = strings(values, `${side}_application_security_group_ids`);
  const asgs = asgsAt(`${side}_application_security_group_ids`);
  peers.push(...asgs.map((label) => ({ kind: 'label' as const, label })));
  if (asgs.length === 0) peers.push(...asgIds.map((label) => ({ kind: 'label' as const, label })));
  return peers.length > 0 ? peers : [{ kind: 'unknown' }];
}

const ASG_KEYS = ['source_application_security_group_ids', 'destination_application_security_group_ids'] as const;
type AsgKey = (typeof ASG_KEYS)[number];
/** The application security groups a rule names under `key`, as addresses. */
type AsgsAt = (key: AsgKey) => string[];

/** What an NSG's inline blocks fall back on, per key: the configuration's references, and whether any block shows an id. */
type Fallback = Readonly<Record<AsgKey, { readonly refs: string[]; readonly shown: boolean }>>;

/**
 * The application security groups one inline `security_rule` block names: its own known ids, resolved; where the
 * block's ids are unknown until apply, or no block shows any (a plan may write the ids of groups it creates as
 * empty), the configuration's references, which name the resource, not the block. Ids that name nothing in the plan
 * resolve to nothing here (the caller keeps them as labels).
 */
function blockAsgs(ctx: MapperContext, instance: ResourceInstance, values: Record<string, unknown>, index: number, key: AsgKey, fallback: Fallback): string[] {
  const resolved = strings(values, key).flatMap((id) => ctx.resolveValue(id, { types: ASG_TYPES }));
  if (resolved.length > 0) return sameKey(instance.address, [...new Set(resolved)].sort());
  return isNestedUnknown(instance, 'security_rule', key, index) || !fallback[key].shown ? fallback[key].refs : [];
}

/** The rule a `security_rule` block or an `azurerm_network_security_rule` describes, in the model's words. */
function nsgRule(instance: ResourceInstance, id: string, policy: string, values: Record<string, unknown>, asgsAt: AsgsAt): FirewallRule {
  const direction = (str(values, 'direction') ?? '').toLowerCase() === 'outbound' ? 'egress' : 'ingress';
  const protocol = nsgProtocol(str(values, 'protocol'));
  // An inbound rule reaches only NICs in its destination application security groups, when it names any.
  const targets = asgsAt('destination_application_security_group_ids');
  const targetIds = targets.length > 0 ? targets : strings(values, 'destination_application_security_group_ids');
  return {
    ...base(instance),
    id,
    kind: 'firewall-rule',
    policy,
    direction,
    action: (str(values, 'access') ?? '').toLowerCase() === 'deny' ? 'deny' : 'allow',
    priority: num(values, 'priority'),
    protocol,
    ports: nsgPorts(protocol, values),
    peers: nsgPeers(values, direction === 'ingress' ? 'source' : 'destination', asgsAt),
    targets: direction === 'ingress' && targetIds.length > 0 ? { kind: 'labels', labels: [...targetIds].sort() } : { kind: 'all' },
    enabled: known(true),
  };
}

/**
 * `azurerm_network_security_group`: a first-match policy (lowest priority number first, then the implicit deny),
 * with its inline `security_rule` blocks as rules `<address>#security_rule[i]`.
 */
export const networkSecurityGroup: Mapper = {
  types: NSG_TYPES,
  map(instance, ctx) {
    ctx.add({ ...base(instance), kind: 'firewall-policy', evaluation: 'first-match', isDefault: false });
    // Inline rules the plan marks sensitive (a sensitive value in any block marks them all): nothing of them is read,
    // and one hidden rule, read after every other, stands for them.
    if (redacted(instance.values, 'security_rule')) {
      ctx.add(hiddenIngressRule(base(instance), instance.address, `${instance.address}#security_rule[sensitive]`));
      return;
    }
    // Rules declared as their own resources make `security_rule` computed: nothing inline to read then.
    if (isNestedUnknown(instance, 'security_rule') && !instance.configured?.has('security_rule')) return;
    const all = blocks(instance.values, 'security_rule');
    if (all.length === 0) return;
    // Read once per NSG, not once per block: the references name the resource, and an NSG can hold thousands of rules.
    const fallback = Object.fromEntries(
      ASG_KEYS.map((key) => [key, { refs: sameKey(instance.address, ctx.refs(instance, `security_rule.${key}`, { types: ASG_TYPES, configOnly: true })), shown: all.some((b) => strings(b, key).length > 0) }]),
    ) as Fallback;
    all.forEach((values, i) => {
      const asgsAt: AsgsAt = (key) => blockAsgs(ctx, instance, values, i, key, fallback);
      ctx.add(nsgRule(instance, `${instance.address}#security_rule[${i}]`, instance.address, values, asgsAt));
    });
  },
};

/** `azurerm_network_security_rule`: one rule of the NSG it names (by reference, or by name in its resource group). */
export const networkSecurityRule: Mapper = {
  types: ['azurerm_network_security_rule'],
  map(instance, ctx) {
    const [nsg] = inResourceGroup(ctx, instance, refs(ctx, instance, 'network_security_group_name', NSG_TYPES));
    ctx.add(nsgRule(instance, instance.address, nsg ?? `${instance.address}#unattached`, instance.values, (key) => refs(ctx, instance, key, ASG_TYPES)));
  },
};

/** `azurerm_application_security_group`: no entity; NICs in it carry it as a label that NSG rules select by. */
export const applicationSecurityGroup: Mapper = { types: ASG_TYPES, map() {} };

/**
 * Names are unique only within a resource group: when a name matches several resources, keep those in the
 * referrer's resource group.
 */
export function inResourceGroup(ctx: MapperContext, instance: ResourceInstance, candidates: readonly string[]): string[] {
  if (candidates.length <= 1) return [...candidates];
  const group = str(instance.values, 'resource_group_name');
  const same = candidates.filter((a) => group !== undefined && str(ctx.instance(a)?.values, 'resource_group_name') === group);
  return same.length > 0 ? same : [...candidates];
}
