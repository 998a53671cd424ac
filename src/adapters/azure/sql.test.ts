import { check } from '../../analyze.js';
import { describe, expect, it } from 'vitest';
import { Graph } from '../../graph/graph.js';
import { opensPort, worldOpenings } from '../../graph/exposure.js';
import { azureModel, azurePlan, constant, edgesFrom, entityIn, ref, refAttr, storeIn, type PlanResource } from '../../../test/support/azure-plan.js';
import { corpusFile, modelOfFile, readPlan } from '../../../test/support/plans.js';
import { rangePeers } from './db-firewall.js';

describe('database firewall ranges', () => {
  it('0.0.0.0-255.255.255.255 is the world; 0.0.0.0-0.0.0.0 is Azure services, not the world', () => {
    expect(rangePeers('0.0.0.0', '255.255.255.255')).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(rangePeers('0.0.0.0', '0.0.0.0')).toEqual([{ kind: 'service', name: 'AzureServices' }]);
  });

  it('other ranges are the exact CIDR blocks that cover them', () => {
    expect(rangePeers('10.0.17.62', '10.0.17.62')).toEqual([{ kind: 'cidr', cidr: '10.0.17.62/32' }]);
    expect(rangePeers('10.0.0.0', '10.0.255.255')).toEqual([{ kind: 'cidr', cidr: '10.0.0.0/16' }]);
    expect(rangePeers('192.168.1.10', '192.168.1.20').map((p) => (p.kind === 'cidr' ? p.cidr : p.kind))).toEqual([
      '192.168.1.10/31',
      '192.168.1.12/30',
      '192.168.1.16/30',
      '192.168.1.20/32',
    ]);
    expect(rangePeers('0.0.0.0', '255.255.255.254').every((p) => p.kind === 'cidr')).toBe(true);
    expect(rangePeers('bad', '1.2.3.4')).toEqual([{ kind: 'unknown' }]);
  });
});

