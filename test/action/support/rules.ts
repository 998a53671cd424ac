/**
 * Rules for the action's end-to-end tests, so they do not depend on what the real rules find in a plan: every
 * data store is critical, every firewall policy medium. Messages carry hostile text, as a plan's names could.
 */
import type { Rule } from '../../../src/rules/index.js';

export const TEST_RULES: readonly Rule[] = [
  {
    meta: {
      id: 'test-datastore',
      title: 'Test data store',
      category: 'single-az-database',
      tags: ['reliability'],
      description: 'Flags every data store.',
      rationale: 'For tests.',
      remediation: 'Nothing to do.',
    },
    *check({ graph }) {
      for (const d of graph.all('datastore')) yield { resource: d.id, score: 9.5, message: `${d.id} <img src=x onerror=alert(1)> @octocat | --> is a data store.` };
    },
  },
  {
    meta: {
      id: 'test-policy',
      title: 'Test policy',
      category: 'open-ingress',
      tags: ['security'],
      description: 'Flags every firewall policy.',
      rationale: 'For tests.',
      remediation: 'Nothing to do.',
    },
    *check({ graph }) {
      for (const p of graph.all('firewall-policy')) yield { resource: p.id, score: 5, message: `${p.id} is a firewall policy.` };
    },
  },
];
