import { describe, expect, it } from 'vitest';
import { byDefault, known, SENSITIVE_PEER, unknownValue, type Edge, type Entity } from '../model/index.js';
import {
  cidr,
  datastore,
  edge,
  gateway,
  host,
  inlineRule,
  listener as listenerOf,
  loadBalancer,
  model,
  network,
  placement,
  policy,
  replicas,
  routeTable,
  subnet,
  targetPool,
  world,
} from '../../test/support/builders.js';
import { findingsOf, ruleTester } from '../../test/support/rule-tester.js';
import { spof } from './spof.js';

const A = 'us-east-1/us-east-1a';
const B = 'us-east-1/us-east-1b';
const C = 'us-east-1/us-east-1c';

const lb = loadBalancer('aws_lb.web', [A, B]);
const pool = targetPool('aws_lb_target_group.web');
const fronted = [edge(lb.id, 'forwards-to', pool.id)];
const vm = host('aws_instance.web', [A]);
const vmPublic = host('aws_instance.web', [A], { publicIp: known(true) });
const asg = (over: Parameters<typeof host>[2]) => host('aws_autoscaling_group.web', [A, B], { role: 'group', replicas: replicas(2, 6, 2), ...over });

const vpc = network('aws_vpc.main');
const subnets = [A, B, C].map((z, i) => subnet(`aws_subnet.private[${i}]`, z));
const nat = (id: string, zone: string, over: Parameters<typeof gateway>[3] = {}) => gateway(id, 'nat', [zone], over);
const rt = routeTable('aws_route_table.private');

const vpn = gateway('aws_vpn_connection.office', 'vpn', [], { paths: known(1), placement: placement([], known(true)) });
const dx = (id: string, location?: string) =>
  gateway(id, 'interconnect', [], { paths: known(1), placement: placement([], known(true)), ...(location ? { peers: [location] } : {}) });
const serving = (...ids: string[]) => ids.map((id) => edge(id, 'serves', vpc.id));
/** The private subnets of zones A, B and C, each routed through a table of its own to a NAT gateway in the zone given. */
function perZoneNats(natZones: ReadonlyArray<string | undefined>, id = (i: number) => `aws_nat_gateway.main[${i}]`) {
  const tables = subnets.map((_, i) => routeTable(`aws_route_table.private[${i}]`));
  const nats = natZones.map((z, i) => (z ? nat(id(i), z) : gateway(id(i), 'nat', [], { placement: placement(unknownValue<readonly string[]>(), known(false)) })));
  return model([vpc, ...subnets, ...tables, ...nats], subnets.flatMap((s, i) => [edge(s.id, 'in-network', vpc.id), edge(s.id, 'uses-route-table', tables[i]!.id), edge(tables[i]!.id, 'routes-to', nats[i]!.id)]));
}

/**
 * An interface endpoint for ECR in the zones given (the region's, or unknown), serving the VPC whose private subnets
 * (zones A, B, C) each hold an instance, in the zones given to them.
 */
function endpointModel(zones: readonly string[] | ReturnType<typeof unknownValue<readonly string[]>>, workloadZones: readonly string[] = [A, B, C]) {
  const ep = gateway('aws_vpc_endpoint.ecr', 'endpoint', [], {
    placement: Array.isArray(zones) ? placement(zones as readonly string[], known(zones.length >= 2)) : placement(zones as ReturnType<typeof unknownValue<readonly string[]>>, unknownValue()),
    peers: ['com.amazonaws.us-east-1.ecr.api'],
  });
  const inZones = subnets.filter((s) => workloadZones.some((z) => s.id === `aws_subnet.private[${[A, B, C].indexOf(z)}]`));
  const hosts = inZones.map((s) => host(`aws_instance.app[${s.id.slice(-2, -1)}]`, [[A, B, C][Number(s.id.slice(-2, -1))]!]));
  return model(
    [vpc, ...subnets, ep, ...hosts],
    [edge(ep.id, 'serves', vpc.id), ...subnets.map((s) => edge(s.id, 'in-network', vpc.id)), ...hosts.map((h, i) => edge(h.id, 'in-subnet', inZones[i]!.id))],
  );
}

/**
 * A NAT instance per zone, each declared on its own (`nat_0`, `nat_1`, ...) in the zone given, each the next hop of the
 * private subnet of one zone (A, B, C in turn) through that zone's route table, in the network given (vpc by default).
 */
function perZoneAppliances(hostZones: readonly string[], networks: readonly string[] = hostZones.map(() => vpc.id), id = (i: number) => `aws_instance.nat_${i}`): Parameters<typeof model> {
  const entities: Entity[] = [...new Set(networks)].map((id) => network(id));
  const edges: Edge[] = [];
  for (const [i, zone] of hostZones.entries()) {
    const s = subnet(`aws_subnet.private[${i}]`, [A, B, C][i]!);
    const table = routeTable(`aws_route_table.private[${i}]`);
    entities.push(s, table, host(id(i), [zone]));
    edges.push(
      edge(s.id, 'in-network', networks[i]!),
      edge(s.id, 'uses-route-table', table.id),
      { ...edge(table.id, 'routes-to', id(i), 'route.network_interface_id'), detail: '0.0.0.0/0' },
    );
  }
  return [entities, edges];
}

