import { describe, expect, it } from 'vitest';
import { edgesFrom, entityIn, gcpModel, gcpPlan, gcpState, references } from '../../../test/support/gcp-plan.js';

const vm = (name: string) => ({
  address: `google_compute_instance.${name}`,
  values: { name, zone: 'us-central1-a', network_interface: [{ access_config: [], network: 'default' }] },
  unknown: { id: true, self_link: true },
  expressions: { name: { constant_value: name }, network_interface: [{ network: { constant_value: 'default' } }], zone: { constant_value: 'us-central1-a' } },
});

describe('backend services', () => {
  it('an unmanaged instance group: the service targets its instances, through the group', () => {
    const m = gcpModel(
      gcpPlan([
        vm('a'),
        vm('b'),
        {
          address: 'google_compute_instance_group.web',
          values: { name: 'web', named_port: [{ name: 'http', port: 8080 }], zone: 'us-central1-a' },
          unknown: { id: true, instances: true, self_link: true },
          expressions: { instances: { references: ['google_compute_instance.a.id', 'google_compute_instance.a', 'google_compute_instance.b.id', 'google_compute_instance.b'] }, name: { constant_value: 'web' } },
        },
        {
          address: 'google_compute_backend_service.web',
          values: { backend: [{ balancing_mode: 'UTILIZATION', capacity_scaler: 1 }], load_balancing_scheme: 'EXTERNAL', name: 'web', port_name: 'http', protocol: 'HTTP' },
          unknown: { backend: [{ group: true }], id: true, self_link: true },
          expressions: { backend: [{ group: references('google_compute_instance_group.web') }], name: { constant_value: 'web' } },
        },
      ]),
    );
    expect(entityIn(m, 'google_compute_backend_service.web', 'target-pool').port).toBe(8080);
    expect(edgesFrom(m, 'google_compute_backend_service.web', 'targets')).toEqual(['google_compute_instance.a via google_compute_instance_group.web', 'google_compute_instance.b via google_compute_instance_group.web']);
    expect(m.entities.has('google_compute_instance_group.web')).toBe(false);
  });

  it('a state: the backend names the group a manager manages by its instanceGroups URL', () => {
    const m = gcpModel(
      gcpState([
        {
          address: 'google_compute_instance_group_manager.app',
          values: {
            name: 'app',
            zone: 'us-east1-b',
            target_size: 2,
            instance_group: 'https://www.googleapis.com/compute/v1/projects/p/zones/us-east1-b/instanceGroups/app',
            self_link: 'https://www.googleapis.com/compute/v1/projects/p/zones/us-east1-b/instanceGroupManagers/app',
            version: [{ instance_template: 'https://www.googleapis.com/compute/v1/projects/p/global/instanceTemplates/t' }],
          },
        },
        {
          address: 'google_compute_region_backend_service.app',
          values: { name: 'app', region: 'us-east1', load_balancing_scheme: 'INTERNAL', backend: [{ group: 'https://www.googleapis.com/compute/v1/projects/p/zones/us-east1-b/instanceGroups/app' }] },
        },
      ]),
    );
    expect(edgesFrom(m, 'google_compute_region_backend_service.app', 'targets')).toEqual(['google_compute_instance_group_manager.app via backend.group']);
    expect(entityIn(m, 'google_compute_region_backend_service.app', 'target-pool').port).toBeUndefined();
  });
});
