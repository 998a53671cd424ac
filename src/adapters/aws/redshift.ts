import { known, valueOf } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str } from '../read.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnetGroup } from './data-links.js';
import { boolAttr, dataStore, numberAttr, pinnedZone, portsOf } from './datastore.js';

/**
 * `aws_redshift_cluster`: a warehouse of `number_of_nodes` nodes (default 1; `cluster_type = "single-node"` is
 * one). A multi-node cluster keeps a copy of each slice on another node, a single node keeps none. `multi_az`
 * (default false) runs a second set of nodes in another zone.
 */
export const redshiftCluster: Mapper = {
  types: ['aws_redshift_cluster'],
  map(instance, ctx) {
    const replicas = str(instance.values, 'cluster_type') === 'single-node' ? known(1) : numberAttr(instance, 'number_of_nodes', 1);
    const multiAz = boolAttr(instance, 'multi_az', false);
    ctx.add(
      dataStore(instance, {
        category: 'warehouse',
        engine: 'redshift',
        ports: portsOf(instance, 'redshift'),
        replicas,
        placement: placementOfZones(pinnedZone(instance), multiAz),
        // Provider 5.x documents `true` and writes it into plans; 6.x writes its new default, false.
        publiclyAccessible: boolAttr(instance, 'publicly_accessible', true),
        // Multi-AZ needs two nodes or more (RA3): a single node must grow first.
        redundancyKnob: valueOf(replicas, 1) >= 2 ? { attribute: 'multi_az', value: 'true' } : { attribute: 'number_of_nodes', value: '2' },
      }),
    );
    linkSubnetGroup(ctx, instance.address, instance, 'cluster_subnet_group_name', ['aws_redshift_subnet_group']);
    linkSecurityGroups(ctx, instance.address, instance, 'vpc_security_group_ids');
  },
};
