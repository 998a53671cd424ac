import type { Mapper } from '../mapper.js';
import { securityGroup, securityGroupRule, vpcSecurityGroupRule } from './security-group.js';
import { dbInstance } from './rds.js';
import { clusterInstances, docdbCluster, neptuneCluster, rdsCluster } from './rds-cluster.js';
import { dataSubnetGroups } from './subnet-groups.js';
import { redshiftCluster } from './redshift.js';
import { elasticacheCluster } from './elasticache.js';
import { elasticacheReplicationGroup } from './elasticache-replication-group.js';
import { efsFileSystem, efsMountTargets } from './efs.js';
import { mqBroker } from './mq.js';
import { opensearchDomain } from './opensearch.js';
import { mskCluster } from './msk.js';
import { dynamodbTable } from './dynamodb.js';

/** The aws mappers, one per resource type family. */
export const awsMappers: readonly Mapper[] = [
  securityGroup,
  securityGroupRule,
  vpcSecurityGroupRule,
  dbInstance,
  dataSubnetGroups,
  rdsCluster,
  docdbCluster,
  neptuneCluster,
  clusterInstances,
  redshiftCluster,
  elasticacheCluster,
  elasticacheReplicationGroup,
  efsFileSystem,
  efsMountTargets,
  mqBroker,
  opensearchDomain,
  mskCluster,
  dynamodbTable,
];
