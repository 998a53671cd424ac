import { known, unknownValue, type Value } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { placementOfZones } from './common.js';
import { linkSecurityGroups, linkSubnets } from './data-links.js';
import { dataStore, stringAttr } from './datastore.js';
import { subnetZones } from './links.js';

/**
 * What each FSx family serves on, and the deployment type the provider gives when `deployment_type` is left out
 * (aws 5.100 plans `SINGLE_AZ_1` for Windows; ONTAP and OpenZFS require it).
 */
const FAMILIES: Readonly<Record<string, { readonly engine: string; readonly ports: readonly number[]; readonly defaultType: string | undefined }>> = {
  aws_fsx_windows_file_system: { engine: 'fsx-windows', ports: [445], defaultType: 'SINGLE_AZ_1' },
  aws_fsx_ontap_file_system: { engine: 'fsx-ontap', ports: [111, 445, 2049, 3260], defaultType: undefined },
  aws_fsx_openzfs_file_system: { engine: 'fsx-openzfs', ports: [111, 2049], defaultType: undefined },
};

/**
 * `MULTI_AZ_1` is a deployment type of all three families; it needs a subnet in each of two zones and the preferred
 * file server's subnet named. `deployment_type`, `subnet_ids` and `preferred_subnet_id` all force a new file system.
 */
const MULTI_AZ_KNOB = {
  attribute: 'deployment_type',
  value:
    '`"MULTI_AZ_1"`, with two `subnet_ids` in different zones and `preferred_subnet_id` naming one of them (this creates a new file system: these attributes force replacement, so the data has to be copied or restored from a backup into it)',
};

/**
 * `aws_fsx_windows_file_system`, `aws_fsx_ontap_file_system`, `aws_fsx_openzfs_file_system`: a managed file system
 * in the subnets of `subnet_ids`. `MULTI_AZ_*` deployments keep a standby file server in a second zone and fail
 * over to it; every `SINGLE_AZ_*` one lives in one zone, an HA pair (`SINGLE_AZ_HA_*`, ONTAP's second node) included,
 * so a zone failure takes the shares down. Lustre is left out: it has no Multi-AZ deployment, so a one-zone Lustre
 * file system is the design, not a setting to change (its security groups still count as used, privately).
 */
export const fsxFileSystem: Mapper = {
  types: Object.keys(FAMILIES),
  map(instance, ctx) {
    const family = FAMILIES[instance.type]!;
    const deployment = stringAttr(instance, 'deployment_type', family.defaultType ?? '');
    const type = deployment.state === 'unknown' || deployment.value === '' ? undefined : deployment.value.toUpperCase();
    const multiAz = type === undefined ? undefined : type.startsWith('MULTI_AZ');
    const subnets = linkSubnets(ctx, instance.address, instance, 'subnet_ids');
    linkSecurityGroups(ctx, instance.address, instance, 'security_group_ids');
    const replicas: Value<number> = type === undefined ? unknownValue() : known(multiAz || /_HA_/.test(type) || instance.type === 'aws_fsx_ontap_file_system' ? 2 : 1);
    const zoneRedundant: Value<boolean> = multiAz === undefined ? unknownValue() : { state: deployment.state, value: multiAz };
    ctx.add(
      dataStore(instance, {
        category: 'file',
        engine: family.engine,
        ports: family.ports,
        replicas,
        placement: placementOfZones(subnetZones(ctx, subnets, subnets.length > 0 || instance.references.has('subnet_ids')), zoneRedundant),
        // FSx file systems take addresses in their subnets only.
        publiclyAccessible: known(false),
        redundancyKnob: MULTI_AZ_KNOB,
      }),
    );
  },
};
