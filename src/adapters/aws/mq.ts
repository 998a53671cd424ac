import type { Mapper } from '../mapper.js';
import { str } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnets, refersAt, zonesOfSubnets } from './data-links.js';
import { boolAttr, dataStore, mapValue, stringAttr } from './datastore.js';

/** Amazon MQ's client and console ports (TLS only) per engine. */
const ACTIVEMQ_PORTS = [5671, 8162, 8883, 61614, 61617, 61619];
const RABBITMQ_PORTS = [443, 5671];

/**
 * `aws_mq_broker`: `deployment_mode` SINGLE_INSTANCE (the default, one broker in one zone),
 * ACTIVE_STANDBY_MULTI_AZ (ActiveMQ: two brokers in two zones) or CLUSTER_MULTI_AZ (RabbitMQ: three nodes in
 * three zones). The zones are those of `subnet_ids`.
 */
export const mqBroker: Mapper = {
  types: ['aws_mq_broker'],
  map(instance, ctx) {
    const rabbit = (str(instance.values, 'engine_type') ?? '').toLowerCase() === 'rabbitmq';
    const mode = stringAttr(instance, 'deployment_mode', 'SINGLE_INSTANCE');
    const subnets = linkSubnets(ctx, instance.address, instance, 'subnet_ids');
    ctx.add(
      dataStore(instance, {
        category: 'broker',
        engine: rabbit ? 'rabbitmq' : 'activemq',
        ports: rabbit ? RABBITMQ_PORTS : ACTIVEMQ_PORTS,
        replicas: mapValue(mode, (m) => (m === 'CLUSTER_MULTI_AZ' ? 3 : m === 'ACTIVE_STANDBY_MULTI_AZ' ? 2 : 1)),
        placement: placementOfZones(zonesOfSubnets(ctx, subnets, refersAt(instance, 'subnet_ids')), mapValue(mode, (m) => m !== 'SINGLE_INSTANCE')),
        publiclyAccessible: boolAttr(instance, 'publicly_accessible', false),
        redundancyKnob: { attribute: 'deployment_mode', value: rabbit ? 'CLUSTER_MULTI_AZ' : 'ACTIVE_STANDBY_MULTI_AZ' },
      }),
    );
    linkSecurityGroups(ctx, instance.address, instance, 'security_groups');
  },
};
