/*
 * How fast can .tf sources be located? Generates a deterministic tree of 2,000 .tf files (root + local modules,
 * count/for_each, heredoc policies, templates, comments) and times weaklink's block scanner and index over it.
 * When BENCH_ALT_MODULES names a node_modules folder holding `web-tree-sitter` + `@tree-sitter-grammars/tree-sitter-hcl`
 * and/or `hcl2-parser`, those are timed over the same texts (they are not dependencies of weaklink).
 *
 *   npx tsx bench/source.ts                 # scanner only
 *   BENCH_ALT_MODULES=/tmp/alt/node_modules npx tsx bench/source.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { readSources } from '../src/cli/sources.js';
import { locateBlocks, scanHcl, type SourceFile } from '../src/source/index.js';

const FILES = Number(process.env.BENCH_FILES ?? 2000);

function resourceBlock(i: number): string {
  const kind = i % 4;
  if (kind === 0) {
    return `# The web tier, ${i}: a comment that says resource "aws_instance" "nope" {
resource "aws_instance" "web_${i}" {
  count         = var.web_count
  ami           = data.aws_ami.ubuntu.id
  instance_type = "t3.\${var.size}"
  subnet_id     = element(var.subnet_ids, count.index)
  user_data     = <<-EOF
    #!/bin/bash
    echo "resource { not a block }" > /etc/motd
    systemctl start app-${i}
  EOF
  tags = {
    Name = "web-\${count.index}-{${i}}"
    Tier = "app"
  }
}
`;
  }
  if (kind === 1) {
    return `resource "aws_security_group" "sg_${i}" {
  name        = "sg-${i}"
  description = "Allow { and } in strings"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"] // internal only
    }
  }
  /* egress {
       resource "x" "y" {}
  } */
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
  }
  if (kind === 2) {
    return `data "aws_iam_policy_document" "doc_${i}" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*", "arn:aws:s3:::x-%{if var.env == "prod"}p%{else}d%{endif}"]
  }
}

resource "aws_iam_policy" "policy_${i}" {
  name   = "policy-${i}"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]
}
POLICY
}
`;
  }
  return `resource "aws_db_instance" "db_${i}" {
  for_each          = toset(["a", "b"])
  identifier        = "db-\${each.key}"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  multi_az          = false # weaklink:ignore:single-az-database dev only
  password          = var.db_password
  lifecycle {
    ignore_changes = [password]
  }
}
`;
}

function fileText(f: number): string {
  const parts = [`locals {\n  name = "stack-${f}"\n  map  = { a = 1, b = "}" }\n}\n`];
  for (let b = 0; b < 12; b++) parts.push(resourceBlock(f * 12 + b));
  if (f % 10 === 0) parts.push(`module "app_${f}" {\n  source = "./modules/app_${f}"\n  name   = local.name\n}\n`);
  return parts.join('\n');
}

const files: SourceFile[] = [];
for (let f = 0; f < FILES; f++) {
  const dir = f % 10 === 0 ? '' : `modules/app_${f - (f % 10)}/`;
  files.push({ path: `${dir}file_${f}.tf`, text: fileText(f) });
}
const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
const bytes = files.reduce((n, f) => n + f.text.length, 0);

