import { collapseWorld, known, type Cloud, type FirewallPolicy, type FirewallRule, type Peer, type PublicEndpoint } from '../model/index.js';
import type { MapperContext } from './mapper.js';

/** The port every managed Kubernetes API server answers on, on each cloud. */
export const KUBERNETES_API_PORT = 443;

/** The entity a public endpoint belongs to: a cluster host's identifying fields. */
interface Owner {
  readonly id: string;
  readonly cloud: Cloud;
  readonly source: readonly string[];
  readonly declaredBy: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The access list of a managed Kubernetes API server's public endpoint, as a policy of its own that protects the
 * cluster (`<cluster>#api_endpoint`): one allow rule on tcp 443 from `peers`, named by the cluster's address, so a
 * finding about it points at the block that decides it. An empty `peers` admits nobody from outside (a Google list
 * with no `cidr_blocks`): then there is no rule. `via` is the attribute that lists who may connect.
 */
export function addApiEndpoint(ctx: MapperContext, owner: Owner, via: string, peers: readonly Peer[], endpoint: PublicEndpoint): void {
  const policy: FirewallPolicy = { ...fields(owner), id: `${owner.id}#api_endpoint`, kind: 'firewall-policy', evaluation: 'allow-union', isDefault: false, publicEndpoint: endpoint };
  ctx.add(policy);
  ctx.link(owner.id, policy.id, 'protected-by', via);
  if (peers.length === 0) return;
  const rule: FirewallRule = {
    ...fields(owner),
    id: `${policy.id}#ingress[0]`,
    kind: 'firewall-rule',
    policy: policy.id,
    direction: 'ingress',
    action: 'allow',
    priority: undefined,
    protocol: 'tcp',
    ports: [{ from: KUBERNETES_API_PORT, to: KUBERNETES_API_PORT }],
    peers: collapseWorld(peers),
    targets: { kind: 'all' },
    enabled: known(true),
  };
  ctx.add(rule);
}

const fields = (owner: Owner) => ({ cloud: owner.cloud, source: [...owner.source], declaredBy: owner.declaredBy, tags: owner.tags });