describe('azurerm_sql_server and azurerm_sql_firewall_rule (regula corpus, Terraform 0.13)', () => {
  const m = modelOfFile(corpusFile('regula/azure-sql-server-firewall-rules-tf0.13.5.json'));
  const g = new Graph(m);
  const server = storeIn(m, 'azurerm_sql_server.example');

  it('the server is the data store, public by default, behind its firewall `<server>#firewall`', () => {
    expect(server).toMatchObject({ category: 'relational', engine: 'sqlserver', ports: [1433], publiclyAccessible: { state: 'default', value: true } });
    expect(edgesFrom(m, server.id, 'protected-by')).toEqual(['azurerm_sql_server.example#firewall via firewall']);
    expect(entityIn(m, 'azurerm_sql_server.example#firewall', 'firewall-policy').evaluation).toBe('allow-union');
    // No database in the plan: nothing to say about zones, nor about how many nodes serve.
    expect(server.placement.zoneRedundant).toEqual({ state: 'unknown' });
    expect(server.replicas).toEqual({ state: 'unknown' });
    // The fix names where zone redundancy is set: on the databases (or their pool), not on the logical server.
    expect(server.redundancyKnob?.value).toContain('on every database of the server (`azurerm_mssql_database`');
  });

  it('the pieces that add up to the world are data-reachable\'s alone: no segmentation finding calls them broad ranges', () => {
    const findings = check(m, 'plan.json');
    // The one segmentation finding is the 0.0.0.0-0.0.0.0 rule (allow Azure services), and it names no piece.
    const segmentation = findings.filter((f) => f.rule === 'segmentation');
    expect(segmentation.map((f) => f.resources)).toEqual([['azurerm_sql_server.example', 'azurerm_sql_firewall_rule.invalidrule2']]);
    expect(segmentation[0]!.message).toContain('from every Azure service');
    expect(segmentation[0]!.message).not.toMatch(/invalidrule[134]/);
    // A node count the plan does not show is hedged once, by the shape itself.
    const single = findings.find((f) => f.rule === 'single-az-database');
    expect(single?.message).toContain('serves from a number of nodes this plan does not show');
    expect(single?.message).not.toContain('The plan does not know this for sure yet');
  });

  it('every rule joins the server firewall by server_name; the 0.0.0.0-255.255.255.255 rule opens 1433 to the world, and so do 0.0.0.0-10.0.17.62 and 10.0.17.62-255.255.255.255 together', () => {
    const rules = [...m.entities.values()].filter((e) => e.kind === 'firewall-rule');
    expect(rules.map((r) => (r.kind === 'firewall-rule' ? r.policy : '')).every((p) => p === 'azurerm_sql_server.example#firewall')).toBe(true);
    expect(entityIn(m, 'azurerm_sql_firewall_rule.invalidrule3', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(entityIn(m, 'azurerm_sql_firewall_rule.invalidrule2', 'firewall-rule').peers).toEqual([{ kind: 'service', name: 'AzureServices' }]);
    const open = worldOpenings(g, server);
    expect(open.map((o) => [o.protocol, o.ports.from, o.ports.to])).toEqual([['tcp', 1433, 1433]]);
    expect(open[0]!.rules.map((r) => r.id)).toEqual(['azurerm_sql_firewall_rule.invalidrule3', 'azurerm_sql_firewall_rule.invalidrule1', 'azurerm_sql_firewall_rule.invalidrule4']);
  });

  it('the two rules that hold the world only together are one data-reachable finding, naming both', () => {
    const found = check(m, 'plan.json').filter((f) => f.rule === 'data-reachable').map((f) => [f.resources[0], f.message.slice(0, 140)]);
    expect(found).toEqual([
      ['azurerm_sql_firewall_rule.invalidrule1', 'azurerm_sql_firewall_rule.invalidrule1, together with azurerm_sql_firewall_rule.invalidrule4 (their ranges joined hold every address), admit'],
      ['azurerm_sql_firewall_rule.invalidrule3', 'azurerm_sql_firewall_rule.invalidrule3 admits the internet on 1433 to azurerm_sql_server.example itself: the data answers the internet direc'],
    ]);
  });

  it('no administrator password reaches the model', () => {
    expect(JSON.stringify(readPlan(corpusFile('regula/azure-sql-server-firewall-rules-tf0.13.5.json')))).not.toContain('4-v3ry-53cr37-p455w0rd');
    expect(JSON.stringify([...m.entities.values()])).not.toContain('4-v3ry-53cr37-p455w0rd');
  });
});

const server = (address: string, over: Record<string, unknown> = {}, expressions: Record<string, unknown> = {}): PlanResource => ({
  address,
  values: { location: 'westeurope', name: address.split('.').pop(), resource_group_name: 'rg-data', version: '12.0', administrator_login: 'sqladmin', administrator_login_password: 'canary-Pa55word!', public_network_access_enabled: true, ...over },
  unknown: { fully_qualified_domain_name: true, id: true },
  sensitive: { administrator_login_password: true },
  expressions: { administrator_login_password: constant('canary-Pa55word!'), ...expressions },
});
const database = (address: string, serverAddress: string, zoneRedundant: boolean | undefined, sku = 'GP_Gen5_2'): PlanResource => ({
  address,
  values: { name: address.split('.').pop(), sku_name: sku, ...(zoneRedundant === undefined ? {} : { zone_redundant: zoneRedundant }) },
  unknown: { id: true, server_id: true, ...(zoneRedundant === undefined ? { zone_redundant: true } : {}) },
  expressions: { server_id: ref(serverAddress), sku_name: constant(sku), ...(zoneRedundant === undefined ? {} : { zone_redundant: constant(zoneRedundant) }) },
});
const rule = (address: string, serverAddress: string, start: string, end: string): PlanResource => ({
  address,
  values: { name: address.split('.').pop(), start_ip_address: start, end_ip_address: end },
  unknown: { id: true, server_id: true },
  expressions: { server_id: ref(serverAddress), start_ip_address: constant(start), end_ip_address: constant(end) },
});

describe('azurerm_mssql_server with databases', () => {
  const m = azureModel(
    azurePlan([
      server('azurerm_mssql_server.redundant'),
      database('azurerm_mssql_database.a', 'azurerm_mssql_server.redundant', true, 'BC_Gen5_2'),
      database('azurerm_mssql_database.b', 'azurerm_mssql_server.redundant', true),
      server('azurerm_mssql_server.mixed', { public_network_access_enabled: false }, { public_network_access_enabled: constant(false) }),
      database('azurerm_mssql_database.c', 'azurerm_mssql_server.mixed', true),
      database('azurerm_mssql_database.d', 'azurerm_mssql_server.mixed', undefined),
      rule('azurerm_mssql_firewall_rule.world', 'azurerm_mssql_server.mixed', '0.0.0.0', '255.255.255.255'),
      rule('azurerm_mssql_firewall_rule.azure', 'azurerm_mssql_server.redundant', '0.0.0.0', '0.0.0.0'),
    ]),
  );
  const g = new Graph(m);

  it('databases fold into their server: one data store per server, zone-redundant when every database is', () => {
    const s = storeIn(m, 'azurerm_mssql_server.redundant');
    expect(s.source).toEqual(['azurerm_mssql_server.redundant', 'azurerm_mssql_database.a', 'azurerm_mssql_database.b']);
    expect(s.placement.zoneRedundant).toEqual({ state: 'set', value: true });
    expect(s.replicas).toEqual({ state: 'set', value: 2 });
    expect(s.redundancyKnob).toEqual({ attribute: 'zone_redundant', value: 'true on every database of the server (`azurerm_mssql_database`, or the `azurerm_mssql_elasticpool` it sits in)' });
    expect(m.entities.has('azurerm_mssql_database.a')).toBe(false);
  });

  it('one database left at the default (false) makes the server not zone-redundant', () => {
    expect(storeIn(m, 'azurerm_mssql_server.mixed').placement.zoneRedundant).toEqual({ state: 'default', value: false });
  });

  it('Azure services (0.0.0.0-0.0.0.0) is not the world: quiet', () => {
    expect(worldOpenings(g, g.get('azurerm_mssql_server.redundant')!)).toEqual([]);
  });

  it('public network access off: a world rule admits nothing', () => {
    const s = storeIn(m, 'azurerm_mssql_server.mixed');
    expect(s.publiclyAccessible).toEqual({ state: 'set', value: false });
    expect(entityIn(m, 'azurerm_mssql_firewall_rule.world', 'firewall-rule').peers).toEqual([{ kind: 'world', family: 'ipv4' }]);
    expect(opensPort(worldOpenings(g, s), 1433)).toBe(false);
  });

  it('a database whose server is not in the plan stands on its own', () => {
    const alone = azureModel(azurePlan([{ ...database('azurerm_mssql_database.x', 'azurerm_mssql_server.gone', false), expressions: { server_id: refAttr('data.azurerm_mssql_server.gone', 'id'), zone_redundant: constant(false) } }]));
    expect(storeIn(alone, 'azurerm_mssql_database.x').placement.zoneRedundant).toEqual({ state: 'set', value: false });
  });

  it('no password in the model', () => {
    expect(JSON.stringify([...m.entities.values()])).not.toContain('canary-Pa55word');
  });
});
