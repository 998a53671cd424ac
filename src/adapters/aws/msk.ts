import { byDefault, known, unknownValue, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { block, readNumber, str, strings } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnets, zonesOfSubnets } from './data-links.js';
import { dataStore } from './datastore.js';

/** Kafka's client ports on MSK: plaintext, TLS, SASL/SCRAM, IAM. */
const KAFKA_PORTS = [9092, 9094, 9096, 9098];

/**
 * `aws_msk_cluster`: `number_of_broker_nodes` brokers spread evenly over `broker_node_group_info.client_subnets`,
 * which MSK requires to lie in distinct zones: two subnets or more make it zone-redundant.
 */
export const mskCluster: Mapper = {
  types: ['aws_msk_cluster'],
  map(instance, ctx) {
    const info = block(instance.values, 'broker_node_group_info');
    const subnets = linkSubnets(ctx, instance.address, instance, 'broker_node_group_info.client_subnets');
    linkSecurityGroups(ctx, instance.address, instance, 'broker_node_group_info.security_groups');
    const subnetCount = Math.max(subnets.length, strings(info, 'client_subnets').length);
    const zoneRedundant: Value<boolean> = subnetCount > 0 ? known(subnetCount >= 2) : unknownValue();
    ctx.add(
      dataStore(instance, {
        category: 'stream',
        engine: 'kafka',
        ports: KAFKA_PORTS,
        replicas: readNumber(instance, 'number_of_broker_nodes', 1),
        placement: placementOfZones(zonesOfSubnets(ctx, subnets, true), zoneRedundant),
        publiclyAccessible: publicAccess(instance),
        redundancyKnob: { attribute: 'broker_node_group_info.client_subnets', value: 'subnets in three availability zones' },
      }),
    );
  },
};

/** `connectivity_info.public_access.type`: `SERVICE_PROVIDED_EIPS` gives brokers public addresses; default DISABLED. */
function publicAccess(instance: ResourceInstance): Value<boolean> {
  const access = block(block(block(instance.values, 'broker_node_group_info'), 'connectivity_info'), 'public_access');
  const type = str(access, 'type');
  return type ? known(type !== 'DISABLED') : byDefault(false);
}
