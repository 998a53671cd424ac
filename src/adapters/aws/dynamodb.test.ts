import { describe, expect, it } from 'vitest';
import { awsModelOfFile, dataStoreIn } from '../../../test/support/aws-plan.js';
import { corpusFile } from '../../../test/support/plans.js';

describe('aws_dynamodb_table', () => {
  it('checkov (1.0): regional by design, no network listener', () => {
    const m = awsModelOfFile(corpusFile('checkov/aws-asg-dynamodb-tags-tf1.0.7.json'));
    const [id] = [...m.entities.values()].filter((e) => e.kind === 'datastore').map((e) => e.id);
    const table = dataStoreIn(m, id ?? '');
    expect(table).toMatchObject({ category: 'key-value', engine: 'dynamodb', redundancyKnob: undefined });
    expect(table.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(table.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(m.unmodelled).not.toHaveProperty('aws_dynamodb_table');
  });
});
