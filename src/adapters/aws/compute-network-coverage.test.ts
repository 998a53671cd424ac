import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusFile, modelOfFile } from '../../../test/support/plans.js';
import { modelledTypes } from '../index.js';

/** The AWS networking and compute types weaklink reads (entities, or consumed by the mapper of another type). */
const TYPES = [
  'aws_vpc', 'aws_default_vpc', 'aws_subnet', 'aws_default_subnet',
  'aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_internet_gateway_attachment', 'aws_nat_gateway',
  'aws_route_table', 'aws_default_route_table', 'aws_route', 'aws_route_table_association', 'aws_main_route_table_association',
  'aws_vpn_gateway_route_propagation',
  'aws_network_acl', 'aws_default_network_acl', 'aws_network_acl_rule', 'aws_network_acl_association',
  'aws_instance', 'aws_network_interface', 'aws_network_interface_sg_attachment', 'aws_network_interface_attachment',
  'aws_launch_template', 'aws_launch_configuration', 'aws_autoscaling_group', 'aws_autoscaling_attachment', 'aws_autoscaling_traffic_source_attachment',
  'aws_lb', 'aws_alb', 'aws_elb', 'aws_elb_attachment',
  'aws_lb_target_group', 'aws_alb_target_group', 'aws_lb_target_group_attachment', 'aws_alb_target_group_attachment',
  'aws_lb_listener', 'aws_alb_listener', 'aws_lb_listener_rule', 'aws_alb_listener_rule',
  'aws_eip', 'aws_eip_association', 'aws_ecs_service', 'aws_eks_cluster', 'aws_eks_node_group',
  'aws_vpn_gateway', 'aws_vpn_gateway_attachment', 'aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_vpc_attachment',
  'aws_vpn_connection', 'aws_customer_gateway',
];

interface IndexEntry {
  readonly file: string;
  readonly resource_types?: Readonly<Record<string, number>>;
}

const index = JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as IndexEntry[];
const withTypes = index
  .map((e) => ({ file: e.file.replace(/^plans\//, ''), types: Object.keys(e.resource_types ?? {}).filter((t) => TYPES.includes(t)) }))
  .filter((e) => e.types.length > 0);

describe('AWS networking and compute types', () => {
  it('every one has a mapper', () => {
    const modelled = modelledTypes();
    expect(TYPES.filter((t) => !modelled.has(t))).toEqual([]);
  });

  it('the corpus holds most of them (so the check below has something to check)', () => {
    const found = new Set(withTypes.flatMap((e) => e.types));
    expect(found.size).toBeGreaterThanOrEqual(25);
    for (const t of ['aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_route_table', 'aws_instance', 'aws_autoscaling_group', 'aws_elb', 'aws_lb_listener', 'aws_vpn_connection']) {
      expect(found, t).toContain(t);
    }
  });

  it.each(withTypes.map((e) => [e.file, e.types] as const))('%s: none of them is left unmodelled, before or after', (file, types) => {
    for (const side of ['before', 'after'] as const) {
      const model = modelOfFile(corpusFile(file), side);
      expect(Object.keys(model.unmodelled).filter((t) => TYPES.includes(t)), `${side}: ${types.join(', ')}`).toEqual([]);
    }
  });
});
