import { describe, expect, it } from 'vitest';
import { Graph, worldOpenings } from '../../graph/index.js';
import type { FirewallRule, Model } from '../../model/index.js';
import { awsModel, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';
import { corpusFile, modelOfFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100).
const acls: readonly PlanResource[] = [
  {
    address: 'aws_network_acl.private',
    values: {
      ingress: [
        { action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, protocol: '-1', rule_no: 200, to_port: 0 },
        { action: 'deny', cidr_block: '0.0.0.0/0', from_port: 22, protocol: 'tcp', rule_no: 100, to_port: 22 },
      ],
    },
    unknown: { id: true, ingress: [{}, {}], egress: true, subnet_ids: true, vpc_id: true },
    expressions: {
      ingress: { constant_value: [{ action: 'deny', cidr_block: '0.0.0.0/0', from_port: 22, protocol: 'tcp', rule_no: 100, to_port: 22 }, { action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, protocol: '-1', rule_no: 200, to_port: 0 }] },
      subnet_ids: { references: ['aws_subnet.private'] },
      vpc_id: ref('aws_vpc.main'),
    },
  },
  {
    address: 'aws_network_acl_rule.https',
    values: { cidr_block: '10.0.0.0/8', egress: false, from_port: 443, protocol: '6', rule_action: 'allow', rule_number: 150, to_port: 443 },
    unknown: { id: true, network_acl_id: true },
    expressions: { network_acl_id: ref('aws_network_acl.private'), rule_number: { constant_value: 150 } },
  },
  {
    address: 'aws_default_network_acl.main',
    values: { ingress: [{ action: 'allow', cidr_block: '0.0.0.0/0', from_port: 443, protocol: 'tcp', rule_no: 100, to_port: 443 }] },
    unknown: { default_network_acl_id: true, ingress: [{}], egress: true, vpc_id: true },
    expressions: { default_network_acl_id: { references: ['aws_vpc.main.default_network_acl_id', 'aws_vpc.main'] }, ingress: [{ rule_no: { constant_value: 100 } }] },
  },
];
const plan = awsModel(awsPlan([...vpcPlan, ...acls]));
const rulesOf = (m: Model, policy: string): FirewallRule[] =>
  [...m.entities.values()].filter((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === policy).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));

describe('aws_network_acl', () => {
  it('first match by rule_no; deny entries kept; protocol -1 covers every port', () => {
    const acl = entityIn(plan, 'aws_network_acl.private', 'firewall-policy');
    expect([acl.evaluation, acl.isDefault]).toEqual(['first-match', false]);
    expect(rulesOf(plan, acl.id).map((r) => [r.id, r.priority, r.action, r.protocol, r.ports, r.peers])).toEqual([
      ['aws_network_acl.private#ingress[1]', 100, 'deny', 'tcp', [{ from: 22, to: 22 }], [{ kind: 'world', family: 'ipv4' }]],
      ['aws_network_acl_rule.https', 150, 'allow', 'tcp', [{ from: 443, to: 443 }], [{ kind: 'cidr', cidr: '10.0.0.0/8' }]],
      ['aws_network_acl.private#ingress[0]', 200, 'allow', 'all', [{ from: 0, to: 65535 }], [{ kind: 'world', family: 'ipv4' }]],
    ]);
  });

  it('guards the subnets of subnet_ids (every instance of a `[*]` reference)', () => {
    expect(edgesIn(plan, 'aws_network_acl.private', 'protected-by')).toEqual(['aws_subnet.private[0] via subnet_ids', 'aws_subnet.private[1] via subnet_ids']);
    expect(edgesOut(plan, 'aws_network_acl.private', 'in-network')).toEqual(['aws_vpc.main via vpc_id']);
  });

  it('the default ACL guards the subnets with no ACL of their own', () => {
    expect(entityIn(plan, 'aws_default_network_acl.main', 'firewall-policy').isDefault).toBe(true);
    expect(edgesIn(plan, 'aws_default_network_acl.main', 'protected-by')).toEqual(['aws_subnet.public via default_network_acl_id']);
  });

  it('the subnet layer is evaluated first-match: the deny at 100 shadows the allow-all at 200 for SSH', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        ...acls,
        { address: 'aws_security_group.open', values: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 0, protocol: '-1', to_port: 0 }] }, unknown: { id: true } },
        { address: 'aws_instance.app', values: { ami: 'ami-1' }, unknown: { id: true, subnet_id: true }, expressions: { subnet_id: { references: ['aws_subnet.private[0].id', 'aws_subnet.private[0]', 'aws_subnet.private'] }, vpc_security_group_ids: ref('aws_security_group.open') } },
      ]),
    );
    const graph = new Graph(m);
    const open = worldOpenings(graph, entityIn(m, 'aws_instance.app', 'host')).filter((o) => o.protocol === 'tcp').map((o) => o.ports);
    expect(open).toEqual([{ from: 0, to: 21 }, { from: 23, to: 65535 }]);
  });

  it('entries known only after apply: the subnets are not linked (an unknown ACL must not read as deny-all)', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        { address: 'aws_network_acl.later', values: {}, unknown: { id: true, ingress: true, subnet_ids: true }, expressions: { ingress: { references: ['var.rules'] }, subnet_ids: { references: ['aws_subnet.public'] } } },
      ]),
    );
    expect(m.entities.has('aws_network_acl.later')).toBe(true);
    expect(edgesIn(m, 'aws_network_acl.later', 'protected-by')).toEqual([]);
  });

  it('aws_network_acl_association: a state, by ids', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_subnet.a', values: { id: 'subnet-1', availability_zone: 'us-east-1a' } },
        { address: 'aws_network_acl.a', values: { id: 'acl-1', ingress: [], egress: [] } },
        { address: 'aws_network_acl_association.a', values: { id: 'aclassoc-1', network_acl_id: 'acl-1', subnet_id: 'subnet-1' } },
      ]),
    );
    expect(edgesOut(m, 'aws_subnet.a', 'protected-by')).toEqual(['aws_network_acl.a via aws_network_acl_association.a']);
  });

  it('terraform-compliance (1.0): an ACL with no entries denies everything, for both its subnets', () => {
    const m = modelOfFile(corpusFile('terraform-compliance/aws-network-acl-subnets-modules-tf1.0.0.json'));
    const acl = 'module.vpc_module.aws_network_acl.vpc_subnet_acl';
    expect(rulesOf(m, acl)).toEqual([]);
    expect(edgesIn(m, acl, 'protected-by')).toEqual(['module.vpc_module.aws_subnet.vpc_subnet[0] via subnet_ids', 'module.vpc_module.aws_subnet.vpc_subnet[1] via subnet_ids']);
  });
});
