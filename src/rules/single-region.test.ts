import { datastore, host, placement } from '../../test/support/builders.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { model, network } from '../../test/support/builders.js';
import { service, threeTier } from '../../test/support/services.js';
import { singleRegion } from './single-region.js';

ruleTester(singleRegion, {
  quiet: [
    {
      name: 'a primary in one region and a replica in another',
      model: model([host('aws_instance.web', ['us-east-1a']), datastore('aws_db_instance.replica', { placement: placement(['eu-west-1a'], false, 'eu-west-1') })]),
    },
    { name: 'nothing that serves or holds data (a network alone)', model: model([network('aws_vpc.main')]) },
  ],
  fires: [
    {
      name: 'a three-tier service in one region, named by the first resource when there is no network',
      model: service(threeTier()),
      findings: [{ resource: 'aws_autoscaling_group.web', severity: 'info', message: ['runs in us-east-1', '3 roles'], remediation: ['pilot light', 'warm standby', 'active-active'] }],
    },
    {
      name: 'named by the network when there is one',
      model: model([network('aws_vpc.main'), host('aws_instance.web', ['us-east-1a'])]),
      findings: [{ resource: 'aws_vpc.main', severity: 'info', message: ['(1 role) runs in us-east-1'] }],
    },
  ],
});