ruleTester(spof, {
  quiet: [
    {
      // `associate_public_ip_address` written as an expression known only after apply, no firewall, nothing in front.
      name: 'a lone instance whose public address the plan knows only after apply',
      model: model([host('aws_instance.web', [A], { publicIp: unknownValue(false) }), host('aws_instance.other', [B])]),
    },
    {
      name: 'two instances of one block (count) behind a pool',
      model: model([lb, pool, host('aws_instance.web[0]', [A]), host('aws_instance.web[1]', [B])], [...fronted, edge(pool.id, 'targets', 'aws_instance.web[0]'), edge(pool.id, 'targets', 'aws_instance.web[1]')]),
    },
    {
      name: 'an instance whose pool has another member',
      model: model([lb, pool, vm, host('aws_instance.api', [B])], [...fronted, edge(pool.id, 'targets', vm.id), edge(pool.id, 'targets', 'aws_instance.api')]),
    },
    { name: 'an instance that is part of a group', model: model([lb, pool, vm, asg({})], [...fronted, edge(pool.id, 'targets', vm.id), edge(vm.id, 'member-of', 'aws_autoscaling_group.web')]) },
    { name: 'a private worker that serves no traffic', model: model([host('aws_instance.worker', [A]), host('aws_instance.other', [B])]) },
    { name: 'a group of 2-6 over two zones behind a pool', model: model([lb, pool, asg({})], [...fronted, edge(pool.id, 'targets', 'aws_autoscaling_group.web')]) },
    { name: 'one NAT gateway per zone', model: perZoneNats([A, B, C]) },
    { name: 'appliances of one count block, one per zone, each carrying its own zone', model: model(...perZoneAppliances([A, B, C], undefined, (i) => `aws_instance.nat[${i}]`)) },
    { name: 'an interface endpoint in every zone its network runs workloads in', model: endpointModel([A, B, C]) },
    { name: 'an interface endpoint in two zones of three: the lost zone\'s interface is not the only one', model: endpointModel([A, B]) },
    { name: 'an interface endpoint in one zone of a network whose workloads all run there', model: endpointModel([A], [A]) },
    { name: 'an interface endpoint whose subnets are known only after apply', model: endpointModel(unknownValue<readonly string[]>()) },
    { name: 'one NAT gateway per zone, declared one by one', model: perZoneNats([A, B, C], (i) => `aws_nat_gateway.${['a', 'b', 'c'][i]}`) },
    { name: 'NAT gateways whose zones are known only after apply', model: perZoneNats([undefined, undefined, undefined]) },
    {
      name: 'a regional (zone-redundant) NAT for every zone',
      model: model([vpc, ...subnets, rt, gateway('aws_nat_gateway.regional', 'nat', [], { placement: placement([], known(true)) })], [
        ...subnets.map((s) => edge(s.id, 'uses-route-table', rt.id)),
        edge(rt.id, 'routes-to', 'aws_nat_gateway.regional'),
      ]),
    },
    { name: 'a Multi-AZ cache with a replica', model: model([datastore('aws_elasticache_replication_group.cache', { category: 'cache', replicas: known(2), placement: placement([A, B], known(true)) })]) },
    { name: 'a regional file system', model: model([datastore('aws_efs_file_system.shared', { category: 'file', replicas: known(2), placement: placement([A, B], known(true)) })]) },
    { name: 'a VPN with two independent paths', model: model([vpc, { ...vpn, paths: known(2) }], [edge(vpn.id, 'serves', vpc.id)]) },
    {
      name: 'two VPN connections to the same network',
      model: model([vpc, vpn, { ...vpn, id: 'aws_vpn_connection.backup', source: ['aws_vpn_connection.backup'] }], [edge(vpn.id, 'serves', vpc.id), edge('aws_vpn_connection.backup', 'serves', vpc.id)]),
    },
    {
      name: 'two VPN connections to the same network, each to its own customer gateway',
      model: model(
        [vpc, { ...vpn, peers: ['aws_customer_gateway.dc1'] }, { ...vpn, id: 'aws_vpn_connection.backup', source: ['aws_vpn_connection.backup'], peers: ['aws_customer_gateway.dc2'] }],
        [edge(vpn.id, 'serves', vpc.id), edge('aws_vpn_connection.backup', 'serves', vpc.id)],
      ),
    },
    {
      name: 'one NAT instance per zone (one block, count): each zone has its own',
      model: model(
        [vpc, ...subnets, ...[0, 1, 2].map((i) => routeTable(`aws_route_table.private[${i}]`)), ...[A, B, C].map((z, i) => host(`aws_instance.nat[${i}]`, [z], { declaredBy: 'aws_instance.nat' }))],
        subnets.flatMap((s, i) => [edge(s.id, 'uses-route-table', `aws_route_table.private[${i}]`), { ...edge(`aws_route_table.private[${i}]`, 'routes-to', `aws_instance.nat[${i}]`, 'route'), detail: '0.0.0.0/0' }]),
      ),
    },
    {
      name: 'a managed firewall whose zones the plan does not say (it may span several)',
      model: model([vpc, ...subnets, rt, gateway('aws_networkfirewall_firewall.egress', 'firewall', [], { placement: placement(unknownValue(), unknownValue()) })], [
        ...subnets.map((s) => edge(s.id, 'uses-route-table', rt.id)),
        edge(rt.id, 'routes-to', 'aws_networkfirewall_firewall.egress'),
      ]),
    },
    {
      name: 'a transit gateway attachment with a subnet in every zone the routed subnets use',
      model: model(
        [vpc, ...subnets, rt, gateway('aws_ec2_transit_gateway.hub', 'transit', [], { placement: placement([], known(true)) }), gateway('aws_ec2_transit_gateway_vpc_attachment.main', 'transit', [A, B, C], { placement: placement([A, B, C], known(true)) })],
        [
          ...subnets.map((s) => edge(s.id, 'uses-route-table', rt.id)),
          ...subnets.map((s) => edge(s.id, 'in-network', vpc.id)),
          edge(rt.id, 'routes-to', 'aws_ec2_transit_gateway.hub'),
          edge('aws_ec2_transit_gateway_vpc_attachment.main', 'serves', vpc.id),
          edge('aws_ec2_transit_gateway_vpc_attachment.main', 'member-of', 'aws_ec2_transit_gateway.hub'),
        ],
      ),
    },
    {
      name: 'a network-only stack in one zone: subnets and a transit gateway attachment are plumbing, not workloads',
      model: model([vpc, subnet('aws_subnet.a', A), gateway('aws_ec2_transit_gateway_vpc_attachment.main', 'transit', [A])], [edge('aws_ec2_transit_gateway_vpc_attachment.main', 'serves', vpc.id)]),
    },
    {
      name: 'Direct Connect connections at two locations',
      model: model([vpc, dx('aws_dx_connection.a', 'EqLD5'), dx('aws_dx_connection.b', 'TCSH')], serving('aws_dx_connection.a', 'aws_dx_connection.b')),
    },
    {
      name: 'one dedicated connection backed up by a VPN to the same network (either is a path)',
      model: model([vpc, dx('aws_dx_connection.a', 'EqLD5'), vpn], serving('aws_dx_connection.a', vpn.id)),
    },
    {
      name: 'a VPN and a dedicated connection whose far ends read alike are still two kinds of path',
      model: model([vpc, dx('aws_dx_connection.a', 'EqLD5'), { ...vpn, peers: ['EqLD5'] }], serving('aws_dx_connection.a', vpn.id)),
    },
    {
      name: 'two dedicated connections whose sites the plan does not say',
      model: model([vpc, dx('aws_dx_connection.a'), dx('aws_dx_connection.b')], serving('aws_dx_connection.a', 'aws_dx_connection.b')),
    },
    {
      name: 'two VPN connections to one device, beside a dedicated connection',
      model: model(
        [vpc, { ...vpn, peers: ['aws_customer_gateway.office'] }, { ...vpn, id: 'aws_vpn_connection.backup', source: ['aws_vpn_connection.backup'], peers: ['aws_customer_gateway.office'] }, dx('aws_dx_connection.a', 'EqLD5')],
        serving(vpn.id, 'aws_vpn_connection.backup', 'aws_dx_connection.a'),
      ),
    },
    {
      name: 'an interconnect with two sites (an ExpressRoute gateway to circuits at two peering locations)',
      model: model([vpc, { ...dx('azurerm_virtual_network_gateway.er'), paths: known(2), peers: ['Amsterdam', 'London'] }], serving('azurerm_virtual_network_gateway.er')),
    },
    {
      name: 'subnets routed to several NAT gateways tell nothing certain',
      model: model([vpc, ...subnets, rt, nat('aws_nat_gateway.a', A), nat('aws_nat_gateway.b', B)], [
        ...subnets.map((s) => edge(s.id, 'uses-route-table', rt.id)),
        edge(rt.id, 'routes-to', 'aws_nat_gateway.a'),
        edge(rt.id, 'routes-to', 'aws_nat_gateway.b'),
      ]),
    },
    {
      name: 'a regional control plane',
      model: model([host('google_container_cluster.main', [], { role: 'cluster', replicas: replicas(3), placement: placement(unknownValue<readonly string[]>(), known(true)), publicIp: known(true) })]),
    },
    {
      name: 'a public bastion admitting only SSH (from an office range): it serves no one',
      model: (() => {
        const sg = policy('aws_security_group.bastion');
        return model([vmPublic, sg, inlineRule(sg.id, 0, [cidr('203.0.113.0/24')], [[22, 22]]), host('aws_instance.other', [B])], [edge(vmPublic.id, 'protected-by', sg.id)]);
      })(),
    },
    {
      name: 'a public host whose group the plan hides whole (a sensitive office range): the stand-in rule says nothing about what it serves',
      model: (() => {
        const sg = policy('aws_security_group.bastion');
        const hidden = { ...inlineRule(sg.id, 0, [SENSITIVE_PEER], [[0, 65535]]), protocol: 'all' as const, hidden: true as const };
        return model([vmPublic, sg, hidden, host('aws_instance.other', [B])], [edge(vmPublic.id, 'protected-by', sg.id)]);
      })(),
    },
    {
      name: 'a public host admitting SSH and MySQL only from ranges in a sensitive variable: what it serves cannot be told, so it is not called serving',
      model: (() => {
        const sg = policy('aws_security_group.bastion');
        return model([vmPublic, sg, inlineRule(sg.id, 0, [SENSITIVE_PEER], [[22, 22]]), inlineRule(sg.id, 1, [SENSITIVE_PEER], [[3306, 3306]]), host('aws_instance.other', [B])], [edge(vmPublic.id, 'protected-by', sg.id)]);
      })(),
    },
    {
      name: 'a jump host open to the world on SSH and RDP only (open-ingress reports the ports)',
      model: (() => {
        const sg = policy('aws_security_group.jump');
        return model([vmPublic, sg, inlineRule(sg.id, 0, [world], [[22, 22]]), inlineRule(sg.id, 1, [world], [[3389, 3389]]), host('aws_instance.other', [B])], [edge(vmPublic.id, 'protected-by', sg.id)]);
      })(),
    },
    { name: 'a single-node database (single-az-database reports it)', model: model([datastore('aws_db_instance.main', { replicas: known(1) }), host('aws_instance.x', [B])]) },
  ],
  fires: [
    {
      name: 'two cache nodes whose zones AWS picks at apply, Multi-AZ off: possible, low',
      model: model([
        datastore('aws_elasticache_replication_group.cache', {
          category: 'cache',
          engine: 'redis',
          replicas: known(2),
          placement: { region: undefined, zones: { state: 'unknown' }, zoneRedundant: byDefault(false) },
          redundancyKnob: { attribute: 'multi_az_enabled', value: 'true' },
        }),
      ]),
      findings: [
        {
          resource: 'aws_elasticache_replication_group.cache',
          severity: 'low',
          message: ['runs 2 nodes whose zones are picked at apply, with `multi_az_enabled` off', 'may share one zone'],
          remediation: ['Set `multi_az_enabled = true`'],
        },
      ],
    },
    {
      name: 'a lone instance behind a load balancer',
      model: model([lb, pool, vm], [...fronted, edge(pool.id, 'targets', vm.id)]),
      findings: [{ resource: vm.id, severity: 'medium', message: ['single instance', `behind ${lb.id}`], path: [lb.id, pool.id, vm.id] }],
    },
    {
      name: 'a lone instance behind a listener names the load balancer that owns it',
      model: (() => {
        const https = listenerOf('aws_lb_listener.https', 443);
        return model([lb, https, pool, vm], [edge(https.id, 'member-of', lb.id), edge(https.id, 'forwards-to', pool.id), edge(pool.id, 'targets', vm.id)]);
      })(),
      findings: [{ resource: vm.id, severity: 'medium', path: [lb.id, pool.id, vm.id], related: [lb.id] }],
    },
    {
      name: 'a zonal control plane',
      model: model([host('google_container_cluster.main', ['europe-west1/europe-west1-b'], { role: 'cluster', publicIp: known(true) })]),
      findings: [
        { resource: 'google_container_cluster.main', severity: 'medium', message: ['control plane in one zone (europe-west1-b)'], remediation: ['Use a regional (zone-redundant) control plane.'] },
      ],
    },
    {
      name: 'a zonal control plane whose adapter names the setting',
      model: model([
        host('google_container_cluster.main', ['europe-west1/europe-west1-b'], { role: 'cluster', publicIp: known(true), scaleKnob: { attribute: 'location', value: '`"europe-west1"`, the region' } }),
      ]),
      findings: [{ resource: 'google_container_cluster.main', severity: 'medium', remediation: ['Fix with `location`: `"europe-west1"`, the region.'] }],
    },
    {
      name: 'a lone instance with a public address and no firewall in the plan: found, ranked lower, and it says what is not shown',
      model: model([vmPublic, host('aws_instance.other', [B])]),
      findings: [{ resource: vm.id, severity: 'medium', scoreBelow: 5.5, message: ['with a public address', 'This plan holds no firewall rules for it, so what its address lets in is not shown.'], notMessage: ['by default'] }],
    },
    {
      name: 'a lone instance whose public address is a default: the message says so',
      model: model([host('aws_instance.web', [A], { publicIp: byDefault(true) }), host('aws_instance.other', [B])]),
      findings: [{ resource: vm.id, severity: 'medium', message: ['(with a public address)', 'It gets that public address by default: its configuration neither asks for one nor turns it off'] }],
    },
    {
      name: "a lone instance that does not say, in a subnet that hands out public addresses: a default, said so",
      model: (() => {
        const pub = subnet('aws_subnet.public', A, { assignsPublicIp: known(true) });
        return model([host('aws_instance.web', [A], { publicIp: byDefault(false) }), pub, host('aws_instance.other', [B])], [edge(vm.id, 'in-subnet', pub.id)]);
      })(),
      findings: [{ resource: vm.id, severity: 'medium', message: ['(with a public address)', 'It gets that public address by default'] }],
    },
    {
      name: 'a group of at most one instance whose public address is a default',
      model: model([asg({ replicas: replicas(1, 1, 1), publicIp: byDefault(true) })]),
      findings: [{ resource: 'aws_autoscaling_group.web', severity: 'medium', message: ['(with a public address) but can never run more than 1 instance', 'It gets that public address by default'] }],
    },
    {
      name: 'a lone public instance whose group admits a service port, from one range',
      model: (() => {
        const sg = policy('aws_security_group.web');
        return model([vmPublic, sg, inlineRule(sg.id, 0, [cidr('203.0.113.0/24')], [[22, 22]]), inlineRule(sg.id, 1, [cidr('198.51.100.0/24')], [[8443, 8443]]), host('aws_instance.other', [B])], [edge(vmPublic.id, 'protected-by', sg.id)]);
      })(),
      findings: [{ resource: vm.id, severity: 'medium', scoreAtLeast: 5.5, message: ['with a public address'], notMessage: ['holds no firewall rules'] }],
    },
    {
      name: 'a lone instance open to the internet',
      model: (() => {
        const sg = policy('aws_security_group.web');
        return model([vm, sg, inlineRule(sg.id, 0, [world], [[443, 443]]), host('aws_instance.other', [B])], [edge(vm.id, 'protected-by', sg.id)]);
      })(),
      findings: [{ resource: vm.id, severity: 'medium', message: ['open to the internet'] }],
    },
    {
      name: 'a group whose maximum is 1',
      model: model([lb, pool, asg({ replicas: replicas(1, 1, 1) })], [...fronted, edge(pool.id, 'targets', 'aws_autoscaling_group.web')]),
      findings: [{ resource: 'aws_autoscaling_group.web', severity: 'medium', message: ['can never run more than 1 instance'] }],
    },
    {
      name: 'a container service of one task: its words are tasks, and its fix the task count',
      model: model([lb, pool, host('aws_ecs_service.web', [A, B], { role: 'container-service', replicas: replicas(1, 1, 1) })], [...fronted, edge(pool.id, 'targets', 'aws_ecs_service.web')]),
      findings: [{ resource: 'aws_ecs_service.web', severity: 'medium', message: ['can never run more than 1 task: when that task or its zone fails', 'until a replacement starts'], remediation: ['Run at least 2 tasks'] }],
    },
    {
      name: 'a group whose instances all run in one zone',
      model: model([lb, pool, asg({ placement: placement([A]) })], [...fronted, edge(pool.id, 'targets', 'aws_autoscaling_group.web')]),
      findings: [{ resource: 'aws_autoscaling_group.web', severity: 'medium', message: ['from one zone (us-east-1a) only'] }],
    },
    {
      name: 'a load balancer in one zone',
      model: model([loadBalancer('aws_elb.web', [A]), pool, asg({})], [edge('aws_elb.web', 'forwards-to', pool.id), edge(pool.id, 'targets', 'aws_autoscaling_group.web')]),
      findings: [{ resource: 'aws_elb.web', severity: 'medium', message: ['one zone (us-east-1a)', 'fronts 1 backend'], path: ['internet', 'aws_elb.web', pool.id, 'aws_autoscaling_group.web'] }],
    },
    {
      name: 'one NAT gateway for private subnets in three zones',
      model: model([vpc, ...subnets, rt, nat('aws_nat_gateway.main', A)], [...subnets.map((s) => edge(s.id, 'uses-route-table', rt.id)), edge(rt.id, 'routes-to', 'aws_nat_gateway.main')]),
      findings: [
        {
          resource: 'aws_nat_gateway.main',
          severity: 'medium',
          message: ['(in us-east-1a) carries the outbound traffic of 3 subnets in zones us-east-1a, us-east-1b and us-east-1c'],
          path: ['aws_subnet.private[1]', rt.id, 'aws_nat_gateway.main'],
        },
      ],
    },
    {
      name: 'subnets without a table of their own follow the network default table to one NAT',
      model: (() => {
        const main = routeTable('aws_default_route_table.main', { isDefault: true });
        return model([vpc, ...subnets, main, nat('aws_nat_gateway.main', A)], [...subnets.map((s) => edge(s.id, 'in-network', vpc.id)), edge(main.id, 'in-network', vpc.id), edge(main.id, 'routes-to', 'aws_nat_gateway.main')]);
      })(),
      findings: [{ resource: 'aws_nat_gateway.main', severity: 'medium', message: ['3 subnets'] }],
    },
    {
      name: 'a zonal NAT for a subnet used in two zones (Azure: subnets span zones)',
      model: (() => {
        const sn = subnet('azurerm_subnet.app', 'unused', { placement: placement([], known(true), 'westeurope') });
        const vms = ['1', '2'].map((z) => host(`azurerm_linux_virtual_machine.app[${z}]`, [`westeurope/${z}`], { cloud: 'azure' }));
        const natgw = gateway('azurerm_nat_gateway.main', 'nat', ['westeurope/1'], { cloud: 'azure' });
        return model([sn, ...vms, natgw], [edge(sn.id, 'routes-to', natgw.id), ...vms.map((v) => edge(v.id, 'in-subnet', sn.id))]);
      })(),
      findings: [{ resource: 'azurerm_nat_gateway.main', severity: 'medium', message: ['westeurope/1 and westeurope/2'] }],
    },
    {
      name: 'a single-node cache',
      model: model([datastore('aws_elasticache_cluster.cache', { category: 'cache', engine: 'redis', replicas: byDefault(1), placement: placement([], byDefault(false)), redundancyKnob: { attribute: 'multi_az_enabled', value: 'true' } })]),
      findings: [{ resource: 'aws_elasticache_cluster.cache', severity: 'medium', message: ['single cache node', 'provider default'], remediation: ['Set `multi_az_enabled = true`'] }],
    },
    {
      name: 'zonal groups, one per zone behind one pool, stand in for each other',
      model: (() => {
        const pool = targetPool('azurerm_lb_backend_address_pool.app');
        const lb = loadBalancer('azurerm_lb.app', ['westeurope/1', 'westeurope/2', 'westeurope/3'], { cloud: 'azure' });
        const sets = ['1', '2', '3'].map((z) => host(`azurerm_linux_virtual_machine_scale_set.app["${z}"]`, [`westeurope/${z}`], { cloud: 'azure', role: 'group', replicas: replicas(2) }));
        return model([lb, pool, ...sets], [edge(lb.id, 'forwards-to', pool.id), ...sets.map((s) => edge(pool.id, 'targets', s.id))]);
      })(),
      findings: [],
    },
    {
      name: 'a single-instance broker',
      model: model([datastore('aws_mq_broker.jobs', { category: 'broker', engine: 'activemq', replicas: byDefault(1), placement: placement([A], byDefault(false)), redundancyKnob: { attribute: 'deployment_mode', value: 'ACTIVE_STANDBY_MULTI_AZ' } })]),
      findings: [{ resource: 'aws_mq_broker.jobs', severity: 'medium', message: ['single message broker', 'messages stop flowing'], remediation: ['Set `deployment_mode = "ACTIVE_STANDBY_MULTI_AZ"`'] }],
    },
    {
      name: 'an active/standby broker across zones stays quiet',
      model: model([datastore('aws_mq_broker.ha', { category: 'broker', engine: 'activemq', replicas: known(2), placement: placement([A, B], known(true)) })]),
      findings: [],
    },
    {
      name: 'cache nodes all in one zone',
      model: model([datastore('aws_elasticache_cluster.memcached', { category: 'cache', engine: 'memcached', replicas: known(3), placement: placement([A], known(false)) })]),
      findings: [{ resource: 'aws_elasticache_cluster.memcached', severity: 'medium', message: ['All 3 nodes'] }],
    },
    {
      name: 'a One Zone file system',
      model: model([datastore('aws_efs_file_system.shared', { category: 'file', engine: 'efs', replicas: known(1), placement: placement([A], known(false)) })]),
      findings: [{ resource: 'aws_efs_file_system.shared', severity: 'medium', message: ['one zone (us-east-1a)'] }],
    },
    {
      name: 'a zonal Filestore instance (Google)',
      model: model([datastore('google_filestore_instance.nfs', { cloud: 'gcp', category: 'file', replicas: known(1), placement: placement(['europe-west1/europe-west1-b'], known(false), 'europe-west1') })]),
      findings: [{ resource: 'google_filestore_instance.nfs', severity: 'medium' }],
    },
    {
      name: 'a VPN connection that is the only path',
      model: model([vpc, vpn], [edge(vpn.id, 'serves', vpc.id)]),
      findings: [
        {
          resource: vpn.id,
          severity: 'medium',
          message: ['only VPN path to aws_vpc.main', '1 independent path'],
          remediation: ['Add a second independent path: a second connection from a second gateway instance or to a second device on the other side, each able to carry the traffic alone.'],
        },
      ],
    },
    {
      name: 'a VPN connection that is the only path, whose adapter names the second path',
      model: model([vpc, { ...vpn, redundancyKnob: { attribute: 'aws_customer_gateway', value: 'a second one' } }], [edge(vpn.id, 'serves', vpc.id)]),
      findings: [{ resource: vpn.id, severity: 'medium', remediation: ['Fix with `aws_customer_gateway`: a second one, so that either path can carry the traffic alone.'] }],
    },
    {
      name: 'two VPN connections that end on one customer gateway: one finding, naming both and the device',
      model: model(
        [vpc, { ...vpn, peers: ['aws_customer_gateway.office'] }, { ...vpn, id: 'aws_vpn_connection.backup', source: ['aws_vpn_connection.backup'], peers: ['aws_customer_gateway.office'] }],
        [edge(vpn.id, 'serves', vpc.id), edge('aws_vpn_connection.backup', 'serves', vpc.id)],
      ),
      findings: [{ resource: 'aws_vpn_connection.backup', severity: 'medium', message: ['aws_vpn_connection.backup and aws_vpn_connection.office both end on aws_customer_gateway.office', 'one independent VPN path to aws_vpc.main'] }],
    },
    {
      name: 'a NAT instance or network appliance that route tables send subnets to: a single instance carrying their traffic',
      model: model([vpc, ...subnets, rt, host('aws_instance.nat', [A])], [...subnets.map((s) => edge(s.id, 'uses-route-table', rt.id)), { ...edge(rt.id, 'routes-to', 'aws_instance.nat', 'route.network_interface_id'), detail: '0.0.0.0/0' }]),
      findings: [{ resource: 'aws_instance.nat', severity: 'medium', message: ['single instance carrying traffic (the next hop for 3 subnets)', 'the traffic those routes send it'] }],
    },
    {
      name: 'a NAT gateway per zone in name only: every zone routes to its own gateway, but all the gateways run in the first zone (one finding for the block)',
      model: perZoneNats([A, A, A]),
      findings: [
        {
          resource: 'aws_nat_gateway.main[1]',
          severity: 'medium',
          message: ['aws_nat_gateway.main[1] and aws_nat_gateway.main[2] both run in us-east-1a but carry the outbound traffic of the private subnets of us-east-1b and us-east-1c', 'when us-east-1a fails, those zones lose their way out too'],
        },
      ],
    },
    {
      name: 'one NAT gateway in the wrong zone, declared on its own',
      model: perZoneNats([A, C, C], (i) => `aws_nat_gateway.${['a', 'b', 'c'][i]}`),
      findings: [{ resource: 'aws_nat_gateway.b', severity: 'medium', message: ['aws_nat_gateway.b runs in us-east-1c but carries the outbound traffic of the private subnets of us-east-1b', 'when us-east-1c fails, that zone loses its way out too'] }],
    },
    {
      name: 'NAT gateways declared one by one, all in the first zone: one finding for the network, as for a count block',
      model: perZoneNats([A, A, A], (i) => `aws_nat_gateway.${['a', 'b', 'c'][i]}`),
      findings: [{ resource: 'aws_nat_gateway.b', severity: 'medium', message: ['aws_nat_gateway.b and aws_nat_gateway.c both run in us-east-1a'] }],
    },
    {
      name: 'an interface endpoint in one zone while the workloads of its network run in three: named with its service and what runs elsewhere',
      model: endpointModel([A]),
      findings: [
        {
          resource: 'aws_vpc_endpoint.ecr',
          severity: 'medium',
          message: ['aws_vpc_endpoint.ecr (ecr.api) has its interfaces in us-east-1a only, while aws_instance.app[1] and aws_instance.app[2] also run in us-east-1b and us-east-1c', 'when us-east-1a fails, the workloads in the other zones lose it too'],
        },
      ],
    },
    {
      name: 'one appliance per zone, declared one by one: each carries its own zone only, and losing it costs what losing the zone costs',
      model: model(...perZoneAppliances([A, B, C])),
      findings: [],
    },
    {
      name: 'one appliance per zone, but one of them runs in another zone than the subnets it carries: that one is reported',
      model: model(...perZoneAppliances([A, A, C])),
      findings: [{ resource: 'aws_instance.nat_1', severity: 'medium', message: ['single instance carrying traffic (the next hop for 1 subnet)'] }],
    },
    {
      name: 'appliances of one count block, each carrying one zone, all running in the first zone: one finding for the block',
      model: model(...perZoneAppliances([A, A, A], undefined, (i) => `aws_instance.nat[${i}]`)),
      findings: [{ resource: 'aws_instance.nat[1]', severity: 'medium', message: ['aws_instance.nat[1] and aws_instance.nat[2] both run in us-east-1a', 'although each has an instance of its own'] }],
    },
    {
      name: 'one appliance per zone in two different networks: neither stands beside the other',
      model: model(...perZoneAppliances([A, B], [vpc.id, 'aws_vpc.other'])),
      findings: [
        { resource: 'aws_instance.nat_0', severity: 'medium', message: ['the next hop for 1 subnet'] },
        { resource: 'aws_instance.nat_1', severity: 'medium', message: ['the next hop for 1 subnet'] },
      ],
    },
    {
      name: 'a transit gateway attachment in one zone that subnets of three zones route to the hub through',
      model: model(
        [vpc, ...subnets, rt, gateway('aws_ec2_transit_gateway.hub', 'transit', [], { placement: placement([], known(true)) }), gateway('aws_ec2_transit_gateway_vpc_attachment.main', 'transit', [A])],
        [
          ...subnets.map((s) => edge(s.id, 'uses-route-table', rt.id)),
          ...subnets.map((s) => edge(s.id, 'in-network', vpc.id)),
          { ...edge(rt.id, 'routes-to', 'aws_ec2_transit_gateway.hub'), detail: '10.0.0.0/8' },
          edge('aws_ec2_transit_gateway_vpc_attachment.main', 'serves', vpc.id),
          edge('aws_ec2_transit_gateway_vpc_attachment.main', 'member-of', 'aws_ec2_transit_gateway.hub'),
        ],
      ),
      findings: [
        {
          resource: 'aws_ec2_transit_gateway_vpc_attachment.main',
          severity: 'medium',
          message: ['from us-east-1a only, but 2 subnets in us-east-1b and us-east-1c route to it', 'when us-east-1a fails the VPC loses the transit gateway'],
        },
      ],
    },
    {
      name: 'a dedicated connection that is the only path, with its location',
      model: model([vpc, dx('aws_dx_connection.a', 'EqLD5')], serving('aws_dx_connection.a')),
      findings: [{ resource: 'aws_dx_connection.a', severity: 'medium', message: ['only dedicated path to aws_vpc.main, landing at EqLD5, with no VPN beside it'] }],
    },
    {
      name: 'two Direct Connect connections at one location: one finding, naming both and the location',
      model: model([vpc, dx('aws_dx_connection.b', 'EqLD5'), dx('aws_dx_connection.a', 'EqLD5')], serving('aws_dx_connection.a', 'aws_dx_connection.b')),
      findings: [{ resource: 'aws_dx_connection.a', severity: 'medium', message: ['aws_dx_connection.a and aws_dx_connection.b both land at EqLD5', 'one independent dedicated path to aws_vpc.main'] }],
    },
    {
      name: 'three links at one location (two connections and a LAG): one finding naming all',
      model: model([vpc, dx('aws_dx_connection.a', 'EqLD5'), dx('aws_dx_connection.b', 'EqLD5'), { ...dx('aws_dx_lag.c', 'EqLD5') }], serving('aws_dx_connection.a', 'aws_dx_connection.b', 'aws_dx_lag.c')),
      findings: [{ resource: 'aws_dx_connection.a', severity: 'medium', message: ['aws_dx_connection.a, aws_dx_connection.b and aws_dx_lag.c all land at EqLD5'] }],
    },
    {
      name: 'a whole stack in one zone is one low finding named by the network',
      model: model([vpc, subnet('aws_subnet.a', A), host('aws_instance.worker', [A])]),
      findings: [{ resource: vpc.id, severity: 'low', message: ['Both zonal resources', 'one zone (us-east-1a)'] }],
    },
    {
      name: 'a stack in one zone with no network in the plan is named by an entity no other finding names, so neither hides the other',
      model: model([host('aws_instance.a', [A], { publicIp: known(true) }), host('aws_instance.b', [A])]),
      findings: [
        { resource: 'aws_instance.a', severity: 'medium', message: ['is a single instance serving traffic'] },
        { resource: 'aws_instance.b', severity: 'low', message: ['Both zonal resources of this configuration (aws_instance.a and aws_instance.b) sit in one zone (us-east-1a)'] },
      ],
    },
    {
      name: 'a stack in one zone beside workloads whose zone is known only after apply: counted, hedged, a point lower',
      model: model([vpc, subnet('aws_subnet.a', A), host('aws_instance.worker', [A]), host('aws_instance.later', [], { placement: placement(unknownValue()) })]),
      findings: [
        {
          resource: vpc.id,
          severity: 'low',
          scoreBelow: 3,
          message: ['Both zonal resources of this configuration whose zone the plan shows', 'and 1 other (aws_instance.later) gets its zone only after apply', 'unless it lands elsewhere'],
          notMessage: ['All 3'],
        },
      ],
    },
    {
      name: 'an unknown zone spread ranks a load balancer lower but still reports it',
      model: model([loadBalancer('aws_lb.one', [A], { placement: placement([A], unknownValue()) })]),
      findings: [{ resource: 'aws_lb.one', severity: 'medium', message: ['known after apply'], scoreBelow: 5 }],
    },
  ],
});

