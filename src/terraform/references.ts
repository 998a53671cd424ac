import { joinAddress, splitSteps, stripKey } from './address.js';

/**
 * Resolves the `references` that `configuration` records for each resource into the addresses of the resource
 * blocks they point at, following module inputs (`var.x` inside a module -> the caller's expression) and module
 * outputs (`module.vpc.private_subnets` -> the resources behind the output), so that links that exist only as
 * references before apply (`vpc_security_group_ids = [aws_security_group.web.id]`) can become edges.
 */
export interface ConfigResource {
  /** Config address with module path, e.g. `module.app.aws_instance.web`. */
  readonly address: string;
  /** Attribute path (`ingress.security_groups`) -> config addresses of referenced resources. */
  readonly references: ReadonlyMap<string, readonly string[]>;
  /** Attributes written in the configuration: top-level ones, and nested blocks' as `block.attribute`. */
  readonly configured: ReadonlySet<string>;
  readonly dependsOn: readonly string[];
}

interface ModuleNode {
  readonly path: string;
  readonly parent: ModuleNode | undefined;
  readonly callName: string;
  readonly callExpressions: ReadonlyMap<string, unknown>;
  /** The module call's `for_each_expression`, for `each.value` in its arguments. */
  readonly callForEach: unknown;
  readonly outputs: Map<string, unknown>;
  readonly calls: Map<string, ModuleNode>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_EXPRESSION_DEPTH = 32;

/**
 * Suffix of a reference target that stands for the referrer's own instance key: `aws_subnet.public[each.key]` is the
 * subnet of the same key as the instance that refers to it, and no other.
 */
export const EACH_KEY = '[each.key]';

/**
 * Opens the suffix of a reference target that stands for one position in a block's instances, in the order
 * terraform lists them (count: by index; for_each: by key): `aws_subnet.public[#0]` is the first subnet.
 */
export const NTH_OPEN = '[#';

/**
 * Suffix of a reference target whose expression picks an instance by the referrer's own key
 * (`aws_subnet.private[count.index]`, `aws_nat_gateway.zonal[each.key]`: terraform records the whole block with
 * `count.index` or `each.key` beside it): the instance of the same key when the block has one. Without it, a
 * reference to a whole block (`subnets = aws_subnet.public[*].id` on a `count = var.create ? 1 : 0` load balancer)
 * means every instance, whatever the referrer's key.
 */
export const SAME_KEY = '[count.index]';

/**
 * Suffixes of a reference target resolved through a module call's argument: `[key@module.web]` prefers the
 * instance whose key is the referrer's key for that call (`count.index`, `each.key`), `[each@module.web]` takes only
 * that instance (`each.value` of a for_each over the block).
 */
export const MODULE_KEY_OPEN = '[key@';
export const MODULE_EACH_OPEN = '[each@';
const moduleKey = (path: string): string => `${MODULE_KEY_OPEN}${path}]`;
const moduleEach = (path: string): string => `${MODULE_EACH_OPEN}${path}]`;

const isEachValue = (ref: string): boolean => ref === 'each.value' || ref.startsWith('each.value.') || ref.startsWith('each.value[');

/** Every reference string in an expression tree. */
function refsOf(expr: unknown, depth = 0): string[] {
  if (depth > MAX_EXPRESSION_DEPTH) return [];
  if (Array.isArray(expr)) return expr.flatMap((item) => refsOf(item, depth + 1));
  if (!isObject(expr)) return [];
  if (Array.isArray(expr.references)) return expr.references.filter((r): r is string => typeof r === 'string');
  return Object.values(expr).flatMap((v) => refsOf(v, depth + 1));
}

export function resolveConfiguration(configuration: unknown): Map<string, ConfigResource> {
  const result = new Map<string, ConfigResource>();
  if (!isObject(configuration) || !isObject(configuration.root_module)) return result;
  const pending: Array<{ module: Json; node: ModuleNode }> = [];
  const root: ModuleNode = { path: '', parent: undefined, callName: '', callExpressions: new Map(), callForEach: undefined, outputs: new Map(), calls: new Map() };
  pending.push({ module: configuration.root_module, node: root });
  const resources: Array<{ json: Json; node: ModuleNode }> = [];
  while (pending.length > 0) {
    const { module, node } = pending.pop()!;
    if (isObject(module.outputs)) for (const [k, v] of Object.entries(module.outputs)) node.outputs.set(k, v);
    if (Array.isArray(module.resources)) {
      for (const r of module.resources) if (isObject(r)) resources.push({ json: r, node });
    }
    if (isObject(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (!isObject(call) || node.path.split('.').length > 64) continue;
        const child: ModuleNode = {
          path: joinAddress(node.path, `module.${name}`),
          parent: node,
          callName: name,
          callExpressions: new Map(isObject(call.expressions) ? Object.entries(call.expressions) : []),
          callForEach: call.for_each_expression,
          outputs: new Map(),
          calls: new Map(),
        };
        node.calls.set(name, child);
        if (isObject(call.module)) pending.push({ module: call.module, node: child });
      }
    }
  }

  const resolver = new Resolver();
  for (const { json, node } of resources) {
    const type = typeof json.type === 'string' ? json.type : '';
    const name = typeof json.name === 'string' ? json.name : '';
    const mode = json.mode === 'data' ? 'data.' : '';
    const address = joinAddress(node.path, `${mode}${type}.${name}`);
    const references = new Map<string, string[]>();
    const configured = new Set<string>();
    if (isObject(json.expressions)) {
      // `for_each = aws_subnet.public` and then `subnet_id = each.value.id`: each instance's `each.value` is the
      // instance of the same key of what the for_each ranges over (marked so that only that key is taken).
      let eachValue: readonly string[] | undefined;
      const eachValueTargets = () => (eachValue ??= [...resolver.expressionTargets(node, json.for_each_expression)].map((t) => `${t}${EACH_KEY}`));
      for (const [key, expr] of Object.entries(json.expressions)) {
        configured.add(key);
        // A nested block is a list of objects of expressions: its attributes are written too (`vpc_config.
        // public_access_cidrs`), one level down. A `dynamic` block is not in the expressions at all.
        if (Array.isArray(expr)) for (const b of expr) if (isObject(b)) for (const sub of Object.keys(b)) configured.add(`${key}.${sub}`);
        collect(expr, key, 0, (path, refs) => {
          const targets = new Set(references.get(path));
          const byOwnKey = refs.includes('count.index') || refs.includes('each.key');
          for (const ref of preciseOnly(refs)) {
            if (isEachValue(ref)) {
              for (const t of eachValueTargets()) targets.add(t);
            } else if (byOwnKey) {
              // Indexed by the referrer's key, directly or through a module's list (`module.vpc.private_subnets[count.index]`).
              for (const t of resolver.resolve(node, ref)) targets.add(t.endsWith(']') ? t : `${t}${SAME_KEY}`);
            } else {
              for (const t of resolver.resolve(node, ref)) targets.add(t);
            }
          }
          if (targets.size > 0) references.set(path, [...targets].sort());
        });
      }
    }
    const dependsOn = Array.isArray(json.depends_on)
      ? [...new Set(json.depends_on.flatMap((d) => (typeof d === 'string' ? [...resolver.resolve(node, d)] : [])))].sort()
      : [];
    result.set(address, { address, references, configured, dependsOn });
  }
  return result;
}

/**
 * Terraform lists every prefix of a reference (`aws_subnet.public[0].id`, `aws_subnet.public[0]`,
 * `aws_subnet.public`; `module.net.ids`, `module.net`): when a narrower form is there, the bare one only widens it,
 * so drop it.
 */
function preciseOnly(refs: readonly string[]): string[] {
  const wider = new Set<string>();
  for (const ref of refs) {
    const steps = splitSteps(ref);
    for (let i = 0; i < steps.length; i++) {
      if (steps[i]!.includes('[')) wider.add([...steps.slice(0, i), stripKey(steps[i]!)].join('.'));
    }
    // `module.net.private_subnet_ids` comes with a bare `module.net`, which would mean every output of the module.
    if (stripKey(steps[0] ?? '') === 'module' && steps.length >= 3) wider.add(`module.${stripKey(steps[1]!)}`);
  }
  return refs.filter((ref) => !wider.has(ref));
}

/** Walks an expression tree (attributes and nested blocks) and reports each `references` list with its path. */
function collect(expr: unknown, path: string, depth: number, found: (path: string, refs: string[]) => void): void {
  if (depth > MAX_EXPRESSION_DEPTH) return;
  if (Array.isArray(expr)) {
    for (const item of expr) collect(item, path, depth + 1, found);
    return;
  }
  if (!isObject(expr)) return;
  if (Array.isArray(expr.references)) {
    found(path, expr.references.filter((r): r is string => typeof r === 'string'));
    return;
  }
  if ('constant_value' in expr) return;
  for (const [key, value] of Object.entries(expr)) collect(value, `${path}.${key}`, depth + 1, found);
}

class Resolver {
  private readonly active = new Set<string>();

