/**
 * The fixes weaklink prints, end to end from a plan: each says, in its provider's words, everything the change needs
 * for `terraform apply` to deliver what the message promises (a second zone, a second path, no open admin port).
 * Each case was checked against the provider's documentation; the texts are pinned here whole.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { Finding } from '../src/findings/index.js';
import { loadDocument, readDocument } from '../src/terraform/index.js';
import { awsPlan, type PlanResource } from './support/aws-plan.js';
import { CORPUS } from './support/plans.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}/plan.json`, import.meta.url));
const corpus = (name: string): string => fileURLToPath(new URL(`plans/${name}`, CORPUS));

function findingsOfFile(path: string): readonly Finding[] {
  return analyze([readDocument(path, readFileSync(path))]).findings;
}

function findingOf(findings: readonly Finding[], rule: string, resource: string, about?: string): Finding {
  const found = findings.find((f) => f.rule === rule && f.resources[0] === resource && (about === undefined || f.message.includes(about)));
  if (!found) throw new Error(`no ${rule} finding on ${resource}: ${findings.map((f) => `${f.rule} ${f.resources[0]}`).join(', ')}`);
  return found;
}

const ADMIN_FIX =
  'Drop the world source (0.0.0.0/0, ::/0) and admit admin ports only from a VPN or bastion range, or connect through a managed bastion or tunnel (AWS Systems Manager Session Manager, Azure Bastion, Google IAP TCP forwarding) instead of an open port.';

describe('fixes as the provider documents them', () => {
  it('Redshift, one node: a multi-node RA3 cluster with multi_az, and no claim that a default decided it when single-node is written', () => {
    const single: PlanResource = {
      address: 'aws_redshift_cluster.single',
      values: { cluster_identifier: 'single', cluster_type: 'single-node', node_type: 'ra3.xlplus', number_of_nodes: 1, multi_az: false, publicly_accessible: false, port: 5439 },
      unknown: { availability_zone: true },
      expressions: { cluster_identifier: { constant_value: 'single' }, cluster_type: { constant_value: 'single-node' }, publicly_accessible: { constant_value: false } },
    };
    const f = findingOf(analyze([loadDocument('redshift.json', awsPlan([single]))]).findings, 'single-az-database', 'aws_redshift_cluster.single');
    expect(f.remediation).toBe(
      'Fix with `number_of_nodes`: 2 or more on an RA3 `node_type`, with `multi_az = true` (every node of a cluster sits in one zone; Multi-AZ, for multi-node RA3 clusters only, runs as many again in a second zone) so that a copy in a second zone takes over when a zone fails; a standby or second node in another zone roughly doubles the instance cost.',
    );
    expect(f.message).not.toContain('provider default');
  });

  it('OpenSearch, one data node: zone awareness with the nodes, replica shards (and subnets) it needs', () => {
    const f = findingOf(findingsOfFile(corpus('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json')), 'single-az-database', 'aws_elasticsearch_domain.monitoring-framework');
    expect(f.remediation).toBe(
      'Fix with `cluster_config.zone_awareness_enabled`: `true`, with `cluster_config.instance_count` 2 or more (even for 2 zones, a multiple of 3 with `zone_awareness_config.availability_zone_count = 3`) and indices that keep at least one replica shard, so that a copy in a second zone takes over when a zone fails; a standby or second node in another zone roughly doubles the instance cost.',
    );
  });

  it('ElastiCache, a Redis cluster: a replication group in its place, with automatic failover, Multi-AZ and no unnamed default', () => {
    const f = findingOf(findingsOfFile(fixture('demo')), 'cut-point', 'aws_elasticache_cluster.sessions');
    expect(f.remediation).toBe(
      "Fix with `aws_elasticache_replication_group`: one in place of this single-node cluster, with `num_cache_clusters = 2`, `automatic_failover_enabled = true` and `multi_az_enabled = true` (which needs automatic failover) and a subnet group in two zones or more, so that a copy in a second zone takes over; a standby or second node in another zone roughly doubles that part's cost.",
    );
    expect(f.message).not.toContain('the setting');
    expect(f.message).not.toContain('provider default');
  });

  it('Azure Single Server: a flexible server with zone-redundant high availability in its place', () => {
    const f = findingOf(findingsOfFile(corpus('terraform-compliance/azure-postgresql-server-configs-tf0.12.25.json')), 'single-az-database', 'azurerm_postgresql_server.example');
    expect(f.remediation).toBe(
      'Fix with `azurerm_postgresql_flexible_server`: one in its place (a Single Server cannot keep a standby in another zone), with `high_availability { mode = "ZoneRedundant" }` on a General Purpose or Memory Optimized `sku_name` (Burstable has no high availability) and the data migrated to it, so that a copy in a second zone takes over when a zone fails; a standby or second node in another zone roughly doubles the instance cost.',
    );
  });

  it('FSx: MULTI_AZ_1 with its two subnets and preferred subnet, as a new file system', () => {
    const f = findingOf(findingsOfFile(fixture('aws/fsx')), 'spof', 'aws_fsx_windows_file_system.shares');
    expect(f.remediation).toBe(
      'Fix with `deployment_type`: `"MULTI_AZ_1"`, with two `subnet_ids` in different zones and `preferred_subnet_id` naming one of them (this creates a new file system: these attributes force replacement, so the data has to be copied or restored from a backup into it).',
    );
  });

  it('EFS One Zone: a new Regional file system with a mount target per zone, the data moved', () => {
    const f = findingOf(findingsOfFile(fixture('aws/aurora-one-instance')), 'spof', 'aws_efs_file_system.bad_one_zone');
    expect(f.remediation).toBe(
      'Fix with `aws_efs_file_system`: a new one without `availability_zone_name` (Regional storage) and an `aws_efs_mount_target` in each zone, with the data moved over (an `aws_efs_replication_configuration` whose `destination` sets no `availability_zone_name` makes such a copy); deleting the attribute alone keeps the One Zone file system.',
    );
  });

  it('GKE, a zonal control plane: location set to the region, a new cluster', () => {
    const f = findingOf(findingsOfFile(corpus('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json')), 'spof', 'module.gke.google_container_cluster.primary');
    expect(f.remediation).toBe(
      'Fix with `location`: `"europe-west2"`, the region, instead of a zone: a regional cluster runs control plane replicas in several zones; `location` forces a new cluster, and its node pools then run their node count in each zone (`node_locations` narrows them).',
    );
  });

  it('AWS VPN: a second customer gateway and connection, not a second tunnel (every connection has two)', () => {
    const f = findingOf(findingsOfFile(fixture('aws/ecs-ec2-replica-vpn')), 'spof', 'aws_vpn_connection.office');
    expect(f.remediation).toBe(
      'Fix with `aws_customer_gateway`: a second one for a second device on the other side, and a second `aws_vpn_connection` to it (the two tunnels of a connection both end on its one customer gateway), so that either path can carry the traffic alone.',
    );
  });

  it('admin ports open to the world on Azure and Google: bastion or tunnel services of every cloud, named alike', () => {
    for (const cloud of ['azure', 'gcp']) {
      const admin = findingsOfFile(fixture(`${cloud}/single-vm`)).filter((f) => f.rule === 'open-ingress' && f.remediation.startsWith('Drop the world source'));
      expect(admin.length).toBeGreaterThan(0);
      for (const f of admin) expect(f.remediation).toBe(ADMIN_FIX);
    }
  });
});