describe('spof ranking', () => {
  it('ranks a host the internet reaches above one it does not', () => {
    const hidden = findingsOf(spof, model([lb, pool, vm], [...fronted, edge(pool.id, 'targets', vm.id)]))[0]!;
    const exposed = findingsOf(spof, model([lb, pool, vmPublic], [...fronted, edge(pool.id, 'targets', vm.id)]))[0]!;
    expect(exposed.score).toBeGreaterThan(hidden.score);
  });

  it('ranks by how much depends on it', () => {
    const pools = [0, 1, 2].map((i) => targetPool(`aws_lb_target_group.p${i}`));
    const many = findingsOf(spof, model([lb, ...pools, vm], pools.flatMap((p) => [edge(lb.id, 'forwards-to', p.id), edge(p.id, 'targets', vm.id)])))[0]!;
    const one = findingsOf(spof, model([lb, pool, vm], [...fronted, edge(pool.id, 'targets', vm.id)]))[0]!;
    expect(many.score).toBeGreaterThan(one.score);
  });
});

describe('a stack in one zone whose every zonal resource has a finding of its own', () => {
  it('adds nothing to them: each already says where it runs', () => {
    const found = findingsOf(spof, model([host('aws_instance.a', [A], { publicIp: known(true) }), host('aws_instance.b', [A], { publicIp: known(true) })]));
    expect(found.map((f) => f.resources[0])).toEqual(['aws_instance.a', 'aws_instance.b']);
    expect(found.map((f) => f.message).join(' ')).not.toContain('zonal resources');
  });
});
