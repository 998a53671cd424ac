import { describe, expect, it } from 'vitest';
import { awsModel, awsState, dataStoreIn } from '../../../test/support/aws-plan.js';
import { edgesOut } from '../../../test/support/aws-network.js';
import { modelOfFile } from '../../../test/support/plans.js';

// A real plan (terraform 1.11, aws 5.100): fixtures/aws/fsx/main.tf.
const plan = modelOfFile('fixtures/aws/fsx/plan.json');

describe('aws_fsx_windows_file_system, aws_fsx_ontap_file_system, aws_fsx_openzfs_file_system', () => {
  it('Windows left at the default deployment type: one file server in its subnet\'s zone, by default', () => {
    const fs = dataStoreIn(plan, 'aws_fsx_windows_file_system.shares');
    expect(fs).toMatchObject({ category: 'file', engine: 'fsx-windows', ports: [445], replicas: { state: 'set', value: 1 }, publiclyAccessible: { state: 'set', value: false } });
    expect(fs.placement).toEqual({ region: 'eu-west-1', zones: { state: 'set', value: ['eu-west-1/eu-west-1a'] }, zoneRedundant: { state: 'default', value: false } });
    expect(edgesOut(plan, fs.id, 'in-subnet')).toEqual(['aws_subnet.private[0] via subnet_ids']);
    expect(edgesOut(plan, fs.id, 'protected-by')).toEqual(['aws_security_group.files via security_group_ids']);
  });

  it('Multi-AZ: a standby in the second subnet, zone-redundant; an HA pair in one zone is two nodes but not', () => {
    for (const id of ['aws_fsx_windows_file_system.profiles', 'aws_fsx_ontap_file_system.data']) {
      const fs = dataStoreIn(plan, id);
      expect(fs.replicas).toEqual({ state: 'set', value: 2 });
      expect(fs.placement.zoneRedundant).toEqual({ state: 'set', value: true });
      expect(fs.placement.zones).toEqual({ state: 'set', value: ['eu-west-1/eu-west-1a', 'eu-west-1/eu-west-1b'] });
    }
    const pair = dataStoreIn(plan, 'aws_fsx_openzfs_file_system.builds');
    expect(pair).toMatchObject({ engine: 'fsx-openzfs', replicas: { state: 'set', value: 2 }, placement: { zoneRedundant: { state: 'set', value: false } } });
    expect(pair.redundancyKnob?.attribute).toBe('deployment_type');
    expect(pair.redundancyKnob?.value).toMatch(/^`"MULTI_AZ_1"`, with two `subnet_ids` in different zones and `preferred_subnet_id` naming one of them \(this creates a new file system/);
    expect(plan.unmodelled).toEqual({});
  });

  it('a state: the deployment type as AWS reports it; Lustre stays unmodelled (it has no Multi-AZ deployment)', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_subnet.a', values: { id: 'subnet-a', availability_zone: 'eu-west-1a' } },
        { address: 'aws_fsx_ontap_file_system.single', values: { id: 'fs-1', deployment_type: 'SINGLE_AZ_2', subnet_ids: ['subnet-a'] } },
        { address: 'aws_fsx_lustre_file_system.scratch', values: { id: 'fs-2', deployment_type: 'SCRATCH_2', subnet_ids: ['subnet-a'] } },
      ]),
    );
    expect(dataStoreIn(m, 'aws_fsx_ontap_file_system.single').placement).toMatchObject({ zones: { value: ['eu-west-1/eu-west-1a'] }, zoneRedundant: { state: 'set', value: false } });
    expect(m.entities.has('aws_fsx_lustre_file_system.scratch')).toBe(false);
  });
});
