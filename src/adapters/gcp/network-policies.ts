import { isKnownTrue, valueOf, type FirewallRule, type TargetSelector } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { isString, lastSegment, readAt } from './common.js';
import { classicRules } from './firewall.js';
import { byEvaluation, COPY_BUDGET, passedOn, type Budget } from './goto-next.js';
import { externalFirewall, networkPolicies } from './links.js';
import { readPolicyRule, type PolicyRule } from './policy-rule.js';
import { ruleSources, WITH_RULES } from './rule-sources.js';
import { qualify, regionLabel } from './secure-tags.js';

const GLOBAL_POLICY = ['google_compute_network_firewall_policy', 'google_compute_network_firewall_policy_with_rules'] as const;
const REGIONAL_POLICY = ['google_compute_region_network_firewall_policy', 'google_compute_region_network_firewall_policy_with_rules'] as const;

const RULE = ['google_compute_network_firewall_policy_rule', 'google_compute_region_network_firewall_policy_rule'] as const;
const POLICY_ASSOCIATION = ['google_compute_network_firewall_policy_association', 'google_compute_region_network_firewall_policy_association'] as const;
const FIREWALL = ['google_compute_firewall'] as const;

type Scope = 'global' | 'regional';
const scopeOf = (instance: ResourceInstance): Scope => (instance.type.startsWith('google_compute_region_') ? 'regional' : 'global');

/**
 * Where a network's policies sit among its VPC firewall rules (0 to 65535, kept as they are), in one priority order:
 * Google evaluates "VPC firewall rules, global network firewall policies, regional network firewall policies, implied
 * rules" (AFTER_CLASSIC_FIREWALL, the default) or the two policies first (BEFORE_CLASSIC_FIREWALL). A policy's
 * priorities (0 to 2^31 - 1) are shifted into a band of their own, so its rules keep their order and the whole
 * policy sorts before or after the VPC firewall rules, and the global policy before the regional ones.
 */
function shifted(order: string, scope: Scope, priority: number): number {
  const band = 2 ** 31;
  if (order === 'BEFORE_CLASSIC_FIREWALL') return priority - (scope === 'global' ? 2 * band : band);
  return 65536 + (scope === 'global' ? 0 : band) + priority;
}

/** The policy a rule or association names: one of the plan by address, or one outside it by its name. */
function policyKey(ctx: MapperContext, instance: ResourceInstance): string | undefined {
  const scope = scopeOf(instance);
  const [found] = ctx.refs(instance, 'firewall_policy', { types: scope === 'global' ? GLOBAL_POLICY : REGIONAL_POLICY }).sort();
  if (found) return found;
  const literal = str(instance.values, 'firewall_policy');
  return literal ? `${scope} policy ${lastSegment(literal)}` : undefined;
}

function regionOf(ctx: MapperContext, instance: ResourceInstance, policy: string | undefined): string | undefined {
  const region = str(instance.values, 'region') ?? (policy ? str(ctx.instance(policy)?.values, 'region') : undefined);
  return region ? lastSegment(region) : undefined;
}

/** A regional rule picks only the VMs of its region (see `regionQualified`); without a known region, the network's. */
function selector(rule: PolicyRule, region: string | undefined): TargetSelector {
  const p = rule.picks;
  if (p.kind === 'all') return region ? { kind: 'labels', labels: [regionLabel(region)] } : { kind: 'all' };
  if (p.kind === 'tags') return { kind: 'labels', labels: region ? p.tags.map((t) => qualify(region, t)) : [...p.tags] };
  return { kind: 'service-accounts', accounts: region ? p.accounts.map((a) => qualify(region, a)) : [...p.accounts] };
}

interface Placed {
  readonly rule: PolicyRule;
  readonly scope: Scope;
  readonly region: string | undefined;
}

/** One model rule per layer 4 config (`goto_next` as a deny, for `passedOn` to open up). */
function modelRules(placed: Placed, policy: string, priority: number, suffix: string): FirewallRule[] {
  const { rule } = placed;
  const region = placed.scope === 'regional' ? placed.region : undefined;
  return rule.layer4.map((l4, i) => ({
    id: `${rule.id}${rule.id.includes('#') ? '.' : '#'}layer4[${i}]${suffix}`,
    cloud: 'gcp',
    source: [rule.address],
    declaredBy: rule.configAddress,
    tags: {},
    kind: 'firewall-rule',
    policy,
    direction: rule.direction,
    action: rule.onMatch === 'allow' ? 'allow' : 'deny',
    priority,
    protocol: l4.protocol,
    ports: l4.ports,
    peers: rule.peers,
    targets: selector(rule, region),
    enabled: rule.enabled,
  }));
}

