import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { worldOpenings } from '../../graph/exposure.js';
import type { Model } from '../../model/index.js';
import { COPY_BUDGET } from './goto-next.js';
import { edgesFrom, entityIn, gcpModel, gcpPlan, references, type GcpResource } from '../../../test/support/gcp-plan.js';

type Json = Record<string, unknown>;

/** A network as google 6.x plans it: the enforcement order is written out (its default when not configured). */
function network(order = 'AFTER_CLASSIC_FIREWALL', name = 'main'): GcpResource {
  return {
    address: `google_compute_network.${name}`,
    values: { auto_create_subnetworks: false, name, network_firewall_policy_enforcement_order: order, project: 'p' },
    unknown: { gateway_ipv4: true, id: true, mtu: true, self_link: true },
    expressions: { auto_create_subnetworks: { constant_value: false }, name: { constant_value: name }, ...(order === 'AFTER_CLASSIC_FIREWALL' ? {} : { network_firewall_policy_enforcement_order: { constant_value: order } }) },
  };
}

const policy = (name = 'main', type = 'google_compute_network_firewall_policy', extra: Json = {}): GcpResource => ({
  address: `${type}.${name}`,
  values: { name, description: null, project: 'p', ...extra },
  unknown: { creation_timestamp: true, fingerprint: true, id: true, network_firewall_policy_id: true, rule_tuple_count: true, self_link: true, self_link_with_id: true },
  expressions: { name: { constant_value: name } },
});

const association = (name = 'main', policyAddress = 'google_compute_network_firewall_policy.main', networkAddress = 'google_compute_network.main', type = 'google_compute_network_firewall_policy_association', extra: Json = {}): GcpResource => ({
  address: `${type}.${name}`,
  values: { name, attachment_target: null, firewall_policy: policyAddress.split('.')[1], project: 'p', timeouts: null, ...extra },
  unknown: { attachment_target: true, id: true, short_name: true },
  expressions: { attachment_target: references(networkAddress, 'id'), firewall_policy: references(policyAddress, 'name'), name: { constant_value: name } },
});

const tagValue = (name: string): GcpResource => ({
  address: `google_tags_tag_value.${name}`,
  values: { short_name: name, description: null, timeouts: null },
  unknown: { create_time: true, id: true, name: true, namespaced_name: true, parent: true, update_time: true },
  expressions: { parent: references('google_tags_tag_key.fw'), short_name: { constant_value: name } },
});

/** A rule resource as google 6.x plans it, with `match` written out and the secure tags' states unknown. */
function rule(name: string, values: Json, match: Json, opts: { targetTag?: string; type?: string; unknown?: Json; policy?: string } = {}): GcpResource {
  const type = opts.type ?? 'google_compute_network_firewall_policy_rule';
  return {
    address: `${type}.${name}`,
    values: {
      action: 'allow', description: null, direction: 'INGRESS', disabled: null, enable_logging: null, firewall_policy: (opts.policy ?? 'google_compute_network_firewall_policy.main').split('.')[1],
      priority: 1000, rule_name: null, security_profile_group: null, target_service_accounts: null, timeouts: null, tls_inspect: null,
      match: [{ dest_address_groups: null, dest_fqdns: null, dest_ip_ranges: null, dest_region_codes: null, dest_threat_intelligences: null, src_address_groups: null, src_fqdns: null, src_ip_ranges: null, src_region_codes: null, src_secure_tags: [], src_threat_intelligences: null, layer4_configs: [{ ip_protocol: 'tcp', ports: ['22'] }], ...match }],
      target_secure_tags: opts.targetTag ? [{ name: null }] : [],
      ...values,
    },
    unknown: { creation_timestamp: true, id: true, kind: true, project: true, rule_tuple_count: true, ...(opts.targetTag ? { target_secure_tags: [{ name: true, state: true }] } : {}), match: [{ layer4_configs: [{}], src_secure_tags: [] }], ...opts.unknown },
    expressions: {
      action: { constant_value: values.action ?? 'allow' },
      direction: { constant_value: 'INGRESS' },
      firewall_policy: references(opts.policy ?? 'google_compute_network_firewall_policy.main', 'name'),
      priority: { constant_value: values.priority ?? 1000 },
      match: [{ layer4_configs: [{ ip_protocol: { constant_value: 'tcp' } }] }],
      ...(opts.targetTag ? { target_secure_tags: [{ name: references(`google_tags_tag_value.${opts.targetTag}`, 'id') }] } : {}),
    },
  };
}

