import { describe, expect, it } from 'vitest';
import { awsModel, awsModelOfFile, awsPlan, dataStoreIn, edgesFrom, network, references, type PlanResource } from '../../../test/support/aws-plan.js';
import { corpusFile } from '../../../test/support/plans.js';

// Trimmed from `terraform plan` (1.11, aws 5.100) of the same configuration.
const inVpc: PlanResource = {
  address: 'aws_opensearch_domain.vpc',
  values: {
    domain_name: 'vpc',
    engine_version: 'OpenSearch_2.11',
    cluster_config: [{ dedicated_master_enabled: false, instance_count: 2, instance_type: 'r6g.large.search', multi_az_with_standby_enabled: null, zone_awareness_config: [{ availability_zone_count: 2 }], zone_awareness_enabled: true }],
    vpc_options: [{}],
  },
  unknown: {
    cluster_config: [{ cold_storage_options: true, node_options: true, zone_awareness_config: [{}] }],
    vpc_options: [{ availability_zones: true, security_group_ids: true, subnet_ids: true, vpc_id: true }],
  },
  expressions: {
    cluster_config: [{ instance_count: { constant_value: 2 }, zone_awareness_enabled: { constant_value: true } }],
    engine_version: { constant_value: 'OpenSearch_2.11' },
    vpc_options: [{ security_group_ids: references('aws_security_group.data'), subnet_ids: references('aws_subnet.a', 'aws_subnet.b') }],
  },
};
const bare: PlanResource = {
  address: 'aws_opensearch_domain.public',
  values: { domain_name: 'public', vpc_options: [] },
  unknown: { cluster_config: true, engine_version: true },
  expressions: { domain_name: { constant_value: 'public' } },
};
const legacy: PlanResource = {
  address: 'aws_elasticsearch_domain.legacy',
  values: {
    domain_name: 'legacy',
    elasticsearch_version: '7.10',
    cluster_config: [{ dedicated_master_enabled: false, instance_count: 1, instance_type: 'r5.large.elasticsearch', zone_awareness_config: [], zone_awareness_enabled: null }],
    vpc_options: [],
  },
  unknown: { cluster_config: [{ cold_storage_options: true, zone_awareness_config: [] }] },
  expressions: { cluster_config: [{ instance_type: { constant_value: 'r5.large.elasticsearch' } }], elasticsearch_version: { constant_value: '7.10' } },
};

const plan = awsModel(awsPlan([...network, inVpc, bare, legacy]));

describe('aws_opensearch_domain, aws_elasticsearch_domain', () => {
  it('in a VPC with zone awareness over two subnets', () => {
    const search = dataStoreIn(plan, 'aws_opensearch_domain.vpc');
    expect(search).toMatchObject({ category: 'search', engine: 'opensearch', ports: [443] });
    expect(search.replicas).toEqual({ state: 'set', value: 2 });
    expect(search.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(search.placement.zones).toEqual({ state: 'set', value: ['us-east-1/us-east-1a', 'us-east-1/us-east-1b'] });
    expect(search.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(edgesFrom(plan, search.id, 'in-subnet')).toEqual(['aws_subnet.a via vpc_options.subnet_ids', 'aws_subnet.b via vpc_options.subnet_ids']);
    expect(edgesFrom(plan, search.id, 'protected-by')).toEqual(['aws_security_group.data via vpc_options.security_group_ids']);
  });

  it('nothing written: one node, one zone, a public endpoint, all by default', () => {
    const search = dataStoreIn(plan, 'aws_opensearch_domain.public');
    expect(search.replicas).toEqual({ state: 'default', value: 1 });
    expect(search.placement.zoneRedundant).toEqual({ state: 'default', value: false });
    expect(search.publiclyAccessible).toEqual({ state: 'default', value: true });
    expect(search.redundancyKnob).toEqual({
      attribute: 'cluster_config.zone_awareness_enabled',
      value: '`true`, with `cluster_config.instance_count` 2 or more (even for 2 zones, a multiple of 3 with `zone_awareness_config.availability_zone_count = 3`) and indices that keep at least one replica shard,',
    });
  });

  it('the zone awareness knob fits the data nodes the plan has: an even count for 2 zones, a multiple of 3 for 3', () => {
    const domain = (name: string, count: number, vpc: boolean): PlanResource => ({
      address: `aws_opensearch_domain.${name}`,
      values: { domain_name: name, cluster_config: [{ instance_count: count, zone_awareness_enabled: false }], vpc_options: vpc ? [{ subnet_ids: ['subnet-1'] }] : [] },
    });
    const m = awsModel(awsPlan([domain('two', 2, true), domain('three', 3, false), domain('five', 5, false)]));
    const knob = (name: string) => dataStoreIn(m, `aws_opensearch_domain.${name}`).redundancyKnob?.value;
    expect(knob('two')).toBe('`true`, with one subnet per zone in `vpc_options.subnet_ids` and indices that keep at least one replica shard,');
    expect(knob('three')).toBe(
      '`true`, with `zone_awareness_config.availability_zone_count = 3` (3 data nodes split evenly over 3 zones, not 2) and indices that keep at least one replica shard,',
    );
    expect(knob('five')).toBe('`true`, with `cluster_config.instance_count` even (5 data nodes do not split evenly over 2 zones) and indices that keep at least one replica shard,');
  });

  it('Elasticsearch with cluster_config but no zone awareness', () => {
    const search = dataStoreIn(plan, 'aws_elasticsearch_domain.legacy');
    expect(search.engine).toBe('elasticsearch');
    expect(search.replicas).toEqual({ state: 'set', value: 1 });
    expect(search.placement.zoneRedundant).toEqual({ state: 'default', value: false });
  });

  it('checkov (0.12): an Elasticsearch domain outside a VPC', () => {
    const search = dataStoreIn(awsModelOfFile(corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json')), 'aws_elasticsearch_domain.monitoring-framework');
    expect([search.replicas, search.publiclyAccessible]).toEqual([{ state: 'set', value: 1 }, { state: 'default', value: true }]);
  });
});