/** The model rules each rule resource and policy adds, and the policies associated with a network of the plan. */
interface Layout {
  readonly byInstance: ReadonlyMap<string, readonly FirewallRule[]>;
  readonly attached: ReadonlySet<string>;
}

function layout(ctx: MapperContext): Layout {
  return ctx.memo('gcp:network-firewall-policies', (ctx) => {
    const attachments = new Map<string, Map<string, Scope>>();
    for (const association of ctx.instancesOf(POLICY_ASSOCIATION)) {
      const key = association.mode === 'managed' ? policyKey(ctx, association) : undefined;
      if (!key) continue;
      const firewalls = attachments.get(key) ?? new Map<string, Scope>();
      for (const firewall of networkPolicies(ctx, association, 'attachment_target').policies) firewalls.set(firewall, scopeOf(association));
      attachments.set(key, firewalls);
    }
    const byPolicy = new Map<string, Placed[]>();
    for (const instance of ctx.instancesOf([...RULE, ...WITH_RULES])) {
      if (instance.mode !== 'managed') continue;
      const key = WITH_RULES.has(instance.type) ? instance.address : (policyKey(ctx, instance) ?? `${instance.address}#unattached`);
      const scope = scopeOf(instance);
      const region = scope === 'regional' ? regionOf(ctx, instance, WITH_RULES.has(instance.type) ? undefined : key) : undefined;
      const list = byPolicy.get(key) ?? [];
      for (const source of ruleSources(ctx, instance)) list.push({ rule: readPolicyRule(ctx, source), scope, region });
      byPolicy.set(key, list);
    }
    const byInstance = new Map<string, FirewallRule[]>();
    const add = (address: string, rules: readonly FirewallRule[]): void => {
      const list = byInstance.get(address);
      if (list) list.push(...rules);
      else byInstance.set(address, [...rules]);
    };
    const perFirewall = new Map<string, Array<{ placed: Placed; rules: FirewallRule[] }>>();
    for (const [key, placed] of [...byPolicy].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const firewalls = [...(attachments.get(key) ?? new Map<string, Scope>())].sort(([a], [b]) => (a < b ? -1 : 1));
      if (firewalls.length === 0) {
        // Associated with no network of the plan: its own first-match policy, which protects nothing here.
        const policy = ctx.instance(key) ? key : `${key}#unattached`;
        const rules = placed.map((p) => ({ placed: p, rules: modelRules(p, policy, p.rule.priority, '') }));
        for (const r of expand(ctx, policy, 'AFTER_CLASSIC_FIREWALL', rules)) add(r.owner, r.rules);
        continue;
      }
      for (const [firewall] of firewalls) {
        const order = enforcementOrder(ctx, firewall);
        const suffix = firewalls.length > 1 ? `@${firewall}` : '';
        const list = perFirewall.get(firewall) ?? [];
        for (const p of placed) list.push({ placed: p, rules: modelRules(p, firewall, shifted(order, p.scope, p.rule.priority), suffix) });
        perFirewall.set(firewall, list);
      }
    }
    for (const [firewall, rules] of perFirewall) for (const r of expand(ctx, firewall, enforcementOrder(ctx, firewall), rules)) add(r.owner, r.rules);
    return { byInstance, attached: new Set(attachments.keys()) };
  });
}

/** `network_firewall_policy_enforcement_order` of a network of the plan; Google's default for one outside it. */
function enforcementOrder(ctx: MapperContext, firewall: string): string {
  const network = firewall.endsWith('#firewall') && !firewall.startsWith('network/') ? ctx.instance(firewall.slice(0, -'#firewall'.length)) : undefined;
  if (!network) return 'AFTER_CLASSIC_FIREWALL';
  return valueOf(readAt(network, ['network_firewall_policy_enforcement_order'], 'AFTER_CLASSIC_FIREWALL', isString), 'AFTER_CLASSIC_FIREWALL').toUpperCase();
}

