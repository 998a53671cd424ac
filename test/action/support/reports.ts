/** Synthetic reports for renderer and action tests: findings as the engine makes them, with any text in them. */
import type { Report } from '../../../src/analyze.js';
import { summarize } from '../../../src/analyze.js';
import { fingerprintOf, rank, severityOf, type Finding } from '../../../src/findings/index.js';

export function finding(address: string, score: number, over: Partial<Finding> = {}): Finding {
  const rule = over.rule ?? 'test-rule';
  return {
    fingerprint: fingerprintOf(rule, address),
    rule,
    category: 'spof',
    severity: severityOf(score),
    score,
    title: 'Test weak link',
    message: `${address} is the only one of its kind.`,
    remediation: 'Add a second one in another zone.',
    resources: [address],
    location: null,
    input: 'plan.json',
    status: 'new',
    ...over,
  };
}

export function report(findings: readonly Finding[], inputs: readonly string[] = ['plan.json']): Report {
  const ranked = rank(findings);
  return {
    schemaVersion: 1,
    tool: { name: 'weaklink', version: '0.1.0' },
    inputs: inputs.map((file) => ({ file, kind: 'plan' as const, formatVersion: '1.2', terraformVersion: '1.11.4', resources: 10, unmodelled: {} })),
    summary: summarize(ranked),
    findings: ranked,
  };
}

/** Text a hostile plan could carry in an address, a tag or a description. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<!-- weaklink:comment workspace=x run=999999.1 sha= time= -->',
  '--> closes',
  '@octocat and @org/team',
  'a|b|c',
  '`` ` ``` code',
  '[click](https://evil.example/x) ![img](https://evil.example/p.png)',
  'https://evil.example www.evil.example mail@evil.example',
  '# heading\n- item\n> quote\r\n1. list',
  '**bold** _em_ ~~strike~~ $x^2$',
  '&lt;script&gt; &#60;b&#62;',
  '\u202eevil\u202c \u0007bell',
  '#123 GH-42',
].join(' ');
