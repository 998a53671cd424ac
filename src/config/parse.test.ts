import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../findings/index.js';
import { InputError } from '../terraform/index.js';
import { compileGlob } from './glob.js';
import { parseConfig } from './parse.js';
import { CONFIG_SEVERITIES } from './schema.js';

const FILE = '.weaklink.yml';

const good = `
ignore:
  - rule: open-ingress
    address: module.edge.**
    reason: public bastion, reviewed by security
    expires: 2025-03-31
  - rule: "*"
    address: aws_instance.legacy
    reason: retired next quarter
severity:
  spof: low
tiers:
  "module.edge.**": edge
  "aws_db_instance.*": data
allowWorldOpen:
  "aws_security_group.bastion": [22]
  "module.*.aws_security_group.web": [80, 443, "8000-8100"]
  "aws_security_group.anything": ["all"]
`;

describe('parseConfig', () => {
  const config = parseConfig(FILE, good);

  it('reads ignores, severity overrides, tiers and the world-open allow-list', () => {
    expect(config.ignore).toEqual([
      { rule: 'open-ingress', address: 'module.edge.**', reason: 'public bastion, reviewed by security', expires: '2025-03-31' },
      { rule: '*', address: 'aws_instance.legacy', reason: 'retired next quarter', expires: undefined },
    ]);
    expect({ ...config.severity }).toEqual({ spof: 'low' });
  });

  it('matches ignores by rule and address, by instance, block or entity id', () => {
    expect(config.ignoresFor('open-ingress', 'module.edge.module.x.aws_security_group.web#ingress[0]')).toHaveLength(1);
    expect(config.ignoresFor('spof', 'module.edge.aws_instance.a')).toEqual([]);
    expect(config.ignoresFor('spof', 'aws_instance.legacy[3]')).toEqual([config.ignore[1]]);
    expect(config.ignoresFor('spof', 'aws_instance.legacy_two')).toEqual([]);
  });

  it('answers tier hints by the first matching glob', () => {
    expect(config.tierHint('module.edge.aws_lb.front')).toBe('edge');
    expect(config.tierHint('aws_db_instance.main')).toBe('data');
    expect(config.tierHint('module.x.aws_db_instance.main')).toBeUndefined();
  });

  it('allows world-open ports only where listed', () => {
    expect(config.worldOpenAllowed('aws_security_group.bastion#ingress[0]', 22)).toBe(true);
    expect(config.worldOpenAllowed('aws_security_group.bastion', 3389)).toBe(false);
    expect(config.worldOpenAllowed('aws_security_group.bastion', 'all')).toBe(false);
    expect(config.worldOpenAllowed('module.app.aws_security_group.web', 8050)).toBe(true);
    expect(config.worldOpenAllowed('module.app.aws_security_group.web', 8101)).toBe(false);
    expect(config.worldOpenAllowed('aws_security_group.anything', 'all')).toBe(true);
  });

  it('takes an empty file or a comment-only file as no settings', () => {
    for (const text of ['', '# nothing yet\n']) {
      const empty = parseConfig(FILE, text);
      expect(empty.ignore).toEqual([]);
      expect(empty.tierHint('a.b')).toBeUndefined();
    }
  });

  it('names the same severities as findings/', () => {
    expect(CONFIG_SEVERITIES).toEqual(SEVERITIES);
  });

  it.each([
    ['an unknown key', 'ignores: []', 'unknown key "ignores" at the top level — known keys: ignore, severity, tiers, allowWorldOpen'],
    [
      'a misspelt key in an entry',
      'ignore:\n  - rule: spof\n    adress: a.b\n    reason: x',
      'unknown key "adress" in ignore[0] — known keys: rule, address, reason, expires',
    ],
    [
      'a missing reason',
      'ignore:\n  - rule: spof\n    address: a.b',
      'ignore[0] has no "reason" — say why the finding is accepted, e.g. `reason: "public bastion, reviewed 2025-01"`',
    ],
    [
      'an empty reason',
      'ignore:\n  - rule: spof\n    address: a.b\n    reason: ""',
      'ignore[0].reason is empty — say why the finding is accepted, e.g. `reason: "public bastion, reviewed 2025-01"`',
    ],
    [
      'a wrong type',
      'severity: [spof]',
      'severity must be a map, not a list — write `severity:` as a map of rule id to critical, high, medium, low or info',
    ],
    [
      'a number for a string',
      'ignore:\n  - rule: 42\n    address: a.b\n    reason: x',
      'ignore[0].rule must be a string, not a number — write `ignore:` as a list of entries with rule, address, reason and optional expires (YYYY-MM-DD)',
    ],
    [
      'a list at the top',
      '- spof',
      'the file must be a map, not a list — the top-level keys are ignore, severity, tiers, allowWorldOpen',
    ],
    [
      'a date that is no date',
      'ignore:\n  - rule: spof\n    address: a.b\n    reason: x\n    expires: 31/03/2025',
      'ignore[0].expires "31/03/2025" is not a date — write the last day it applies as YYYY-MM-DD, e.g. 2025-03-31',
    ],
    [
      'a date that does not exist',
      'ignore:\n  - rule: spof\n    address: a.b\n    reason: x\n    expires: 2025-02-30',
      'ignore[0].expires "2025-02-30" is not a date — write the last day it applies as YYYY-MM-DD, e.g. 2025-03-31',
    ],
    [
      'an unknown severity',
      'severity:\n  spof: severe',
      'severity.spof "severe" is not one of critical, high, medium, low, info — write `severity:` as a map of rule id to critical, high, medium, low or info',
    ],
    ['an unknown tier', 'tiers:\n  "aws_lb.*": front', 'tiers["aws_lb.*"] "front" is not one of edge, app, data — write `tiers:` as a map of address glob to edge, app or data'],
    [
      'a port out of range',
      'allowWorldOpen:\n  aws_security_group.web: [70000]',
      'allowWorldOpen["aws_security_group.web"][0] 70000 is not a port (0-65535) — write `allowWorldOpen:` as a map of address glob to a list of ports (22, "8000-8100" or "all")',
    ],
    [
      'a reversed range',
      'allowWorldOpen:\n  aws_security_group.web: ["9000-8000"]',
      'allowWorldOpen["aws_security_group.web"][0] "9000-8000" is not a port range — write "from-to" with from <= to <= 65535, e.g. "8000-8100"',
    ],
    [
      'bad YAML',
      'ignore: [\n  rule: x',
      'invalid YAML at line 2, column 10 (Flow sequence in block collection must be sufficiently indented and end with a ]) — fix the syntax: check indentation, colons and quotes',
    ],
    ['a duplicate key', 'severity: {}\nseverity: {}', 'invalid YAML at line 2, column 1 (Map keys must be unique) — fix the syntax: check indentation, colons and quotes'],
  ])('rejects %s with one line', (_, text, message) => {
    let error: unknown;
    try {
      parseConfig(FILE, text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${FILE}: ${message}`);
    expect((error as InputError).message).not.toContain('\n');
  });
});

describe('compileGlob', () => {
  it.each([
    ['aws_instance.*', 'aws_instance.web', true],
    ['aws_instance.*', 'aws_instance.web[0]', true],
    ['aws_instance.*', 'module.a.aws_instance.web', false],
    ['module.*.aws_instance.web', 'module.a.aws_instance.web', true],
    ['module.*.aws_instance.web', 'module.a.module.b.aws_instance.web', false],
    ['module.a.**', 'module.a.module.b.aws_instance.web', true],
    ['**.aws_db_instance.*', 'module.a.aws_db_instance.main', true],
    ['aws_instance.web?', 'aws_instance.web1', true],
    ['aws_instance.web?', 'aws_instance.web', false],
    ['aws_instance.web[0]', 'aws_instance.web[0]', true],
    ['aws_instance.web[0]', 'aws_instance.web0', false],
    ['module.app["blue"].**', 'module.app["blue"].aws_security_group.app', true],
    ['aws_(x|y).a', 'aws_x.a', false],
  ])('%s ~ %s: %s', (glob, address, expected) => {
    expect(compileGlob(glob)(address)).toBe(expected);
  });
});
