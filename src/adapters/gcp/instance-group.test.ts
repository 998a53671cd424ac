import { describe, expect, it } from 'vitest';
import { edgesFrom, entityIn, gcpModel, gcpPlan, references, type GcpResource } from '../../../test/support/gcp-plan.js';

type Json = Record<string, unknown>;

const subnet: GcpResource = {
  address: 'google_compute_subnetwork.app',
  values: { ip_cidr_range: '10.0.0.0/20', name: 'app', region: 'europe-west1' },
  unknown: { id: true, network: true, self_link: true },
  expressions: { ip_cidr_range: { constant_value: '10.0.0.0/20' }, name: { constant_value: 'app' }, network: references('google_compute_network.main'), region: { constant_value: 'europe-west1' } },
};
const network: GcpResource = { address: 'google_compute_network.main', values: { name: 'main', auto_create_subnetworks: false }, unknown: { id: true, self_link: true }, expressions: { name: { constant_value: 'main' } } };

/** An instance template as google 5.x plans it: the subnetwork and the template id are known only after apply. */
function template(name: string, publicIp: boolean): GcpResource {
  return {
    address: `google_compute_instance_template.${name}`,
    values: { machine_type: 'e2-small', name_prefix: `${name}-`, network_interface: [{ access_config: publicIp ? [{ public_ptr_domain_name: null }] : [], alias_ip_range: [], ipv6_access_config: [] }], service_account: [{ email: 'app@p.iam.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] }], tags: ['app'] },
    unknown: { id: true, name: true, network_interface: [{ access_config: publicIp ? [{ nat_ip: true }] : [], name: true, network: true, subnetwork: true }], self_link: true },
    expressions: {
      machine_type: { constant_value: 'e2-small' },
      name_prefix: { constant_value: `${name}-` },
      network_interface: [{ ...(publicIp ? { access_config: [{}] } : {}), subnetwork: references('google_compute_subnetwork.app') }],
      service_account: [{ email: { constant_value: 'app@p.iam.gserviceaccount.com' }, scopes: { constant_value: ['cloud-platform'] } }],
      tags: { constant_value: ['app'] },
    },
  };
}

/** A managed instance group; `values`/`expressions` add what the case writes. */
function group(type: 'zonal' | 'regional', name: string, values: Json, expressions: Json, unknown: Json = {}): GcpResource {
  const regional = type === 'regional';
  return {
    address: `${regional ? 'google_compute_region_instance_group_manager' : 'google_compute_instance_group_manager'}.${name}`,
    values: { base_instance_name: name, name, named_port: [{ name: 'http', port: 8080 }], version: [{ name: 'primary', target_size: [] }], ...(regional ? { region: 'europe-west1' } : { zone: 'europe-west1-b' }), ...values },
    unknown: { id: true, instance_group: true, self_link: true, status: true, version: [{ instance_template: true, target_size: [] }], ...(regional ? { distribution_policy_zones: true } : {}), ...unknown },
    expressions: {
      base_instance_name: { constant_value: name },
      name: { constant_value: name },
      version: [{ instance_template: references('google_compute_instance_template.app'), name: { constant_value: 'primary' } }],
      ...(regional ? { region: { constant_value: 'europe-west1' } } : { zone: { constant_value: 'europe-west1-b' } }),
      ...expressions,
    },
  };
}

function autoscaler(name: string, target: string, policy: Json, regional = true): GcpResource {
  return {
    address: `${regional ? 'google_compute_region_autoscaler' : 'google_compute_autoscaler'}.${name}`,
    values: { autoscaling_policy: [{ cooldown_period: 60, mode: 'ON', ...policy }], name, ...(regional ? { region: 'europe-west1' } : { zone: 'europe-west1-b' }) },
    unknown: { id: true, self_link: true, target: true, autoscaling_policy: [{ min_replicas: !('min_replicas' in policy) }] },
    expressions: { autoscaling_policy: [Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, { constant_value: v }]))], name: { constant_value: name }, target: references(target) },
  };
}