/** A VM on the network with an external address, bound to secure tag values the plan creates. */
function vm(name: string, tags: readonly string[], zone = 'us-central1-a'): GcpResource {
  return {
    address: `google_compute_instance.${name}`,
    values: { machine_type: 'e2-small', name, zone, tags: [], service_account: [], params: tags.length > 0 ? [{ resource_manager_tags: null }] : [], network_interface: [{ access_config: [{ public_ptr_domain_name: null }], alias_ip_range: [], ipv6_access_config: [] }] },
    unknown: { id: true, self_link: true, network_interface: [{ access_config: [{ nat_ip: true, network_tier: true }], name: true, network: true, network_ip: true, subnetwork: true }], ...(tags.length > 0 ? { params: [{ resource_manager_tags: true }] } : {}) },
    expressions: {
      name: { constant_value: name },
      zone: { constant_value: zone },
      network_interface: [{ access_config: [{}], network: references('google_compute_network.main') }],
      ...(tags.length > 0 ? { params: [{ resource_manager_tags: { references: tags.flatMap((t) => ['google_tags_tag_key.fw.id', 'google_tags_tag_key.fw', `google_tags_tag_value.${t}.id`, `google_tags_tag_value.${t}`]) } }] } : {}),
    },
  };
}

const tagKey: GcpResource = {
  address: 'google_tags_tag_key.fw',
  values: { short_name: 'fw', parent: 'projects/p', purpose: 'GCE_FIREWALL', purpose_data: { network: 'p/main' }, description: null, timeouts: null },
  unknown: { create_time: true, id: true, name: true, namespaced_name: true, purpose_data: {}, update_time: true },
  expressions: { short_name: { constant_value: 'fw' } },
};

function open(model: Model, host: string): string[] {
  return worldOpenings(new Graph(model), entityIn(model, host, 'host')).map((o) => `${o.protocol}:${o.ports.from}-${o.ports.to}`);
}

const world = (ports: string[] = ['22']) => ({ src_ip_ranges: ['0.0.0.0/0'], layer4_configs: [{ ip_protocol: 'tcp', ports }] });
const base = (order?: string) => [network(order), policy(), association(), tagKey, tagValue('web'), tagValue('other'), vm('web', ['web']), vm('plain', [])];
const model = (...extra: GcpResource[]) => gcpModel(gcpPlan([...base(), ...extra]));

