import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { REDACTED, TOO_DEEP } from './instance.js';
import { CORPUS, corpusFile } from '../../test/support/plans.js';
import { parseAddress } from './address.js';
import { parseJson, textOf } from './decode.js';
import { Addresses, loadDocument } from './load.js';
import { readDocument } from './index.js';

const CORPUS_FILES = (JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as Array<{ file: string }>).map((e) => new URL(e.file, CORPUS).pathname);

const plan = (over: Record<string, unknown> = {}) => ({
  format_version: '1.2',
  terraform_version: '1.11.4',
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'aws_db_instance.main',
          mode: 'managed',
          type: 'aws_db_instance',
          name: 'main',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          schema_version: 2,
          values: { engine: 'postgres', password: 'hunter2-canary', username: 'app', multi_az: null, tags: { Name: 'db' } },
          sensitive_values: { password: true, tags: {} },
        },
      ],
      child_modules: [
        {
          address: 'module.app',
          resources: [
            {
              address: 'module.app.aws_instance.web[0]',
              mode: 'managed',
              type: 'aws_instance',
              name: 'web',
              index: 0,
              values: { ami: 'ami-1', vpc_security_group_ids: null },
              sensitive_values: {},
            },
          ],
        },
      ],
    },
  },
  resource_changes: [
    {
      address: 'aws_db_instance.main',
      mode: 'managed',
      type: 'aws_db_instance',
      name: 'main',
      change: { actions: ['create'], before: null, after: {}, after_unknown: { multi_az: true, id: true }, after_sensitive: { password: true } },
    },
    {
      address: 'module.app.aws_instance.web[0]',
      module_address: 'module.app',
      mode: 'managed',
      type: 'aws_instance',
      name: 'web',
      index: 0,
      change: { actions: ['create'], before: null, after: {}, after_unknown: { vpc_security_group_ids: true } },
    },
  ],
  configuration: {
    root_module: {
      resources: [{ address: 'aws_security_group.web', mode: 'managed', type: 'aws_security_group', name: 'web', expressions: {} }],
      module_calls: {
        app: {
          source: './modules/app',
          expressions: { sg_id: { references: ['aws_security_group.web.id', 'aws_security_group.web'] } },
          module: {
            resources: [
              {
                address: 'aws_instance.web',
                mode: 'managed',
                type: 'aws_instance',
                name: 'web',
                expressions: { vpc_security_group_ids: { references: ['var.sg_id'] }, ami: { constant_value: 'ami-1' } },
                count_expression: { constant_value: 1 },
              },
            ],
          },
        },
      },
    },
  },
  ...over,
});

