import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup, withAttribute } from './data-links.js';
import { boolAttr, dataStore, mapValue, pinnedZone, onlyPortsOf, portsOf } from './datastore.js';

const DB_INSTANCE = ['aws_db_instance'];

/**
 * `aws_db_instance`: one RDS database. `multi_az` (default false) keeps a synchronous standby in a second zone;
 * without it the database lives in one zone. A read replica (`replicate_source_db`) is a store of its own that
 * references its source: it is not a standby, so it adds no replica to the source.
 */
export const dbInstance: Mapper = {
  types: DB_INSTANCE,
  map(instance, ctx) {
    const sources = replicaSources(ctx, instance);
    // A replica's engine is computed from its source, so a plan knows it only there.
    const engine = str(instance.values, 'engine') || sources.map((s) => str(s.values, 'engine')).find(Boolean);
    const multiAz = boolAttr(instance, 'multi_az', false);
    ctx.add(
      dataStore(instance, {
        category: 'relational',
        engine,
        ports: portsOf(instance, engine),
        onlyPorts: onlyPortsOf(instance, engine),
        replicas: mapValue(multiAz, (on) => (on ? 2 : 1)),
        placement: placementOfZones(pinnedZone(instance), multiAz),
        publiclyAccessible: boolAttr(instance, 'publicly_accessible', false),
        redundancyKnob: { attribute: 'multi_az', value: 'true' },
      }),
    );
    linkSubnetGroup(ctx, instance.address, instance, 'db_subnet_group_name', ['aws_db_subnet_group']);
    linkSecurityGroups(ctx, instance.address, instance, 'vpc_security_group_ids');
    for (const source of sources) ctx.link(instance.address, source.address, 'references', 'replicate_source_db');
  },
};

/** The database a read replica copies: by reference, by ARN, or by the source's `identifier` (state: `""` = none). */
function replicaSources(ctx: MapperContext, instance: ResourceInstance): ResourceInstance[] {
  const found = new Map<string, ResourceInstance>();
  for (const address of ctx.refs(instance, 'replicate_source_db', { types: DB_INSTANCE })) {
    const source = ctx.instance(address);
    if (source) found.set(address, source);
  }
  const named = str(instance.values, 'replicate_source_db');
  if (named) for (const source of withAttribute(ctx, DB_INSTANCE, 'identifier', named)) found.set(source.address, source);
  found.delete(instance.address);
  return [...found.values()];
}
