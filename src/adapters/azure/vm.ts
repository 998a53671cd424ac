import { known, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper } from '../mapper.js';
import { base, placement, regionOf, zonesAttr } from './common.js';
import { foldNics, vmNics } from './nic.js';
import { SCALE_SET_TYPES } from './scale-set.js';
import { refs } from './links.js';

const AVAILABILITY_SETS = ['azurerm_availability_set'];

/** `zone` (linux/windows VMs) or `zones` (legacy `azurerm_virtual_machine`, at most one) as a list. */
function vmZones(instance: ResourceInstance): Value<readonly string[]> {
  return instance.type === 'azurerm_virtual_machine' ? zonesAttr(instance, 'zones') : zonesAttr(instance, 'zone');
}

/**
 * `azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine`, `azurerm_virtual_machine`: one instance.
 * Its NICs fold into it (subnets, NSGs, public IPs, backend pools). An availability set spreads VMs over fault
 * domains of one datacenter, which is no zone redundancy: it is kept in the VM's `source`, not in its placement.
 * A VM that joins a flexible scale set (`virtual_machine_scale_set_id`) is a member of it.
 */
export const virtualMachine: Mapper = {
  types: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine'],
  map(instance, ctx) {
    const { nics, known: nicsKnown } = vmNics(ctx, instance);
    const facts = foldNics(ctx, instance.address, nics, nicsKnown);
    const sets = refs(ctx, instance, 'availability_set_id', AVAILABILITY_SETS);
    const zones = vmZones(instance);
    const common = base(instance);
    ctx.add({
      ...common,
      source: [...common.source, ...sets, ...facts.parts],
      kind: 'host',
      role: 'instance',
      replicas: { min: known(1), desired: known(1), max: known(1) },
      placement: placement(regionOf(instance), zones, known(false)),
      publicIp: facts.publicIp,
      labels: facts.labels,
      serviceAccounts: [],
    });
    for (const set of refs(ctx, instance, 'virtual_machine_scale_set_id', SCALE_SET_TYPES)) {
      ctx.link(instance.address, set, 'member-of', 'virtual_machine_scale_set_id');
    }
  },
};

/** `azurerm_availability_set`: read through the VMs that name it. */
export const availabilitySet: Mapper = { types: AVAILABILITY_SETS, map() {} };
