import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { Graph, worldOpenings } from '../../graph/index.js';
import { awsModel, awsModelOfFile, awsPlan, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';

// fixtures/aws/lambda-one-zone/main.tf, planned with terraform 1.11 and hashicorp/aws 5.100.
const FIXTURE = 'fixtures/aws/lambda-one-zone/plan.json';

// Trimmed from `terraform plan` (1.11, aws 5.100): subnets and groups known only after apply.
const fn = (name: string, vpc: Record<string, unknown> | undefined, extra: Partial<PlanResource> = {}): PlanResource => ({
  address: `aws_lambda_function.${name}`,
  values: { function_name: name, handler: 'index.handler', runtime: 'nodejs20.x', vpc_config: vpc ? [vpc] : [] },
  unknown: { arn: true, id: true, vpc_config: vpc ? [{ security_group_ids: true, subnet_ids: true, vpc_id: true }] : [] },
  ...extra,
});
const group = { address: 'aws_security_group.fn', values: { name: 'fn' }, unknown: { id: true } } satisfies PlanResource;

describe('aws_lambda_function', () => {
  it('in a VPC: a function host in its subnets\' zones, a member of its groups, with no public address', () => {
    const m = awsModelOfFile(FIXTURE);
    const reports = entityIn(m, 'aws_lambda_function.reports', 'host');
    expect(reports.role).toBe('function');
    expect(reports.placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a'] });
    expect(reports.publicIp).toEqual({ state: 'set', value: false });
    expect(entityIn(m, 'aws_lambda_function.orders', 'host').placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a', 'eu-west-1/eu-west-1b', 'eu-west-1/eu-west-1c'] });
    expect(edgesOut(m, 'aws_lambda_function.reports', 'protected-by')).toEqual(['aws_security_group.functions via vpc_config.security_group_ids']);
    expect(edgesOut(m, 'aws_lambda_function.reports', 'in-subnet')).toEqual(['aws_subnet.private[0] via vpc_config.subnet_ids']);
    // A target group of type lambda forwards to it.
    expect(edgesIn(m, 'aws_lambda_function.reports', 'targets')).toEqual(['aws_lb_target_group.reports via aws_lb_target_group_attachment.reports']);
    expect(m.unmodelled).not.toHaveProperty('aws_lambda_function');
  });

  it('outside a VPC (no vpc_config, or an empty subnet list) it is no host of any network, and a target group attached to it leaves no edge', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        fn('plain', undefined),
        fn('detached', { subnet_ids: [], security_group_ids: [] }, { unknown: { arn: true, id: true, vpc_config: [{ vpc_id: true }] } }),
        { address: 'aws_lb_target_group.plain', values: { target_type: 'lambda' }, unknown: { arn: true, id: true } },
        {
          address: 'aws_lb_target_group_attachment.plain',
          values: {},
          unknown: { id: true, target_group_arn: true, target_id: true },
          expressions: { target_group_arn: { references: ['aws_lb_target_group.plain.arn', 'aws_lb_target_group.plain'] }, target_id: { references: ['aws_lambda_function.plain.arn', 'aws_lambda_function.plain'] } },
        },
      ]),
    );
    expect(m.entities.has('aws_lambda_function.plain')).toBe(false);
    expect(m.entities.has('aws_lambda_function.detached')).toBe(false);
    expect(m.edges.filter((e) => e.from === 'aws_lb_target_group.plain')).toEqual([]);
    expect(m.unmodelled).not.toHaveProperty('aws_lambda_function');
  });

  it('subnets known only after apply, or outside the plan: a function whose zones are unknown, not one zone', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        group,
        fn('later', {}, { expressions: { vpc_config: [{ security_group_ids: ref('aws_security_group.fn'), subnet_ids: { references: ['var.subnet_ids'] } }] } }),
        fn('elsewhere', { subnet_ids: ['subnet-13f44a58'], security_group_ids: ['sg-041e96ff356b17d07'] }, { unknown: { arn: true, id: true, vpc_config: [{ vpc_id: true }] } }),
      ]),
    );
    expect(entityIn(m, 'aws_lambda_function.later', 'host').placement.zones.state).toBe('unknown');
    expect(entityIn(m, 'aws_lambda_function.elsewhere', 'host').placement.zones.state).toBe('unknown');
    expect(check(m, 'plan.json').filter((f) => f.resources[0]?.startsWith('aws_lambda_function.'))).toEqual([]);
  });

  it('takes no connections: a world rule on its group opens nothing on it and stays the low note for a group used only privately', () => {
    const m = awsModelOfFile(FIXTURE);
    const graph = new Graph(m);
    expect(worldOpenings(graph, entityIn(m, 'aws_lambda_function.reports', 'host'))).toEqual([]);
    const findings = check(m, FIXTURE);
    const ssh = findings.filter((f) => f.rule === 'open-ingress');
    expect(ssh.map((f) => [f.resources[0], f.severity])).toEqual([['aws_security_group.functions', 'low']]);
    expect(ssh[0]!.message).toContain('no address the internet reaches');
    // Its group protects nothing on it: no flat-network finding, though the functions' group admits SSH from anywhere.
    expect(findings.filter((f) => f.rule === 'flat-network' || f.rule === 'data-reachable')).toEqual([]);
  });

  it('a function in one zone is a weak link whatever invokes it; behind a load balancer it cuts the path to the data', () => {
    const findings = check(awsModelOfFile(FIXTURE), FIXTURE);
    const nightly = findings.find((f) => f.resources[0] === 'aws_lambda_function.nightly');
    expect(nightly?.rule).toBe('spof');
    expect(nightly?.severity).toBe('medium');
    expect(nightly?.message).toBe(
      "aws_lambda_function.nightly is a function attached to subnets in one zone (eu-west-1b) only: it can run only in its subnets' zones, so a zone outage stops every invocation until the zone recovers.",
    );
    expect(nightly?.remediation).toBe('Fix with `vpc_config.subnet_ids`: subnets in two zones or more (Lambda runs the function in every zone of its subnets).');
    const reports = findings.find((f) => f.resources[0] === 'aws_lambda_function.reports');
    expect(reports?.rule).toBe('cut-point');
    expect(reports?.path).toEqual(['internet', 'aws_lb.api', 'aws_lambda_function.reports', 'aws_db_instance.main']);
    expect(findings.some((f) => f.resources[0] === 'aws_lambda_function.orders')).toBe(false);
  });
});
