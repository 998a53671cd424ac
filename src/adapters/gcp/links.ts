import type { FirewallPolicy } from '../../model/index.js';
import { REDACTED, type ResourceInstance } from '../../terraform/index.js';
import type { MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { lastSegment } from './common.js';
import { DEFAULT_NETWORK_FIREWALL, presumedDefaultRules } from './default-network.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const NETWORK = ['google_compute_network'] as const;
export const SUBNETWORK = ['google_compute_subnetwork'] as const;
const FIREWALL = ['google_compute_firewall'] as const;
/** Network firewall policy associations: they give a network outside the plan a firewall too. */
const POLICY_ASSOCIATION = ['google_compute_network_firewall_policy_association', 'google_compute_region_network_firewall_policy_association'] as const;
export const ADDRESS = ['google_compute_address', 'google_compute_global_address'] as const;
const SERVICE_ACCOUNT = ['google_service_account'];

/** Every string at a dotted path, descending into nested blocks and lists. Never a redacted value. */
export function stringsAt(values: unknown, path: string): string[] {
  let layer: unknown[] = [values];
  for (const step of path.split('.')) {
    const next: unknown[] = [];
    for (const node of layer) for (const item of Array.isArray(node) ? node : [node]) if (isObject(item) && item[step] !== undefined) next.push(item[step]);
    layer = next;
  }
  const out: string[] = [];
  for (const node of layer) for (const s of Array.isArray(node) ? node : [node]) if (typeof s === 'string' && s !== '' && s !== REDACTED) out.push(s);
  return out;
}

/** The firewall of a VPC network declared in this plan. */
export const firewallOf = (networkAddress: string): string => `${networkAddress}#firewall`;

/**
 * The firewall of a network this plan names but does not declare (`network = "default"`, a data source): keyed by
 * the network's name, so every rule and instance naming it shares one policy.
 */
const externalFirewallOf = (networkName: string): string => `network/${networkName}#firewall`;

/** The firewall policies of the networks an attribute names: by reference, by self link or name, or by data source. */
export function networkPolicies(ctx: MapperContext, instance: ResourceInstance, path: string): { networks: string[]; policies: string[] } {
  const networks: string[] = [];
  const policies = new Set<string>();
  const found = ctx.refs(instance, path, { types: NETWORK });
  for (const address of found) {
    const network = ctx.instance(address);
    if (network?.mode === 'managed') {
      networks.push(address);
      policies.add(firewallOf(address));
    } else {
      const name = str(network?.values, 'name') ?? str(network?.values, 'self_link');
      if (name) policies.add(externalFirewallOf(lastSegment(name)));
    }
  }
  if (found.length === 0) {
    for (const literal of stringsAt(instance.values, path)) {
      const managed = networksByName(ctx).get(lastSegment(literal));
      if (managed) networks.push(managed);
      policies.add(managed ? firewallOf(managed) : externalFirewallOf(lastSegment(literal)));
    }
  }
  return { networks: [...new Set(networks)].sort(), policies: [...policies].sort() };
}

/**
 * Networks of the plan by name, for a relative name (`projects/p/global/networks/vpc`) written where the plan
 * does not know the network's id yet. A name two networks share (other projects) names neither.
 */
function networksByName(ctx: MapperContext): Map<string, string> {
  return ctx.memo('gcp:network-by-name', (ctx) => {
    const seen = new Map<string, string[]>();
    for (const network of ctx.instancesOf(NETWORK)) {
      const name = str(network.values, 'name');
      if (network.mode !== 'managed' || !name) continue;
      const list = seen.get(name);
      if (list) list.push(network.address);
      else seen.set(name, [network.address]);
    }
    return new Map([...seen].filter(([, list]) => list.length === 1).map(([name, [address]]) => [name, address!]));
  });
}

/**
 * Links a resource with network interfaces to its subnetworks, networks and their firewalls. The network may be
 * named directly, or only through the subnetwork (Google infers it from there). `via` names the edges after another
 * resource (the instance template an instance group reads) instead of the attribute paths.
 */
export function attachToNetwork(ctx: MapperContext, id: string, instance: ResourceInstance, networkPath: string, subnetPath: string, via?: string): void {
  const direct = networkPolicies(ctx, instance, networkPath);
  const networks = new Map(direct.networks.map((n) => [n, networkPath]));
  const policies = new Map(direct.policies.map((p) => [p, networkPath]));
  for (const subnet of ctx.refs(instance, subnetPath, { types: SUBNETWORK })) {
    const subnetInstance = ctx.instance(subnet);
    if (subnetInstance?.mode !== 'managed') continue;
    ctx.link(id, subnet, 'in-subnet', via ?? subnetPath);
    const inherited = networkPolicies(ctx, subnetInstance, 'network');
    for (const n of inherited.networks) if (!networks.has(n)) networks.set(n, subnetPath);
    if (direct.policies.length === 0) for (const p of inherited.policies) if (!policies.has(p)) policies.set(p, subnetPath);
  }
  for (const [network, path] of [...networks].sort()) ctx.link(id, network, 'in-network', via ?? path);
  for (const [policy, path] of [...policies].sort()) {
    ctx.link(id, policy, 'protected-by', via ?? path);
    // Google's default network has rules the plan need not hold: they apply to what runs there.
    if (policy === DEFAULT_NETWORK_FIREWALL) {
      ctx.add(externalFirewall(ctx, policy) ?? unmanagedFirewall(policy));
      for (const rule of presumedDefaultRules(ctx)) ctx.add(rule);
    }
  }
}

/** The firewall of a network outside the plan that no rule of the plan names. */
function unmanagedFirewall(id: string): FirewallPolicy {
  return { id, cloud: 'gcp', source: [], declaredBy: id, tags: {}, kind: 'firewall-policy', evaluation: 'first-match', isDefault: false };
}

/**
 * Service accounts at a path, as emails. One that the plan creates but whose email is known only after apply is
 * named by its address, the same way on the instance and on the rule that selects it.
 */
export function serviceAccountsAt(ctx: MapperContext, instance: ResourceInstance, path: string): string[] {
  const out = new Set(stringsAt(instance.values, path));
  for (const address of ctx.refs(instance, path, { types: SERVICE_ACCOUNT })) {
    out.add(str(ctx.instance(address)?.values, 'email') ?? address);
  }
  return [...out].sort();
}

/**
 * The policy of a network outside the plan, made from the firewall rules (and network firewall policy associations)
 * that name it. Its source lists all of them, whatever order the plan gives them in, so the model does not depend on
 * that order. Built once per model.
 */
export function externalFirewall(ctx: MapperContext, policyId: string): FirewallPolicy | undefined {
  const policies = ctx.memo('gcp:external-firewalls', (ctx) => {
    const sources = new Map<string, string[]>();
    for (const rule of ctx.instancesOf([...FIREWALL, ...POLICY_ASSOCIATION])) {
      if (rule.mode !== 'managed') continue;
      for (const policy of networkPolicies(ctx, rule, rule.type === FIREWALL[0] ? 'network' : 'attachment_target').policies) {
        const list = sources.get(policy);
        if (list) list.push(rule.address);
        else sources.set(policy, [rule.address]);
      }
    }
    const out = new Map<string, FirewallPolicy>();
    for (const [id, list] of sources) {
      const source = list.sort();
      out.set(id, {
        id,
        cloud: 'gcp',
        source,
        declaredBy: ctx.instance(source[0]!)?.configAddress ?? id,
        tags: {},
        kind: 'firewall-policy',
        evaluation: 'first-match',
        isDefault: false,
      });
    }
    return out;
  });
  return policies.get(policyId);
}
