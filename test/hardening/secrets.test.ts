/**
 * Canary tests: values Terraform marks sensitive, values under secret-named attributes, secrets written as plain
 * constants in `configuration`, sensitive variables, and free text the findings do not need (descriptions, other
 * tags) never appear in any output format, nor in error messages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type Report } from '../../src/analyze.js';
import { main } from '../../src/cli/main.js';
import * as render from '../../src/render/index.js';
import { loadDocument } from '../../src/terraform/index.js';

const CANARIES = ['CANARY-sensitive-pw', 'CANARY-config-constant', 'CANARY-variable', 'CANARY-description', 'CANARY-tag', 'CANARY-userdata', 'CANARY-sensitive-cidr'];

const worldSg = {
  id: 'sg-1',
  name: 'db',
  vpc_id: 'vpc-1',
  description: 'CANARY-description',
  ingress: [{ from_port: 5432, to_port: 5432, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: 'CANARY-description' }],
  egress: [],
  tags: { Owner: 'CANARY-tag' },
};
const hiddenSg = { ...worldSg, id: 'sg-2', name: 'hidden', ingress: [{ ...worldSg.ingress[0], cidr_blocks: ['CANARY-sensitive-cidr'] }] };
const db = {
  identifier: 'main',
  engine: 'postgres',
  instance_class: 'db.t3.micro',
  multi_az: false,
  publicly_accessible: true,
  password: 'CANARY-sensitive-pw',
  username: 'app',
  vpc_security_group_ids: ['sg-1'],
  tags: { Owner: 'CANARY-tag' },
};
const web = { ami: 'ami-1', instance_type: 't3.micro', availability_zone: 'us-east-1a', user_data: 'CANARY-userdata', vpc_security_group_ids: ['sg-1'], associate_public_ip_address: true };

const resource = (type: string, name: string, values: unknown, sensitive: unknown = {}) => ({
  address: `${type}.${name}`,
  mode: 'managed',
  type,
  name,
  provider_name: 'registry.terraform.io/hashicorp/aws',
  schema_version: 1,
  values,
  sensitive_values: sensitive,
});
const change = (type: string, name: string, after: unknown, sensitive: unknown = {}) => ({
  address: `${type}.${name}`,
  mode: 'managed',
  type,
  name,
  provider_name: 'registry.terraform.io/hashicorp/aws',
  change: { actions: ['create'], before: null, after, after_unknown: { id: true }, before_sensitive: false, after_sensitive: sensitive },
});

const plan = {
  format_version: '1.2',
  terraform_version: '1.11.4',
  variables: { db_password: { value: 'CANARY-variable' } },
  planned_values: {
    root_module: {
      resources: [
        resource('aws_db_instance', 'main', db, { password: true, tags: {} }),
        resource('aws_security_group', 'db', worldSg, { ingress: [{ cidr_blocks: [false] }], tags: {} }),
        resource('aws_security_group', 'hidden', hiddenSg, { ingress: [{ cidr_blocks: [true] }], tags: {} }),
        resource('aws_instance', 'web', web, { user_data: true }),
      ],
    },
  },
  resource_changes: [
    change('aws_db_instance', 'main', db, { password: true }),
    change('aws_security_group', 'db', worldSg),
    change('aws_security_group', 'hidden', hiddenSg, { ingress: [{ cidr_blocks: [true] }] }),
    change('aws_instance', 'web', web, { user_data: true }),
  ],
  configuration: {
    provider_config: { aws: { name: 'aws', expressions: { access_key: { constant_value: 'CANARY-config-constant' } } } },
    root_module: {
      resources: [
        {
          address: 'aws_db_instance.main',
          mode: 'managed',
          type: 'aws_db_instance',
          name: 'main',
          provider_config_key: 'aws',
          expressions: { password: { constant_value: 'CANARY-config-constant' }, vpc_security_group_ids: { references: ['aws_security_group.db.id', 'aws_security_group.db'] } },
          schema_version: 1,
        },
      ],
      variables: { db_password: { sensitive: true, default: 'CANARY-variable' } },
    },
  },
};

function everyOutput(report: Report): string {
  const outputs: string[] = [];
  for (const [name, fn] of Object.entries(render)) {
    if (typeof fn !== 'function' || !name.startsWith('render')) continue;
    try {
      outputs.push(String((fn as (r: Report, o?: unknown) => unknown)(report, { color: false })));
    } catch {
      // Renderers needing more context are canary-tested in their own suites.
    }
  }
  return outputs.join('\n');
}

describe('secrets never leave', () => {
  it('are absent from the model-side report and every renderer', () => {
    const report = analyze([loadDocument('plan.json', structuredClone(plan))]);
    const text = `${JSON.stringify(report)}\n${everyOutput(report)}`;
    for (const canary of CANARIES) expect(text).not.toContain(canary);
  });

  it('are absent from CLI output in every format and from error messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weaklink-secrets-'));
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    for (const format of ['text', 'json', 'markdown', 'sarif']) {
      let out = '';
      main([file, '--format', format, '--fail-on', 'none'], { stdout: (t) => (out += t), stderr: (t) => (out += t), isTty: true, env: {} });
      for (const canary of CANARIES) expect(out, format).not.toContain(canary);
    }
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(plan).slice(0, 900));
    let err = '';
    main([broken], { stdout: () => undefined, stderr: (t) => (err += t), isTty: false, env: {} });
    expect(err).toContain('weaklink:');
    for (const canary of CANARIES) expect(err).not.toContain(canary);
  });
});
