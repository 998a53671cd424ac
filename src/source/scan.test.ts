import { describe, expect, it } from 'vitest';
import { scanHcl } from './scan.js';

const heads = (text: string) => scanHcl(text).blocks.map((b) => `${b.line}-${b.endLine} ${b.kind} ${b.labels.join(' ')}`);

describe('scanHcl', () => {
  it('finds resource, data and module blocks with their first and last lines', () => {
    const text = ['resource "aws_vpc" "main" {', '  cidr_block = "10.0.0.0/16"', '}', '', 'data "aws_ami" "ubuntu" {}', 'module "net" {', '  source = "./net"', '}'].join('\n');
    expect(heads(text)).toEqual(['1-3 resource aws_vpc main', '5-5 data aws_ami ubuntu', '6-8 module net']);
    expect(scanHcl(text).blocks[2]!.source).toBe('./net');
  });

  it('skips other top-level blocks and nested blocks', () => {
    const text = ['terraform {', '  required_providers {}', '}', 'locals { a = { b = 1 } }', 'variable "x" {}', 'resource "a" "b" {', '  lifecycle {', '    ignore_changes = [tags]', '  }', '}'].join('\n');
    expect(heads(text)).toEqual(['6-10 resource a b']);
  });

  it.each([
    ['#', '# resource "aws_instance" "no" {'],
    ['//', '// resource "aws_instance" "no" {'],
    ['/* */ over lines', '/*\nresource "aws_instance" "no" {\n*/'],
    ['/* */ on one line', '/* resource "aws_instance" "no" { */'],
  ])('ignores the word resource in a %s comment', (_, comment) => {
    const text = `${comment}\nresource "aws_instance" "yes" {\n}\n`;
    const lines = comment.split('\n').length;
    expect(heads(text)).toEqual([`${lines + 1}-${lines + 2} resource aws_instance yes`]);
  });

  it.each([
    ['<<EOF', 'EOF'],
    ['<<-EOT', '  EOT'],
    ['<<EOF with an indented marker', '    EOF'],
  ])('ignores blocks and braces inside a heredoc (%s)', (open, close) => {
    const marker = open.split(' ')[0]!;
    const text = [
      'resource "aws_iam_policy" "p" {',
      `  policy = ${marker}`,
      '{ "Statement": [ { "Effect": "Allow" } ] }',
      'resource "aws_instance" "in_heredoc" { "an unclosed quote and brace',
      close,
      '}',
      'resource "aws_instance" "after" {}',
    ].join('\n');
    expect(heads(text)).toEqual(['1-6 resource aws_iam_policy p', '7-7 resource aws_instance after']);
  });

  it('does not end a heredoc at a line that only starts with the marker', () => {
    const text = ['resource "a" "b" {', '  x = <<EOF', 'EOFX {', 'EOF', '}', 'resource "a" "c" {}'].join('\n');
    expect(heads(text)).toEqual(['1-5 resource a b', '6-6 resource a c']);
  });

  it('reads braces inside strings and templates as text', () => {
    const text = [
      'resource "a" "b" {',
      '  name = "x-{" // }',
      '  tpl  = "${merge({ a = "}" }, { b = "{" })}-%{ if true }y%{ endif }"',
      '  esc  = "$${literal} %%{literal} \\"quoted { \\""',
      '  multi = "${join(",", [',
      '    "}",',
      '  ])}"',
      '}',
      'resource "a" "c" {}',
    ].join('\n');
    expect(heads(text)).toEqual(['1-8 resource a b', '9-9 resource a c']);
  });

  it('takes identifiers as labels, and CRLF, tabs and a BOM in its stride', () => {
    const text = '\ufeffresource\taws_vpc main {\r\n  cidr_block = "10.0.0.0/16"\r\n}\r\nresource "a" "b" {}\r\n';
    expect(heads(text)).toEqual(['1-3 resource aws_vpc main', '4-4 resource a b']);
  });

  it('keeps the blocks before an unterminated string or brace and never throws', () => {
    expect(heads('resource "a" "b" {}\nresource "a" "c" {\n  x = "open\n}\nresource "a" "d" {}')).toEqual([
      '1-1 resource a b',
      '2-4 resource a c',
      '5-5 resource a d',
    ]);
    expect(heads('resource "a" "b" {\n  x = 1\n')).toEqual(['1-3 resource a b']);
    expect(() => scanHcl('"${')).not.toThrow();
    expect(() => scanHcl('x = <<EOF\nno end')).not.toThrow();
  });

  it('reads a module source only when it is a plain literal', () => {
    const blocks = scanHcl('module "a" {\n  source = "../m"\n}\nmodule "b" {\n  source = "${var.x}"\n}\nmodule "c" {\n  not_source = "./x"\n}').blocks;
    expect(blocks.map((b) => b.source)).toEqual(['../m', undefined, undefined]);
  });

  it('collects weaklink comments and the lines that hold only a comment', () => {
    const scanned = scanHcl('# weaklink:ignore:r1 why\nresource "a" "b" { # weaklink:ignore:r2 inside\n  // weaklink:ignore:r3 also\n  x = "# weaklink:ignore:r4 in a string"\n}');
    expect(scanned.directives).toEqual([
      { line: 1, text: ' weaklink:ignore:r1 why' },
      { line: 2, text: ' weaklink:ignore:r2 inside' },
      { line: 3, text: ' weaklink:ignore:r3 also' },
    ]);
    expect([...scanned.commentLines]).toEqual([1, 3]);
  });
});
