import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { readString, str } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnets, membersOf } from './data-links.js';
import { consumed, dataStore, mapValue, pinnedZone } from './datastore.js';

const MOUNT_TARGET = ['aws_efs_mount_target'];

/**
 * One Zone storage cannot become Regional in place: `availability_zone_name` forces a new file system, and, being
 * computed, merely deleting it from the configuration keeps the One Zone one. The data has to move to a new one.
 */
const REGIONAL_KNOB = {
  attribute: 'aws_efs_file_system',
  value:
    'a new one without `availability_zone_name` (Regional storage) and an `aws_efs_mount_target` in each zone, with the data moved over (an `aws_efs_replication_configuration` whose `destination` sets no `availability_zone_name` makes such a copy); deleting the attribute alone keeps the One Zone file system',
};

/**
 * `aws_efs_file_system`: Regional storage (kept in several zones) unless `availability_zone_name` makes it One
 * Zone. Clients reach it through mount targets, one per zone at most: replicas count them, and the file system
 * is linked to their subnets and security groups (labelled with the mount target's address).
 */
export const efsFileSystem: Mapper = {
  types: ['aws_efs_file_system'],
  map(instance, ctx) {
    const targets = membersOf(ctx, instance, MOUNT_TARGET, 'file_system_id', 'id');
    const zoneName = readString(instance, 'availability_zone_name', '');
    const oneZone = zoneName.state !== 'unknown' && zoneName.value !== '';
    const regional = mapValue(zoneName, (az) => az === '');
    ctx.add(
      dataStore(instance, {
        category: 'file',
        engine: 'efs',
        ports: [2049],
        // One Zone storage takes a single mount target, in its own zone.
        replicas: oneZone ? known(1) : targets.length > 0 ? known(targets.length) : unknownValue(),
        placement: placementOfZones(oneZone ? pinnedZone(instance, 'availability_zone_name') : targetZones(ctx, targets), regional),
        // Mount targets have private addresses in the VPC only.
        publiclyAccessible: known(false),
        redundancyKnob: oneZone
          ? REGIONAL_KNOB
          : { attribute: 'aws_efs_mount_target', value: 'one in each availability zone' },
        parts: targets.map((t) => t.address),
      }),
    );
    for (const target of targets) {
      linkSubnets(ctx, instance.address, target, 'subnet_id', target.address);
      linkSecurityGroups(ctx, instance.address, target, 'security_groups', target.address);
    }
  },
};

/** The zones of the mount targets: their own `availability_zone_name` (state) or their subnet's zone (plan). */
function targetZones(ctx: MapperContext, targets: readonly ResourceInstance[]): Value<readonly string[]> {
  if (targets.length === 0) return byDefault([]);
  const zones = new Set<string>();
  for (const target of targets) {
    const [subnet] = ctx.refs(target, 'subnet_id', { types: ['aws_subnet'] });
    const az = str(target.values, 'availability_zone_name') || (subnet ? str(ctx.instance(subnet)?.values, 'availability_zone') : undefined);
    if (!az) return unknownValue();
    zones.add(az);
  }
  return known([...zones].sort());
}

/** Mount targets: read by their file system's mapper; no entity of their own. */
export const efsMountTargets = consumed(MOUNT_TARGET);
