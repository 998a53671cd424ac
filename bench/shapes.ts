/**
 * Adversarial shapes for `npm run bench`: monorepo plans where one thing is shared by thousands (a security group
 * with thousands of rule resources, a Google network firewall of tag-targeted rules, an NSG of thousands of
 * rules, thousands of separately declared servers behind one group, a mesh of groups naming each other, a finding
 * on every server). Each is made at two sizes; the bench prints the cost per resource at both. An algorithm that is
 * quadratic in what is shared shows as a ratio near 4 (n log n: about 1.2). Deterministic: same size, same bytes.
 * Written with the plan writers the adapter tests use (test/support), in `terraform show -json`'s format.
 */
import { awsPlan, type PlanResource } from '../test/support/aws-plan.js';
import { association, azurePlan, linuxVm, network as azureNetwork, nic, nsg, securityRule } from '../test/support/azure-plan.js';
import { gcpPlan, references } from '../test/support/gcp-plan.js';

type Json = Record<string, unknown>;

export interface Shape {
  readonly name: string;
  /** What it stresses, in a few words. */
  readonly what: string;
  /** The plan's text for about `n` resources, and its exact resource count. */
  readonly plan: (n: number) => { readonly text: string; readonly resources: number };
}

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const ingress = (from: number, to: number, cidrs: string[], groups: string[], self = false) => ({
  from_port: from, to_port: to, protocol: 'tcp', cidr_blocks: cidrs, ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: groups, self, description: '',
});
const group = (id: string, rules: unknown[]): Json => ({
  id, name: id, description: 'Managed by Terraform', vpc_id: 'vpc-1', ingress: rules, egress: [{ ...ingress(0, 0, ['0.0.0.0/0'], []), protocol: '-1' }], tags: {}, revoke_rules_on_delete: false,
});
const awsNetwork = (cidr: string): PlanResource[] => [
  { address: 'aws_vpc.main', values: { id: 'vpc-1', cidr_block: cidr, enable_dns_support: true } },
  ...ZONES.map((az, i): PlanResource => ({ address: `aws_subnet.private[${i}]`, values: { id: `subnet-${i}`, vpc_id: 'vpc-1', availability_zone: az, cidr_block: `10.0.${i}.0/24`, map_public_ip_on_launch: false } })),
];
const instance = (address: string, i: number, groups: string[], subnets = 3, extra: Json = {}): PlanResource => ({
  address,
  values: { id: `i-${i.toString(16).padStart(8, '0')}`, ami: 'ami-0123456789abcdef0', instance_type: 't3.large', availability_zone: ZONES[i % subnets % 3], subnet_id: `subnet-${i % subnets}`, vpc_security_group_ids: groups, associate_public_ip_address: false, ...extra },
});
const text = (plan: unknown, resources: number) => ({ text: JSON.stringify(plan), resources });