function time(label: string, run: () => unknown, repeat = 5): number {
  run(); // warm up
  const samples: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(34)} ${median.toFixed(1).padStart(8)} ms   ${((median / lines) * 1000).toFixed(2).padStart(7)} ms/1000 lines`);
  return median;
}

console.log(`${FILES} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB (node ${process.version})`);
time('weaklink scanHcl', () => files.forEach((f) => scanHcl(f.text)));
time('weaklink locateBlocks + locate', () => {
  const index = locateBlocks(files);
  const locator = index.workspace(['aws_instance.web_0', 'module.app_0']);
  locator.locate('module.app_0.aws_instance.web_13[0]');
});

// What the CLI does for --source-dir: walk the folder, read every file, index, locate.
const disk = mkdtempSync(join(tmpdir(), 'weaklink-bench-source-'));
for (const f of files) {
  mkdirSync(join(disk, dirname(f.path)), { recursive: true });
  writeFileSync(join(disk, f.path), f.text);
}
time('read from disk + locateBlocks', () => locateBlocks(readSources(disk)).workspace(['aws_instance.web_0']).locate('aws_instance.web_0'));
rmSync(disk, { recursive: true, force: true });

const alt = process.env.BENCH_ALT_MODULES;
if (!alt) {
  console.log('tree-sitter, hcl2-parser: skipped (set BENCH_ALT_MODULES to a node_modules folder that has them)');
} else {
  const require = createRequire(join(alt, 'x.js'));
  await treeSitter(require).catch((e: unknown) => console.log(`tree-sitter: skipped (${String(e)})`));
  await hcl2(require).catch((e: unknown) => console.log(`hcl2-parser: skipped (${String(e)})`));
}

/** The little of web-tree-sitter's API used here (it is not a dependency, so its types are not at hand). */
interface TsNode {
  readonly type: string;
  readonly text: string;
  readonly startPosition: { readonly row: number };
  readonly firstNamedChild: TsNode | null;
  readonly namedChildren: readonly (TsNode | null)[];
}
interface TreeSitter {
  Parser: { init(): Promise<void>; new (): { setLanguage(l: unknown): void; parse(text: string): { rootNode: TsNode; delete(): void } | null } };
  Language: { load(path: string): Promise<unknown> };
}

async function treeSitter(require: NodeJS.Require): Promise<void> {
  const t0 = performance.now();
  const mod = (await import(pathToFileURL(require.resolve('web-tree-sitter')).href)) as TreeSitter;
  await mod.Parser.init();
  const language = await mod.Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
  const parser = new mod.Parser();
  parser.setLanguage(language);
  console.log(`${'tree-sitter load (WASM)'.padEnd(34)} ${(performance.now() - t0).toFixed(1).padStart(8)} ms`);
  time('tree-sitter parse + top-level walk', () => {
    for (const f of files) {
      const tree = parser.parse(f.text)!;
      const body = tree.rootNode.firstNamedChild;
      for (const node of body?.namedChildren ?? []) if (node?.type === 'block') void node.startPosition.row;
      tree.delete();
    }
  });
  // The two readers must agree on every block line, or the speed is worth nothing.
  let blocks = 0;
  const disagree: string[] = [];
  for (const f of files) {
    const tree = parser.parse(f.text)!;
    const theirs = (tree.rootNode.firstNamedChild?.namedChildren ?? [])
      .filter((node) => node?.type === 'block' && ['resource', 'data', 'module'].includes(node.firstNamedChild?.text ?? ''))
      .map((node) => node!.startPosition.row + 1);
    tree.delete();
    const ours = scanHcl(f.text).blocks.map((b) => b.line);
    blocks += ours.length;
    if (ours.join() !== theirs.join()) disagree.push(f.path);
  }
  console.log(`tree-sitter vs scanner: ${blocks} blocks, ${disagree.length} files disagree${disagree.length ? ` (${disagree.slice(0, 3).join(', ')})` : ''}`);
}

async function hcl2(require: NodeJS.Require): Promise<void> {
  const t0 = performance.now();
  const mod = require('hcl2-parser') as { parseToObject(text: string): unknown };
  console.log(`${'hcl2-parser load'.padEnd(34)} ${(performance.now() - t0).toFixed(1).padStart(8)} ms`);
  // hcl2-parser is slow enough that one pass over a tenth of the tree tells the story.
  const sample = files.slice(0, Math.ceil(files.length / 10));
  const sampleLines = sample.reduce((n, f) => n + f.text.split('\n').length, 0);
  const t1 = performance.now();
  for (const f of sample) mod.parseToObject(f.text);
  const ms = performance.now() - t1;
  console.log(`${'hcl2-parser parse (no positions)'.padEnd(34)} ${((ms * lines) / sampleLines).toFixed(1).padStart(8)} ms   ${((ms / sampleLines) * 1000).toFixed(2).padStart(7)} ms/1000 lines (extrapolated from ${sample.length} files)`);
}