describe('google_compute_network_firewall_policy_rule', () => {
  it('SSH from 0.0.0.0/0 to the VMs with a secure tag: a rule of the network firewall, after the VPC firewall rules', () => {
    const m = model(rule('bad_world_ssh', {}, world(), { targetTag: 'web' }));
    const r = entityIn(m, 'google_compute_network_firewall_policy_rule.bad_world_ssh#layer4[0]', 'firewall-rule');
    expect(r).toMatchObject({ policy: 'google_compute_network.main#firewall', action: 'allow', direction: 'ingress', protocol: 'tcp', ports: [{ from: 22, to: 22 }], peers: [{ kind: 'world', family: 'ipv4' }], targets: { kind: 'labels', labels: ['google_tags_tag_value.web'] }, source: ['google_compute_network_firewall_policy_rule.bad_world_ssh'] });
    expect(r.priority).toBe(65536 + 1000);
    expect(entityIn(m, 'google_compute_instance.web', 'host').labels).toEqual(['google_tags_tag_value.web']);
    expect(open(m, 'google_compute_instance.web')).toEqual(['tcp:22-22']);
    expect(open(m, 'google_compute_instance.plain')).toEqual([]);
    expect(m.unmodelled).toEqual({ google_tags_tag_key: 1, google_tags_tag_value: 2 });
  });

  it('a rule without targets reaches every VM of the network; apply_security_profile_group admits too', () => {
    const m = model(rule('inspected', { action: 'apply_security_profile_group', security_profile_group: '//networksecurity.googleapis.com/x' }, world(['3389'])));
    expect(open(m, 'google_compute_instance.plain')).toEqual(['tcp:3389-3389']);
    expect(open(m, 'google_compute_instance.web')).toEqual(['tcp:3389-3389']);
  });

  it('stays quiet: a deny at a lower number, a disabled rule, a tag no VM carries', () => {
    expect(open(model(rule('ssh', {}, world(), { targetTag: 'web' }), rule('deny_ssh', { action: 'deny', priority: 10 }, world())), 'google_compute_instance.web')).toEqual([]);
    expect(open(model(rule('ssh', { disabled: true }, world(), { targetTag: 'web' })), 'google_compute_instance.web')).toEqual([]);
    expect(open(model(rule('ssh', {}, world(), { targetTag: 'other' })), 'google_compute_instance.web')).toEqual([]);
  });

  it('a deny at a higher number comes too late; a disabled deny blocks nothing', () => {
    expect(open(model(rule('ssh', { priority: 10 }, world()), rule('deny', { action: 'deny', priority: 20 }, world())), 'google_compute_instance.plain')).toEqual(['tcp:22-22']);
    expect(open(model(rule('ssh', {}, world()), rule('deny', { action: 'deny', priority: 10, disabled: true }, world())), 'google_compute_instance.plain')).toEqual(['tcp:22-22']);
  });

  it('geolocations, FQDNs, threat intelligence lists and a network scope other than INTERNET are not the internet', () => {
    const m = model(
      rule('geo', {}, { src_region_codes: ['US'], layer4_configs: [{ ip_protocol: 'tcp', ports: ['22'] }] }),
      rule('fqdn', { priority: 1001 }, { src_fqdns: ['example.com'], src_threat_intelligences: ['iplist-public-clouds'], layer4_configs: [{ ip_protocol: 'tcp', ports: ['23'] }] }),
      rule('scoped', { priority: 1002 }, { src_ip_ranges: ['0.0.0.0/0'], src_network_scope: 'INTRA_VPC', layer4_configs: [{ ip_protocol: 'tcp', ports: ['24'] }] }),
    );
    expect(entityIn(m, 'google_compute_network_firewall_policy_rule.geo#layer4[0]', 'firewall-rule').peers).toEqual([{ kind: 'service', name: 'region code US' }]);
    expect(entityIn(m, 'google_compute_network_firewall_policy_rule.scoped#layer4[0]', 'firewall-rule').peers).toEqual([{ kind: 'service', name: 'network scope INTRA_VPC' }]);
    expect(open(m, 'google_compute_instance.plain')).toEqual([]);
  });

  it('sources add up: the internet beside a country is still the internet; an address group of the plan is read', () => {
    const group: GcpResource = { address: 'google_network_security_address_group.any', values: { name: 'any', items: ['0.0.0.0/1', '128.0.0.0/1'], type: 'IPV4', location: 'global', capacity: 100 }, unknown: { id: true }, expressions: { name: { constant_value: 'any' } } };
    const m = model(
      group,
      rule('mixed', {}, { src_ip_ranges: ['0.0.0.0/0'], src_region_codes: ['US'], layer4_configs: [{ ip_protocol: 'tcp', ports: ['22'] }] }),
      { ...rule('grouped', { priority: 1001 }, { layer4_configs: [{ ip_protocol: 'tcp', ports: ['5432'] }] }, { unknown: { match: [{ src_address_groups: true }] } }), expressions: { firewall_policy: references('google_compute_network_firewall_policy.main', 'name'), match: [{ src_address_groups: references('google_network_security_address_group.any') }] } },
    );
    expect(open(m, 'google_compute_instance.plain')).toEqual(['tcp:22-22', 'tcp:5432-5432']);
  });

  it('a secure tag as source is the VMs that carry it, not the internet; service accounts pick targets', () => {
    const m = model(rule('from_web', { target_service_accounts: ['app@p.iam.gserviceaccount.com'] }, { src_secure_tags: [{ name: 'tagValues/42' }], layer4_configs: [{ ip_protocol: 'tcp', ports: ['22'] }] }));
    expect(entityIn(m, 'google_compute_network_firewall_policy_rule.from_web#layer4[0]', 'firewall-rule')).toMatchObject({ peers: [{ kind: 'label', label: 'tagValues/42' }], targets: { kind: 'service-accounts', accounts: ['app@p.iam.gserviceaccount.com'] } });
    expect(open(m, 'google_compute_instance.plain')).toEqual([]);
  });

  it('ports or sources known only after apply: nothing reportable, never the world', () => {
    const m = model(
      rule('ports', {}, { src_ip_ranges: ['0.0.0.0/0'], layer4_configs: [{ ip_protocol: 'tcp', ports: null }] }, { unknown: { match: [{ layer4_configs: [{ ports: true }] }] } }),
      rule('ranges', { priority: 1001 }, { layer4_configs: [{ ip_protocol: 'tcp', ports: ['22'] }] }, { unknown: { match: [{ src_ip_ranges: true }] } }),
    );
    expect(entityIn(m, 'google_compute_network_firewall_policy_rule.ranges#layer4[0]', 'firewall-rule').peers).toEqual([{ kind: 'unknown' }]);
    expect(open(m, 'google_compute_instance.plain')).toEqual([]);
  });
});

