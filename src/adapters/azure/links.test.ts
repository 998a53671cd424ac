import { describe, expect, it } from 'vitest';
import { association, azureModel, azurePlan, edgesFrom, edgesTo, network, type PlanResource } from '../../../test/support/azure-plan.js';
import { sameKey } from './links.js';

describe('sameKey', () => {
  it('a keyed referrer reaches the same-key instance of a keyed block', () => {
    expect(sameKey('azurerm_nat_gateway.z["2"]', ['azurerm_subnet.app["1"]', 'azurerm_subnet.app["2"]', 'azurerm_subnet.app["3"]'])).toEqual(['azurerm_subnet.app["2"]']);
    expect(sameKey('module.m["a"].azurerm_lb.x[1]', ['module.m["a"].azurerm_subnet.s[0]', 'module.m["a"].azurerm_subnet.s[1]'])).toEqual(['module.m["a"].azurerm_subnet.s[1]']);
  });

  it('keeps everything when the referrer has no key, the block one instance, or no instance shares the key', () => {
    const all = ['azurerm_subnet.app["1"]', 'azurerm_subnet.app["2"]'];
    expect(sameKey('azurerm_lb.main', all)).toEqual(all);
    expect(sameKey('azurerm_lb.main["1"]', ['azurerm_subnet.one'])).toEqual(['azurerm_subnet.one']);
    expect(sameKey('azurerm_lb.main[0]', all)).toEqual(all);
    expect(sameKey('azurerm_lb.x["1"]', ['azurerm_nsg.a', ...all])).toEqual(['azurerm_nsg.a', 'azurerm_subnet.app["1"]']);
  });
});

describe('zonal stacks declared with for_each', () => {
  const zones = ['1', '2', '3'];
  const subnets = Object.fromEntries(zones.map((z) => [`azurerm_subnet.app["${z}"]`, `10.0.1${z}.0/24`]));
  const nat = (z: string): PlanResource => ({
    address: `azurerm_nat_gateway.zonal["${z}"]`,
    values: { location: 'westeurope', sku_name: 'Standard', zones: [z] },
    unknown: { id: true },
    expressions: { zones: { references: ['each.key'] } },
  });
  // `azurerm_subnet.app[each.key].id` is recorded as a reference to the whole block.
  const assoc = (z: string): PlanResource => ({
    ...association(`azurerm_subnet_nat_gateway_association.app["${z}"]`, { subnet_id: 'azurerm_subnet.app', nat_gateway_id: 'azurerm_nat_gateway.zonal' }),
    expressions: { subnet_id: { references: ['azurerm_subnet.app', 'each.key'] }, nat_gateway_id: { references: ['azurerm_nat_gateway.zonal', 'each.key'] } },
  });
  const m = azureModel(azurePlan([...network('azurerm_virtual_network.main', subnets), ...zones.map(nat), ...zones.map(assoc)]));

  it('each zone\'s subnet routes to its own zone\'s NAT gateway only', () => {
    expect(edgesFrom(m, 'azurerm_subnet.app["2"]', 'routes-to')).toEqual(['azurerm_nat_gateway.zonal["2"] via azurerm_subnet_nat_gateway_association.app["2"]']);
    expect(edgesTo(m, 'azurerm_nat_gateway.zonal["3"]', 'routes-to')).toEqual(['azurerm_subnet.app["3"] via azurerm_subnet_nat_gateway_association.app["3"]']);
  });
});