/**
 * Opens up the `goto_next` rules of one firewall, level by level from the last: each passes its traffic on to the
 * levels after its own (the next policy, the VPC firewall rules when the policies come first), as `passedOn` says.
 */
function expand(ctx: MapperContext, firewall: string, order: string, rules: ReadonlyArray<{ placed: Placed; rules: FirewallRule[] }>): Array<{ owner: string; rules: FirewallRule[] }> {
  const level = (scope: Scope) => rules.filter((r) => r.placed.scope === scope);
  const levels: Array<typeof rules | 'classic'> = order === 'BEFORE_CLASSIC_FIREWALL' ? [level('global'), level('regional'), 'classic'] : ['classic', level('global'), level('regional')];
  const out: Array<{ owner: string; rules: FirewallRule[] }> = [];
  // One budget for the whole firewall: each `goto_next` copies every rule after it.
  const budget: Budget = { left: COPY_BUDGET };
  let later: FirewallRule[] = [];
  for (let k = levels.length - 1; k >= 0; k--) {
    const current = levels[k]!;
    if (current === 'classic') {
      const needed = levels.slice(0, k).some((l) => l !== 'classic' && l.some((r) => r.placed.rule.onMatch === 'goto_next'));
      if (needed) later = [...vpcFirewallRules(ctx, firewall), ...later];
      continue;
    }
    const expanded: FirewallRule[] = [];
    for (const { placed, rules: own } of current) {
      const opened = placed.rule.onMatch === 'goto_next' && isKnownTrue(placed.rule.enabled, (e) => e) ? own.flatMap((r) => passedOn(r, later, budget)) : own;
      out.push({ owner: placed.rule.address, rules: opened });
      expanded.push(...opened);
    }
    later = [...expanded.sort(byEvaluation), ...later];
  }
  return out;
}

/** The VPC firewall rules of a network, as `google_compute_firewall` maps them, in evaluation order. */
function vpcFirewallRules(ctx: MapperContext, firewall: string): FirewallRule[] {
  return ctx
    .instancesOf(FIREWALL)
    .filter((i) => i.mode === 'managed')
    .flatMap((i) => classicRules(ctx, i).rules)
    .filter((r) => r.policy === firewall)
    .sort(byEvaluation);
}

/**
 * `google_compute_network_firewall_policy_rule` and its regional twin: a rule of a network firewall policy, which
 * lives in the firewall of each network the policy is associated with (see `shifted`), or in the policy itself
 * while it is associated with none.
 */
export const networkFirewallPolicyRule: Mapper = {
  types: RULE,
  map(instance, ctx) {
    for (const rule of layout(ctx).byInstance.get(instance.address) ?? []) ctx.add(rule);
  },
};

/**
 * `google_compute_network_firewall_policy`, `google_compute_region_network_firewall_policy` and their
 * `*_with_rules` forms (whose `rule` blocks are mapped here). A policy associated with no network of the plan is a
 * first-match policy of its own that protects nothing, as an unattached security group is.
 */
export const networkFirewallPolicy: Mapper = {
  types: [...GLOBAL_POLICY, ...REGIONAL_POLICY],
  map(instance, ctx) {
    const { byInstance, attached } = layout(ctx);
    if (!attached.has(instance.address)) {
      ctx.add({ id: instance.address, cloud: 'gcp', source: [instance.address], declaredBy: instance.configAddress, tags: {}, kind: 'firewall-policy', evaluation: 'first-match', isDefault: false });
    }
    for (const rule of byInstance.get(instance.address) ?? []) ctx.add(rule);
  },
};

/**
 * `google_compute_network_firewall_policy_association` and its regional twin: they put a policy's rules into the
 * firewall of `attachment_target` (done by the rules); a network outside the plan gets a firewall of its own here.
 */
export const networkFirewallPolicyAssociation: Mapper = {
  types: POLICY_ASSOCIATION,
  map(instance, ctx) {
    for (const firewall of networkPolicies(ctx, instance, 'attachment_target').policies) {
      const external = firewall.startsWith('network/') ? externalFirewall(ctx, firewall) : undefined;
      if (external) ctx.add(external);
    }
  },
};
