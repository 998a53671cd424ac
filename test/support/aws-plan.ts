/**
 * Small AWS plans and states in the exact format `terraform show -json` writes (checked against Terraform 1.11 with
 * hashicorp/aws 5.100): each resource instance appears in `planned_values`, in `resource_changes` (with
 * `after_unknown` and `after_sensitive`) and, once per block, in `configuration` with its expressions. Values in
 * the tests are trimmed from real plans of the same configurations.
 */
import { readFileSync } from 'node:fs';
import { MAPPERS } from '../../src/adapters/index.js';
import type { Mapper } from '../../src/adapters/mapper.js';
import { buildModel } from '../../src/adapters/run.js';
import { byDefault, known, type DataStore, type EdgeKind, type Model } from '../../src/model/index.js';
import { loadDocument, readDocument } from '../../src/terraform/index.js';
import { planWriter, type WrittenResource } from './plan-writer.js';

type Json = Record<string, unknown>;

export type PlanResource = WrittenResource;

const writer = planWriter({ key: 'aws', fullName: 'registry.terraform.io/hashicorp/aws', terraformVersion: '1.11.4', providerConfig: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } });

/** A plan that creates `resources`; `moduleCalls` gives each child module call's expressions. */
export const awsPlan = writer.plan;

/** What `terraform show -json` prints for a state holding `resources` (everything known, no configuration). */
export const awsState = writer.state;

/** Stands in for the networking mappers while they are not there, so 'in-subnet' edges have a target. */
const subnetStandIn: Mapper = {
  types: ['aws_subnet'],
  map(instance, ctx) {
    const az = typeof instance.values.availability_zone === 'string' ? instance.values.availability_zone : undefined;
    ctx.add({
      id: instance.address,
      cloud: 'aws',
      source: [instance.address],
      declaredBy: instance.configAddress,
      tags: {},
      kind: 'subnet',
      cidrs: [],
      placement: { region: undefined, zones: known(az ? [az] : []), zoneRedundant: known(false) },
      assignsPublicIp: byDefault(false),
    });
  },
};

const mappers: readonly Mapper[] = MAPPERS.some((m) => m.types.includes('aws_subnet')) ? MAPPERS : [...MAPPERS, subnetStandIn];

/** The model of one side of a plan or state, with every mapper (and subnets, whoever maps them). */
export function awsModel(json: Json, side: 'after' | 'before' = 'after'): Model {
  return buildModel(loadDocument('test.json', json)[side], mappers);
}

/** The data store with this id, or a failed expectation. */
export function dataStoreIn(model: Model, id: string): DataStore {
  const entity = model.entities.get(id);
  if (entity?.kind !== 'datastore') throw new Error(`no data store ${id} among ${[...model.entities.keys()].join(', ')}`);
  return entity;
}

/** `to via` of the edges of one kind leaving `from`, sorted. */
export function edgesFrom(model: Model, from: string, kind: EdgeKind): string[] {
  return model.edges.filter((e) => e.from === from && e.kind === kind).map((e) => `${e.to} via ${e.via}`).sort();
}

const ref = (...addresses: string[]) => ({ references: addresses.flatMap((a) => [`${a}.id`, a]) });

/** Two subnets in two zones and a security group, before apply (ids unknown), as in the real plans. */
export const network: readonly PlanResource[] = [
  {
    address: 'aws_subnet.a',
    values: { availability_zone: 'us-east-1a', cidr_block: '10.0.1.0/24' },
    unknown: { id: true, vpc_id: true },
    expressions: { availability_zone: { constant_value: 'us-east-1a' }, cidr_block: { constant_value: '10.0.1.0/24' }, vpc_id: ref('aws_vpc.main') },
  },
  {
    address: 'aws_subnet.b',
    values: { availability_zone: 'us-east-1b', cidr_block: '10.0.2.0/24' },
    unknown: { id: true, vpc_id: true },
    expressions: { availability_zone: { constant_value: 'us-east-1b' }, cidr_block: { constant_value: '10.0.2.0/24' }, vpc_id: ref('aws_vpc.main') },
  },
  {
    address: 'aws_security_group.data',
    values: { name: 'data' },
    unknown: { id: true, vpc_id: true },
    expressions: { name: { constant_value: 'data' }, vpc_id: ref('aws_vpc.main') },
  },
];

/** A subnet group over `aws_subnet.a` and `aws_subnet.b`, before apply. */
export function subnetGroup(address: string, name: string): PlanResource {
  return {
    address,
    values: { name },
    unknown: { id: true, subnet_ids: true },
    expressions: { name: { constant_value: name }, subnet_ids: ref('aws_subnet.a', 'aws_subnet.b') },
  };
}

/** Configuration references to resources' ids, as Terraform records them (`aws_subnet.a.id`, `aws_subnet.a`). */
export { ref as references };

/** The model of a corpus or fixture file, read in place, with the same mappers as `awsModel`. */
export function awsModelOfFile(path: string, side: 'after' | 'before' = 'after'): Model {
  return buildModel(readDocument(path, readFileSync(path))[side], mappers);
}
