/**
 * Small services built with the model builders, named for what they show, for the graph algorithms and the graph
 * rules: each returns a model and takes the switch that turns the weak link into the well-built variant.
 */
import { known, type Edge, type Entity, type Model } from '../../src/model/index.js';
import {
  datastore,
  edge,
  fromPolicy,
  gateway,
  host,
  inlineRule,
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
} from './builders.js';

export const A = 'us-east-1/us-east-1a';
export const B = 'us-east-1/us-east-1b';
export const C = 'us-east-1/us-east-1c';

const multiAzDb = () => datastore('aws_db_instance.main', { placement: placement([A, B], true), replicas: known(2) });
const singleDb = () => datastore('aws_db_instance.main', { placement: placement([A]), replicas: known(1) });

/**
 * internet -> aws_lb.web (443) -> aws_lb_target_group.web -> aws_autoscaling_group.web -> aws_db_instance.main,
 * each tier admitting only the group in front of it. The load balancer's and the group's zones and the database
 * are the test's to choose.
 */
export function threeTier(opts: { lbZones?: readonly string[]; webZones?: readonly string[]; webReplicas?: number; db?: 'single' | 'multi-az' } = {}): { entities: Entity[]; edges: Edge[] } {
  const lb = loadBalancer('aws_lb.web', opts.lbZones ?? [A, B]);
  const pool = targetPool('aws_lb_target_group.web', { port: 8080 });
  const n = opts.webReplicas ?? 2;
  const web = host('aws_autoscaling_group.web', opts.webZones ?? [A, B], { role: 'group', replicas: replicas(n, Math.max(n, 4), n) });
  const db = opts.db === 'single' ? singleDb() : multiAzDb();
  const sgLb = policy('aws_security_group.lb');
  const sgWeb = policy('aws_security_group.web');
  const sgDb = policy('aws_security_group.db');
  return {
    entities: [
      lb, pool, web, db, sgLb, sgWeb, sgDb,
      inlineRule(sgLb.id, 0, [world], [[443, 443]]),
      inlineRule(sgWeb.id, 0, [fromPolicy(sgLb.id)], [[8080, 8080]]),
      inlineRule(sgDb.id, 0, [fromPolicy(sgWeb.id)], [[5432, 5432]]),
    ],
    edges: [
      edge(lb.id, 'forwards-to', pool.id, 'default_action.target_group_arn'),
      edge(pool.id, 'targets', web.id, 'target_group_arns'),
      edge(lb.id, 'protected-by', sgLb.id, 'security_groups'),
      edge(web.id, 'protected-by', sgWeb.id, 'vpc_security_group_ids'),
      edge(db.id, 'protected-by', sgDb.id, 'vpc_security_group_ids'),
    ],
  };
}

export const service = (parts: { entities: Entity[]; edges: Edge[] }, more: { entities?: Entity[]; edges?: Edge[] } = {}): Model =>
  model([...parts.entities, ...(more.entities ?? [])], [...parts.edges, ...(more.edges ?? [])]);

/**
 * Three private subnets (one per zone) whose route tables send 0.0.0.0/0 to NAT gateways, with the web group in
 * them: one NAT in the first zone for all three, or one per zone.
 */
export function privateSubnets(nats: 'one' | 'per-zone'): { entities: Entity[]; edges: Edge[] } {
  const vpc = network('aws_vpc.main');
  const zones = [A, B, C];
  const subnets = zones.map((z, i) => subnet(`aws_subnet.private[${i}]`, z, { cidrs: [`10.0.${i}.0/24`] }));
  const gws = (nats === 'one' ? [A] : zones).map((z, i) => gateway(`aws_nat_gateway.main[${i}]`, 'nat', [z]));
  const tables = gws.map((_, i) => routeTable(`aws_route_table.private[${i}]`));
  const base = threeTier({ webZones: zones, webReplicas: 3 });
  const web = 'aws_autoscaling_group.web';
  return {
    entities: [...base.entities, vpc, ...subnets, ...gws, ...tables],
    edges: [
      ...base.edges,
      ...subnets.map((s) => edge(s.id, 'in-network', vpc.id)),
      ...subnets.map((s, i) => edge(s.id, 'uses-route-table', tables[nats === 'one' ? 0 : i]!.id, 'aws_route_table_association.private')),
      ...tables.map((t, i): Edge => ({ from: t.id, to: gws[i]!.id, kind: 'routes-to', via: 'route.nat_gateway_id', detail: '0.0.0.0/0' })),
      ...subnets.map((s) => edge(web, 'in-subnet', s.id, 'vpc_zone_identifier')),
    ],
  };
}

/**
 * A jump host with a public address whose group admits `jumpPorts` from the world, beside the three tiers; the
 * database's group also admits the jump host's group when `dbAdmitsJump` (the chain of two groups).
 */
export function jumpHost(opts: { dbAdmitsJump: boolean; jumpPorts?: ReadonlyArray<readonly [number, number]> }): Model {
  const base = threeTier({ db: 'multi-az' });
  const jump = host('aws_instance.jump', [A], { publicIp: known(true) });
  const sgJump = policy('aws_security_group.jump');
  return service(base, {
    entities: [
      jump,
      sgJump,
      inlineRule(sgJump.id, 0, [world], opts.jumpPorts ?? [[22, 22]]),
      ...(opts.dbAdmitsJump ? [inlineRule('aws_security_group.db', 1, [fromPolicy(sgJump.id)], [[5432, 5432]])] : []),
    ],
    edges: [edge(jump.id, 'protected-by', sgJump.id, 'vpc_security_group_ids')],
  });
}
