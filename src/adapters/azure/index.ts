import type { Mapper } from '../mapper.js';
import { kubernetesCluster, kubernetesNodePool } from './aks.js';
import { applicationGateway } from './app-gateway.js';
import { cosmosdbAccount, redisCache, storageAccount } from './datastores.js';
import { gatewayConnections, natGateway, natPublicIpAssociation, subnetNatAssociation, virtualNetworkGateway } from './gateways.js';
import { lbBackendPool, lbNat, lbRule, loadBalancer } from './lb.js';
import { publicIp, subnet, subnetNsgAssociation, virtualNetwork } from './network.js';
import { networkInterfaces } from './nic.js';
import { applicationSecurityGroup, networkSecurityGroup, networkSecurityRule } from './nsg.js';
import {
  flexibleServer,
  mysqlFirewallRule,
  mysqlFlexibleFirewallRule,
  postgresFirewallRule,
  postgresFlexibleFirewallRule,
  singleServer,
} from './postgres-mysql.js';
import { autoscaleSetting, scaleSet } from './scale-set.js';
import { managedInstance, sqlDatabase, sqlElasticPool, sqlFirewallRule, sqlServer } from './sql.js';
import { availabilitySet, virtualMachine } from './vm.js';
import { appServiceApps, servicePlan } from './app-service.js';
import { firewall, route, routeTable, subnetRouteTableAssociation } from './routes.js';

/** The azure mappers, one per resource type family. */
export const azureMappers: readonly Mapper[] = [
  virtualNetwork,
  subnet,
  subnetNsgAssociation,
  publicIp,
  networkSecurityGroup,
  networkSecurityRule,
  applicationSecurityGroup,
  networkInterfaces,
  virtualMachine,
  availabilitySet,
  scaleSet,
  autoscaleSetting,
  servicePlan,
  appServiceApps,
  loadBalancer,
  lbBackendPool,
  lbRule,
  lbNat,
  applicationGateway,
  natGateway,
  subnetNatAssociation,
  natPublicIpAssociation,
  firewall,
  routeTable,
  route,
  subnetRouteTableAssociation,
  virtualNetworkGateway,
  gatewayConnections,
  sqlServer,
  sqlDatabase,
  sqlElasticPool,
  sqlFirewallRule,
  managedInstance,
  flexibleServer,
  singleServer,
  postgresFlexibleFirewallRule,
  mysqlFlexibleFirewallRule,
  postgresFirewallRule,
  mysqlFirewallRule,
  redisCache,
  cosmosdbAccount,
  storageAccount,
  kubernetesCluster,
  kubernetesNodePool,
];
