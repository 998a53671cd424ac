/**
 * A small VPC in the exact plan format, for the AWS networking and compute mapper tests, trimmed from
 * `terraform plan` (1.11, hashicorp/aws 5.100) of: a VPC, a public subnet in us-east-1a that hands out public
 * addresses, two private subnets (`count = 2`) in us-east-1a and us-east-1b, and an internet gateway; before apply,
 * so every id is unknown and the links exist only as configuration references.
 */
import type { EdgeKind, Entity, EntityKind, EntityOf, Model } from '../../src/model/index.js';
import type { PlanResource } from './aws-plan.js';

const vpcRef = { references: ['aws_vpc.main.id', 'aws_vpc.main'] };

export const vpcPlan: readonly PlanResource[] = [
  { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' }, unknown: { arn: true, id: true, default_network_acl_id: true, main_route_table_id: true }, expressions: { cidr_block: { constant_value: '10.0.0.0/16' } } },
  {
    address: 'aws_subnet.public',
    values: { availability_zone: 'us-east-1a', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: true },
    unknown: { id: true, vpc_id: true },
    expressions: { availability_zone: { constant_value: 'us-east-1a' }, cidr_block: { constant_value: '10.0.0.0/24' }, map_public_ip_on_launch: { constant_value: true }, vpc_id: vpcRef },
  },
  {
    address: 'aws_subnet.private[0]',
    values: { availability_zone: 'us-east-1a', cidr_block: '10.0.10.0/24', map_public_ip_on_launch: false },
    unknown: { id: true, vpc_id: true },
    expressions: { availability_zone: { references: ['count.index'] }, cidr_block: { references: ['count.index'] }, vpc_id: vpcRef },
  },
  { address: 'aws_subnet.private[1]', values: { availability_zone: 'us-east-1b', cidr_block: '10.0.11.0/24', map_public_ip_on_launch: false }, unknown: { id: true, vpc_id: true } },
  { address: 'aws_internet_gateway.main', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: vpcRef } },
];

/** The entity with this id and kind, or a failed expectation naming what is there. */
export function entityIn<K extends EntityKind>(model: Model, id: string, kind: K): EntityOf<K> {
  const entity: Entity | undefined = model.entities.get(id);
  if (entity?.kind !== kind) throw new Error(`no ${kind} ${id} among ${[...model.entities.keys()].join(', ')}`);
  return entity as EntityOf<K>;
}

/** `to via [detail]` of the edges of one kind leaving `from`, sorted. */
export function edgesOut(model: Model, from: string, kind: EdgeKind): string[] {
  return model.edges
    .filter((e) => e.from === from && e.kind === kind)
    .map((e) => `${e.to} via ${e.via}${e.detail === undefined ? '' : ` ${e.detail}`}`)
    .sort();
}

/** `from via [detail]` of the edges of one kind arriving at `to`, sorted. */
export function edgesIn(model: Model, to: string, kind: EdgeKind): string[] {
  return model.edges
    .filter((e) => e.to === to && e.kind === kind)
    .map((e) => `${e.from} via ${e.via}${e.detail === undefined ? '' : ` ${e.detail}`}`)
    .sort();
}

/** A configuration reference to resources' ids, as Terraform records it (`aws_x.y.id`, `aws_x.y`). */
export const ref = (...addresses: string[]) => ({ references: addresses.flatMap((a) => [`${a}.id`, a]) });
