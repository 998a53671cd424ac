import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { worldOpenings } from '../../graph/exposure.js';
import { isAllPorts, type Model } from '../../model/index.js';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModel, gcpModelOfFile, gcpPlan, references, type GcpResource } from '../../../test/support/gcp-plan.js';

type Json = Record<string, unknown>;

const network: GcpResource = {
  address: 'google_compute_network.main',
  values: { auto_create_subnetworks: false, name: 'main', project: 'p' },
  unknown: { gateway_ipv4: true, id: true, mtu: true, self_link: true },
  expressions: { auto_create_subnetworks: { constant_value: false }, name: { constant_value: 'main' } },
};

/** A rule as google 5.x plans it: `direction`, `destination_ranges` and the ids are computed when not written. */
function firewall(name: string, values: Json, unknown: Json = {}, expressions: Json = {}): GcpResource {
  const written = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }]));
  return {
    address: `google_compute_firewall.${name}`,
    values: { allow: [], deny: [], description: null, disabled: null, log_config: [], name, network: 'main', priority: 1000, source_service_accounts: null, source_tags: null, target_service_accounts: null, target_tags: null, ...values },
    unknown: { creation_timestamp: true, destination_ranges: true, direction: true, enable_logging: true, id: true, self_link: true, ...unknown },
    expressions: { network: references('google_compute_network.main', 'name'), ...written, ...expressions },
  };
}

/** A VM on the network, as google 5.x plans it, with network tags and an optional service account block. */
function vm(name: string, tags: readonly string[], extra: Json = {}, expressions: Json = {}): GcpResource {
  return {
    address: `google_compute_instance.${name}`,
    values: { machine_type: 'e2-small', name, network_interface: [{ access_config: [{ public_ptr_domain_name: null }], alias_ip_range: [], ipv6_access_config: [] }], service_account: [], tags, zone: 'us-central1-a', ...extra },
    unknown: { id: true, network_interface: [{ access_config: [{ nat_ip: true, network_tier: true }], name: true, network: true, network_ip: true, subnetwork: true }], self_link: true },
    expressions: { name: { constant_value: name }, network_interface: [{ access_config: [{}], network: references('google_compute_network.main') }], tags: { constant_value: tags }, zone: { constant_value: 'us-central1-a' }, ...expressions },
  };
}

const tcp = (...ports: string[]) => [{ protocol: 'tcp', ports }];

function openPorts(model: Model, host: string): string[] {
  return worldOpenings(new Graph(model), entityIn(model, host, 'host')).map((o) => `${o.protocol}:${o.ports.from}-${o.ports.to}`);
}

