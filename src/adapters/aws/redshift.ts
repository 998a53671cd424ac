import { known, valueOf } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup } from './data-links.js';
import { boolAttr, dataStore, numberAttr, pinnedZone, onlyPortsOf, portsOf } from './datastore.js';

/**
 * `aws_redshift_cluster`: a warehouse of `number_of_nodes` nodes (default 1; `cluster_type = "single-node"` is
 * one). All its nodes share one zone; only `multi_az` (default false) runs a second set of nodes in another zone,
 * and AWS offers it on multi-node RA3 clusters only. A single node cannot be Multi-AZ, so when the configuration
 * writes one node, that written value (not `multi_az`'s default) is what keeps the cluster in one zone.
 */
const SINGLE_NODE_KNOB = {
  attribute: 'number_of_nodes',
  value: '2 or more on an RA3 `node_type`, with `multi_az = true` (every node of a cluster sits in one zone; Multi-AZ, for multi-node RA3 clusters only, runs as many again in a second zone)',
};

export const redshiftCluster: Mapper = {
  types: ['aws_redshift_cluster'],
  map(instance, ctx) {
    const replicas = str(instance.values, 'cluster_type') === 'single-node' ? known(1) : numberAttr(instance, 'number_of_nodes', 1);
    const multiAz = boolAttr(instance, 'multi_az', false);
    const single = replicas.state === 'set' && replicas.value <= 1;
    ctx.add(
      dataStore(instance, {
        category: 'warehouse',
        engine: 'redshift',
        ports: portsOf(instance, 'redshift'),
        onlyPorts: onlyPortsOf(instance, 'redshift'),
        replicas,
        placement: placementOfZones(pinnedZone(instance), single && multiAz.state === 'default' ? known(false) : multiAz),
        // Provider 5.x documents `true` and writes it into plans; 6.x writes its new default, false.
        publiclyAccessible: boolAttr(instance, 'publicly_accessible', true),
        // Multi-AZ needs a multi-node RA3 cluster: a single node must grow first.
        redundancyKnob: valueOf(replicas, 1) >= 2 ? { attribute: 'multi_az', value: 'true' } : SINGLE_NODE_KNOB,
      }),
    );
    linkSubnetGroup(ctx, instance.address, instance, 'cluster_subnet_group_name', ['aws_redshift_subnet_group']);
    linkSecurityGroups(ctx, instance.address, instance, 'vpc_security_group_ids');
  },
};
