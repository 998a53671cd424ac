import { consumed } from './datastore.js';

/**
 * `aws_db_subnet_group` and the other data services' subnet groups: no entity of their own. A subnet group only
 * names subnets; the data store that uses it is linked straight to those subnets ('in-subnet', labelled with the
 * group's address), so rules see where the store runs without a hop through a group.
 */
export const dataSubnetGroups = consumed([
  'aws_db_subnet_group',
  'aws_docdb_subnet_group',
  'aws_neptune_subnet_group',
  'aws_elasticache_subnet_group',
  'aws_redshift_subnet_group',
]);
