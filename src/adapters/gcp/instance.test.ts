import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/plans.js';
import { edgesFrom, entityIn, gcpModel, gcpModelOfFile, gcpPlan, references, trimmedCorpus } from '../../../test/support/gcp-plan.js';

describe('google_compute_instance', () => {
  it('checkov: one VM in its zone, external IP from access_config, tags as labels, account by reference', () => {
    const m = gcpModelOfFile(corpusFile('checkov/gcp-compute-instance-service-account-tf1.1.3.json'));
    const vm = entityIn(m, 'google_compute_instance.default', 'host');
    expect(vm).toMatchObject({ cloud: 'gcp', role: 'instance', labels: ['bar', 'foo'], serviceAccounts: ['google_service_account.default'] });
    expect(vm.replicas).toEqual({ min: { state: 'set', value: 1 }, desired: { state: 'set', value: 1 }, max: { state: 'set', value: 1 } });
    expect(vm.placement).toEqual({ region: 'us-central1', zones: { state: 'set', value: ['us-central1/us-central1-c'] }, zoneRedundant: { state: 'set', value: false } });
    expect(vm.publicIp).toEqual({ state: 'set', value: true });
  });

  it('alextzk: no access_config is an internal address only; in its subnetwork by name, protected by its network firewall', () => {
    const m = gcpModel(trimmedCorpus('alextzk/gcp-gke-firewalls-backend-services-tf1.14.7.json', (a) => a.startsWith('module.network.') || a.startsWith('module.bastion.')));
    const vm = entityIn(m, 'module.bastion.google_compute_instance.bastion', 'host');
    expect(vm.publicIp).toEqual({ state: 'default', value: false });
    expect(vm.labels).toEqual(['allow-ssh']);
    expect(edgesFrom(m, vm.id, 'in-subnet')).toEqual(['module.network.google_compute_subnetwork.private_subnet via network_interface.subnetwork']);
    expect(edgesFrom(m, vm.id, 'protected-by')).toEqual(['module.network.google_compute_network.network#firewall via network_interface.subnetwork']);
  });

  it('terracost: zone left to the provider is unknown, not no zone', () => {
    const m = gcpModelOfFile(corpusFile('terracost/gcp-instance-firewalls-modules-tf1.0.6.json'));
    expect(entityIn(m, 'module.vm.google_compute_instance.vm', 'host').placement.zones).toEqual({ state: 'unknown' });
  });

  it('terraform-validator: several interfaces and access configs; a static address is attached through nat_ip', () => {
    const m = gcpModelOfFile(corpusFile('terraform-validator/gcp-compute-instances-full-tf0.13.6.json'));
    expect(entityIn(m, 'google_compute_instance.full_list_default_1', 'host')).toMatchObject({ publicIp: { state: 'set', value: true }, labels: ['bar', 'foo'], serviceAccounts: ['test-email'] });
    expect(entityIn(m, 'google_compute_instance.full_list_default_2', 'host').publicIp).toEqual({ state: 'default', value: false });
    const plan = gcpModel(
      gcpPlan([
        { address: 'google_compute_address.static', values: { address_type: null, name: 'static', region: 'us-central1' }, unknown: { address: true, id: true, self_link: true }, expressions: { name: { constant_value: 'static' } } },
        {
          address: 'google_compute_instance.web',
          values: { name: 'web', zone: 'us-central1-a', network_interface: [{ access_config: [{ public_ptr_domain_name: null }], network: 'default' }], tags: null },
          unknown: { id: true, network_interface: [{ access_config: [{ nat_ip: true, network_tier: true }] }] },
          expressions: { network_interface: [{ access_config: [{ nat_ip: references('google_compute_address.static', 'address') }], network: { constant_value: 'default' } }] },
        },
      ]),
    );
    expect(edgesFrom(plan, 'google_compute_address.static', 'attached-to')).toEqual(['google_compute_instance.web via network_interface.access_config.nat_ip']);
  });
});