const classic = (name: string, kind: 'allow' | 'deny', priority: number): GcpResource => ({
  address: `google_compute_firewall.${name}`,
  values: { allow: kind === 'allow' ? [{ protocol: 'tcp', ports: ['22'] }] : [], deny: kind === 'deny' ? [{ protocol: 'tcp', ports: ['22'] }] : [], disabled: null, name, network: 'main', priority, source_ranges: ['0.0.0.0/0'], source_tags: null, target_tags: null, source_service_accounts: null, target_service_accounts: null },
  unknown: { creation_timestamp: true, destination_ranges: true, direction: true, id: true, self_link: true },
  expressions: { network: references('google_compute_network.main', 'name'), priority: { constant_value: priority } },
});

describe('enforcement order', () => {
  const ordered = (order: string, ...extra: GcpResource[]) => gcpModel(gcpPlan([...base(order), ...extra]));

  it('AFTER_CLASSIC_FIREWALL (the default): a VPC firewall rule decides first, whatever its number', () => {
    expect(open(ordered('AFTER_CLASSIC_FIREWALL', classic('deny_ssh', 'deny', 65000), rule('ssh', { priority: 1 }, world())), 'google_compute_instance.plain')).toEqual([]);
    expect(open(ordered('AFTER_CLASSIC_FIREWALL', classic('ssh', 'allow', 65000), rule('deny', { action: 'deny', priority: 0 }, world())), 'google_compute_instance.plain')).toEqual(['tcp:22-22']);
  });

  it('BEFORE_CLASSIC_FIREWALL: the policy decides first', () => {
    const m = ordered('BEFORE_CLASSIC_FIREWALL', classic('deny_ssh', 'deny', 0), rule('ssh', { priority: 2000 }, world()));
    expect(entityIn(m, 'google_compute_network_firewall_policy_rule.ssh#layer4[0]', 'firewall-rule').priority).toBe(2000 - 2 ** 32);
    expect(open(m, 'google_compute_instance.plain')).toEqual(['tcp:22-22']);
    expect(open(ordered('BEFORE_CLASSIC_FIREWALL', classic('ssh', 'allow', 0), rule('deny', { action: 'deny', priority: 2000 }, world())), 'google_compute_instance.plain')).toEqual([]);
  });
});

