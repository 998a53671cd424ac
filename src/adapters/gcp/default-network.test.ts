import { describe, expect, it } from 'vitest';
import type { FirewallRule, Model } from '../../model/index.js';
import { constant, edgesFrom, entityIn, gcpModel, gcpPlan, trimmedCorpus, vpcNetwork, type GcpResource } from '../../../test/support/gcp-plan.js';
import { DEFAULT_NETWORK_FIREWALL } from './default-network.js';

const rulesOf = (m: Model, policy: string): FirewallRule[] =>
  [...m.entities.values()].filter((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === policy).sort((a, b) => (a.id < b.id ? -1 : 1));

/** One rule as `name protocol ports <- peers @priority`, presumed ones marked. */
const line = (r: FirewallRule): string =>
  `${r.presumed ? `${r.presumed.name} (presumed)` : r.id} ${r.action} ${r.protocol} ${r.ports.map((p) => `${p.from}-${p.to}`).join(',')} <- ${r.peers.map((p) => (p.kind === 'cidr' ? p.cidr : p.kind)).join(',')} @${r.priority}`;

const PRE_POPULATED = [
  'default-allow-icmp (presumed) allow icmp  <- world @65534',
  'default-allow-internal (presumed) allow icmp  <- 10.128.0.0/9 @65534',
  'default-allow-internal (presumed) allow tcp 0-65535 <- 10.128.0.0/9 @65534',
  'default-allow-internal (presumed) allow udp 0-65535 <- 10.128.0.0/9 @65534',
  'default-allow-rdp (presumed) allow tcp 3389-3389 <- world @65534',
  'default-allow-ssh (presumed) allow tcp 22-22 <- world @65534',
];

const vm = (network: string, name = 'vm'): GcpResource => ({
  address: `google_compute_instance.${name}`,
  values: { name, zone: 'us-central1-a', network_interface: [{ access_config: [{ public_ptr_domain_name: null }], network }], tags: null },
  unknown: { id: true, network_interface: [{ access_config: [{ nat_ip: true, network_tier: true }] }] },
  expressions: { network_interface: [{ network: constant(network) }] },
});

const firewall = (name: string, network: string, over: Record<string, unknown> = {}): GcpResource => ({
  address: `google_compute_firewall.${name.replace(/-/g, '_')}`,
  values: { name, network, direction: 'INGRESS', priority: 1000, source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }], deny: [], ...over },
  unknown: { id: true, self_link: true },
  expressions: { name: constant(name), network: constant(network) },
});

describe("Google's default network outside the plan", () => {
  it('checkov: a VM on `default` gets the pre-populated rules, presumed, in the firewall of that network', () => {
    const m = gcpModel(trimmedCorpus('checkov/gcp-compute-instance-service-account-tf1.1.3.json', (a) => a === 'google_compute_instance.default'));
    expect(edgesFrom(m, 'google_compute_instance.default', 'protected-by')).toEqual([`${DEFAULT_NETWORK_FIREWALL} via network_interface.network`]);
    expect(entityIn(m, DEFAULT_NETWORK_FIREWALL, 'firewall-policy')).toMatchObject({ evaluation: 'first-match', source: [] });
    const rules = rulesOf(m, DEFAULT_NETWORK_FIREWALL);
    expect(rules.map(line).sort()).toEqual(PRE_POPULATED);
    expect(rules.every((r) => r.source.length === 0 && r.targets.kind === 'all' && r.presumed?.fix.includes('35.235.240.0/20'))).toBe(true);
  });

  it('a self link ending in /networks/default is the same network', () => {
    const m = gcpModel(gcpPlan([vm('https://www.googleapis.com/compute/v1/projects/acme/global/networks/default')]));
    expect(rulesOf(m, DEFAULT_NETWORK_FIREWALL).map(line).sort()).toEqual(PRE_POPULATED);
  });

  it('joins the plan rules that name the network, which come first by priority, and drops the presumed rule a plan rule of the same name replaces', () => {
    const m = gcpModel(
      gcpPlan([
        vm('default'),
        firewall('deny-ssh', 'default', { allow: [], deny: [{ protocol: 'tcp', ports: ['22'] }] }),
        firewall('default-allow-rdp', 'default', { source_ranges: ['203.0.113.0/24'], allow: [{ protocol: 'tcp', ports: ['3389'] }], priority: 65534 }),
      ]),
    );
    expect(entityIn(m, DEFAULT_NETWORK_FIREWALL, 'firewall-policy').source).toEqual(['google_compute_firewall.default_allow_rdp', 'google_compute_firewall.deny_ssh']);
    const lines = rulesOf(m, DEFAULT_NETWORK_FIREWALL).map(line).sort();
    expect(lines).toContain('google_compute_firewall.deny_ssh#deny[0] deny tcp 22-22 <- world @1000');
    expect(lines).toContain('google_compute_firewall.default_allow_rdp#allow[0] allow tcp 3389-3389 <- 203.0.113.0/24 @65534');
    expect(lines.filter((l) => l.includes('(presumed)'))).toEqual(PRE_POPULATED.filter((l) => !l.startsWith('default-allow-rdp')));
  });

  it('presumes nothing for a network the plan manages, even one named default, nor for firewall rules on default with no VM there', () => {
    const managedDefault: GcpResource = { ...vpcNetwork, address: 'google_compute_network.default', values: { ...vpcNetwork.values, name: 'default' }, expressions: { name: constant('default') } };
    for (const plan of [gcpPlan([vpcNetwork, vm('vpc')]), gcpPlan([managedDefault, vm('default')]), gcpPlan([firewall('allow-ssh', 'default')])]) {
      const m = gcpModel(plan);
      expect([...m.entities.values()].filter((e) => e.kind === 'firewall-rule' && e.presumed)).toEqual([]);
    }
  });
});
