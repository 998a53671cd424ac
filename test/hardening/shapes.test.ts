/**
 * Hostile shapes: very deep and very wide values pass through the loader, every adapter, the rules and the
 * renderers without a stack overflow or a blow-up; `__proto__`/`constructor`/`prototype` keys pollute nothing.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { renderJson, renderMarkdown, renderSarif, renderText } from '../../src/render/index.js';
import { loadDocument } from '../../src/terraform/index.js';

function planOf(resources: Array<{ type: string; name: string; values: Record<string, unknown> }>) {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, values: r.values, sensitive_values: {} })) } },
    resource_changes: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, change: { actions: ['create'], before: null, after: r.values, after_unknown: {} } })),
  };
}

const run = (json: unknown) => {
  const report = analyze([loadDocument('plan.json', json)]);
  for (const render of [renderJson, (r: typeof report) => renderText(r, { color: false }), renderMarkdown, renderSarif]) expect(typeof render(report)).toBe('string');
  return report;
};

describe('hostile shapes', () => {
  it('very wide: 100,000 tags and a rule with 50,000 source ranges', () => {
    const tags = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, `v${i}`]));
    const cidrs = Array.from({ length: 50_000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`).concat(['0.0.0.0/0']);
    const report = run(
      planOf([
        { type: 'aws_security_group', name: 'wide', values: { name: 'wide', tags, ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: cidrs, security_groups: [] }] } },
        { type: 'aws_instance', name: 'web', values: { availability_zone: 'us-east-1a', tags, associate_public_ip_address: true, vpc_security_group_ids: ['sg-wide'] } },
      ]),
    );
    expect(report.findings.some((f) => f.resources[0] === 'aws_security_group.wide')).toBe(true);
  });

  it('very deep: every attribute of every adapter nested 20,000 levels', () => {
    // Built as text and parsed, as a plan arrives: a tree, one branch per level (a shared object would be a DAG).
    const open = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? '[' : '{"ingress":')).join('');
    const close = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? ']' : '}')).reverse().join('');
    const deepText = `${open}{"cidr_blocks":["0.0.0.0/0"]}${close}`;
    const deep = (): unknown => JSON.parse(deepText);
    const types = ['aws_security_group', 'aws_instance', 'aws_db_instance', 'google_compute_firewall', 'google_compute_instance', 'azurerm_network_security_group', 'azurerm_linux_virtual_machine', 'azurerm_postgresql_flexible_server'];
    run(planOf(types.map((type) => ({ type, name: 'deep', values: { ingress: deep(), security_rule: deep(), allow: deep(), network_interface: deep(), settings: deep(), tags: deep(), zones: deep() } }))));
  });

  it('__proto__, constructor and prototype keys in tags and values pollute nothing', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}') as Record<string, unknown>;
    run(planOf([{ type: 'aws_instance', name: 'p', values: { tags: hostile, ...hostile } }, { type: 'azurerm_linux_virtual_machine', name: 'p', values: { tags: hostile, zone: hostile } }]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
