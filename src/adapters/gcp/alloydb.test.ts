import { describe, expect, it } from 'vitest';
import { check } from '../../analyze.js';
import { edgesFrom, entityIn, gcpModel, gcpPlan, gcpState, references, vpcNetwork, constant, type GcpResource } from '../../../test/support/gcp-plan.js';

const c = constant;
const network = vpcNetwork;

const cluster: GcpResource = {
  address: 'google_alloydb_cluster.main',
  values: { cluster_id: 'orders', cluster_type: 'PRIMARY', deletion_policy: 'DEFAULT', location: 'europe-west1', network_config: [{ allocated_ip_range: null }], project: 'acme-prod' },
  unknown: { id: true, name: true, network_config: [{ network: true }], uid: true },
  expressions: { cluster_id: c('orders'), location: c('europe-west1'), network_config: [{ network: references('google_compute_network.vpc') }] },
};

/** An AlloyDB instance of the cluster, as google 6.x plans it. */
function instance(name: string, over: { type?: string; availability?: string; zone?: string; publicRanges?: string[] } = {}): GcpResource {
  const type = over.type ?? 'PRIMARY';
  return {
    address: `google_alloydb_instance.${name}`,
    values: {
      instance_id: name,
      instance_type: type,
      machine_config: [{ cpu_count: 2 }],
      ...(over.availability ? { availability_type: over.availability } : {}),
      ...(over.zone ? { gce_zone: over.zone } : {}),
      ...(over.publicRanges ? { network_config: [{ enable_public_ip: true, authorized_external_networks: over.publicRanges.map((r) => ({ cidr_range: r })) }] } : {}),
      ...(type === 'READ_POOL' ? { read_pool_config: [{ node_count: 1 }] } : {}),
    },
    unknown: { cluster: true, create_time: true, id: true, ip_address: true, name: true, public_ip_address: true, state: true, uid: true, ...(over.availability ? {} : { availability_type: true }) },
    expressions: {
      cluster: references('google_alloydb_cluster.main', 'name'),
      instance_id: c(name),
      instance_type: c(type),
      machine_config: [{ cpu_count: c(2) }],
      ...(over.availability ? { availability_type: c(over.availability) } : {}),
      ...(over.zone ? { gce_zone: c(over.zone) } : {}),
      ...(over.publicRanges ? { network_config: [{ enable_public_ip: c(true), authorized_external_networks: over.publicRanges.map((r) => ({ cidr_range: c(r) })) }] } : {}),
    },
  };
}

const model = (resources: readonly GcpResource[]) => gcpModel(gcpPlan([network, cluster, ...resources]));
const findings = (resources: readonly GcpResource[], rule: string) => check(model(resources), 'plan.json').filter((f) => f.rule === rule);

describe('google_alloydb_instance', () => {
  it('a PRIMARY left at its default (REGIONAL, computed at plan time): two nodes over zones Google picks, in the cluster\'s network', () => {
    const m = model([instance('primary')]);
    const db = entityIn(m, 'google_alloydb_instance.primary', 'datastore');
    expect(db).toMatchObject({ category: 'relational', engine: 'postgres', ports: [5432], publiclyAccessible: { state: 'default', value: false } });
    expect(db.placement.region).toBe('europe-west1');
    expect(edgesFrom(m, db.id, 'in-network')).toEqual(['google_compute_network.vpc via google_alloydb_cluster.main']);
    expect(m.unmodelled).toEqual({});
    expect(findings([instance('primary')], 'single-az-database')).toEqual([]);
  });

  it('must fire: a ZONAL (basic) primary is one node in one zone, pinned by gce_zone or picked by Google', () => {
    const pinned = findings([instance('primary', { availability: 'ZONAL', zone: 'europe-west1-b' })], 'single-az-database');
    expect(pinned.map((f) => f.severity)).toEqual(['high']);
    expect(pinned[0]!.message).toContain('google_alloydb_instance.primary keeps its data in');
    expect(pinned[0]!.remediation).toContain('availability_type');
    expect(findings([instance('primary', { availability: 'ZONAL' })], 'single-az-database')).toHaveLength(1);
  });

  it('stays quiet on read pools and secondaries (replicas); REGIONAL written is regional', () => {
    const m = model([instance('primary', { availability: 'REGIONAL' }), instance('reads', { type: 'READ_POOL', availability: 'ZONAL' })]);
    expect(m.entities.has('google_alloydb_instance.reads')).toBe(false);
    expect(findings([instance('primary', { availability: 'REGIONAL' }), instance('reads', { type: 'READ_POOL', availability: 'ZONAL' })], 'single-az-database')).toEqual([]);
  });

  it('a public address admits the authorized external networks only: the world among them is open ingress', () => {
    const m = model([instance('primary', { publicRanges: ['0.0.0.0/0'] })]);
    expect(entityIn(m, 'google_alloydb_instance.primary', 'datastore').publiclyAccessible).toEqual({ state: 'set', value: true });
    // The data itself answers the internet: data-reachable's finding, which explains open-ingress's on it.
    const open = findings([instance('primary', { publicRanges: ['0.0.0.0/0'] })], 'data-reachable');
    expect(open.map((f) => [f.resources[0], f.severity])).toEqual([['google_alloydb_instance.primary', 'critical']]);
    expect(open[0]!.message).toContain('admits the internet on 5432');
    const office = [instance('primary', { publicRanges: ['203.0.113.0/24'] })];
    expect([...findings(office, 'data-reachable'), ...findings(office, 'open-ingress')]).toEqual([]);
  });

  it('a state: the cluster by name, a zonal primary in its zone', () => {
    const m = gcpModel(
      gcpState([
        { address: 'google_alloydb_cluster.main', values: { id: 'projects/acme-prod/locations/europe-west1/clusters/orders', name: 'projects/acme-prod/locations/europe-west1/clusters/orders', location: 'europe-west1' } },
        { address: 'google_alloydb_instance.primary', values: { id: 'projects/acme-prod/locations/europe-west1/clusters/orders/instances/primary', cluster: 'projects/acme-prod/locations/europe-west1/clusters/orders', instance_type: 'PRIMARY', availability_type: 'ZONAL', gce_zone: 'europe-west1-c' } },
      ]),
    );
    expect(entityIn(m, 'google_alloydb_instance.primary', 'datastore').placement).toEqual({ region: 'europe-west1', zones: { state: 'set', value: ['europe-west1/europe-west1-c'] }, zoneRedundant: { state: 'set', value: false } });
  });
});
