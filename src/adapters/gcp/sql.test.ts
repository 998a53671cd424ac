import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { worldOpenings } from '../../graph/exposure.js';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModel, gcpModelOfFile, gcpPlan, type GcpResource } from '../../../test/support/gcp-plan.js';

type Json = Record<string, unknown>;

/** A Cloud SQL instance as google 5.x plans it, with the `settings` the case writes. */
function sql(name: string, version: string, settings: Json, settingsExpressions: Json): GcpResource {
  return {
    address: `google_sql_database_instance.${name}`,
    values: { database_version: version, name, region: 'europe-west1', root_password: null, settings: [{ activation_policy: 'ALWAYS', tier: 'db-f1-micro', ...settings }] },
    unknown: { connection_name: true, id: true, private_ip_address: true, public_ip_address: true, self_link: true, settings: [{ disk_size: true, location_preference: !('location_preference' in settings), version: true }] },
    sensitive: { root_password: true },
    expressions: { database_version: { constant_value: version }, name: { constant_value: name }, region: { constant_value: 'europe-west1' }, settings: [{ tier: { constant_value: 'db-f1-micro' }, ...settingsExpressions }] },
  };
}

const open = { ip_configuration: [{ authorized_networks: [{ expiration_time: null, name: 'anywhere', value: '0.0.0.0/0' }, { expiration_time: null, name: 'office', value: '203.0.113.0/24' }], ipv4_enabled: true, private_network: null }] };
const openExpr = { ip_configuration: [{ authorized_networks: [{ name: { constant_value: 'anywhere' }, value: { constant_value: '0.0.0.0/0' } }, { name: { constant_value: 'office' }, value: { constant_value: '203.0.113.0/24' } }] }] };

const m = gcpModel(
  gcpPlan([
    sql('bad_world', 'MYSQL_8_0', { availability_type: 'ZONAL', ...open, location_preference: [{ zone: 'europe-west1-b', secondary_zone: null }] }, { ...openExpr, location_preference: [{ zone: { constant_value: 'europe-west1-b' } }] }),
    sql('good_private', 'POSTGRES_16', { availability_type: 'REGIONAL', ip_configuration: [{ authorized_networks: [], ipv4_enabled: false }] }, { availability_type: { constant_value: 'REGIONAL' }, ip_configuration: [{ ipv4_enabled: { constant_value: false } }] }),
  ]),
);

describe('google_sql_database_instance', () => {
  it('ZONAL: one instance in its zone, with the knob that makes it regional', () => {
    const db = entityIn(m, 'google_sql_database_instance.bad_world', 'datastore');
    expect(db).toMatchObject({ category: 'relational', engine: 'mysql', ports: [3306], redundancyKnob: { attribute: 'availability_type', value: '"REGIONAL"' } });
    expect(db.replicas).toEqual({ state: 'set', value: 1 });
    expect(db.placement).toEqual({ region: 'europe-west1', zones: { state: 'set', value: ['europe-west1/europe-west1-b'] }, zoneRedundant: { state: 'set', value: false } });
  });

  it('authorized networks are an allow-union policy on the engine port; 0.0.0.0/0 opens the database to the world', () => {
    const db = entityIn(m, 'google_sql_database_instance.bad_world', 'datastore');
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: true });
    expect(edgesFrom(m, db.id, 'protected-by')).toEqual(['google_sql_database_instance.bad_world#authorized-networks via settings.ip_configuration.authorized_networks']);
    expect(entityIn(m, `${db.id}#authorized-networks`, 'firewall-policy').evaluation).toBe('allow-union');
    expect(entityIn(m, `${db.id}#authorized-networks[1]`, 'firewall-rule').peers).toEqual([{ kind: 'cidr', cidr: '203.0.113.0/24' }]);
    expect(worldOpenings(new Graph(m), db).map((o) => [o.protocol, o.ports.from, o.ports.to])).toEqual([['tcp', 3306, 3306]]);
  });

  it('REGIONAL with no public IP: a standby in another zone, nothing open', () => {
    const db = entityIn(m, 'google_sql_database_instance.good_private', 'datastore');
    expect([db.engine, db.ports]).toEqual(['postgres', [5432]]);
    expect(db.replicas).toEqual({ state: 'set', value: 2 });
    expect(db.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(db.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(edgesFrom(m, db.id, 'protected-by')).toEqual([]);
    expect(worldOpenings(new Graph(m), db)).toEqual([]);
  });
});

describe('google_sql_database_instance in real plans', () => {
  it('terraform-validator (0.13): nothing written but the tier is ZONAL with a public IP by default', () => {
    const mm = gcpModelOfFile(corpusFile('terraform-validator/gcp-cloudsql-instance-tf0.13.6.json'));
    const db = entityIn(mm, 'google_sql_database_instance.main', 'datastore');
    expect(db.replicas).toEqual({ state: 'set', value: 1 });
    expect(db.placement).toEqual({ region: 'us-central1', zones: { state: 'default', value: [] }, zoneRedundant: { state: 'set', value: false } });
    expect(db.publiclyAccessible).toEqual({ state: 'default', value: true });
    expect(worldOpenings(new Graph(mm), db)).toEqual([]);
  });

  it('alextzk: REGIONAL from a module variable, private IP only, in its network', () => {
    const mm = gcpModelOfFile(corpusFile('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json'));
    const db = entityIn(mm, 'module.sql.google_sql_database_instance.postgresql', 'datastore');
    expect([db.replicas, db.placement.zoneRedundant, db.publiclyAccessible]).toEqual([{ state: 'set', value: 2 }, { state: 'set', value: true }, { state: 'set', value: false }]);
    expect(edgesFrom(mm, db.id, 'in-network')).toEqual(['module.network.google_compute_network.network via settings.ip_configuration.private_network']);
  });

  it('terraform-validator (0.12): REGIONAL over its two preferred zones; no secret leaves the adapter', () => {
    const mm = gcpModelOfFile(corpusFile('terraform-validator/gcp-cloudsql-private-ip-tf0.12.10.json'));
    const db = entityIn(mm, 'google_sql_database_instance.main', 'datastore');
    expect(db.placement.zones).toEqual({ state: 'set', value: ['us-central1/us-central1-a', 'us-central1/us-central1-b'] });
    expect(JSON.stringify([...mm.entities.values()])).not.toContain('test-password');
  });
});
