import { ALL_PORTS, known, peerFromText, type FirewallRule, type PortRange, type Protocol } from '../../model/index.js';
import type { MapperContext } from '../mapper.js';
import { str } from '../read.js';

/**
 * The firewall of the network named `default` when the plan does not manage it (keyed by name, as links.ts keys the
 * firewall of every network outside the plan): Google's own default network, which it creates in every new project
 * unless `auto_create_network = false`.
 */
export const DEFAULT_NETWORK_FIREWALL = 'network/default#firewall';

const ORIGIN = "Google's pre-populated firewall rules of the project's default network";
const FIX =
  'Run the VMs in a custom-mode VPC network of your own and delete the default network (CIS GCP 3.1), or at least delete `default-allow-ssh` and `default-allow-rdp` and reach the VMs through IAP TCP forwarding (admit only 35.235.240.0/20).';

interface Presumed {
  readonly name: string;
  readonly protocol: Protocol;
  readonly ports: readonly PortRange[];
  readonly source: string;
}

/**
 * The ingress rules Google writes into the `default` network of a new project, at priority 65534 (just above the
 * implied deny-all ingress at 65535), applying to every instance of the network. Per Google's VPC firewall docs
 * ("Pre-populated rules in the default network", cloud.google.com/vpc/docs/firewalls#more_rules_default_vpc):
 * `default-allow-internal` (tcp:0-65535, udp:0-65535, icmp from 10.128.0.0/9, the auto-mode subnet ranges),
 * `default-allow-ssh` (tcp:22 from 0.0.0.0/0), `default-allow-rdp` (tcp:3389 from 0.0.0.0/0) and
 * `default-allow-icmp` (icmp from 0.0.0.0/0). Checked against copies of that page's list, the gcloud commands
 * that recreate the rules (same names, ports, ranges, `--priority=65534`) and a `gcloud compute firewall-rules list`
 * export of a fresh project's default network (same), not against the page itself.
 */
const PRE_POPULATED: readonly Presumed[] = [
  { name: 'default-allow-internal', protocol: 'tcp', ports: ALL_PORTS, source: '10.128.0.0/9' },
  { name: 'default-allow-internal', protocol: 'udp', ports: ALL_PORTS, source: '10.128.0.0/9' },
  { name: 'default-allow-internal', protocol: 'icmp', ports: [], source: '10.128.0.0/9' },
  { name: 'default-allow-ssh', protocol: 'tcp', ports: [{ from: 22, to: 22 }], source: '0.0.0.0/0' },
  { name: 'default-allow-rdp', protocol: 'tcp', ports: [{ from: 3389, to: 3389 }], source: '0.0.0.0/0' },
  { name: 'default-allow-icmp', protocol: 'icmp', ports: [], source: '0.0.0.0/0' },
];

const PRIORITY = 65534;

/**
 * Names of the firewall rules the plan manages itself: a `google_compute_firewall` named `default-allow-ssh` (the
 * pre-populated rule imported, or made again) is that rule, read from the plan, and replaces the presumed one.
 */
function managedRuleNames(ctx: MapperContext): ReadonlySet<string> {
  return ctx.memo('gcp:managed-firewall-names', (ctx) => {
    const names = new Set<string>();
    for (const rule of ctx.instancesOf(['google_compute_firewall'])) {
      const name = str(rule.values, 'name');
      if (rule.mode === 'managed' && name) names.add(name);
    }
    return names;
  });
}

/**
 * The pre-populated rules of Google's `default` network that the plan does not replace, flagged as presumed, for
 * whatever the plan attaches to that network's firewall (the plan's own rules naming the network join them there,
 * by priority). The run keeps the first of equal entities, so every caller may add them.
 */
export function presumedDefaultRules(ctx: MapperContext): FirewallRule[] {
  const managed = managedRuleNames(ctx);
  return PRE_POPULATED.filter((rule) => !managed.has(rule.name)).map((rule) => ({
    id: `${DEFAULT_NETWORK_FIREWALL}/${rule.name}/${rule.protocol}`,
    cloud: 'gcp',
    source: [],
    declaredBy: DEFAULT_NETWORK_FIREWALL,
    tags: {},
    kind: 'firewall-rule',
    policy: DEFAULT_NETWORK_FIREWALL,
    direction: 'ingress',
    action: 'allow',
    priority: PRIORITY,
    protocol: rule.protocol,
    ports: [...rule.ports],
    peers: [peerFromText(rule.source)],
    targets: { kind: 'all' },
    enabled: known(true),
    presumed: { name: rule.name, origin: ORIGIN, fix: FIX },
  }));
}
