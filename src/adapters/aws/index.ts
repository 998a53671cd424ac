import type { Mapper } from '../mapper.js';
import { managedPrefixLists, securityGroup, securityGroupRule, vpcSecurityGroupRule } from './security-group.js';
import { subnet, vpc } from './vpc.js';
import { internetGateway, internetGatewayAttachment, natGateway } from './gateways.js';
import { customerGateway, transitAttachments, transitGateway, transitVpcAttachment, vpnConnection } from './vpn.js';
import { dxAccepter, dxConnection, dxParts } from './direct-connect.js';
import { networkFirewall } from './network-firewall.js';
import { vpcEndpoint, vpcEndpointParts } from './vpc-endpoint.js';
import { mainRouteTableAssociation, route, routePropagation, routeTable, routeTableAssociation } from './routes.js';
import { networkAcl, networkAclAssociation, networkAclRule } from './nacl.js';
import { ec2Instance } from './instance.js';
import { networkInterface, networkInterfaceAttachment, networkInterfaceGroupAttachment } from './eni.js';
import { elasticIp, elasticIpAssociation } from './eip.js';
import { launchTemplates } from './launch.js';
import { autoscalingAttachment, autoscalingGroup } from './autoscaling.js';
import { applicationLoadBalancer, classicAttachment, classicLoadBalancer } from './lb.js';
import { listener, listenerRule, targetGroup, targetGroupAttachment } from './listeners.js';
import { ecsService, eksCluster, eksNodeGroup, scalingTargets } from './containers.js';
import { lambdaFunction } from './lambda.js';
import { dbInstance } from './rds.js';
import { clusterInstances, docdbCluster, neptuneCluster, rdsCluster } from './rds-cluster.js';
import { dataSubnetGroups } from './subnet-groups.js';
import { redshiftCluster } from './redshift.js';
import { elasticacheCluster, elasticacheServerlessCache } from './elasticache.js';
import { elasticacheReplicationGroup } from './elasticache-replication-group.js';
import { memorydbCluster, memorydbSubnetGroup } from './memorydb.js';
import { efsFileSystem, efsMountTargets } from './efs.js';
import { fsxFileSystem } from './fsx.js';
import { mqBroker } from './mq.js';
import { opensearchDomain } from './opensearch.js';
import { mskCluster } from './msk.js';
import { dynamodbTable } from './dynamodb.js';

/** The aws mappers, one per resource type family. */
export const awsMappers: readonly Mapper[] = [
  securityGroup,
  securityGroupRule,
  vpcSecurityGroupRule,
  managedPrefixLists,
  vpc,
  subnet,
  internetGateway,
  internetGatewayAttachment,
  natGateway,
  transitGateway,
  transitAttachments,
  transitVpcAttachment,
  vpnConnection,
  dxConnection,
  dxParts,
  dxAccepter,
  networkFirewall,
  vpcEndpoint,
  vpcEndpointParts,
  customerGateway,
  routeTable,
  route,
  routePropagation,
  routeTableAssociation,
  mainRouteTableAssociation,
  networkAcl,
  networkAclRule,
  networkAclAssociation,
  ec2Instance,
  networkInterface,
  networkInterfaceAttachment,
  networkInterfaceGroupAttachment,
  elasticIp,
  elasticIpAssociation,
  launchTemplates,
  autoscalingGroup,
  autoscalingAttachment,
  applicationLoadBalancer,
  classicLoadBalancer,
  classicAttachment,
  targetGroup,
  targetGroupAttachment,
  listener,
  listenerRule,
  ecsService,
  scalingTargets,
  eksCluster,
  eksNodeGroup,
  lambdaFunction,
  dbInstance,
  dataSubnetGroups,
  rdsCluster,
  docdbCluster,
  neptuneCluster,
  clusterInstances,
  redshiftCluster,
  elasticacheCluster,
  elasticacheServerlessCache,
  elasticacheReplicationGroup,
  memorydbCluster,
  memorydbSubnetGroup,
  efsFileSystem,
  efsMountTargets,
  fsxFileSystem,
  mqBroker,
  opensearchDomain,
  mskCluster,
  dynamodbTable,
];
