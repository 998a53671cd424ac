/**
 * Writes small plans and states in the exact format `terraform show -json` prints (checked against Terraform 1.x
 * plans of each provider): every resource instance in `planned_values` and in `resource_changes` (with
 * `after_unknown` and `after_sensitive`), and once per block in `configuration` with its expressions. The
 * per-cloud helpers (aws-plan.ts, gcp-plan.ts, azure-plan.ts) add their provider's block and their own builders.
 */
import { configAddress, parseAddress } from '../../src/terraform/index.js';

type Json = Record<string, unknown>;

export interface WrittenResource {
  /** The instance address: `aws_db_instance.main`, `aws_subnet.a[1]`, `module.db.aws_db_instance.this`. */
  readonly address: string;
  readonly values: Json;
  readonly unknown?: Json;
  readonly sensitive?: Json;
  /** The `configuration` expressions of the resource's block, given on one of its instances. */
  readonly expressions?: Json;
  /** The block's `for_each_expression` (`{ references: ['aws_subnet.public'] }`), given with its expressions. */
  readonly forEach?: Json;
}

export interface ProviderFormat {
  /** `provider_config_key` and the `provider_config` key: `aws`, `google`, `azurerm`. */
  readonly key: string;
  /** `registry.terraform.io/hashicorp/<name>`. */
  readonly fullName: string;
  readonly terraformVersion: string;
  /** The provider block's own entry in `provider_config`. */
  readonly providerConfig: Json;
}

function parts(address: string) {
  const p = parseAddress(address);
  if (!p) throw new Error(`bad address ${address}`);
  return { ...p, index: p.key === '' ? undefined : (JSON.parse(p.key.slice(1, -1)) as number | string) };
}

export function planWriter(format: ProviderFormat) {
  const stateResource = (r: WrittenResource): Json => {
    const p = parts(r.address);
    return {
      address: r.address,
      mode: p.mode,
      type: p.type,
      name: p.name,
      ...(p.index === undefined ? {} : { index: p.index }),
      provider_name: format.fullName,
      schema_version: 0,
      values: r.values,
      sensitive_values: r.sensitive ?? {},
    };
  };

  /** Root and one level of child modules, as `planned_values` and state `values` nest them. */
  const rootModule = (resources: readonly WrittenResource[]): Json => {
    const byModule = new Map<string, Json[]>();
    for (const r of resources) {
      const module = parts(r.address).module;
      const list = byModule.get(module);
      if (list) list.push(stateResource(r));
      else byModule.set(module, [stateResource(r)]);
    }
    const children = [...byModule.entries()].filter(([m]) => m !== '').map(([address, list]) => ({ resources: list, address }));
    return { resources: byModule.get('') ?? [], ...(children.length > 0 ? { child_modules: children } : {}) };
  };

  const configuration = (resources: readonly WrittenResource[], moduleCalls: Record<string, Json>): Json => {
    const blocks = new Map<string, { module: string; json: Json }>();
    for (const r of resources) {
      const p = parts(r.address);
      const key = configAddress(r.address);
      if (blocks.has(key) && !r.expressions) continue;
      blocks.set(key, {
        module: p.moduleConfig,
        json: {
          address: `${p.mode === 'data' ? 'data.' : ''}${p.type}.${p.name}`,
          mode: p.mode,
          type: p.type,
          name: p.name,
          provider_config_key: format.key,
          expressions: r.expressions ?? {},
          schema_version: 0,
          ...(r.forEach ? { for_each_expression: r.forEach } : {}),
        },
      });
    }
    const root: Json[] = [];
    const calls: Record<string, { source: string; expressions: Json; module: { resources: Json[] } }> = {};
    for (const { module, json } of blocks.values()) {
      if (module === '') root.push(json);
      else {
        const name = module.slice('module.'.length);
        calls[name] ??= { source: `./${name}`, expressions: moduleCalls[name] ?? {}, module: { resources: [] } };
        calls[name].module.resources.push(json);
      }
    }
    return {
      provider_config: { [format.key]: format.providerConfig },
      root_module: { resources: root, ...(Object.keys(calls).length > 0 ? { module_calls: calls } : {}) },
    };
  };

  return {
    /**
     * A plan that creates `resources`; `moduleCalls` gives each child module call's expressions. `reads` are data
     * sources (`data.aws_subnet.shared`) Terraform read while planning: as it writes them, only in `prior_state`
     * and the configuration.
     */
    plan(resources: readonly WrittenResource[], moduleCalls: Record<string, Json> = {}, reads: readonly WrittenResource[] = []): Json {
      return {
        format_version: '1.2',
        terraform_version: format.terraformVersion,
        planned_values: { root_module: rootModule(resources) },
        ...(reads.length > 0 ? { prior_state: { format_version: '1.0', terraform_version: format.terraformVersion, values: { root_module: rootModule(reads) } } } : {}),
        resource_changes: resources.map((r) => {
          const p = parts(r.address);
          return {
            address: r.address,
            ...(p.module ? { module_address: p.module } : {}),
            mode: 'managed',
            type: p.type,
            name: p.name,
            ...(p.index === undefined ? {} : { index: p.index }),
            provider_name: format.fullName,
            change: { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown ?? {}, before_sensitive: false, after_sensitive: r.sensitive ?? {} },
          };
        }),
        configuration: configuration([...reads, ...resources], moduleCalls),
      };
    },
    /** What `terraform show -json` prints for a state holding `resources` (everything known, no configuration). */
    state(resources: readonly WrittenResource[]): Json {
      return { format_version: '1.0', terraform_version: format.terraformVersion, values: { root_module: rootModule(resources) } };
    },
  };
}
