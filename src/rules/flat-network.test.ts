import { edge, fromPolicy, host, inlineRule, loadBalancer, model, network, policy, rule, subnet, targetPool, world, cidr, datastore } from '../../test/support/builders.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { A, B, service, threeTier } from '../../test/support/services.js';
import { flatNetwork } from './flat-network.js';

const vpc = network('aws_vpc.main', { cidrs: ['10.0.0.0/16'] });
const sn = subnet('aws_subnet.only', A, { cidrs: ['10.0.1.0/24'] });

/** The three tiers, each given its own group (or one shared group), in one subnet or in their own. */
function placed(opts: { oneSubnet: boolean; oneGroup: boolean }) {
  const base = threeTier();
  const shared = policy('aws_security_group.shared');
  const subnets = opts.oneSubnet ? [sn] : [sn, subnet('aws_subnet.app', B, { cidrs: ['10.0.2.0/24'] }), subnet('aws_subnet.data', B, { cidrs: ['10.0.3.0/24'] })];
  const where = ['aws_lb.web', 'aws_autoscaling_group.web', 'aws_db_instance.main'];
  return service(base, {
    entities: [vpc, ...subnets, ...(opts.oneGroup ? [shared, inlineRule(shared.id, 0, [world], [[443, 443]])] : [])],
    edges: [
      ...subnets.map((s) => edge(s.id, 'in-network', vpc.id)),
      ...where.map((id, i) => edge(id, 'in-subnet', subnets[opts.oneSubnet ? 0 : i]!.id)),
      ...(opts.oneGroup ? where.map((id) => edge(id, 'protected-by', shared.id)) : []),
    ],
  });
}

ruleTester(flatNetwork, {
  quiet: [
    { name: 'each tier in its own subnet and group', model: placed({ oneSubnet: false, oneGroup: false }) },
    { name: 'a cluster whose members admit each other on every port (one tier)', model: model([host('aws_instance.kafka', [A]), policy('aws_security_group.kafka'), inlineRule('aws_security_group.kafka', 0, [{ kind: 'self' }], 'all')], [edge('aws_instance.kafka', 'protected-by', 'aws_security_group.kafka')]) },
    { name: 'every port from the world (open-ingress\'s)', model: model([host('aws_instance.web', [A]), policy('aws_security_group.web'), rule('r', 'aws_security_group.web', [world], 'all')], [edge('aws_instance.web', 'protected-by', 'aws_security_group.web')]) },
    { name: 'every port from a narrow range', model: model([host('aws_instance.web', [A]), policy('aws_security_group.web'), rule('r', 'aws_security_group.web', [cidr('10.0.1.10/32')], 'all')], [edge('aws_instance.web', 'protected-by', 'aws_security_group.web')]) },
  ],
  fires: [
    {
      name: 'all tiers in one subnet',
      model: placed({ oneSubnet: true, oneGroup: false }),
      findings: [{ resource: 'aws_subnet.only', severity: 'medium', message: ['The edge, app and data tiers all sit in one subnet, aws_subnet.only'] }],
    },
    {
      name: 'all tiers behind one security group',
      model: placed({ oneSubnet: false, oneGroup: true }),
      findings: [{ resource: 'aws_security_group.shared', severity: 'medium', message: ['protects the edge, app and data tiers alike', 'admits to the front it admits to the data,'] }],
    },
    {
      name: 'an any-to-any rule from the whole network range to app and data',
      model: model(
        [vpc, sn, host('aws_instance.app', [A]), datastore('aws_db_instance.main'), policy('aws_security_group.internal'), rule('aws_security_group_rule.any', 'aws_security_group.internal', [cidr('10.0.0.0/16')], 'all')],
        [edge(sn.id, 'in-network', vpc.id), edge('aws_instance.app', 'in-subnet', sn.id), edge('aws_instance.app', 'protected-by', 'aws_security_group.internal'), edge('aws_db_instance.main', 'protected-by', 'aws_security_group.internal')],
      ),
      findings: [
        { resource: 'aws_security_group.internal', severity: 'medium', message: ['protects the app and data tiers alike'] },
        { resource: 'aws_security_group_rule.any', severity: 'medium', message: ['admits every port from 10.0.0.0/16', 'app and data tiers'], related: ['aws_security_group.internal'] },
      ],
    },
    {
      name: 'a self-referencing any-to-any rule on a group shared by the web and app tiers',
      model: model(
        [loadBalancer('aws_lb.web', [A, B]), targetPool('aws_lb_target_group.web'), host('aws_instance.app', [A]), policy('aws_security_group.default', { isDefault: true }), inlineRule('aws_security_group.default', 0, [{ kind: 'self' }], 'all'), inlineRule('aws_security_group.default', 1, [fromPolicy('aws_security_group.default')], [[443, 443]])],
        [edge('aws_lb.web', 'forwards-to', 'aws_lb_target_group.web'), edge('aws_lb_target_group.web', 'targets', 'aws_instance.app'), edge('aws_lb.web', 'protected-by', 'aws_security_group.default'), edge('aws_instance.app', 'protected-by', 'aws_security_group.default')],
      ),
      findings: [{ resource: 'aws_security_group.default', severity: 'medium', message: ['protects the edge and app tiers alike', 'admits to the front it admits to the app tier,', 'admits every port from self'] }],
    },
  ],
});
