/** A value Terraform marks sensitive, or whose attribute name says it is a secret: never carried past the loader. */
export const REDACTED = '(sensitive)';

/** A subtree deeper than any provider schema: cut off by the loader so that no walker can overflow the stack. */
export const TOO_DEEP = '(too deeply nested)';

export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'no-op' | 'read';

/** One resource instance, on one side of a plan (before or after) or in a state. */
export interface ResourceInstance {
  /** Full instance address, e.g. `module.app["eu"].aws_instance.web[0]`. */
  readonly address: string;
  /** Address of the declaring block, e.g. `module.app.aws_instance.web`. */
  readonly configAddress: string;
  /** Module instance path, `` for root. */
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Attribute values. Sensitive leaves are replaced by REDACTED; unknown ones are absent or null. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The `after_unknown` tree: `true` where a value is known only after apply. */
  readonly unknown: unknown;
  /** Attribute path (`ingress.security_groups`) -> config addresses of the resources referenced there. */
  readonly references: ReadonlyMap<string, readonly string[]>;
  /**
   * Attributes written in the configuration (so an unknown one is really unknown, not a default): top-level ones,
   * and those of nested blocks one level down as `block.attribute` (`vpc_config.public_access_cidrs`).
   */
  readonly configured: ReadonlySet<string> | undefined;
  /** Config addresses named in `depends_on` (configuration) or `dependencies` (state). */
  readonly dependsOn: readonly string[];
  readonly action: ChangeAction | undefined;
}

export type DocumentKind = 'plan' | 'state';

/** What one input file says, on each side of the change. */
export interface TerraformDocument {
  readonly file: string;
  readonly kind: DocumentKind;
  readonly formatVersion: string;
  readonly terraformVersion: string | undefined;
  /** The world before the change (prior state). Empty for states and for plans that create everything. */
  readonly before: readonly ResourceInstance[];
  /** The world after the change (planned values), or the state itself. */
  readonly after: readonly ResourceInstance[];
}
