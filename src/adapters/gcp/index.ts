import type { Mapper } from '../mapper.js';
import { computeAddress } from './address.js';
import { backendService, targetPool } from './backend-service.js';
import { filestoreInstance } from './filestore.js';
import { computeFirewall } from './firewall.js';
import { containerCluster } from './gke.js';
import { computeInstance } from './instance.js';
import { groupParts, instanceGroupManager } from './instance-group.js';
import { forwardingRule, loadBalancerParts } from './load-balancer.js';
import { computeRouter, routerNat } from './nat.js';
import { computeNetwork, computeSubnetwork } from './network.js';
import { containerNodePool } from './node-pool.js';
import { redisInstance } from './redis.js';
import { sqlDatabaseInstance } from './sql.js';
import { vpnGateway, vpnParts } from './vpn.js';
import { interconnectAttachment, interconnectParts } from './interconnect.js';
import { alloydbCluster, alloydbInstance } from './alloydb.js';
import { bigtableInstance } from './bigtable.js';
import { computeRoute } from './routes.js';
import { networkFirewallPolicy, networkFirewallPolicyAssociation, networkFirewallPolicyRule } from './network-policies.js';

/** The gcp mappers (providers `google` and `google-beta`, which share type names), one per resource type family. */
export const gcpMappers: readonly Mapper[] = [
  computeNetwork,
  computeSubnetwork,
  computeFirewall,
  networkFirewallPolicy,
  networkFirewallPolicyRule,
  networkFirewallPolicyAssociation,
  computeInstance,
  instanceGroupManager,
  groupParts,
  computeRouter,
  routerNat,
  computeRoute,
  computeAddress,
  backendService,
  targetPool,
  forwardingRule,
  loadBalancerParts,
  sqlDatabaseInstance,
  alloydbInstance,
  alloydbCluster,
  bigtableInstance,
  redisInstance,
  filestoreInstance,
  containerCluster,
  containerNodePool,
  vpnGateway,
  vpnParts,
  interconnectAttachment,
  interconnectParts,
];