describe('goto_next', () => {
  const gotoNext = (priority = 100) => rule('pass', { action: 'goto_next', priority }, world());

  it('after the VPC firewall rules, with no regional policy next, it ends in the implied deny', () => {
    expect(open(gcpModel(gcpPlan([...base(), rule('ssh', {}, world())])), 'google_compute_instance.plain')).toEqual(['tcp:22-22']);
    expect(open(gcpModel(gcpPlan([...base(), gotoNext(), rule('ssh', {}, world())])), 'google_compute_instance.plain')).toEqual([]);
  });

  it('before the VPC firewall rules, it skips the rest of the policy: those rules decide', () => {
    const allowed = gcpModel(gcpPlan([...base('BEFORE_CLASSIC_FIREWALL'), gotoNext(), rule('deny', { action: 'deny', priority: 200 }, world()), classic('ssh', 'allow', 1000)]));
    expect(open(allowed, 'google_compute_instance.plain')).toEqual(['tcp:22-22']);
    expect(entityIn(allowed, 'google_compute_firewall.ssh#allow[0]@google_compute_network_firewall_policy_rule.pass#layer4[0]', 'firewall-rule').source).toEqual(['google_compute_firewall.ssh', 'google_compute_network_firewall_policy_rule.pass']);
    const nothingNext = gcpModel(gcpPlan([...base('BEFORE_CLASSIC_FIREWALL'), gotoNext(), rule('ssh', { priority: 200 }, world())]));
    expect(open(nothingNext, 'google_compute_instance.plain')).toEqual([]);
  });
});

describe('goto_next for some VMs in front of rules for others', () => {
  // The copies of the next levels' rules must pick the VMs both rules pick (`all-of`), never be dropped: dropping
  // them denied the traffic the goto_next passes on, and hid ports open to the internet.
  it('a goto_next for a secure tag passes its VMs on to a regional rule for every VM of the region', () => {
    const regional = [
      policy('eu', 'google_compute_region_network_firewall_policy', { region: 'europe-west1' }),
      association('eu', 'google_compute_region_network_firewall_policy.eu', 'google_compute_network.main', 'google_compute_region_network_firewall_policy_association', { region: 'europe-west1' }),
      rule('eu_ssh', { region: 'europe-west1' }, world(), { type: 'google_compute_region_network_firewall_policy_rule', policy: 'google_compute_region_network_firewall_policy.eu' }),
    ];
    const m = gcpModel(gcpPlan([...base(), vm('eu_web', ['web'], 'europe-west1-b'), vm('eu_plain', [], 'europe-west1-b'), rule('pass', { action: 'goto_next', priority: 100 }, world(), { targetTag: 'web' }), rule('deny_all', { action: 'deny', priority: 200 }, world()), ...regional]));
    expect(open(m, 'google_compute_instance.eu_web')).toEqual(['tcp:22-22']);
    // Not passed on: the global deny decides.
    expect(open(m, 'google_compute_instance.eu_plain')).toEqual([]);
    const copy = entityIn(m, 'google_compute_region_network_firewall_policy_rule.eu_ssh#layer4[0]@google_compute_network_firewall_policy_rule.pass#layer4[0]', 'firewall-rule');
    expect(copy.targets).toEqual({ kind: 'all-of', of: [{ kind: 'labels', labels: ['regions/europe-west1'] }, { kind: 'labels', labels: ['google_tags_tag_value.web'] }] });
  });

  it('before the VPC firewall rules: a goto_next for a secure tag passes on to a VPC rule for a network tag; the VM with both is open', () => {
    const tagged = (name: string, tags: string[]): GcpResource => ({ ...classic(name, 'allow', 1000), values: { ...classic(name, 'allow', 1000).values, target_tags: tags } });
    const web = vm('both', ['web']);
    const both = { ...web, values: { ...web.values, tags: ['frontend'] } };
    const m = gcpModel(gcpPlan([...base('BEFORE_CLASSIC_FIREWALL'), both, rule('pass', { action: 'goto_next', priority: 100 }, world(), { targetTag: 'web' }), rule('deny_all', { action: 'deny', priority: 200 }, world()), tagged('ssh', ['frontend'])]));
    expect(open(m, 'google_compute_instance.both')).toEqual(['tcp:22-22']);
    // The secure tag alone (no network tag): passed on, but no VPC rule picks it.
    expect(open(m, 'google_compute_instance.web')).toEqual([]);
  });
});

