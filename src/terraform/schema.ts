import type { FromSchema } from 'json-schema-to-ts';

/*
 * The part of `terraform show -json` (plans and states) and of raw state files (version 4) that weaklink reads.
 * Everything else is allowed and ignored. The same schema types the loader (via FromSchema) and validates at run
 * time (via Ajv), so the two cannot drift.
 */

const attributeValues = { type: 'object' } as const;

const stateResource = {
  type: 'object',
  required: ['address', 'type', 'name'],
  properties: {
    address: { type: 'string' },
    mode: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    index: { type: ['integer', 'string'] },
    provider_name: { type: 'string' },
    values: { type: ['object', 'null'] },
    sensitive_values: {},
    depends_on: { type: 'array', items: { type: 'string' } },
  },
} as const;

const stateModuleLeaf = {
  type: 'object',
  properties: {
    address: { type: 'string' },
    resources: { type: 'array', items: stateResource },
    child_modules: { type: 'array', items: { type: 'object' } },
  },
} as const;

const stateValues = {
  type: 'object',
  properties: {
    root_module: stateModuleLeaf,
    outputs: { type: 'object' },
  },
} as const;

const change = {
  type: 'object',
  properties: {
    actions: { type: 'array', items: { type: 'string' } },
    before: {},
    after: {},
    after_unknown: {},
    before_sensitive: {},
    after_sensitive: {},
  },
} as const;

const resourceChange = {
  type: 'object',
  required: ['address', 'type', 'name', 'change'],
  properties: {
    address: { type: 'string' },
    module_address: { type: 'string' },
    mode: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    index: { type: ['integer', 'string'] },
    provider_name: { type: 'string' },
    change,
  },
} as const;

const expression = { type: 'object' } as const;

const configResource = {
  type: 'object',
  required: ['address', 'type', 'name'],
  properties: {
    address: { type: 'string' },
    mode: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    expressions: { type: 'object', additionalProperties: expression },
    count_expression: expression,
    for_each_expression: expression,
    depends_on: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const planSchema = {
  type: 'object',
  required: ['format_version'],
  properties: {
    format_version: { type: 'string' },
    terraform_version: { type: 'string' },
    variables: { type: 'object' },
    planned_values: stateValues,
    prior_state: {
      type: 'object',
      properties: { format_version: { type: 'string' }, values: stateValues },
    },
    values: stateValues,
    resource_changes: { type: 'array', items: resourceChange },
    configuration: {
      type: 'object',
      properties: {
        root_module: { type: 'object' },
      },
    },
  },
} as const;

/** `terraform.tfstate` as Terraform writes it (state format version 4). */
export const rawStateSchema = {
  type: 'object',
  required: ['version', 'resources'],
  properties: {
    version: { type: 'integer' },
    terraform_version: { type: 'string' },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'name', 'instances'],
        properties: {
          module: { type: 'string' },
          mode: { type: 'string' },
          type: { type: 'string' },
          name: { type: 'string' },
          provider: { type: 'string' },
          instances: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                index_key: { type: ['integer', 'string'] },
                attributes: attributeValues,
                sensitive_attributes: { type: 'array' },
                dependencies: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

export type ShowJson = FromSchema<typeof planSchema>;
export type RawState = FromSchema<typeof rawStateSchema>;
export type StateResourceJson = FromSchema<typeof stateResource>;
export type ResourceChangeJson = FromSchema<typeof resourceChange>;
export type ConfigResourceJson = FromSchema<typeof configResource>;
export { configResource as configResourceSchema };
