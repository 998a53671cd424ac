import { describe, expect, it } from 'vitest';
import { byDefault, known, unknownValue } from '../model/index.js';
import { datastore, edge, model, placement } from '../../test/support/builders.js';
import { findingsOf, ruleTester } from '../../test/support/rule-tester.js';
import { singleAzDatabase } from './single-az-database.js';

const A = 'us-east-1/us-east-1a';
const B = 'us-east-1/us-east-1b';
const C = 'us-east-1/us-east-1c';

/** An RDS instance whose `multi_az` was not written: the provider's default (false) applies. */
const rdsDefault = datastore('aws_db_instance.main', { placement: placement([A], byDefault(false)), replicas: byDefault(1) });
const rdsWritten = datastore('aws_db_instance.main', { placement: placement([A], known(false)), replicas: known(1) });
const rdsUnknown = datastore('aws_db_instance.main', { placement: placement(unknownValue<readonly string[]>(), unknownValue(false)), replicas: unknownValue(1) });
const rdsMultiAz = datastore('aws_db_instance.main', { placement: placement([A], known(true)), replicas: known(2) });

const clusterKnob = { attribute: 'aws_rds_cluster_instance', value: 'a second instance in another zone (`count = 2` on the instance block, each `availability_zone` pinned or left to AWS)' };
const cluster = (zones: readonly string[], instances: number) =>
  datastore('aws_rds_cluster.main', {
    engine: 'aurora-postgresql',
    source: ['aws_rds_cluster.main', ...Array.from({ length: instances }, (_, i) => `aws_rds_cluster_instance.main[${i}]`)],
    placement: placement(zones, known(new Set(zones).size >= 2)),
    replicas: known(instances),
    redundancyKnob: clusterKnob,
    storageSpansZones: true,
  });