export const SHAPES: readonly Shape[] = [
  {
    name: 'aws-group-rules',
    what: 'one group, n/2 rule resources from distinct ranges, n/2 instances (count)',
    plan(n) {
      const hosts = Math.round(n / 2);
      const r: PlanResource[] = [...awsNetwork('10.0.0.0/8'), { address: 'aws_security_group.app', values: group('sg-app', []) }];
      for (let i = 0; i < hosts; i++) r.push(instance(`aws_instance.app[${i}]`, i, ['sg-app']));
      for (let i = 0; r.length < n; i++) {
        r.push({ address: `aws_vpc_security_group_ingress_rule.r[${i}]`, values: { id: `sgr-${i}`, security_group_rule_id: `sgr-${i}`, security_group_id: 'sg-app', ip_protocol: 'tcp', from_port: 1000 + (i % 5000), to_port: 1000 + (i % 5000), cidr_ipv4: `10.${(i >> 8) & 255}.${i & 255}.0/23` } });
      }
      return text(awsPlan(r), r.length);
    },
  },
  {
    name: 'aws-separate-hosts',
    what: 'n/2 instances each declared alone (one role each) behind one group with n/2 address rules',
    plan(n) {
      const hosts = Math.round(n / 2);
      const r: PlanResource[] = [...awsNetwork('10.0.0.0/8'), { address: 'aws_security_group.app', values: group('sg-app', []) }];
      for (let i = 0; i < hosts; i++) r.push(instance(`aws_instance.app${i}`, i, ['sg-app']));
      for (let i = 0; r.length < n; i++) {
        const cidr = i % 4 === 0 ? `10.0.${i % 3}.0/24` : `192.168.${(i >> 8) & 255}.${i & 255}/32`;
        r.push({ address: `aws_vpc_security_group_ingress_rule.r[${i}]`, values: { id: `sgr-${i}`, security_group_rule_id: `sgr-${i}`, security_group_id: 'sg-app', ip_protocol: 'tcp', from_port: 1000 + (i % 5000), to_port: 1000 + (i % 5000), cidr_ipv4: cidr } });
      }
      return text(awsPlan(r), r.length);
    },
  },
  {
    name: 'aws-group-mesh',
    what: 'a group per instance, each admitting three others and a range, n/100 subnets',
    plan(n) {
      const pairs = Math.round(n / 2);
      const subnets = Math.max(3, Math.round(n / 100));
      const r: PlanResource[] = [{ address: 'aws_vpc.main', values: { id: 'vpc-1', cidr_block: '10.0.0.0/8' } }];
      for (let s = 0; s < subnets; s++) r.push({ address: `aws_subnet.s[${s}]`, values: { id: `subnet-${s}`, vpc_id: 'vpc-1', availability_zone: ZONES[s % 3], cidr_block: `10.${(s >> 8) & 255}.${s & 255}.0/24`, map_public_ip_on_launch: false } });
      for (let i = 0; i < pairs; i++) {
        const peers = [1, 7, 31].map((d) => `sg-${(i + d) % pairs}`);
        r.push({ address: `aws_security_group.g[${i}]`, values: group(`sg-${i}`, [ingress(8080, 8080, [], peers), ingress(22, 22, [`10.${(i >> 8) & 255}.${i & 255}.0/24`, '10.0.0.0/8'], [])]) });
        r.push(instance(`aws_instance.app[${i}]`, i, [`sg-${i}`], subnets));
      }
      return text(awsPlan(r), r.length);
    },
  },
  {
    name: 'aws-public-findings',
    what: 'n/2 public instances, each its own group open to the world: a finding each, every format',
    plan(n) {
      const r: PlanResource[] = [...awsNetwork('10.0.0.0/16')];
      for (let i = 0; r.length < n; i++) {
        r.push({ address: `aws_security_group.g${i}`, values: group(`sg-${i}`, [ingress(22, 22, ['0.0.0.0/0'], []), ingress(5432, 5432, ['0.0.0.0/0'], [])]) });
        r.push(instance(`aws_instance.app${i}`, i, [`sg-${i}`], 3, { associate_public_ip_address: true, tags: { Name: `<b>app|${i}</b>` } }));
      }
      return text(awsPlan(r), r.length);
    },
  },
  {
    name: 'gcp-tagged-firewall',
    what: 'one network, n/2 VMs each with its own tag, n/2 firewall rules targeting one tag each',
    plan(n) {
      const vms = Math.round(n / 2);
      const tags = Math.max(4, Math.round(Math.sqrt(n)));
      const r: PlanResource[] = [{ address: 'google_compute_network.main', values: { auto_create_subnetworks: false, name: 'main', project: 'p' }, unknown: { id: true, self_link: true }, expressions: { name: { constant_value: 'main' } } }];
      for (let i = 0; i < vms; i++) {
        const vmTags = [`t${i % tags}`, `own${i}`];
        r.push({
          address: `google_compute_instance.vm${i}`,
          values: { machine_type: 'e2-small', name: `vm${i}`, network_interface: [{ access_config: [], alias_ip_range: [], ipv6_access_config: [] }], service_account: [], tags: vmTags, zone: 'us-central1-a' },
          unknown: { id: true, network_interface: [{ name: true, network: true, network_ip: true, subnetwork: true }], self_link: true },
          expressions: { name: { constant_value: `vm${i}` }, network_interface: [{ network: references('google_compute_network.main') }], tags: { constant_value: vmTags }, zone: { constant_value: 'us-central1-a' } },
        });
      }
      for (let i = 0; r.length < n; i++) {
        const values: Json = { allow: [{ protocol: 'tcp', ports: [String(1000 + (i % 3000))] }], source_tags: [`t${(i * 3) % tags}`], source_ranges: i % 5 === 0 ? [`10.${i & 255}.0.0/16`] : null, target_tags: [`own${i % vms}`], priority: 1000 + (i % 10) };
        r.push({
          address: `google_compute_firewall.fw${i}`,
          values: { deny: [], description: null, disabled: null, log_config: [], name: `fw${i}`, network: 'main', source_service_accounts: null, target_service_accounts: null, ...values },
          unknown: { id: true, self_link: true, creation_timestamp: true, direction: true },
          expressions: { network: references('google_compute_network.main', 'name'), ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }])) },
        });
      }
      return text(gcpPlan(r), r.length);
    },
  },
  {
    name: 'azure-large-nsg',
    what: 'one NSG of n/4 inline rules on 8 subnets, n/4 VMs with their NICs (the rules are not resources)',
    plan(n) {
      const vms = Math.round(n / 4);
      const subnets = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`azurerm_subnet.s${i}`, `10.0.${i}.0/24`]));
      const r: PlanResource[] = [...azureNetwork('azurerm_virtual_network.main', subnets)];
      const rules = Math.round(n / 4);
      const source = (i: number) => (i % 3 === 0 ? `10.${i & 255}.${(i >> 8) & 255}.0/24` : i % 3 === 1 ? 'VirtualNetwork' : `203.0.${i & 255}.${(i >> 8) & 255}`);
      r.push(nsg('azurerm_network_security_group.shared', Array.from({ length: rules }, (_, i) => securityRule(`r${i}`, { priority: 100 + i, source_address_prefix: source(i), destination_port_range: String(1000 + (i % 5000)), access: i % 7 === 0 ? 'Deny' : 'Allow' }))));
      for (let s = 0; s < 8; s++) r.push(association(`azurerm_subnet_network_security_group_association.s${s}`, { subnet_id: `azurerm_subnet.s${s}`, network_security_group_id: 'azurerm_network_security_group.shared' }));
      for (let i = 0; i < vms; i++) {
        r.push(nic(`azurerm_network_interface.n${i}`, `azurerm_subnet.s${i % 8}`));
        r.push(association(`azurerm_network_interface_security_group_association.a${i}`, { network_interface_id: `azurerm_network_interface.n${i}`, network_security_group_id: 'azurerm_network_security_group.shared' }));
        r.push(linuxVm(`azurerm_linux_virtual_machine.vm${i}`, [`azurerm_network_interface.n${i}`], String(1 + (i % 3))));
      }
      return text(azurePlan(r), r.length);
    },
  },
];
