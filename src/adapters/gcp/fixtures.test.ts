import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { worldOpenings } from '../../graph/exposure.js';
import type { Model } from '../../model/index.js';
import { edgesFrom, entityIn, gcpModelOfFile } from '../../../test/support/gcp-plan.js';

const fixture = (name: string) => gcpModelOfFile(new URL(`../../../fixtures/gcp/${name}/plan.json`, import.meta.url).pathname);

function open(model: Model, id: string): string[] {
  const entity = model.entities.get(id);
  if (!entity) throw new Error(`no ${id}`);
  return worldOpenings(new Graph(model), entity).map((o) => `${o.protocol}:${o.ports.from}-${o.ports.to}`);
}

describe('fixture gcp/single-vm', () => {
  const m = fixture('single-vm');

  it('one VM with an external address, in one zone, open to the world on SSH and PostgreSQL', () => {
    const vm = entityIn(m, 'google_compute_instance.bad_single_vm', 'host');
    expect(vm).toMatchObject({ role: 'instance', publicIp: { state: 'set', value: true }, labels: ['app'] });
    expect(vm.replicas.max).toEqual({ state: 'set', value: 1 });
    expect(vm.placement.zones).toEqual({ state: 'set', value: ['europe-west1/europe-west1-b'] });
    expect(edgesFrom(m, vm.id, 'protected-by')).toEqual(['google_compute_network.main#firewall via network_interface.subnetwork']);
    expect(open(m, vm.id)).toEqual(['tcp:22-22', 'tcp:5432-5432']);
  });

  it('a ZONAL Cloud SQL instance with a public address its authorized networks open to the world', () => {
    const db = entityIn(m, 'google_sql_database_instance.bad_zonal_world_open', 'datastore');
    expect(db).toMatchObject({ engine: 'postgres', ports: [5432], publiclyAccessible: { state: 'set', value: true } });
    expect([db.replicas, db.placement.zoneRedundant]).toEqual([{ state: 'set', value: 1 }, { state: 'set', value: false }]);
    expect(open(m, db.id)).toEqual(['tcp:5432-5432']);
  });

  it('every resource is modelled', () => {
    expect(m.unmodelled).toEqual({});
  });
});

describe('fixture gcp/zone-redundant', () => {
  const m = fixture('zone-redundant');

  it('a regional group over three zones with 3 to 9 instances, reachable only from Google front ends', () => {
    const group = entityIn(m, 'google_compute_region_instance_group_manager.good_app', 'host');
    expect(group.placement.zones).toEqual({ state: 'set', value: ['europe-west1/europe-west1-b', 'europe-west1/europe-west1-c', 'europe-west1/europe-west1-d'] });
    expect(group.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect([group.replicas.min, group.replicas.max]).toEqual([{ state: 'set', value: 3 }, { state: 'set', value: 9 }]);
    expect(group.publicIp).toEqual({ state: 'default', value: false });
    expect(open(m, group.id)).toEqual([]);
  });

  it('behind a global external HTTPS load balancer that reaches the group', () => {
    const lb = entityIn(m, 'google_compute_global_forwarding_rule.good_https', 'load-balancer');
    expect(lb).toMatchObject({ layer: 'application', internetFacing: { state: 'set', value: true }, placement: { zoneRedundant: { state: 'set', value: true } } });
    expect(edgesFrom(m, lb.id, 'forwards-to')).toEqual(['google_compute_backend_service.good_app via google_compute_target_https_proxy.app -> google_compute_url_map.app']);
    expect(edgesFrom(m, 'google_compute_backend_service.good_app', 'targets')).toEqual(['google_compute_region_instance_group_manager.good_app via backend.group']);
    expect(entityIn(m, 'google_compute_backend_service.good_app', 'target-pool').port).toBe(8080);
  });

  it('zone-redundant data: Cloud SQL REGIONAL with no public address, Redis STANDARD_HA; regional Cloud NAT', () => {
    const db = entityIn(m, 'google_sql_database_instance.good_regional_private', 'datastore');
    expect([db.placement.zoneRedundant, db.publiclyAccessible, db.replicas]).toEqual([{ state: 'set', value: true }, { state: 'set', value: false }, { state: 'set', value: 2 }]);
    expect(open(m, db.id)).toEqual([]);
    const cache = entityIn(m, 'google_redis_instance.good_ha_cache', 'datastore');
    expect(cache.placement).toMatchObject({ zones: { state: 'set', value: ['europe-west1/europe-west1-b', 'europe-west1/europe-west1-c'] }, zoneRedundant: { state: 'set', value: true } });
    expect(entityIn(m, 'google_compute_router_nat.good_regional_nat', 'gateway').placement.zoneRedundant).toEqual({ state: 'set', value: true });
  });

  it('only helpers outside the model are left unmodelled', () => {
    expect(Object.keys(m.unmodelled).sort()).toEqual(['google_compute_health_check', 'google_compute_managed_ssl_certificate', 'google_service_account', 'google_service_networking_connection']);
  });
});

describe('fixture gcp/network-firewall-policy', () => {
  const m = fixture('network-firewall-policy');

  it('the policy rules sit in the network firewall after the VPC rules; the web VM is open on SSH only', () => {
    expect(entityIn(m, 'google_compute_instance.bad_web', 'host').labels).toEqual(['google_tags_tag_value.web']);
    expect(edgesFrom(m, 'google_compute_instance.bad_web', 'protected-by')).toEqual(['google_compute_network.main#firewall via network_interface.subnetwork']);
    expect(open(m, 'google_compute_instance.bad_web')).toEqual(['tcp:22-22']);
    expect(open(m, 'google_compute_instance.db')).toEqual([]);
  });

  it('the unattached policy is a first-match policy of its own; only the secure tags themselves are unmodelled', () => {
    expect(entityIn(m, 'google_compute_network_firewall_policy_rule.bad_unattached_world_ssh#layer4[0]', 'firewall-rule').policy).toBe('google_compute_network_firewall_policy.staging');
    expect(m.unmodelled).toEqual({ google_tags_tag_key: 1, google_tags_tag_value: 3 });
  });
});