const plan = gcpModel(
  gcpPlan([
    network,
    subnet,
    template('app', false),
    group('regional', 'three_zones', { distribution_policy_zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'] }, { distribution_policy_zones: { constant_value: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'] } }, { distribution_policy_zones: [false, false, false], target_size: true }),
    autoscaler('three_zones', 'google_compute_region_instance_group_manager.three_zones', { min_replicas: 3, max_replicas: 9 }),
    group('regional', 'default_zones', { target_size: 2 }, { target_size: { constant_value: 2 } }),
    group('regional', 'one_zone', { distribution_policy_zones: ['europe-west1-b'], target_size: 2 }, { distribution_policy_zones: { constant_value: ['europe-west1-b'] }, target_size: { constant_value: 2 } }),
    group('zonal', 'zonal', { target_size: 4 }, { target_size: { constant_value: 4 } }),
    group('zonal', 'scaled', {}, {}, { target_size: true }),
    autoscaler('scaled', 'google_compute_instance_group_manager.scaled', { max_replicas: 5 }, false),
  ]),
);

describe('google_compute_region_instance_group_manager', () => {
  it('over three zones, with the bounds of its autoscaler: zone-redundant', () => {
    const g = entityIn(plan, 'google_compute_region_instance_group_manager.three_zones', 'host');
    expect(g).toMatchObject({ role: 'group', labels: ['app'], serviceAccounts: ['app@p.iam.gserviceaccount.com'], publicIp: { state: 'default', value: false } });
    expect(g.replicas).toEqual({ min: { state: 'set', value: 3 }, desired: { state: 'set', value: 3 }, max: { state: 'set', value: 9 } });
    expect(g.placement).toEqual({
      region: 'europe-west1',
      zones: { state: 'set', value: ['europe-west1/europe-west1-b', 'europe-west1/europe-west1-c', 'europe-west1/europe-west1-d'] },
      zoneRedundant: { state: 'set', value: true },
    });
    expect(edgesFrom(plan, g.id, 'in-subnet')).toEqual(['google_compute_subnetwork.app via google_compute_instance_template.app']);
    expect(edgesFrom(plan, g.id, 'protected-by')).toEqual(['google_compute_network.main#firewall via google_compute_instance_template.app']);
  });

  it('zones left out: Google spreads it over zones it picks, redundant by default', () => {
    const g = entityIn(plan, 'google_compute_region_instance_group_manager.default_zones', 'host');
    expect(g.placement.zones).toEqual({ state: 'unknown' });
    expect(g.placement.zoneRedundant).toEqual({ state: 'default', value: true });
    expect(g.replicas.desired).toEqual({ state: 'set', value: 2 });
  });

  it('one distribution zone is no redundancy, however many instances', () => {
    const g = entityIn(plan, 'google_compute_region_instance_group_manager.one_zone', 'host');
    expect(g.placement.zoneRedundant).toEqual({ state: 'set', value: false });
    expect(g.placement.zones).toEqual({ state: 'set', value: ['europe-west1/europe-west1-b'] });
  });
});

describe('google_compute_instance_group_manager', () => {
  it('zonal: every instance in its zone', () => {
    const g = entityIn(plan, 'google_compute_instance_group_manager.zonal', 'host');
    expect(g.placement).toEqual({ region: 'europe-west1', zones: { state: 'set', value: ['europe-west1/europe-west1-b'] }, zoneRedundant: { state: 'set', value: false } });
    expect(g.replicas).toEqual({ min: { state: 'set', value: 4 }, desired: { state: 'set', value: 4 }, max: { state: 'set', value: 4 } });
  });

  it('an autoscaler without min_replicas: Google picks the minimum, so it is unknown', () => {
    const g = entityIn(plan, 'google_compute_instance_group_manager.scaled', 'host');
    expect(g.replicas).toEqual({ min: { state: 'unknown', assumed: 1 }, desired: { state: 'unknown', assumed: 1 }, max: { state: 'set', value: 5 } });
  });

  it('templates and autoscalers are read through the group: no entities, not unmodelled', () => {
    expect(plan.entities.has('google_compute_instance_template.app')).toBe(false);
    expect(plan.entities.has('google_compute_region_autoscaler.three_zones')).toBe(false);
    expect(Object.keys(plan.unmodelled)).toEqual([]);
  });
});
