import { describe, expect, it } from 'vitest';
import type { Model } from '../model/index.js';
import { model } from '../../test/support/builders.js';
import { jumpHost } from '../../test/support/services.js';
import { constant, gcpModel, gcpPlan, trimmedCorpus, type GcpResource } from '../../test/support/gcp-plan.js';
import { findingsOf } from '../../test/support/rule-tester.js';
import { dataReachable } from './data-reachable.js';
import { RULES } from './index.js';

/**
 * The model as it was before rules were presumed: without them, and without the firewall made only to hold them (no
 * rule of the plan names it, so the plan showed no firewall there).
 */
const withoutPresumed = (m: Model): Model =>
  model(
    [...m.entities.values()].filter((e) => !(e.kind === 'firewall-rule' && e.presumed) && !(e.kind === 'firewall-policy' && e.source.length === 0 && e.cloud === 'gcp')),
    m.edges,
  );

const vm = (name: string, network: string, external: boolean): GcpResource => ({
  address: `google_compute_instance.${name}`,
  values: { name, zone: 'us-central1-a', network_interface: [{ access_config: external ? [{ public_ptr_domain_name: null }] : [], network }], tags: null },
  unknown: { id: true },
  expressions: { network_interface: [{ network: constant(network) }] },
});

const PLANS: ReadonlyArray<readonly [string, Model]> = [
  ['checkov: one public VM on default', gcpModel(trimmedCorpus('checkov/gcp-compute-instance-service-account-tf1.1.3.json', () => true))],
  ['terracost: a VM on default with plan rules of that network', gcpModel(trimmedCorpus('terracost/gcp-instance-firewalls-modules-tf1.0.6.json', () => true))],
  ['public and private VMs on default', gcpModel(gcpPlan([vm('web', 'default', true), vm('app', 'default', false), vm('db', 'default', false)]))],
];

/** The jump host of `jumpHost`, its world SSH rule presumed rather than written by the plan. */
function presumedJump(): Model {
  const m = jumpHost({ dbAdmitsJump: true });
  const presumed = { name: 'default-allow-ssh', origin: 'the cloud', fix: 'Delete it.' };
  return model(
    [...m.entities.values()].map((e) => (e.kind === 'firewall-rule' && e.id === 'aws_security_group.jump#ingress[0]' ? { ...e, presumed } : e)),
    m.edges,
  );
}

describe('presumed rules (GCP default network) are open-ingress\'s alone', () => {
  it.each(PLANS)('%s: every other rule reports as without them', (_name, m) => {
    for (const rule of RULES.filter((r) => r.meta.id !== 'open-ingress')) {
      const text = (x: Model) => findingsOf(rule, x).map((f) => `${f.rule} ${f.severity} ${f.resources.join(' ')}: ${f.message}`);
      expect(text(m), rule.meta.id).toEqual(text(withoutPresumed(m)));
    }
  });

  it('no path to the data enters through a presumed rule: the jump host the database admits is open on SSH only by one', () => {
    expect(findingsOf(dataReachable, jumpHost({ dbAdmitsJump: true })).length).toBeGreaterThan(0);
    expect(findingsOf(dataReachable, presumedJump())).toEqual([]);
  });
});