function problem(json: unknown): string {
  try {
    loadDocument('plan.json', json);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('loadDocument', () => {
  it('reads planned values with unknowns and actions', () => {
    const doc = loadDocument('plan.json', plan());
    expect(doc.kind).toBe('plan');
    const db = doc.after.find((i) => i.address === 'aws_db_instance.main')!;
    expect(db.action).toBe('create');
    expect(db.unknown).toEqual({ multi_az: true, id: true });
    expect(db.configured?.has('multi_az')).toBeFalsy();
  });

  it('records the attributes of nested blocks the configuration writes, one level down (a real plan: aws 5.100)', () => {
    const doc = readDocument('plan.json', readFileSync('fixtures/aws/eks-public-api/plan.json'));
    const written = (address: string) => doc.after.find((i) => i.address === address)!.configured;
    expect(written('aws_eks_cluster.bad_world_cidrs')?.has('vpc_config.public_access_cidrs')).toBe(true);
    expect(written('aws_eks_cluster.bad_default_public')?.has('vpc_config')).toBe(true);
    expect(written('aws_eks_cluster.bad_default_public')?.has('vpc_config.public_access_cidrs')).toBe(false);
  });

  it('redacts sensitive values and secret-named attributes, keeps the rest', () => {
    const doc = loadDocument('plan.json', plan());
    const db = doc.after.find((i) => i.address === 'aws_db_instance.main')!;
    expect(db.values.password).toBe(REDACTED);
    expect(db.values.username).toBe('app');
    expect(JSON.stringify(doc.after)).not.toContain('hunter2-canary');
  });

  it('redacts secret-named attributes that old plans did not mark sensitive', () => {
    const json = plan();
    const res = json.planned_values.root_module.resources[0]!;
    res.sensitive_values = { password: false, tags: {} } as never;
    const doc = loadDocument('plan.json', json);
    expect(JSON.stringify(doc.after)).not.toContain('hunter2-canary');
  });

  it('resolves references through module inputs to the resources behind them', () => {
    const doc = loadDocument('plan.json', plan());
    const web = doc.after.find((i) => i.address === 'module.app.aws_instance.web[0]')!;
    expect(web.configAddress).toBe('module.app.aws_instance.web');
    expect(web.module).toBe('module.app');
    expect(web.references.get('vpc_security_group_ids')).toEqual(['aws_security_group.web']);
  });

  it('keeps a literal instance key of a reference and drops the wider bare form', () => {
    const json = plan();
    (json.configuration.root_module.resources[0] as { expressions: Record<string, unknown> }).expressions = {
      vpc_id: { references: ['aws_vpc.main[1].id', 'aws_vpc.main[1]', 'aws_vpc.main'] },
      subnet_ids: { references: ['aws_subnet.a["x"].id', 'aws_subnet.a["x"]', 'aws_subnet.a', 'aws_subnet.b.id', 'aws_subnet.b'] },
    };
    json.planned_values.root_module.resources.push({ address: 'aws_security_group.web', mode: 'managed', type: 'aws_security_group', name: 'web', values: {}, sensitive_values: {} } as never);
    const sg = loadDocument('plan.json', json).after.find((i) => i.address === 'aws_security_group.web')!;
    expect(sg.references.get('vpc_id')).toEqual(['aws_vpc.main[1]']);
    expect(sg.references.get('subnet_ids')).toEqual(['aws_subnet.a["x"]', 'aws_subnet.b']);
  });

  it('reads a module output reference as that output only, not every output of the module', () => {
    const json = plan();
    const app = json.configuration.root_module.module_calls.app as { module: Record<string, unknown> };
    app.module.outputs = { sg: { expression: { references: ['aws_instance.web'] } }, other: { expression: { references: ['aws_instance.other'] } } };
    (json.configuration.root_module.resources[0] as { expressions: Record<string, unknown> }).expressions = {
      ingress: [{ security_groups: { references: ['module.app.sg', 'module.app'] } }],
    };
    json.planned_values.root_module.resources.push({ address: 'aws_security_group.web', mode: 'managed', type: 'aws_security_group', name: 'web', values: {}, sensitive_values: {} } as never);
    const sg = loadDocument('plan.json', json).after.find((i) => i.address === 'aws_security_group.web')!;
    expect(sg.references.get('ingress.security_groups')).toEqual(['module.app.aws_instance.web']);
  });

  it('reads a module output passed into another module as that output only (module.vpc.private_subnet_ids, not module.vpc)', () => {
    const json = plan();
    const root = json.configuration.root_module as { module_calls: Record<string, Record<string, unknown>> };
    // module "net" has two outputs; module "app" gets `sg_id = module.net.private` (terraform 1.11 records both forms).
    root.module_calls.net = {
      source: './modules/net',
      module: {
        resources: [],
        outputs: { private: { expression: { references: ['aws_security_group.private'] } }, public: { expression: { references: ['aws_security_group.public'] } } },
      },
    };
    root.module_calls.app!.expressions = { sg_id: { references: ['module.net.private', 'module.net'] } };
    const web = loadDocument('plan.json', json).after.find((i) => i.address === 'module.app.aws_instance.web[0]')!;
    expect(web.references.get('vpc_security_group_ids')).toEqual(['module.net.aws_security_group.private']);
  });

  it('reads a state from `terraform show -json`', () => {
    const doc = loadDocument('state.json', { format_version: '1.0', terraform_version: '1.5.0', values: plan().planned_values });
    expect(doc.kind).toBe('state');
    expect(doc.after).toHaveLength(2);
    expect(doc.before).toHaveLength(0);
  });

  it('reads a raw terraform.tfstate (version 4) with its sensitive attribute paths', () => {
    const doc = loadDocument('terraform.tfstate', {
      version: 4,
      terraform_version: '1.5.0',
      serial: 3,
      lineage: 'x',
      outputs: {},
      resources: [
        {
          module: 'module.db',
          mode: 'managed',
          type: 'aws_db_instance',
          name: 'main',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [
            {
              index_key: 'eu',
              schema_version: 2,
              attributes: { engine: 'mysql', master: { pw: 'canary-raw' } },
              sensitive_attributes: [[{ type: 'get_attr', value: 'master' }, { type: 'get_attr', value: 'pw' }]],
            },
          ],
        },
      ],
    });
    expect(doc.after[0]!.address).toBe('module.db.aws_db_instance.main["eu"]');
    expect(JSON.stringify(doc.after)).not.toContain('canary-raw');
  });

  it('reads the prior state as the before side', () => {
    const json = plan({ prior_state: { format_version: '1.0', values: { root_module: { resources: [{ address: 'aws_eip.a', mode: 'managed', type: 'aws_eip', name: 'a', values: {} }] } } } });
    expect(loadDocument('plan.json', json).before.map((i) => i.address)).toEqual(['aws_eip.a']);
  });

  it('falls back to resource_changes before/after when planned_values is absent', () => {
    const doc = loadDocument('plan.json', {
      format_version: '0.1',
      resource_changes: [{ address: 'aws_eip.a', mode: 'managed', type: 'aws_eip', name: 'a', change: { actions: ['update'], before: { vpc: false }, after: { vpc: true } } }],
    });
    expect(doc.after[0]!.values).toEqual({ vpc: true });
    expect(doc.before[0]!.values).toEqual({ vpc: false });
  });

  it.each([
    ['an array', [], 'valid JSON but not a Terraform plan or state: an empty array, not an object'],
    ['null', null, 'valid JSON but not a Terraform plan or state: `null`, not an object'],
    ['a number', 42, 'valid JSON but not a Terraform plan or state: a number, not an object'],
    ['a string', 'x', 'valid JSON but not a Terraform plan or state: a string, not an object'],
    ['true', true, 'valid JSON but not a Terraform plan or state: `true`, not an object'],
    ['JSON without format_version', { foo: 1 }, 'no "format_version"'],
    ['a future format major', { format_version: '2.0' }, 'format_version 2.0 is not supported'],
    ['a wrongly typed field', { format_version: '1.0', resource_changes: 'x' }, 'resource_changes must be array'],
    ['an old raw state', { version: 3, resources: [] }, 'state file version 3'],
  ])('rejects %s with one clear line', (_, json, expected) => {
    const message = problem(json);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('cuts values nested deeper than any provider schema, without recursion', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const json = plan();
    json.planned_values.root_module.resources[0]!.values.tags = deep as never;
    const db = loadDocument('plan.json', json).after.find((i) => i.type === 'aws_db_instance')!;
    expect(JSON.stringify(db.values).includes(TOO_DEEP)).toBe(true);
  });

  it('does not let __proto__ keys in values or sensitivity paths pollute prototypes', () => {
    const hostile = JSON.parse(
      '{"version":4,"resources":[{"type":"aws_instance","name":"a","instances":[{"attributes":{"tags":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}},"sensitive_attributes":[[{"type":"get_attr","value":"__proto__"},{"type":"get_attr","value":"polluted"}]]}]}]}',
    );
    loadDocument('terraform.tfstate', hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Addresses (the module part parsed once per module instance)', () => {
  const entries = (json: unknown): Array<{ address: string; mode?: string; type: string; name: string; index?: unknown }> => {
    const out: Array<{ address: string; mode?: string; type: string; name: string; index?: unknown }> = [];
    const stack: unknown[] = [json];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) stack.push(...node);
      else if (typeof node === 'object' && node !== null) {
        const o = node as Record<string, unknown>;
        if (typeof o.address === 'string' && typeof o.type === 'string' && typeof o.name === 'string') out.push(o as never);
        for (const [k, v] of Object.entries(o)) if (k !== 'values' && k !== 'change' && k !== 'expressions') stack.push(v);
      }
    }
    return out;
  };

  it('gives what parseAddress gives for every resource entry of every corpus plan', () => {
    let fast = 0;
    for (const file of CORPUS_FILES) {
      const addresses = new Addresses();
      for (const e of entries(parseJson(file, textOf(file, readFileSync(file))))) {
        expect(addresses.parse(e.address, e.mode, e.type, e.name, e.index), `${file}: ${e.address}`).toEqual(parseAddress(e.address));
        fast++;
      }
    }
    expect(fast).toBeGreaterThan(2000);
  });

  it('parses whole what does not have the shape it expects, and gives the same', () => {
    const cases: Array<[string, string | undefined, string, string, unknown]> = [
      ['module.a["x.y"].aws_s3_bucket.b["k.[1]"]', 'managed', 'aws_s3_bucket', 'b', 'k.[1]'],
      ['module.a["x.y"].aws_s3_bucket.b["k.[1]"]', 'managed', 'aws_s3_bucket', 'b', 'other'],
      ['module.a.module.b[0].data.aws_ami.u', 'data', 'aws_ami', 'u', undefined],
      ['module.a.module.b[0].aws_ami.u', 'data', 'aws_ami', 'u', undefined],
      ['module.x.module.y', 'managed', 'module', 'y', undefined],
      ['data.module.y', 'managed', 'module', 'y', undefined],
      ['x.data.aws_vpc.v', 'managed', 'data', 'aws_vpc', undefined],
      ['aws_vpc.v[1]', 'managed', 'aws_vpc', 'v', 1.5],
      ['aws_vpc.v[01]', 'managed', 'aws_vpc', 'v', 1],
      ['garbage', 'managed', 'aws_vpc', 'v', undefined],
      ['.aws_vpc.v', 'managed', 'aws_vpc', 'v', undefined],
      ['module.m..aws_vpc.v', 'managed', 'aws_vpc', 'v', undefined],
      ['module."q.aws_vpc.v', 'managed', 'aws_vpc', 'v', undefined],
      ['module.m["a"].aws_vpc.v', 'managed', 'aws_vpc', 'v', undefined],
    ];
    const addresses = new Addresses();
    // Twice: the second time the module paths are known.
    for (const round of [1, 2]) for (const [a, mode, type, name, index] of cases) expect(addresses.parse(a, mode, type, name, index), `${round}: ${a}`).toEqual(parseAddress(a));
  });
});

describe('loadDocument: data sources read while planning', () => {
  const corpus = (relative: string) => loadDocument(relative, JSON.parse(readFileSync(corpusFile(relative), 'utf8').replace(/^\uFEFF/, '')) as unknown);

  it('joins them to the planned side where they stand among the prior instances', () => {
    // A plan that creates everything against a prior state that holds only what the data sources read.
    const created = corpus('checkov/aws-security-groups-for-each-modules-tf1.9.5.json');
    const reads = created.before.filter((i) => i.mode === 'data').map((i) => i.address);
    expect(reads).toEqual(['data.aws_subnet.private', 'data.aws_vpc.sandbox']);
    expect(created.after.filter((i) => i.mode === 'data').map((i) => i.address)).toEqual(reads);
    // The same object on both sides: one read, sanitized once.
    expect(created.after.find((i) => i.address === 'data.aws_subnet.private')).toBe(created.before.find((i) => i.address === 'data.aws_subnet.private'));
    // A plan that changes nothing lists the same instances in the same order on both sides.
    const noop = corpus('snyk-cli/aws-no-op-with-prior-state-tf0.15.0.json');
    expect(noop.before.some((i) => i.mode === 'data')).toBe(true);
    expect(noop.after.map((i) => i.address)).toEqual(noop.before.map((i) => i.address));
  });

  it('leaves a read Terraform deferred to apply where the planned values put it, and a state alone', () => {
    const deferred = loadDocument('plan.json', {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'data.aws_subnet.later', mode: 'data', type: 'aws_subnet', name: 'later', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { filter: [] }, sensitive_values: { filter: [] } }] } },
      resource_changes: [{ address: 'data.aws_subnet.later', mode: 'data', type: 'aws_subnet', name: 'later', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['read'], before: null, after: { filter: [] }, after_unknown: { availability_zone: true, id: true }, before_sensitive: false, after_sensitive: { filter: [] } }, action_reason: 'read_because_dependency_pending' }],
      prior_state: { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [{ address: 'data.aws_subnet.later', mode: 'data', type: 'aws_subnet', name: 'later', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { availability_zone: 'eu-west-1a', filter: [], id: 'subnet-0abc' }, sensitive_values: { filter: [] } }] } } },
    });
    expect(deferred.after).toHaveLength(1);
    expect(deferred.after[0]!.values.availability_zone).toBeUndefined();
  });
});

