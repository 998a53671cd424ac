import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState, dataStoreIn, edgesFrom, network, references, type PlanResource } from '../../../test/support/aws-plan.js';

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration.
const regional: PlanResource = { address: 'aws_efs_file_system.regional', values: {}, unknown: { availability_zone_name: true, id: true } };
const oneZone: PlanResource = {
  address: 'aws_efs_file_system.onezone',
  values: { availability_zone_name: 'us-east-1a' },
  unknown: { id: true },
  expressions: { availability_zone_name: { constant_value: 'us-east-1a' } },
};
const target: PlanResource = {
  address: 'aws_efs_mount_target.a',
  values: {},
  unknown: { availability_zone_name: true, file_system_id: true, security_groups: true, subnet_id: true },
  expressions: { file_system_id: references('aws_efs_file_system.regional'), security_groups: references('aws_security_group.data'), subnet_id: references('aws_subnet.a') },
};

const plan = awsModel(awsPlan([...network, regional, oneZone, target]));

describe('aws_efs_file_system', () => {
  it('Regional by default, reached through its mount target subnet and group before apply', () => {
    const fs = dataStoreIn(plan, 'aws_efs_file_system.regional');
    expect(fs).toMatchObject({ category: 'file', engine: 'efs', ports: [2049] });
    expect(fs.placement.zoneRedundant).toEqual({ state: 'default', value: true });
    expect(fs.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a'] });
    expect(fs.replicas).toEqual({ state: 'set', value: 1 });
    expect(fs.source).toEqual(['aws_efs_file_system.regional', 'aws_efs_mount_target.a']);
    expect(fs.redundancyKnob).toEqual({ attribute: 'aws_efs_mount_target', value: 'one in each availability zone' });
    expect(edgesFrom(plan, fs.id, 'in-subnet')).toEqual(['aws_subnet.a via aws_efs_mount_target.a']);
    expect(edgesFrom(plan, fs.id, 'protected-by')).toEqual(['aws_security_group.data via aws_efs_mount_target.a']);
  });

  it('One Zone: one copy in one zone', () => {
    const fs = dataStoreIn(plan, 'aws_efs_file_system.onezone');
    expect(fs.placement).toEqual({ region: 'us-east-1', zones: { state: 'set', value: ['us-east-1/us-east-1a'] }, zoneRedundant: { state: 'set', value: false } });
    expect(fs.replicas).toEqual({ state: 'set', value: 1 });
    // `availability_zone_name` is Optional, Computed and ForceNew: deleting it keeps the One Zone file system.
    expect(fs.redundancyKnob?.attribute).toBe('aws_efs_file_system');
    expect(fs.redundancyKnob?.value).toContain('a new one without `availability_zone_name`');
  });

  it('mount targets are no entities', () => {
    expect(plan.entities.has('aws_efs_mount_target.a')).toBe(false);
    expect(plan.unmodelled).not.toHaveProperty('aws_efs_mount_target');
  });

  it('a state: Regional with mount targets in two zones, found by the file system id', () => {
    const state = awsModel(
      awsState([
        { address: 'aws_efs_file_system.shared', values: { id: 'fs-1', availability_zone_name: '' } },
        { address: 'aws_efs_mount_target.a', values: { id: 'fsmt-1', file_system_id: 'fs-1', availability_zone_name: 'us-east-1a' } },
        { address: 'aws_efs_mount_target.b', values: { id: 'fsmt-2', file_system_id: 'fs-1', availability_zone_name: 'us-east-1b' } },
      ]),
    );
    const fs = dataStoreIn(state, 'aws_efs_file_system.shared');
    expect(fs.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(fs.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(fs.replicas).toEqual({ state: 'set', value: 2 });
  });
});