describe('goto_next copies: one budget per firewall', () => {
  it('many goto_next rules in front of many VPC rules copy at most COPY_BUDGET rules in all, not each', () => {
    const vpcRules = Array.from({ length: 1000 }, (_, i) => classic(`r${i}`, 'allow', 1000 + i));
    const passes = Array.from({ length: 60 }, (_, i) => rule(`pass${i}`, { action: 'goto_next', priority: 100 + i }, world([String(1000 + i)])));
    const m = gcpModel(gcpPlan([...base('BEFORE_CLASSIC_FIREWALL'), ...passes, ...vpcRules]));
    const rules = [...m.entities.values()].filter((e) => e.kind === 'firewall-rule').length;
    // 60 x 1000 copies without a shared budget; with it, the budget, the VPC rules and each goto_next's own deny.
    expect(rules).toBeLessThanOrEqual(COPY_BUDGET + vpcRules.length + passes.length);
    // Traffic no goto_next matches still reaches the VPC rules.
    expect(open(m, 'google_compute_instance.plain')).toContain('tcp:22-22');
  });
});

describe('regional policies', () => {
  const regional = [
    policy('eu', 'google_compute_region_network_firewall_policy', { region: 'europe-west1' }),
    association('eu', 'google_compute_region_network_firewall_policy.eu', 'google_compute_network.main', 'google_compute_region_network_firewall_policy_association', { region: 'europe-west1' }),
    { ...rule('eu_ssh', { region: 'europe-west1' }, world(), { type: 'google_compute_region_network_firewall_policy_rule', policy: 'google_compute_region_network_firewall_policy.eu' }) },
  ];

  it('apply only to the VMs of their region, after the global policy', () => {
    const m = gcpModel(gcpPlan([...base(), vm('eu_vm', [], 'europe-west1-b'), ...regional]));
    expect(open(m, 'google_compute_instance.eu_vm')).toEqual(['tcp:22-22']);
    expect(open(m, 'google_compute_instance.plain')).toEqual([]);
    expect(entityIn(m, 'google_compute_region_network_firewall_policy_rule.eu_ssh#layer4[0]', 'firewall-rule').priority).toBe(65536 + 2 ** 31 + 1000);
  });
});

describe('policies with inline rules, and policies associated with nothing', () => {
  it('google_compute_network_firewall_policy_with_rules: one rule per block, direction INGRESS by default', () => {
    const withRules: GcpResource = {
      address: 'google_compute_network_firewall_policy_with_rules.inline',
      values: {
        name: 'inline', description: null, project: 'p',
        rule: [
          { action: 'deny', priority: 10, direction: null, disabled: null, match: [{ src_ip_ranges: ['0.0.0.0/0'], layer4_config: [{ ip_protocol: 'tcp', ports: ['3389'] }], src_secure_tag: [] }], target_secure_tag: [], target_service_accounts: null },
          { action: 'allow', priority: 20, direction: 'INGRESS', disabled: null, match: [{ src_ip_ranges: ['0.0.0.0/0'], layer4_config: [{ ip_protocol: 'tcp', ports: ['22', '3389'] }], src_secure_tag: [] }], target_secure_tag: [], target_service_accounts: null },
        ],
      },
      unknown: { id: true, self_link: true, predefined_rules: true },
      expressions: { name: { constant_value: 'inline' } },
    };
    const m = gcpModel(gcpPlan([...base(), withRules, association('inline', 'google_compute_network_firewall_policy_with_rules.inline')]));
    expect(entityIn(m, 'google_compute_network_firewall_policy_with_rules.inline#rule[0].layer4[0]', 'firewall-rule')).toMatchObject({ action: 'deny', direction: 'ingress' });
    expect(open(m, 'google_compute_instance.plain')).toEqual(['tcp:22-22']);
  });

  it('a policy associated with no network of the plan is a first-match policy that protects nothing', () => {
    const m = gcpModel(gcpPlan([network(), policy(), vm('plain', []), rule('ssh', {}, world())]));
    expect(entityIn(m, 'google_compute_network_firewall_policy_rule.ssh#layer4[0]', 'firewall-rule').policy).toBe('google_compute_network_firewall_policy.main');
    expect(entityIn(m, 'google_compute_network_firewall_policy.main', 'firewall-policy').evaluation).toBe('first-match');
    expect(edgesFrom(m, 'google_compute_instance.plain', 'protected-by')).toEqual(['google_compute_network.main#firewall via network_interface.network']);
    expect(open(m, 'google_compute_instance.plain')).toEqual([]);
  });
});
