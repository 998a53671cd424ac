import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_GENERATED, GENERATED, generateConfigValidator, generateValidators } from '../../scripts/validators.js';
import { rawState, show } from './validators.generated.js';

describe('validators compiled ahead of time', () => {
  it('are current with the schemas (npm run build writes them)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(generateValidators());
    expect(readFileSync(CONFIG_GENERATED, 'utf8')).toBe(generateConfigValidator());
  });

  it('accept a plan and a raw state, and reject what the loader must reject, with the first error', () => {
    expect(show({ format_version: '1.2', resource_changes: [] })).toBe(true);
    expect(show({ format_version: 1 })).toBe(false);
    expect(show.errors?.[0]).toMatchObject({ instancePath: '/format_version', message: 'must be string' });
    expect(show({ format_version: '1.2', resource_changes: [{ address: 'a.b' }] })).toBe(false);
    expect(rawState({ version: 4, resources: [] })).toBe(true);
    expect(rawState({ version: 4 })).toBe(false);
  });
});
