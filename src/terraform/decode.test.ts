import { describe, expect, it } from 'vitest';
import { decodeJson } from './decode.js';
import { InputError } from './errors.js';

const bytes = (s: string) => new TextEncoder().encode(s);

function problem(input: Uint8Array): string {
  try {
    decodeJson('plan.json', input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('decodeJson', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeJson('f', bytes('{"a":1}'))).toEqual({ a: 1 });
    expect(decodeJson('f', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":1}')]))).toEqual({ a: 1 });
  });

  it('reads UTF-16 LE and BE with BOM, as PowerShell writes', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"é":"ü"}', 'utf16le')]);
    expect(decodeJson('f', le)).toEqual({ é: 'ü' });
    const be = Buffer.from(Buffer.from('{"a":2}', 'utf16le')).swap16();
    expect(decodeJson('f', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ a: 2 });
  });

  it.each([
    ['an empty file', new Uint8Array(), 'the file is empty'],
    ['white space only', bytes('  \n\t'), 'only white space'],
    ['a binary plan (zip)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'binary plan file'],
    ['terraform plan text', bytes('\nTerraform used the selected providers to generate the following execution plan.\n  + resource "aws_instance" "a" {'), '`terraform plan` text output'],
    ['coloured plan text', bytes('\x1b[1mRefreshing state...\x1b[0m'), '`terraform plan` text output'],
    ['some other binary', new Uint8Array([1, 2, 0, 4, 5]), 'binary file'],
    ['YAML', bytes('plan: yes\n'), 'not JSON'],
    ['a misspelt literal', bytes('nul'), 'not JSON'],
  ])('rejects %s with one clear line', (_, input, expected) => {
    const message = problem(input);
    expect(message).toContain(expected);
    expect(message).toContain('terraform show -json');
    expect(message).not.toContain('\n');
  });

  it.each([
    ['null', null],
    ['42', 42],
    ['"x"', 'x'],
    ['true', true],
    [' false\n', false],
  ])('returns valid JSON that is no object (%j) for the loader to name, not "this is not JSON"', (text, value) => {
    expect(decodeJson('plan.json', bytes(text))).toEqual(value);
  });

  it('says where truncated JSON ends', () => {
    expect(problem(bytes('{"format_version":"1.2","planned_values":{'))).toMatch(/ends early|line 1, column/);
  });

  it('gives line and column of a syntax error', () => {
    expect(problem(bytes('{\n  "a": 1,\n  "b": nope\n}'))).toMatch(/invalid JSON at line 3, column \d+/);
  });
});

describe('syntax error positions', () => {
  it.each([
    ['{"a":1,}', 'line 1, column 8'],
    ['[1,2 3]', 'line 1, column 6'],
    ['{"a" 1}', 'line 1, column 6'],
    ['{"a":1}}', 'line 1, column 8'],
    ['{"a":tru}', 'line 1, column 6'],
  ])('%s -> %s', (text, where) => {
    expect(problem(bytes(text))).toContain(where);
  });

  it.each(['{"a":', '{"a":"x', '[[[', '{"a":[1,2'])('%s ends early', (text) => {
    expect(problem(bytes(text))).toContain('ends early');
  });
});

describe('plans larger than one V8 string', () => {
  it('says so and names the limit instead of crashing', () => {
    const huge = new Uint8Array(0x1fffffe8 + 16);
    huge.fill(0x20);
    huge[0] = 0x7b;
    const message = problem(huge);
    expect(message).toMatch(/more than Node can hold as one string \(511 MiB of text\)/);
  });
});
