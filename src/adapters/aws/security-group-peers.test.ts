import { describe, expect, it } from 'vitest';
import type { FirewallRule } from '../../model/index.js';
import { modelOfFile } from '../../../test/support/plans.js';
import { awsModel, awsPlan, type PlanResource } from '../../../test/support/aws-plan.js';

const fixture = (name: string) => new URL(`../../../fixtures/aws/${name}/plan.json`, import.meta.url).pathname;

describe('inline security group references known only after apply', () => {
  it('reach the referenced group through the block-wide reference list Terraform records', () => {
    const model = modelOfFile(fixture('well-built'));
    const rule = [...model.entities.values()].find((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === 'aws_security_group.db' && e.direction === 'ingress');
    expect(rule?.peers).toEqual([{ kind: 'policy', id: 'aws_security_group.app' }]);
  });

  it('a world rule in the same group keeps only its own peers', () => {
    const model = modelOfFile(fixture('well-built'));
    const alb = [...model.entities.values()].filter((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === 'aws_security_group.alb' && e.direction === 'ingress');
    for (const r of alb) expect(r.peers.every((p) => p.kind === 'world')).toBe(true);
  });

  it('two inline blocks of a new group naming different groups: each gets both, marked as a guess', () => {
    const model = modelOfFile(fixture('startup-bastion'));
    const app = [...model.entities.values()].filter((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === 'aws_security_group.app' && e.direction === 'ingress');
    expect(app.map((r) => r.ports[0]!.from).sort((a, b) => a - b)).toEqual([22, 8080]);
    for (const r of app) {
      expect(r.peers.map((p) => (p.kind === 'policy' ? p.id : p.kind)).sort()).toEqual(['aws_security_group.alb', 'aws_security_group.bastion']);
      expect(r.peersGuessed).toBe(true);
    }
  });

  it('one block naming a group, or blocks naming one group: the peers are the rule\'s own, no guess', () => {
    for (const [name, policy] of [['startup-bastion', 'aws_security_group.db'], ['well-built', 'aws_security_group.db'], ['well-built', 'aws_security_group.app']] as const) {
      const rules = [...modelOfFile(fixture(name)).entities.values()].filter((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === policy);
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules) expect(r.peersGuessed).toBeUndefined();
    }
  });

  it('blocks that admit the same port from different groups: every group on that port is the truth, no guess', () => {
    const block = { cidr_blocks: [], description: '', from_port: 5432, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: 'tcp', self: false, to_port: 5432 };
    const group = (name: string, ingress: unknown[] = [], refs: string[] = []): PlanResource => ({
      address: `aws_security_group.${name}`,
      values: { name, ingress },
      unknown: { id: true, ingress: ingress.map(() => ({ cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: true })) },
      expressions: { name: { constant_value: name }, ...(refs.length > 0 ? { ingress: { references: refs.flatMap((r) => [`${r}.id`, r]) } } : {}) },
    });
    const m = awsModel(awsPlan([group('app'), group('bastion'), group('db', [block, block], ['aws_security_group.app', 'aws_security_group.bastion'])]));
    const rules = [...m.entities.values()].filter((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === 'aws_security_group.db');
    expect(rules.length).toBe(2);
    for (const r of rules) {
      expect(r.peers.map((p) => (p.kind === 'policy' ? p.id : p.kind)).sort()).toEqual(['aws_security_group.app', 'aws_security_group.bastion']);
      expect(r.peersGuessed).toBeUndefined();
    }
  });

  it('a group used only by a Lambda function in a VPC or an interface endpoint says so (the model has neither)', () => {
    // Trimmed from terraform 1.11 + aws 5.100 (fixtures/aws/serverless-vpc): the function and the endpoints name
    // the groups only by reference before apply.
    const model = awsModel(
      awsPlan([
        { address: 'aws_security_group.lambda', values: { name: 'lambda' }, unknown: { id: true } },
        { address: 'aws_security_group.endpoints', values: { name: 'endpoints' }, unknown: { id: true } },
        { address: 'aws_security_group.unused', values: { name: 'unused' }, unknown: { id: true } },
        {
          address: 'aws_lambda_function.orders',
          values: { function_name: 'orders', vpc_config: [{ ipv6_allowed_for_dual_stack: false }] },
          unknown: { vpc_config: [{ security_group_ids: true, subnet_ids: true, vpc_id: true }] },
          expressions: { vpc_config: [{ security_group_ids: { references: ['aws_security_group.lambda.id', 'aws_security_group.lambda'] } }] },
        },
        {
          address: 'aws_vpc_endpoint.secrets["sts"]',
          values: { vpc_endpoint_type: 'Interface' },
          unknown: { security_group_ids: true },
          expressions: { security_group_ids: { references: ['aws_security_group.endpoints.id', 'aws_security_group.endpoints'] } },
        },
        { address: 'aws_security_group.airflow', values: { name: 'airflow' }, unknown: { id: true } },
        {
          address: 'aws_mwaa_environment.etl',
          values: { name: 'etl', network_configuration: [{}], webserver_access_mode: 'PRIVATE_ONLY' },
          unknown: { arn: true, network_configuration: [{ security_group_ids: true, subnet_ids: true }] },
          expressions: { name: { constant_value: 'etl' }, network_configuration: [{ security_group_ids: { references: ['aws_security_group.airflow.id', 'aws_security_group.airflow'] } }] },
        },
        {
          address: 'aws_glue_connection.warehouse',
          values: { connection_type: 'JDBC', name: 'warehouse', physical_connection_requirements: [{ availability_zone: 'eu-west-1a' }] },
          unknown: { arn: true, id: true, physical_connection_requirements: [{ security_group_id_list: true, subnet_id: true }] },
          expressions: { name: { constant_value: 'warehouse' }, physical_connection_requirements: [{ security_group_id_list: { references: ['aws_security_group.airflow.id', 'aws_security_group.airflow'] } }] },
        },
      ]),
    );
    const policy = (id: string) => model.entities.get(id) as { usedPrivately?: readonly string[] };
    expect(policy('aws_security_group.airflow').usedPrivately).toEqual(['aws_glue_connection.warehouse', 'aws_mwaa_environment.etl']);
    expect(policy('aws_security_group.lambda').usedPrivately).toEqual(['aws_lambda_function.orders']);
    expect(policy('aws_security_group.endpoints').usedPrivately).toEqual(['aws_vpc_endpoint.secrets["sts"]']);
    expect(policy('aws_security_group.unused').usedPrivately).toBeUndefined();
  });
});
