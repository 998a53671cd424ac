import { byDefault, known, unknownValue, type DataCategory, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { readString, str } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup, membersOf } from './data-links.js';
import { anyTrue, boolAttr, consumed, dataStore, onlyPortsOf, portsOf, readList } from './datastore.js';

/** A cluster type whose compute lives in separate instance resources: Aurora, DocumentDB and Neptune alike. */
interface ClusterFamily {
  readonly cluster: string;
  readonly member: string;
  readonly category: DataCategory;
  /** The provider's default `engine`. */
  readonly engine: string;
  readonly subnetGroupKey: string;
  readonly subnetGroupTypes: readonly string[];
}

/**
 * A cluster stores its data in several zones, but serves from its instances: with one instance, or all of them in
 * one zone, a zone outage stops it until AWS recreates an instance elsewhere. So replicas count the instances
 * that point at the cluster, and it is zone-redundant only with instances in two zones or more. The instances
 * make no entity of their own; they are part of the cluster's `source`.
 */
function clusterMapper(family: ClusterFamily): Mapper {
  const members = [family.member];
  return {
    types: [family.cluster],
    map(instance, ctx) {
      const instances = membersOf(ctx, instance, members, 'cluster_identifier', 'cluster_identifier');
      const engine = str(instance.values, 'engine') || family.engine;
      const shape = clusterShape(instance, instances);
      ctx.add(
        dataStore(instance, {
          category: family.category,
          engine,
          ports: portsOf(instance, engine),
          onlyPorts: onlyPortsOf(instance, engine),
          replicas: shape.replicas,
          placement: placementOfZones(shape.zones, shape.zoneRedundant),
          publiclyAccessible: anyTrue(
            instances.map((i) => boolAttr(i, 'publicly_accessible', false)),
            byDefault(false),
          ),
          redundancyKnob: { attribute: family.member, value: 'a second instance in another zone (`count = 2` on the instance block, each `availability_zone` pinned or left to AWS)' },
          parts: instances.map((i) => i.address),
          // The cluster volume keeps copies in three zones, whatever the instances do.
          storageSpansZones: true,
        }),
      );
      // Every instance must use the cluster's subnet group; the instances name it when the cluster does not.
      for (const source of [instance, ...instances]) {
        linkSubnetGroup(ctx, instance.address, source, family.subnetGroupKey, family.subnetGroupTypes);
      }
      linkSecurityGroups(ctx, instance.address, instance, 'vpc_security_group_ids');
    },
  };
}

interface ClusterShape {
  readonly replicas: Value<number>;
  readonly zones: Value<readonly string[]>;
  readonly zoneRedundant: Value<boolean>;
}

function clusterShape(cluster: ResourceInstance, instances: readonly ResourceInstance[]): ClusterShape {
  // Multi-AZ DB clusters (`db_cluster_instance_class`, engines mysql/postgres) are one writer and two readable
  // standbys in three zones by design, with no instance resources.
  if (str(cluster.values, 'db_cluster_instance_class')) {
    return { replicas: known(3), zones: readList(cluster, 'availability_zones'), zoneRedundant: known(true) };
  }
  // Aurora Serverless v1 runs one capacity unit in one zone and moves it after a failure.
  if (str(cluster.values, 'engine_mode') === 'serverless') {
    return { replicas: known(1), zones: readList(cluster, 'availability_zones'), zoneRedundant: known(false) };
  }
  if (instances.length === 0) {
    // Instances may be declared in another configuration: this plan cannot tell how many serve.
    return { replicas: unknownValue(), zones: readList(cluster, 'availability_zones'), zoneRedundant: unknownValue() };
  }
  const zones = instances.map((i) => readString(i, 'availability_zone', ''));
  const pinned = new Set(zones.flatMap((z) => (z.state === 'unknown' || z.value === '' ? [] : [z.value])));
  const allPinned = pinned.size > 0 && zones.every((z) => z.state !== 'unknown' && z.value !== '');
  // Instances left to AWS (no availability_zone) get their zones at apply: only a state knows them.
  const nonePinned = pinned.size === 0 && zones.every((z) => z.state !== 'unknown');
  if (nonePinned && instances.length >= 2) return unpinnedShape(cluster, instances.length);
  let zoneRedundant: Value<boolean>;
  if (pinned.size >= 2) zoneRedundant = known(true);
  else if (instances.length === 1 || allPinned) zoneRedundant = known(false);
  else zoneRedundant = unknownValue();
  return {
    replicas: known(instances.length),
    zones: allPinned ? known([...pinned].sort()) : nonePinned ? byDefault([]) : unknownValue(),
    zoneRedundant,
  };
}

/**
 * Several instances, none given an `availability_zone`. Aurora places them itself: RDS puts each of the first three
 * instances of a cluster in a different one of the cluster's zones (`availability_zones`, three that AWS picks when
 * not written; the RDS API reference, CreateDBCluster), so they span zones unless the cluster names only one.
 * DocumentDB and Neptune give each instance a random, system-chosen zone: the instances may share one, which only
 * a state can tell.
 */
function unpinnedShape(cluster: ResourceInstance, count: number): ClusterShape {
  const replicas = known(count);
  const clusterZones = readList(cluster, 'availability_zones');
  // Instances of an aws_rds_cluster are Aurora's: a Multi-AZ DB cluster has none (see clusterShape).
  if (cluster.type === 'aws_rds_cluster') {
    const one = clusterZones.state !== 'unknown' && new Set(clusterZones.value).size === 1;
    return { replicas, zones: clusterZones, zoneRedundant: byDefault(!one) };
  }
  return { replicas, zones: unknownValue(), zoneRedundant: unknownValue() };
}

/** `aws_rds_cluster` (Aurora, and Multi-AZ DB clusters) with its `aws_rds_cluster_instance`s. */
export const rdsCluster = clusterMapper({
  cluster: 'aws_rds_cluster',
  member: 'aws_rds_cluster_instance',
  category: 'relational',
  engine: 'aurora',
  subnetGroupKey: 'db_subnet_group_name',
  subnetGroupTypes: ['aws_db_subnet_group'],
});

/** `aws_docdb_cluster` with its `aws_docdb_cluster_instance`s. */
export const docdbCluster = clusterMapper({
  cluster: 'aws_docdb_cluster',
  member: 'aws_docdb_cluster_instance',
  category: 'document',
  engine: 'docdb',
  subnetGroupKey: 'db_subnet_group_name',
  subnetGroupTypes: ['aws_docdb_subnet_group'],
});

/** `aws_neptune_cluster` with its `aws_neptune_cluster_instance`s. */
export const neptuneCluster = clusterMapper({
  cluster: 'aws_neptune_cluster',
  member: 'aws_neptune_cluster_instance',
  category: 'graph',
  engine: 'neptune',
  subnetGroupKey: 'neptune_subnet_group_name',
  subnetGroupTypes: ['aws_neptune_subnet_group'],
});

/** Cluster instances: read by their cluster's mapper (replicas, zones, public access); no entity of their own. */
export const clusterInstances = consumed(['aws_rds_cluster_instance', 'aws_docdb_cluster_instance', 'aws_neptune_cluster_instance']);
