import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseDirective } from './directive.js';
import { locateBlocks, type SourceFile } from './locate.js';

const tree: SourceFile[] = [
  {
    path: 'infra/main.tf',
    text: [
      'resource "aws_vpc" "main" {}', // 1
      'resource "aws_instance" "web" {', // 2
      '  count = 2', // 3
      '}', // 4
      'data "aws_ami" "ubuntu" {}', // 5
      'module "app" {', // 6
      '  source   = "./modules/app"', // 7
      '  for_each = toset(["a", "b"])', // 8
      '}', // 9
      'module "vpc" {', // 10
      '  source  = "terraform-aws-modules/vpc/aws"', // 11
      '  version = "~> 5.0"', // 12
      '}', // 13
      'module "shared" {', // 14
      '  source = "../../outside/tree"', // 15
      '}', // 16
    ].join('\n'),
  },
  {
    path: 'infra/modules/app/main.tf',
    text: ['resource "aws_security_group" "app" {}', 'module "db" {', '  source = "./db"', '}'].join('\n'),
  },
  { path: 'infra/modules/app/db/db.tf', text: '\n\nresource "aws_db_instance" "main" {\n}\n' },
  // Another workspace in the same tree, and a module that only shares one name with the first.
  { path: 'other/main.tf', text: 'resource "aws_vpc" "main" {}\nresource "aws_s3_bucket" "logs" {}\n' },
];

const workspace = ['aws_vpc.main', 'aws_instance.web', 'data.aws_ami.ubuntu', 'module.app.aws_security_group.app', 'module.vpc.aws_vpc.this'];
const locate = (address: string, files = tree, names = workspace) => locateBlocks(files).workspace(names).locate(address).location;

describe('locateBlocks', () => {
  it.each([
    ['aws_vpc.main', 'infra/main.tf', 1],
    ['aws_instance.web[1]', 'infra/main.tf', 2],
    ['data.aws_ami.ubuntu', 'infra/main.tf', 5],
    ['module.app["b"].aws_security_group.app', 'infra/modules/app/main.tf', 1],
    ['module.app["a"].module.db.aws_db_instance.main', 'infra/modules/app/db/db.tf', 3],
    ['module.vpc.aws_nat_gateway.this[0]', 'infra/main.tf', 10],
    ['module.vpc.module.inner.aws_route.r["x"]', 'infra/main.tf', 10],
    ['module.shared.aws_instance.x', 'infra/main.tf', 14],
    ['aws_instance.web[0]#ingress[0]', 'infra/main.tf', 2],
    ['module.app["a#b"].aws_security_group.app#egress[1]', 'infra/modules/app/main.tf', 1],
  ])('%s -> %s:%i', (address, file, line) => {
    expect(locate(address)).toEqual({ file, line });
  });

  it('finds nothing for an address no block declares, or when no directory matches the workspace', () => {
    expect(locate('aws_instance.gone')).toBeUndefined();
    expect(locate('module.nope.aws_instance.x')).toBeUndefined();
    expect(locate('not an address')).toBeUndefined();
    expect(locate('aws_vpc.main', tree, ['aws_lb.unrelated'])).toBeUndefined();
  });

  it('roots each workspace at the directory that declares most of its names', () => {
    expect(locate('aws_vpc.main', tree, ['aws_vpc.main', 'aws_s3_bucket.logs'])).toEqual({ file: 'other/main.tf', line: 1 });
    // A tie goes to the shallower directory.
    const tie = [{ path: 'b/x/main.tf', text: 'resource "a" "b" {}' }, { path: 'a/main.tf', text: '\nresource "a" "b" {}' }];
    expect(locate('a.b', tie, ['a.b'])).toEqual({ file: 'a/main.tf', line: 2 });
  });

  it('points at the declaration, not at an override file, whatever the order', () => {
    const files = [
      { path: 'a_override.tf', text: 'resource "aws_vpc" "main" {}' },
      { path: 'main.tf', text: '\nresource "aws_vpc" "main" {}' },
    ];
    expect(locate('aws_vpc.main', files, ['aws_vpc.main'])).toEqual({ file: 'main.tf', line: 2 });
  });

  it('ties inline suppressions to the block they sit above or inside, and to everything in a module they sit on', () => {
    const files = [
      {
        path: 'main.tf',
        text: [
          '# weaklink:ignore:r-above reviewed', // 1
          '# a second comment line keeps it attached', // 2
          'resource "a" "above" {}', // 3
          '# weaklink:ignore:r-gap this one is followed by a blank line', // 4
          '', // 5
          'resource "a" "gap" {', // 6
          '  x = 1 # weaklink:ignore:r-inside:exp:2025-03-31 until the migration', // 7
          '}', // 8
          '// weaklink:ignore:r-mod the whole module', // 9
          'module "m" {', // 10
          '  source = "./m"', // 11
          '}', // 12
        ].join('\n'),
      },
      { path: 'm/main.tf', text: 'resource "a" "inner" {\n  // weaklink:ignore:r-inner why\n}' },
    ];
    const locator = locateBlocks(files).workspace(['a.above']);
    const rules = (address: string) => locator.locate(address).suppressions.map((s) => `${s.rule}@${s.file}:${s.line}`);
    expect(rules('a.above')).toEqual(['r-above@main.tf:1']);
    expect(rules('a.gap')).toEqual(['r-inside@main.tf:7']);
    expect(rules('module.m.a.inner')).toEqual(['r-mod@main.tf:9', 'r-inner@m/main.tf:2']);
    expect(locator.locate('a.gap').suppressions[0]).toMatchObject({ expires: '2025-03-31', validExpiry: true, reason: 'until the migration' });
  });
});

describe('parseDirective', () => {
  const parse = (text: string) => parseDirective({ line: 7, text }, 'main.tf');

  it.each([
    [' weaklink:ignore:open-ingress public bastion', { rule: 'open-ingress', reason: 'public bastion', expires: undefined, validExpiry: true }],
    [' weaklink:ignore:spof:exp:2025-03-31 until the migration ', { rule: 'spof', reason: 'until the migration', expires: '2025-03-31', validExpiry: true }],
    [' weaklink:ignore:spof:exp:2025-02-30 bad day', { rule: 'spof', expires: '2025-02-30', validExpiry: false }],
    [' weaklink:ignore:spof', { rule: 'spof', reason: '' }],
  ])('%j', (text, expected) => {
    expect(parse(text)).toMatchObject({ ...expected, file: 'main.tf', line: 7 });
  });

  it('takes only a comment that opens with the directive', () => {
    expect(parse(' see weaklink:ignore:spof for how to suppress')).toBeUndefined();
    expect(parse(' weaklink:tier edge')).toBeUndefined();
  });

  it('knows real calendar dates', () => {
    expect(['2024-02-29', '2025-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2025-02-29', '2025-13-01', '2025-1-01', '20250101', ''].map(isCalendarDate)).toEqual([false, false, false, false, false]);
  });
});