  /** Config addresses of the resources a reference in module `node` points at (empty for var/local/each/...). */
  resolve(node: ModuleNode, ref: string): Set<string> {
    const key = `${node.path}|${ref}`;
    const out = new Set<string>();
    if (this.active.has(key)) return out;
    this.active.add(key);
    try {
      const steps = splitSteps(ref).map(stripKey);
      const [first, second, third] = steps;
      if (first === undefined || second === undefined) return out;
      if (first === 'var') {
        const expr = node.callExpressions.get(second);
        if (node.parent) {
          // An argument indexed by the module instance's key (`module "web" { count = 2; subnet_id =
          // aws_subnet.private[count.index].id }`) names the instance of that key, marked with the call's path.
          const byKey = refsOf(expr).some((r) => r === 'count.index' || r === 'each.key');
          const found = new Set<string>();
          this.expression(node.parent, expr, found, 0, node);
          for (const t of found) out.add(byKey && !t.endsWith(']') ? `${t}${moduleKey(node.path)}` : t);
        }
      } else if (first === 'module') {
        const child = node.calls.get(second);
        if (child) {
          if (third !== undefined) {
            const output = child.outputs.get(third);
            const found = new Set<string>();
            this.expression(child, isObject(output) ? output.expression : undefined, found);
            // `module.vpc.public_subnet_ids[0]` of an output that is one block's ids (`aws_subnet.public[*].id`): the
            // first instance of that block, not all of them; `module.vpc.subnet_ids["a"]` of one block's ids by key
            // (`{ for k, s in aws_subnet.this : k => s.id }`): the instance of that key.
            const index = /^[^[]+(\[(?:\d+|"(?:[^"\\]|\\.)*")\])$/.exec(splitSteps(ref)[2] ?? '')?.[1];
            const [only] = found;
            if (index !== undefined && found.size === 1 && !only!.endsWith(']')) {
              out.add(index.startsWith('["') ? `${only}${index}` : `${only}${NTH_OPEN}${index.slice(1)}`);
            } else for (const t of found) out.add(t);
          } else {
            for (const output of child.outputs.values()) {
              this.expression(child, isObject(output) ? output.expression : undefined, out);
            }
          }
        }
      } else if (first === 'data') {
        if (third !== undefined) out.add(joinAddress(node.path, `data.${second}.${third}`));
      } else if (!['local', 'each', 'count', 'path', 'terraform', 'self'].includes(first) && first.includes('_')) {
        // Keep a literal instance key (`aws_subnet.public[0]`): it names one instance, not the whole block.
        const raw = splitSteps(ref)[1] ?? second;
        out.add(joinAddress(node.path, `${first}.${/^[\w-]+\[(\d+|"[^"]*")\]$/.test(raw) ? raw : second}`));
      }
      return out;
    } finally {
      this.active.delete(key);
    }
  }

  /** Config addresses of the resources an expression (a `for_each`, say) refers to. */
  expressionTargets(node: ModuleNode, expr: unknown): Set<string> {
    const out = new Set<string>();
    this.expression(node, expr, out);
    return out;
  }

  /**
   * Resolves the references of an expression in module `node`. `call`, when the expression is a module call's
   * argument, is the called module: its `each.value` is the instance of the module instance's key of what the
   * call's for_each ranges over.
   */
  private expression(node: ModuleNode, expr: unknown, out: Set<string>, depth = 0, call?: ModuleNode): void {
    if (depth > MAX_EXPRESSION_DEPTH) return;
    if (Array.isArray(expr)) {
      for (const item of expr) this.expression(node, item, out, depth + 1, call);
      return;
    }
    if (!isObject(expr)) return;
    if (Array.isArray(expr.references)) {
      // The same narrowing as a resource's own references: a module input `module.vpc.private_subnet_ids` comes
      // with a bare `module.vpc`, which alone would mean every output of that module.
      const refs = preciseOnly(expr.references.filter((r): r is string => typeof r === 'string'));
      for (const r of refs) {
        if (call && isEachValue(r)) {
          for (const t of this.expressionTargets(node, call.callForEach)) out.add(`${t}${moduleEach(call.path)}`);
        } else for (const t of this.resolve(node, r)) out.add(t);
      }
      return;
    }
    for (const value of Object.values(expr)) this.expression(node, value, out, depth + 1, call);
  }
}