describe('google_compute_firewall', () => {
  const plan = gcpModel(
    gcpPlan([
      network,
      firewall('bad_world_ssh', { allow: tcp('22'), source_ranges: ['0.0.0.0/0'], target_tags: ['web'] }),
      firewall('bad_world6_https', { allow: tcp('443'), source_ranges: ['::/0'] }),
      firewall('bad_all_ports', { allow: tcp('0-65535'), source_ranges: ['0.0.0.0/0'], target_tags: ['db'] }),
      firewall('bad_all_protocols', { allow: [{ protocol: 'all', ports: [] }], source_ranges: ['0.0.0.0/0'], target_tags: ['batch'] }),
      firewall('disabled_rdp', { allow: tcp('3389'), source_ranges: ['0.0.0.0/0'], disabled: true }),
      firewall('default_source_8080', { allow: tcp('8080') }, { source_ranges: true }),
      firewall('pending_source_9090', { allow: tcp('9090') }, { source_ranges: true }, { source_ranges: { references: ['var.ranges'] } }),
      firewall('tags_only_5432', { allow: tcp('5432'), source_tags: ['app'] }),
      firewall('icmp', { allow: [{ protocol: 'icmp', ports: [] }], source_ranges: ['0.0.0.0/0'] }),
      firewall('egress_all', { allow: [{ protocol: 'all', ports: [] }], direction: 'EGRESS', destination_ranges: ['0.0.0.0/0'] }, { destination_ranges: false, direction: false }),
      vm('web', ['web']),
      vm('plain', []),
    ]),
  );

  it('makes one first-match rule per allow block in its network firewall, with Google defaults', () => {
    const rule = entityIn(plan, 'google_compute_firewall.bad_world_ssh#allow[0]', 'firewall-rule');
    expect(rule).toMatchObject({
      policy: 'google_compute_network.main#firewall',
      direction: 'ingress',
      action: 'allow',
      priority: 1000,
      protocol: 'tcp',
      ports: [{ from: 22, to: 22 }],
      peers: [{ kind: 'world', family: 'ipv4' }],
      targets: { kind: 'labels', labels: ['web'] },
      source: ['google_compute_firewall.bad_world_ssh'],
    });
    expect(rule.enabled).toEqual({ state: 'default', value: true });
    expect(entityIn(plan, 'google_compute_network.main#firewall', 'firewall-policy').evaluation).toBe('first-match');
  });

  it('::/0 is the world too; 0-65535 and protocol all are every port', () => {
    expect(entityIn(plan, 'google_compute_firewall.bad_world6_https#allow[0]', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'ipv6' }]);
    expect(isAllPorts(entityIn(plan, 'google_compute_firewall.bad_all_ports#allow[0]', 'firewall-rule').ports)).toBe(true);
    const all = entityIn(plan, 'google_compute_firewall.bad_all_protocols#allow[0]', 'firewall-rule');
    expect([all.protocol, isAllPorts(all.ports)]).toEqual(['all', true]);
    expect(entityIn(plan, 'google_compute_firewall.icmp#allow[0]', 'firewall-rule')).toMatchObject({ protocol: 'icmp', ports: [] });
  });

  it('no source written: Google applies 0.0.0.0/0; a source known only after apply stays unknown', () => {
    expect(entityIn(plan, 'google_compute_firewall.default_source_8080#allow[0]', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(entityIn(plan, 'google_compute_firewall.pending_source_9090#allow[0]', 'firewall-rule').peers).toEqual([{ kind: 'unknown' }]);
    expect(entityIn(plan, 'google_compute_firewall.tags_only_5432#allow[0]', 'firewall-rule').peers).toEqual([{ kind: 'label', label: 'app' }]);
  });

  it('disabled rules are not enforced; egress rules read destination ranges', () => {
    expect(entityIn(plan, 'google_compute_firewall.disabled_rdp#allow[0]', 'firewall-rule').enabled).toEqual({ state: 'set', value: false });
    expect(entityIn(plan, 'google_compute_firewall.egress_all#allow[0]', 'firewall-rule')).toMatchObject({ direction: 'egress', peers: [{ kind: 'world', family: 'ipv4' }] });
  });

  it('target tags decide which VMs a rule reaches; a rule without targets reaches every VM', () => {
    expect(edgesFrom(plan, 'google_compute_instance.web', 'protected-by')).toEqual(['google_compute_network.main#firewall via network_interface.network']);
    expect(openPorts(plan, 'google_compute_instance.web')).toEqual(['tcp:22-22', 'tcp:443-443', 'tcp:8080-8080']);
    expect(openPorts(plan, 'google_compute_instance.plain')).toEqual(['tcp:443-443', 'tcp:8080-8080']);
  });
});

describe('first match by priority', () => {
  const rules = (deny: Json) =>
    gcpModel(gcpPlan([network, firewall('allow_ssh', { allow: tcp('22', '80'), source_ranges: ['0.0.0.0/0'] }), firewall('deny_ssh', { deny: tcp('22'), source_ranges: ['0.0.0.0/0'], ...deny }), vm('web', ['web'])]));

  it('a deny at a lower number shadows an allow', () => {
    const m = rules({ priority: 100 });
    expect(entityIn(m, 'google_compute_firewall.deny_ssh#deny[0]', 'firewall-rule')).toMatchObject({ action: 'deny', priority: 100 });
    expect(openPorts(m, 'google_compute_instance.web')).toEqual(['tcp:80-80']);
  });

  it('at equal priority the deny wins', () => {
    expect(openPorts(rules({}), 'google_compute_instance.web')).toEqual(['tcp:80-80']);
  });

  it('a deny at a higher number comes too late', () => {
    expect(openPorts(rules({ priority: 2000 }), 'google_compute_instance.web')).toEqual(['tcp:22-22', 'tcp:80-80']);
  });

  it('a deny for a tagged target leaves other VMs open', () => {
    expect(openPorts(rules({ priority: 100, target_tags: ['other'] }), 'google_compute_instance.web')).toEqual(['tcp:22-22', 'tcp:80-80']);
  });
});

describe('service accounts', () => {
  const account: GcpResource = {
    address: 'google_service_account.app',
    values: { account_id: 'app', disabled: false, display_name: 'app' },
    unknown: { email: true, id: true, member: true, name: true, unique_id: true },
    expressions: { account_id: { constant_value: 'app' } },
  };
  const email = { references: ['google_service_account.app.email', 'google_service_account.app'] };
  const m = gcpModel(
    gcpPlan([
      network,
      account,
      firewall('app_only', { allow: tcp('8443'), source_ranges: ['0.0.0.0/0'] }, { target_service_accounts: true }, { target_service_accounts: { references: ['google_service_account.app.email', 'google_service_account.app'] } }),
      vm('app', [], { service_account: [{ scopes: ['cloud-platform'] }] }, { service_account: [{ email, scopes: { constant_value: ['cloud-platform'] } }] }),
      vm('other', []),
    ]),
  );

  it('an account created by the plan selects the same VMs on the rule and on the instance before its email is known', () => {
    expect(entityIn(m, 'google_compute_firewall.app_only#allow[0]', 'firewall-rule').targets).toEqual({ kind: 'service-accounts', accounts: ['google_service_account.app'] });
    expect(entityIn(m, 'google_compute_instance.app', 'host').serviceAccounts).toEqual(['google_service_account.app']);
    expect(openPorts(m, 'google_compute_instance.app')).toEqual(['tcp:8443-8443']);
    expect(openPorts(m, 'google_compute_instance.other')).toEqual([]);
  });
});

describe('google_compute_firewall in real plans', () => {
  it('regula: a rule without source ranges is open to the world by default; port lists and ranges', () => {
    const m = gcpModelOfFile(corpusFile('regula/gcp-firewalls-ingress-22-tf0.13.5.json'));
    expect(entityIn(m, 'google_compute_firewall.valid-rule-2#allow[0]', 'firewall-rule')).toMatchObject({ peers: [{ kind: 'world', family: 'ipv4' }], ports: [{ from: 22, to: 22 }] });
    expect(entityIn(m, 'google_compute_firewall.invalid-rule-1#allow[0]', 'firewall-rule').ports).toEqual([
      { from: 22, to: 22 },
      { from: 8080, to: 8080 },
      { from: 1000, to: 2000 },
    ]);
    expect(entityIn(m, 'google_compute_firewall.valid-rule-1#allow[0]', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'ipv4' }, { kind: 'label', label: 'web' }]);
    expect(entityIn(m, 'google_compute_firewall.invalid-rule-2#allow[1]', 'firewall-rule')).toMatchObject({ protocol: 'icmp', policy: 'google_compute_network.default#firewall' });
  });

  it('terraform-validator: disabled, priority 42, deny blocks, source and target service accounts', () => {
    const m = gcpModelOfFile(corpusFile('terraform-validator/gcp-firewalls-full-tf0.12.10.json'));
    expect(entityIn(m, 'google_compute_firewall.full_list_default_1#allow[1]', 'firewall-rule')).toMatchObject({ priority: 42, enabled: { state: 'set', value: false } });
    const deny = entityIn(m, 'google_compute_firewall.full_list_default_2#deny[1]', 'firewall-rule');
    expect(deny).toMatchObject({ action: 'deny', targets: { kind: 'service-accounts', accounts: ['test-target_service_account1', 'test-target_service_account2'] } });
    expect(deny.peers).toContainEqual({ kind: 'service-account', account: 'test-source_service_account1' });
    expect(entityIn(m, 'google_compute_firewall.full_list_default_3#deny[0]', 'firewall-rule').targets).toEqual({ kind: 'labels', labels: ['test-target_tag1', 'test-target_tag2'] });
  });

  it('terracost: the `default` network is not in the plan; its rules, its pre-populated rules and the VM meet in one policy', () => {
    const m = gcpModelOfFile(corpusFile('terracost/gcp-instance-firewalls-modules-tf1.0.6.json'));
    const policy = entityIn(m, 'network/default#firewall', 'firewall-policy');
    expect(policy.source).toEqual(['module.vm.google_compute_firewall.egress', 'module.vm.google_compute_firewall.ingress']);
    // 22 by the plan's own rule; 3389 by Google's default-allow-rdp, presumed (default-network.test.ts).
    expect(openPorts(m, 'module.vm.google_compute_instance.vm')).toEqual(['tcp:22-22', 'tcp:3389-3389']);
    const open = worldOpenings(new Graph(m), entityIn(m, 'module.vm.google_compute_instance.vm', 'host'));
    expect(open.map((o) => o.rules.map((r) => r.presumed?.name ?? r.id))).toEqual([['module.vm.google_compute_firewall.ingress#allow[0]'], ['default-allow-rdp']]);
  });

  it('alextzk: rules reach their network through module variables; Google front-end ranges are not the world', () => {
    const m = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));
    const lb = entityIn(m, 'module.firewall.google_compute_firewall.allow_lb_to_gke_nginx#allow[0]', 'firewall-rule');
    expect(lb).toMatchObject({ policy: 'module.network.google_compute_network.network#firewall', targets: { kind: 'labels', labels: ['gke-lb-backend'] } });
    expect(lb.peers).toEqual([
      { kind: 'cidr', cidr: '130.211.0.0/22' },
      { kind: 'cidr', cidr: '35.191.0.0/16' },
    ]);
    expect(openPorts(m, 'module.gke.google_container_node_pool.primary_nodes')).toEqual([]);
  });
});
