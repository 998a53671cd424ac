import { describe, expect, it } from 'vitest';
import { ActionInputError, readInputs } from './inputs.js';

const env = (inputs: Record<string, string>) => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));

describe('readInputs', () => {
  it('runs with only `plan` set, every other input at its default', () => {
    expect(readInputs(env({ plan: 'plan.json' }))).toEqual({
      plan: ['plan.json'],
      token: '',
      mode: 'auto',
      comment: 'update',
      failOn: 'high',
      sarifFile: 'weaklink.sarif',
      jsonFile: undefined,
      config: { path: '.weaklink.yml', explicit: false },
      sourceDir: '.',
      name: undefined,
      issue: false,
      commentArtifact: undefined,
    });
  });

  it('reads several plans, one per line, and the rest as given', () => {
    const o = readInputs(env({ plan: 'a.json\n\n  envs/*/plan.json  \n# a comment', mode: 'audit', comment: 'off', 'fail-on': 'NONE', issue: 'true', config: 'ci/weaklink.yml', 'json-file': 'r.json' }));
    expect(o).toMatchObject({ plan: ['a.json', 'envs/*/plan.json'], mode: 'audit', comment: 'off', failOn: 'none', issue: true, config: { path: 'ci/weaklink.yml', explicit: true }, jsonFile: 'r.json' });
  });

  it('needs no plan to post an artifact', () => {
    expect(readInputs(env({ mode: 'post-artifact', 'comment-artifact': 'c.json' }))).toMatchObject({ plan: [], mode: 'post-artifact', commentArtifact: 'c.json' });
  });

  it.each([
    [{}, /input `plan` is required/],
    [{ plan: 'p', 'fail-on': 'severe' }, /input `fail-on` is "severe": use one of critical, high, medium, low, info, none/],
    [{ plan: 'p', mode: 'yolo' }, /input `mode` is "yolo": use one of auto, pr, audit, post-artifact/],
    [{ plan: 'p', comment: 'sticky' }, /input `comment` is "sticky"/],
    [{ plan: 'p', issue: 'yes' }, /input `issue` is "yes": use true or false/],
    [{ plan: 'p', mode: 'post-artifact' }, /needs input `comment-artifact`/],
    [{ mode: 'post-artifact' }, /needs input `comment-artifact`/],
  ])('refuses a bad input in one line: %j', (inputs, message) => {
    expect(() => readInputs(env(inputs))).toThrow(ActionInputError);
    expect(() => readInputs(env(inputs))).toThrow(message);
  });
});
