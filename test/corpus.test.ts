/**
 * Every real plan and state of the shared corpus (../shared/corpus, read in place, never copied into the project)
 * loads, analyses and renders the same twice; and the resource types the issue asks us to model that occur in the
 * corpus are modelled, so they never show up in a report's `unmodelled`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelledTypes } from '../src/adapters/index.js';
import { analyze } from '../src/analyze.js';
import { renderJson } from '../src/render/index.js';
import { readDocument } from '../src/terraform/index.js';
import { CORPUS } from './support/plans.js';

interface CorpusEntry {
  readonly file: string;
  readonly kind: 'plan' | 'state';
  readonly format_version: string;
  readonly resource_types: Readonly<Record<string, number>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function corpusIndex(): CorpusEntry[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('corpus index.json is not a list');
  return raw.map((e, i) => {
    if (!isRecord(e) || typeof e.file !== 'string' || (e.kind !== 'plan' && e.kind !== 'state') || typeof e.format_version !== 'string' || !isRecord(e.resource_types)) {
      throw new Error(`corpus index.json entry ${i} lacks file, kind, format_version or resource_types`);
    }
    const types: Record<string, number> = {};
    for (const [type, n] of Object.entries(e.resource_types)) if (typeof n === 'number') types[type] = n;
    return { file: e.file, kind: e.kind, format_version: e.format_version, resource_types: types };
  });
}

/** The AWS types issue 2 asks to map ("Map at least: ..."), with the companions it names. */
const ISSUE_AWS_TYPES = [
  'aws_instance',
  'aws_autoscaling_group',
  'aws_launch_template',
  'aws_launch_configuration',
  'aws_lb',
  'aws_alb',
  'aws_elb',
  'aws_lb_target_group',
  'aws_alb_target_group',
  'aws_lb_target_group_attachment',
  'aws_alb_target_group_attachment',
  'aws_autoscaling_attachment',
  'aws_lb_listener',
  'aws_alb_listener',
  'aws_eip',
  'aws_ecs_service',
  'aws_eks_node_group',
  'aws_vpc',
  'aws_subnet',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_default_security_group',
  'aws_network_acl',
  'aws_network_acl_rule',
  'aws_vpn_connection',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_db_subnet_group',
  'aws_elasticache_cluster',
  'aws_elasticache_replication_group',
  'aws_docdb_cluster',
  'aws_docdb_cluster_instance',
  'aws_neptune_cluster',
  'aws_redshift_cluster',
  'aws_efs_file_system',
  'aws_efs_mount_target',
  'aws_mq_broker',
  'aws_opensearch_domain',
  'aws_msk_cluster',
] as const;

const INDEX = corpusIndex();
const pathOf = (entry: CorpusEntry): string => new URL(entry.file, CORPUS).pathname;
const corpusTypes = new Set(INDEX.flatMap((e) => Object.keys(e.resource_types)));

describe('corpus', () => {
  it('index.json lists the corpus (88 files when this test was written)', () => {
    expect(INDEX.length).toBeGreaterThanOrEqual(80);
  });

  it.each(INDEX.map((e) => [e.file, e] as const))('%s: loads, analyses, and renders byte-identically twice', (_, entry) => {
    const path = pathOf(entry);
    const bytes = readFileSync(path);
    const document = readDocument(entry.file, bytes);
    expect(document.kind).toBe(entry.kind);
    expect(document.formatVersion).toBe(entry.format_version);
    const first = renderJson(analyze([document]));
    const second = renderJson(analyze([readDocument(entry.file, readFileSync(path))]));
    expect(second === first, 'JSON output differs between two runs over the same file').toBe(true);
  });
});

describe('corpus resource types', () => {
  const modelled = modelledTypes();

  it('every type of the issue\'s AWS list that occurs in the corpus is modelled', () => {
    const missing = ISSUE_AWS_TYPES.filter((t) => corpusTypes.has(t) && !modelled.has(t));
    expect(missing, `occur in the corpus but no mapper reads them: ${missing.join(', ')}`).toEqual([]);
  });

  it('no report on a corpus file lists a modelled type, or a type of the issue\'s AWS list, as unmodelled', () => {
    const isCloud = (t: string): boolean => /^(aws|google|azurerm)_/.test(t);
    const issueTypes: ReadonlySet<string> = new Set(ISSUE_AWS_TYPES);
    const wrong = new Map<string, string[]>();
    for (const entry of INDEX) {
      const report = analyze([readDocument(entry.file, readFileSync(pathOf(entry)))]);
      for (const type of Object.keys(report.inputs[0]?.unmodelled ?? {})) {
        if (isCloud(type) && (modelled.has(type) || issueTypes.has(type))) wrong.set(type, [...(wrong.get(type) ?? []), entry.file]);
      }
    }
    const lines = [...wrong].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, files]) => `${type}${modelled.has(type) ? ' (a mapper reads it!)' : ''}: ${files.length} file(s), e.g. ${files[0]}`);
    expect(lines, `reported unmodelled:\n${lines.join('\n')}`).toEqual([]);
  });
});
