import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapt } from '../index.js';
import { readDocument } from '../../terraform/index.js';
import { CORPUS, corpusFile } from '../../../test/support/plans.js';
import { gcpMappers } from './index.js';

/** The Google types issue 3 asks to map, with the companions read through them. */
const ISSUE_GOOGLE_TYPES = [
  'google_compute_instance',
  'google_compute_instance_template',
  'google_compute_region_instance_template',
  'google_compute_instance_group_manager',
  'google_compute_region_instance_group_manager',
  'google_compute_autoscaler',
  'google_compute_region_autoscaler',
  'google_compute_instance_group',
  'google_compute_network',
  'google_compute_subnetwork',
  'google_compute_router',
  'google_compute_router_nat',
  'google_compute_firewall',
  'google_compute_backend_service',
  'google_compute_region_backend_service',
  'google_compute_forwarding_rule',
  'google_compute_global_forwarding_rule',
  'google_compute_target_http_proxy',
  'google_compute_target_https_proxy',
  'google_compute_url_map',
  'google_compute_address',
  'google_compute_global_address',
  'google_sql_database_instance',
  'google_redis_instance',
  'google_container_cluster',
  'google_container_node_pool',
  'google_filestore_instance',
];

const index = (JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as Array<{ file: string; resource_types: Record<string, number> }>).map((e) => ({
  file: e.file.replace(/^plans\//, ''),
  types: Object.keys(e.resource_types),
}));

describe('Google types in the corpus', () => {
  it('every type the issue lists has a mapper', () => {
    const mapped = new Set(gcpMappers.flatMap((m) => m.types));
    expect(ISSUE_GOOGLE_TYPES.filter((t) => !mapped.has(t))).toEqual([]);
  });

  it('every listed type that occurs in a corpus plan is modelled, on both sides of every plan', () => {
    const withGoogle = index.filter((e) => e.types.some((t) => t.startsWith('google_')));
    expect(withGoogle.length).toBeGreaterThan(15);
    const left: string[] = [];
    for (const entry of withGoogle) {
      const path = corpusFile(entry.file);
      const doc = readDocument(path, readFileSync(path));
      for (const side of [doc.before, doc.after]) {
        const { unmodelled } = adapt(side);
        for (const type of Object.keys(unmodelled)) if (ISSUE_GOOGLE_TYPES.includes(type)) left.push(`${entry.file}: ${type}`);
      }
    }
    expect(left).toEqual([]);
  });

  it('every corpus plan and state still loads and adapts, whatever its cloud', () => {
    const failed: string[] = [];
    for (const entry of index) {
      try {
        const path = corpusFile(entry.file);
        const doc = readDocument(path, readFileSync(path));
        adapt(doc.before);
        adapt(doc.after);
      } catch (error) {
        failed.push(`${entry.file}: ${String(error)}`);
      }
    }
    expect(failed).toEqual([]);
  });
});