describe('loadDocument: Terraform 0.12 state addresses', () => {
  const corpus = (relative: string) => loadDocument(relative, JSON.parse(readFileSync(corpusFile(relative), 'utf8').replace(/^\uFEFF/, '')) as unknown);
  const repeated = (list: readonly { address: string }[]) => list.map((i) => i.address).filter((a, i, all) => all.indexOf(a) !== i);

  it("puts back the module path and the instance key it left out of a child module's resources", () => {
    // Its prior state says `aws_db_instance.this` (index 0) inside module.db.module.db_1.module.db_instance.
    const plan = corpus('infracost/aws-ec2-rds-modules-tf0.12.31.json');
    const db = 'module.db.module.db_1.module.db_instance.aws_db_instance.this[0]';
    expect(plan.before.map((i) => i.address)).toContain(db);
    expect(plan.after.map((i) => i.address)).toContain(db);
    expect(plan.before.map((i) => i.address)).not.toContain('aws_db_instance.this');
    // Data sources of five modules, all written `data.aws_region.current`, are five instances again.
    const modules = corpus('terraform-compliance/aws-alb-sg-rules-iam-modules-tf0.12.24.json');
    expect(repeated(modules.before)).toEqual([]);
    expect(modules.before.filter((i) => i.address.endsWith('data.aws_region.current')).map((i) => i.address)).toEqual(
      expect.arrayContaining(['module.data-utils.data.aws_region.current', 'module.myapp-asg.module.iam.data.aws_region.current']),
    );
    // A state alike: keys written only as `index`.
    const state = corpus('infracost/state-aws-ec2-rds-tf0.12.31.json');
    expect(repeated(state.after)).toEqual([]);
    expect(state.after.map((i) => i.address)).toEqual(expect.arrayContaining(['aws_instance.instance_counted[0]', 'module.instances.aws_instance.module_instance_named["test.1"]']));
  });

  it('leaves the addresses newer versions write alone', () => {
    const plan = corpus('checkov/aws-security-groups-for-each-modules-tf1.9.5.json');
    expect(plan.after.map((i) => i.address)).toContain('module.sg["bad_example"].aws_security_group.bad');
    expect(repeated(plan.after)).toEqual([]);
  });
});
