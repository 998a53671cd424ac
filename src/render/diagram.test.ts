// @vitest-environment jsdom
/**
 * Every diagram goes through Mermaid's own parser. Mermaid's `parse` sanitises with DOMPurify, which needs a DOM:
 * vitest's jsdom environment gives it one (measured: about 2 s to load jsdom and mermaid once, then a few ms per
 * diagram; `@mermaid-js/parser` alone does not parse flowcharts, which Mermaid still parses with its own grammar).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, check } from '../analyze.js';
import { Graph } from '../graph/index.js';
import { known, type Entity } from '../model/index.js';
import { readDocument } from '../terraform/index.js';
import { datastore, edge, host, loadBalancer, model, targetPool } from '../../test/support/builders.js';
import { jumpHost, privateSubnets, service, threeTier } from '../../test/support/services.js';
import { diagramOf, diagramOfReport, mermaidText } from './diagram.js';

type Mermaid = { parse(text: string): Promise<unknown>; initialize(config: object): void };
let mermaid: Mermaid;

beforeAll(async () => {
  const loaded: { default: Mermaid } = await import('mermaid');
  mermaid = loaded.default;
  mermaid.initialize({ startOnLoad: false });
});

const parses = async (text: string): Promise<void> => {
  await expect(mermaid.parse(text), text).resolves.toBeTruthy();
};

const HOSTILE = 'evil"] --> x["pwn <script>alert(1)</script> #1 @admin https://x.example `code` [x] {y} (z) |p| ; %% end\nsubgraph';

describe('mermaidText', () => {
  it('keeps addresses readable and turns everything else into entities', () => {
    expect(mermaidText('aws_instance.web[0]')).toBe('aws_instance.web#91;0#93;');
    expect(mermaidText('a"b<c>#d@e\nf')).toBe('a#34;b#60;c#62;#35;d#64;e f');
  });

  it('leaves no character that could end a label, open a tag, link or mention', () => {
    const text = mermaidText(HOSTILE, 500);
    expect(text).not.toMatch(/["<>\n`@[\]{}()|%]|:\/\//);
    expect(text.replace(/#\d+;/g, '')).toMatch(/^[A-Za-z0-9 _.,/=+*·×…-]*$/u);
  });

  it('cuts long text', () => {
    expect([...mermaidText('x'.repeat(200))].length).toBe(90);
  });
});

describe('diagramOf', () => {
  it('draws the tiers as subgraphs with copies and zones, and the cut point in red', async () => {
    const m = service(threeTier({ db: 'single' }));
    const text = diagramOf(new Graph(m), check(m, 'plan.json'));
    await parses(text);
    expect(text).toContain('subgraph lane_edge["Edge"]');
    expect(text).toContain('aws_autoscaling_group.web · 2× · us-east-1a, us-east-1b');
    expect(text).toMatch(/n\d+\[\("aws_db_instance\.main · 1× · us-east-1a"\)\]/);
    const db = /(n\d+)\[\("aws_db_instance\.main/.exec(text)![1]!;
    expect(text).toMatch(new RegExp(`class [n0-9,]*\\b${db}\\b[n0-9,]* weak`));
  });

  it('draws the path of a reachability finding in red, link by link', async () => {
    const m = jumpHost({ dbAdmitsJump: true });
    const text = diagramOf(new Graph(m), check(m, 'plan.json'));
    await parses(text);
    const lines = text.split('\n').filter((l) => /\s(-->|-\.->)\s/.test(l));
    const id = (label: string): string => new RegExp(`(n\\d+)\\[\\(?"${label.replaceAll('.', '\\.')}`).exec(text)![1]!;
    const internet = /(n\d+)\(\("internet"\)\)/.exec(text)![1]!;
    const red = /linkStyle ([\d,]+) stroke:#d00/.exec(text)![1]!.split(',').map(Number);
    expect(red.map((i) => lines[i]!.trim()).sort()).toEqual([`${internet} --> ${id('aws_instance.jump')}`, `${id('aws_instance.jump')} --> ${id('aws_db_instance.main')}`].sort());
  });

  it('draws egress through a NAT gateway dotted, back to the internet', async () => {
    const m = service(privateSubnets('one'));
    const text = diagramOf(new Graph(m), check(m, 'plan.json'));
    await parses(text);
    expect(text).toContain('subgraph lane_gateway["Gateways"]');
    expect(text).toMatch(/n\d+ -\.-> n\d+/);
  });

  it('names from the plan cannot break or inject: every label parses and holds no raw markup', async () => {
    const evil = (id: string): string => `${id}["${HOSTILE}"]`;
    const lb = loadBalancer(evil('aws_lb.web'), ['us-east-1/us-east-1a']);
    const pool = targetPool('aws_lb_target_group.web');
    const vm = host(evil('aws_instance.web'), ['us-east-1/us-east-1a"] --> z'], { publicIp: known(true) });
    const db = datastore(evil('aws_db_instance.main'), { replicas: known(1) });
    const entities: Entity[] = [lb, pool, vm, db];
    const m = model(entities, [edge(lb.id, 'forwards-to', pool.id), edge(pool.id, 'targets', vm.id), edge(vm.id, 'depends-on', db.id)]);
    const text = diagramOf(new Graph(m), check(m, 'plan.json'));
    await parses(text);
    const labels = [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    expect(labels.join(' ')).toContain('aws_db_instance.main#91;#34;evil#34;#93;');
    for (const l of labels) expect(l).not.toMatch(/[<>@`[\]]|:\/\//);
    expect(text).not.toContain('<script');
    expect(text.split('\n').filter((l) => l.trim() === 'end').length).toBe(text.split('\n').filter((l) => l.trim().startsWith('subgraph ')).length);
  });

  it('collapses a graph of more than 40 nodes to its tiers', async () => {
    const base = threeTier();
    const more: Entity[] = [];
    const edges = [];
    for (let i = 0; i < 45; i++) {
      more.push(host(`aws_instance.worker_${i}`, ['us-east-1/us-east-1a']), targetPool(`aws_lb_target_group.w${i}`));
      edges.push(edge('aws_lb.web', 'forwards-to', `aws_lb_target_group.w${i}`), edge(`aws_lb_target_group.w${i}`, 'targets', `aws_instance.worker_${i}`));
    }
    const m = service(base, { entities: more, edges });
    const text = diagramOf(new Graph(m), check(m, 'plan.json'));
    await parses(text);
    expect(text).toContain('t_app["Application · 46 roles · 47 copies');
    expect(text).toContain('t_edge --> t_app');
    expect(text).not.toContain('aws_instance.worker_');
    expect(text.split('\n').length).toBeLessThan(20);
  });
});

describe('diagramOfReport', () => {
  const fixture = (name: string) => readDocument(`fixtures/${name}/plan.json`, readFileSync(`fixtures/${name}/plan.json`));

  it('draws the demo plan, which parses, with the bastion path to the database in red', async () => {
    const text = diagramOfReport(analyze([fixture('demo')]))!;
    await parses(text);
    expect(text).toContain('aws_instance.bastion');
    expect(text).toMatch(/linkStyle [\d,]+ stroke:#d00/);
  });

  it('draws several inputs side by side, each in its own subgraph, with distinct ids', async () => {
    const text = diagramOfReport(analyze([fixture('demo'), fixture('aws/well-built')]))!;
    await parses(text);
    expect(text).toContain('subgraph input0["fixtures/demo/plan.json"]');
    expect(text).toContain('subgraph input1["fixtures/aws/well-built/plan.json"]');
    expect(text).toMatch(/i0_n\d+/);
    expect(text).toMatch(/i1_n\d+/);
  });

  it('is undefined when there is nothing to draw', () => {
    expect(diagramOfReport(analyze([]))).toBeUndefined();
  });

  it('every fixture\'s diagram parses', async () => {
    for (const name of ['demo', 'aws/well-built', 'aws/single-server', 'aws/nat-vpn', 'aws/open-ingress-variants', 'aws/aurora-one-instance']) {
      const text = diagramOfReport(analyze([fixture(name)]));
      if (text) await parses(text);
    }
  });
});
