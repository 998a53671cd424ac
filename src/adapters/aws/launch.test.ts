import { describe, expect, it } from 'vitest';
import { awsModel, awsPlan, awsState } from '../../../test/support/aws-plan.js';
import { edgesOut, entityIn, ref, vpcPlan } from '../../../test/support/aws-network.js';

describe('aws_launch_template, aws_launch_configuration', () => {
  it('consumed: no entity, not unmodelled', () => {
    const m = awsModel(awsPlan([{ address: 'aws_launch_template.app', values: { image_id: 'ami-1' }, unknown: { id: true } }, { address: 'aws_launch_configuration.legacy', values: { image_id: 'ami-1' }, unknown: { id: true } }]));
    expect(m.entities.size).toBe(0);
    expect(m.unmodelled).toEqual({});
    expect(m.resourceCount).toBe(2);
  });

  it('a template\'s interface settings: groups, subnet and public address ("true" as the provider writes it)', () => {
    const m = awsModel(
      awsPlan([
        ...vpcPlan,
        { address: 'aws_security_group.app', values: { name: 'app' }, unknown: { id: true } },
        {
          address: 'aws_launch_template.public',
          values: { network_interfaces: [{ associate_public_ip_address: 'true', security_groups: ['app'] }] },
          unknown: { id: true },
          expressions: { network_interfaces: [{ associate_public_ip_address: { constant_value: true }, security_groups: { constant_value: ['app'] }, subnet_id: ref('aws_subnet.public') }] },
        },
        { address: 'aws_instance.x', values: {}, unknown: { id: true, subnet_id: true }, expressions: { launch_template: [{ id: ref('aws_launch_template.public') }] } },
      ]),
    );
    expect(entityIn(m, 'aws_instance.x', 'host').publicIp).toEqual({ state: 'set', value: true });
    expect(edgesOut(m, 'aws_instance.x', 'protected-by')).toEqual(['aws_security_group.app via aws_launch_template.public']);
    expect(edgesOut(m, 'aws_instance.x', 'in-subnet')).toEqual(['aws_subnet.public via aws_launch_template.public']);
  });

  it('a launch configuration in a state: an unset flag reads false there, so only true is taken as said', () => {
    const m = awsModel(
      awsState([
        { address: 'aws_subnet.public', values: { id: 'subnet-1', availability_zone: 'us-east-1a', map_public_ip_on_launch: true } },
        { address: 'aws_launch_configuration.quiet', values: { id: 'lc-q', name: 'lc-q', associate_public_ip_address: false } },
        { address: 'aws_launch_configuration.loud', values: { id: 'lc-l', name: 'lc-l', associate_public_ip_address: true } },
        { address: 'aws_autoscaling_group.quiet', values: { min_size: 1, max_size: 2, launch_configuration: 'lc-q', vpc_zone_identifier: ['subnet-1'] } },
        { address: 'aws_autoscaling_group.loud', values: { min_size: 1, max_size: 2, launch_configuration: 'lc-l', vpc_zone_identifier: ['subnet-1'] } },
      ]),
    );
    expect(entityIn(m, 'aws_autoscaling_group.quiet', 'host').publicIp).toEqual({ state: 'default', value: true });
    expect(entityIn(m, 'aws_autoscaling_group.loud', 'host').publicIp).toEqual({ state: 'set', value: true });
  });
});
