import { describe, expect, it } from 'vitest';
import { awsModel, awsModelOfFile, awsPlan, awsState, type PlanResource } from '../../../test/support/aws-plan.js';
import { edgesIn, edgesOut, entityIn, ref } from '../../../test/support/aws-network.js';
import { corpusFile } from '../../../test/support/plans.js';

const arn = (address: string) => ({ references: [`${address}.arn`, address] });

// Trimmed from `terraform plan` (1.11, aws 5.100).
const resources: readonly PlanResource[] = [
  { address: 'aws_lb.web', values: { load_balancer_type: 'application' }, unknown: { arn: true, subnets: true } },
  { address: 'aws_lb_target_group.web', values: { port: 8080, protocol: 'HTTP' }, unknown: { arn: true }, expressions: { port: { constant_value: 8080 } } },
  { address: 'aws_lb_target_group.blue', values: { port: 8081, protocol: 'HTTP' }, unknown: { arn: true }, expressions: { port: { constant_value: 8081 } } },
  { address: 'aws_instance.web', values: {}, unknown: { id: true } },
  { address: 'aws_lb_target_group_attachment.web', values: { port: 8080 }, unknown: { id: true, target_group_arn: true, target_id: true }, expressions: { target_group_arn: arn('aws_lb_target_group.web'), target_id: ref('aws_instance.web') } },
  { address: 'aws_lb_target_group_attachment.ip', values: { port: 8080, target_id: '10.0.0.7' }, unknown: { id: true, target_group_arn: true }, expressions: { target_group_arn: arn('aws_lb_target_group.web'), target_id: { constant_value: '10.0.0.7' } } },
  {
    address: 'aws_lb_listener.https',
    values: { default_action: [{ type: 'forward' }], port: 443, protocol: 'HTTPS' },
    unknown: { default_action: [{ order: true, target_group_arn: true }], load_balancer_arn: true },
    expressions: { default_action: [{ target_group_arn: arn('aws_lb_target_group.web'), type: { constant_value: 'forward' } }], load_balancer_arn: arn('aws_lb.web'), port: { constant_value: 443 }, protocol: { constant_value: 'HTTPS' } },
  },
  {
    address: 'aws_lb_listener.weighted',
    values: { default_action: [{ forward: [{ target_group: [{ weight: 100 }] }], type: 'forward' }], port: 8443, protocol: 'HTTPS' },
    unknown: { default_action: [{ forward: [{ stickiness: [], target_group: [{ arn: true }] }], order: true }], load_balancer_arn: true },
    expressions: { default_action: [{ forward: [{ target_group: [{ arn: arn('aws_lb_target_group.blue'), weight: { constant_value: 100 } }] }], type: { constant_value: 'forward' } }], load_balancer_arn: arn('aws_lb.web') },
  },
  {
    address: 'aws_lb_listener_rule.api',
    values: { action: [{ type: 'forward' }], priority: 10 },
    unknown: { action: [{ order: true, target_group_arn: true }], listener_arn: true },
    expressions: { action: [{ target_group_arn: arn('aws_lb_target_group.blue'), type: { constant_value: 'forward' } }], listener_arn: arn('aws_lb_listener.https') },
  },
];
const plan = awsModel(awsPlan(resources));

describe('aws_lb_target_group', () => {
  it('a pool on its port; attachments register instances (an IP target leaves no edge)', () => {
    expect(entityIn(plan, 'aws_lb_target_group.web', 'target-pool').port).toBe(8080);
    expect(edgesOut(plan, 'aws_lb_target_group.web', 'targets')).toEqual(['aws_instance.web via aws_lb_target_group_attachment.web']);
  });
});

