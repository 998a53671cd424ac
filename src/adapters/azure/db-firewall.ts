import { AZURE_SERVICES_PEER, SENSITIVE_PEER, known, type Peer, type Value } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { redacted, str } from '../read.js';
import { base } from './common.js';
import { inResourceGroup } from './nsg.js';
import { refs } from './links.js';

/** The id of a database server's firewall: the allow-list its firewall rule resources add to. */
export const firewallOf = (server: string): string => `${server}#firewall`;

/** Azure's name for the 0.0.0.0-0.0.0.0 rule: "allow Azure services and resources to access this server". */
export const AZURE_SERVICES: Peer = AZURE_SERVICES_PEER;

function ipv4(text: string | undefined): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec((text ?? '').trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

const dotted = (n: number): string => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/**
 * The peers an Azure database firewall rule admits, from its `start_ip_address`-`end_ip_address` range:
 * 0.0.0.0-255.255.255.255 is the world; 0.0.0.0-0.0.0.0 is Azure's own services (every Azure customer's, but not
 * the internet); any other range is the exact list of CIDR blocks that covers it.
 */
export function rangePeers(start: string | undefined, end: string | undefined): Peer[] {
  const from = ipv4(start);
  const to = ipv4(end);
  if (from === undefined || to === undefined || to < from) return [{ kind: 'unknown' }];
  if (from === 0 && to === 0) return [AZURE_SERVICES];
  if (from === 0 && to === 2 ** 32 - 1) return [{ kind: 'world', family: 'ipv4' }];
  const peers: Peer[] = [];
  let at = from;
  while (at <= to) {
    // The largest block that starts at `at` (aligned) and ends within the range.
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 - 1 <= to) size *= 2;
    peers.push({ kind: 'cidr', cidr: `${dotted(at)}/${32 - Math.log2(size)}` });
    at += size;
  }
  return peers;
}

/**
 * Adds a server's firewall policy and, unless public network access is known to be off (then no firewall rule
 * admits anything from outside), puts the server behind it. Azure database firewalls admit only what a rule allows.
 */
export function serverFirewall(ctx: MapperContext, server: ResourceInstance, publicAccess: Value<boolean>): void {
  ctx.add({ ...base(server), id: firewallOf(server.address), kind: 'firewall-policy', evaluation: 'allow-union', isDefault: false });
  if (publicAccess.state !== 'unknown' && !publicAccess.value) return;
  ctx.link(server.address, firewallOf(server.address), 'protected-by', 'firewall');
}

/**
 * A mapper for one family of database firewall rule resources: each rule admits its range on the engine's port,
 * in the firewall of the server it names (`server_id`, or `server_name` within its resource group).
 */
export function firewallRules(types: readonly string[], serverTypes: readonly string[], port: number): Mapper {
  return {
    types,
    map(instance, ctx) {
      const byId = refs(ctx, instance, 'server_id', serverTypes);
      const [server] = byId.length > 0 ? byId : inResourceGroup(ctx, instance, refs(ctx, instance, 'server_name', serverTypes));
      ctx.add({
        ...base(instance),
        kind: 'firewall-rule',
        policy: server ? firewallOf(server) : `${instance.address}#unattached`,
        direction: 'ingress',
        action: 'allow',
        priority: undefined,
        protocol: 'tcp',
        ports: [{ from: port, to: port }],
        // A range the plan marks sensitive (either end) is not read: it may be the world, a single office or anything.
        peers: ['start_ip_address', 'end_ip_address'].some((key) => redacted(instance.values, key))
          ? [SENSITIVE_PEER]
          : rangePeers(str(instance.values, 'start_ip_address'), str(instance.values, 'end_ip_address')),
        targets: { kind: 'all' },
        enabled: known(true),
      });
    },
  };
}
