import type { FromSchema } from 'json-schema-to-ts';

const glob = { type: 'string', minLength: 1 } as const;

/** The same severities as findings/ (a test keeps them equal); config/ sits above findings/ and cannot import them. */
export const CONFIG_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const TIERS = ['edge', 'app', 'data'] as const;

/** `.weaklink.yml`: types derived from it, and Ajv checks the parsed YAML against it, so the two cannot drift. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'address', 'reason'],
        properties: {
          rule: glob,
          address: glob,
          reason: { type: 'string', minLength: 1 },
          expires: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
        },
      },
    },
    severity: { type: 'object', additionalProperties: { enum: CONFIG_SEVERITIES } },
    tiers: { type: 'object', additionalProperties: { enum: TIERS } },
    allowWorldOpen: {
      type: 'object',
      additionalProperties: {
        type: 'array',
        // Numbers and strings in one schema (no anyOf) so that a wrong item gets one clear message, not two.
        items: { type: ['integer', 'string'], minimum: 0, maximum: 65535, pattern: '^(all|[0-9]{1,5}-[0-9]{1,5})$' },
      },
    },
  },
} as const;

export type ConfigJson = FromSchema<typeof configSchema>;
export type ConfigSeverity = (typeof CONFIG_SEVERITIES)[number];
export type Tier = (typeof TIERS)[number];