describe('aws_lb_target_group: whether the targets see the clients\' addresses', () => {
  // As `terraform plan` writes them (aws 5.100): `preserve_client_ip` is computed (unknown) unless set, as a string.
  const group = (values: Record<string, unknown>) =>
    entityIn(awsModel(awsPlan([{ address: 'aws_lb_target_group.g', values: { port: 8080, ...values }, unknown: { arn: true, ...('preserve_client_ip' in values ? {} : { preserve_client_ip: true }) } }])), 'aws_lb_target_group.g', 'target-pool').clientAddressesPreserved;

  it('a network group keeps them for instance targets (the default target type), unless told not to over TCP or TLS', () => {
    expect(group({ protocol: 'TCP', target_type: 'instance' })).toBe(true);
    expect(group({ protocol: 'TLS' })).toBe(true);
    expect(group({ protocol: 'TCP', target_type: 'instance', preserve_client_ip: 'false' })).toBe(false);
  });

  it('IP targets over TCP or TLS get the load balancer\'s address unless told otherwise; over UDP always the client\'s', () => {
    expect(group({ protocol: 'TCP', target_type: 'ip' })).toBe(false);
    expect(group({ protocol: 'TCP', target_type: 'ip', preserve_client_ip: 'true' })).toBe(true);
    expect(group({ protocol: 'UDP', target_type: 'ip', preserve_client_ip: 'false' })).toBe(true);
    expect(group({ protocol: 'TCP_UDP', target_type: 'instance', preserve_client_ip: 'false' })).toBe(true);
  });

  it('behind a proxy (HTTP, HTTPS, GENEVE; ALB and Lambda targets) never; not known without a protocol', () => {
    expect(group({ protocol: 'HTTP' })).toBe(false);
    expect(group({ protocol: 'GENEVE', target_type: 'instance' })).toBe(false);
    expect(group({ protocol: 'TCP', target_type: 'alb' })).toBe(false);
    expect(group({ target_type: 'lambda' })).toBeUndefined();
  });

  it('the network load balancer fixture\'s group (real plan: instance targets over TCP) keeps them', () => {
    const model = awsModelOfFile(new URL('../../../fixtures/aws/one-zone-nlb/plan.json', import.meta.url).pathname);
    expect(entityIn(model, 'aws_lb_target_group.app', 'target-pool')).toMatchObject({ port: 8080, clientAddressesPreserved: true });
  });
});

describe('aws_lb_listener', () => {
  it('port and protocol, a member of its load balancer, forwarding to its default action\'s pool', () => {
    expect(entityIn(plan, 'aws_lb_listener.https', 'listener')).toMatchObject({ port: { state: 'set', value: 443 }, protocol: 'HTTPS' });
    expect(edgesOut(plan, 'aws_lb_listener.https', 'member-of')).toEqual(['aws_lb.web via load_balancer_arn']);
    expect(edgesOut(plan, 'aws_lb_listener.https', 'forwards-to')).toEqual(['aws_lb_target_group.blue via aws_lb_listener_rule.api', 'aws_lb_target_group.web via default_action.target_group_arn']);
  });

  it('a weighted forward block names its pools too', () => {
    expect(edgesOut(plan, 'aws_lb_listener.weighted', 'forwards-to')).toEqual(['aws_lb_target_group.blue via default_action.forward.target_group.arn']);
  });

  it('the load balancer forwards to every pool of its listeners and rules, labelled with the listener', () => {
    expect(edgesOut(plan, 'aws_lb.web', 'forwards-to')).toEqual([
      'aws_lb_target_group.blue via aws_lb_listener.https',
      'aws_lb_target_group.blue via aws_lb_listener.weighted',
      'aws_lb_target_group.web via aws_lb_listener.https',
    ]);
  });

  it('a state: by ARNs', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_lb.a', values: { id: 'arn:lb/a', arn: 'arn:lb/a' } },
        { address: 'aws_lb_target_group.a', values: { id: 'arn:tg/a', arn: 'arn:tg/a', port: 80 } },
        { address: 'aws_lb_listener.a', values: { id: 'arn:l/a', arn: 'arn:l/a', load_balancer_arn: 'arn:lb/a', port: 80, protocol: 'HTTP', default_action: [{ type: 'forward', target_group_arn: 'arn:tg/a', forward: [] }] } },
      ]),
    );
    expect(edgesIn(m, 'aws_lb_target_group.a', 'forwards-to')).toEqual(['aws_lb.a via aws_lb_listener.a', 'aws_lb_listener.a via default_action.target_group_arn']);
  });

  it('terraform-compliance (0.12): TCP and UDP listeners of a network load balancer, fixed responses forward nowhere', () => {
    const m = awsModelOfFile(corpusFile('terraform-compliance/aws-alb-listeners-4-subnets-sg-tf0.12.10.json'));
    expect(entityIn(m, 'aws_lb_listener.udp-listener-noncompliant', 'listener')).toMatchObject({ port: { state: 'set', value: 1443 }, protocol: 'UDP' });
    expect(edgesIn(m, 'aws_lb.nlb-noncompliant', 'member-of')).toHaveLength(3);
    expect(edgesOut(m, 'aws_lb.nlb-noncompliant', 'forwards-to')).toEqual([]);
  });
});