ruleTester(singleAzDatabase, {
  quiet: [
    { name: 'Multi-AZ RDS', model: model([rdsMultiAz]) },
    { name: 'a cluster with instances in two zones', model: model([cluster([A, B], 2)]) },
    {
      name: 'three nodes over three zones, even without the service flag',
      model: model([datastore('aws_msk_cluster.events', { category: 'stream', placement: placement([A, B, C], known(false)), replicas: known(3) })]),
    },
    { name: 'Cloud SQL REGIONAL', model: model([datastore('google_sql_database_instance.main', { cloud: 'gcp', placement: placement([], known(true), 'europe-west1') })]) },
    { name: 'a single cache node (the spof rule reports caches)', model: model([datastore('aws_elasticache_cluster.cache', { category: 'cache', engine: 'redis', replicas: known(1) })]) },
    { name: 'a single broker (the spof rule reports brokers)', model: model([datastore('aws_mq_broker.jobs', { category: 'broker', engine: 'activemq', replicas: known(1) })]) },
    { name: 'a file system in one zone (the spof rule reports it)', model: model([datastore('aws_efs_file_system.shared', { category: 'file', replicas: known(1) })]) },
    { name: 'a key-value table (regional by design)', model: model([datastore('aws_dynamodb_table.t', { category: 'key-value', placement: placement([], known(true)) })]) },
  ],
  fires: [
    {
      name: 'RDS without multi_az rests on the provider default',
      model: model([rdsDefault]),
      findings: [
        {
          resource: 'aws_db_instance.main',
          severity: 'high',
          message: ['one zone (us-east-1a)', 'a single node', 'provider default for `multi_az`'],
          notMessage: ['after apply'],
          remediation: ['Set `multi_az = true`', 'roughly doubles the instance cost'],
        },
      ],
    },
    {
      name: 'RDS with multi_az = false written says nothing of defaults',
      model: model([rdsWritten]),
      findings: [{ resource: 'aws_db_instance.main', severity: 'high', notMessage: ['default', 'after apply'] }],
    },
    {
      name: 'a verdict resting on unknowns says so and ranks lower',
      model: model([rdsUnknown]),
      findings: [{ resource: 'aws_db_instance.main', severity: 'medium', message: ['known after apply', 'not a certainty'], notMessage: ['provider default'] }],
    },
    {
      name: 'an Aurora-like cluster with one instance',
      model: model([cluster([A], 1)]),
      findings: [
        {
          resource: 'aws_rds_cluster.main',
          severity: 'high',
          // The cluster volume keeps copies in three zones: what one zone holds is the only node that serves them.
          message: ['serves from a single node in one zone (us-east-1a), and none in another zone (its storage keeps copies across zones, but no node there can serve them)', 'until a new node is created in another zone'],
          notMessage: ['keeps its data in', 'no copy in another zone'],
          remediation: ['Fix with `aws_rds_cluster_instance`: a second instance in another zone (`count = 2` on the instance block', 'so that a node in a second zone takes over when a zone fails'],
          related: ['aws_rds_cluster_instance.main[0]'],
        },
      ],
    },
    {
      name: 'a cluster whose instances all share one zone',
      model: model([cluster([A], 3)]),
      findings: [{ resource: 'aws_rds_cluster.main', severity: 'high', message: ['3 nodes', 'one zone (us-east-1a)', 'stops every node at once'] }],
    },
    {
      name: 'a single-node warehouse',
      model: model([datastore('aws_redshift_cluster.dw', { category: 'warehouse', engine: 'redshift', replicas: byDefault(1), placement: placement([], byDefault(false)), redundancyKnob: { attribute: 'number_of_nodes', value: '2 or more on an RA3 `node_type`, with `multi_az = true`' } })]),
      findings: [
        {
          resource: 'aws_redshift_cluster.dw',
          severity: 'medium',
          message: ['a single node', 'a single zone the cloud picks', 'provider default for `number_of_nodes`'],
          remediation: ['Fix with `number_of_nodes`: 2 or more on an RA3 `node_type`, with `multi_az = true` so that a copy in a second zone takes over'],
        },
      ],
    },
    {
      name: 'Cloud SQL ZONAL (Google) with its own knob',
      model: model([
        datastore('google_sql_database_instance.main', {
          cloud: 'gcp',
          placement: placement(['europe-west1/europe-west1-b'], byDefault(false), 'europe-west1'),
          redundancyKnob: { attribute: 'settings.availability_type', value: 'REGIONAL' },
        }),
      ]),
      findings: [{ resource: 'google_sql_database_instance.main', severity: 'high', message: ['one zone (europe-west1-b)'], remediation: ['Set `settings.availability_type = "REGIONAL"`'] }],
    },
    {
      name: 'zone awareness off by default: its subnets\' zones being unknown does not matter',
      model: model([datastore('aws_opensearch_domain.search', { category: 'search', replicas: known(2), placement: placement(unknownValue<readonly string[]>(), byDefault(false)) })]),
      findings: [{ resource: 'aws_opensearch_domain.search', severity: 'medium', message: ['2 nodes', 'provider default'] }],
    },
    {
      name: 'a cluster whose instances this plan does not show',
      model: model([datastore('aws_rds_cluster.main', { replicas: unknownValue(), placement: placement([A, B, C], unknownValue()), redundancyKnob: clusterKnob })]),
      findings: [{ resource: 'aws_rds_cluster.main', severity: 'medium', message: ['a number of nodes this plan does not show', 'if its nodes share one zone'], notMessage: ['no copy in another zone'] }],
    },
    {
      name: 'a single-AZ read replica of a Multi-AZ database: its reads, not the data; low',
      model: model(
        [
          datastore('aws_db_instance.primary', { replicas: known(2), placement: placement([], known(true)) }),
          datastore('aws_db_instance.replica', { replicas: byDefault(1), placement: placement([], byDefault(false)), redundancyKnob: { attribute: 'multi_az', value: 'true' } }),
        ],
        [edge('aws_db_instance.replica', 'references', 'aws_db_instance.primary')],
      ),
      findings: [
        {
          resource: 'aws_db_instance.replica',
          severity: 'low',
          message: ['is a read replica of aws_db_instance.primary', 'the data itself stays with aws_db_instance.primary, which survives a zone'],
          notMessage: ['until it is restored elsewhere'],
          remediation: ['`multi_az = true` on the replica', "fall back to aws_db_instance.primary's endpoint"],
          related: ['aws_db_instance.primary'],
        },
      ],
    },
    {
      name: 'several nodes in zones picked at random at apply (DocumentDB, Neptune): possible, not likely; low',
      model: model([datastore('aws_neptune_cluster.graph', { category: 'graph', replicas: known(2), placement: placement(unknownValue<readonly string[]>(), unknownValue()) })]),
      findings: [{ resource: 'aws_neptune_cluster.graph', severity: 'low', message: ['2 nodes whose zones are picked at apply, so they may share one zone', 'pinning each instance'], notMessage: ['likely outcome', 'a single zone the cloud picks'] }],
    },
    {
      name: 'several nodes whose spread over zones is known only after apply rank low',
      model: model([datastore('aws_docdb_cluster.docs', { category: 'document', replicas: known(2), placement: placement(byDefault<readonly string[]>([]), unknownValue()) })]),
      findings: [{ resource: 'aws_docdb_cluster.docs', severity: 'medium', message: ['known after apply'], scoreBelow: 5 }],
    },
  ],
});

describe('single-az-database wording', () => {
  it('tells a default from an unknown', () => {
    const [byDefaultFinding] = findingsOf(singleAzDatabase, model([rdsDefault]));
    const [byUnknownFinding] = findingsOf(singleAzDatabase, model([rdsUnknown]));
    expect(byDefaultFinding!.message).toContain('This rests on the provider default');
    expect(byUnknownFinding!.message).toContain('The plan does not know this for sure yet');
    expect(byUnknownFinding!.score).toBeLessThan(byDefaultFinding!.score);
  });
});
