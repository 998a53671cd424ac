/**
 * Terraform resource addresses, e.g. `module.net["eu"].aws_subnet.private[2]` or `data.aws_ami.ubuntu`.
 * Parsing respects quoted for_each keys, which may hold dots and brackets.
 */
export interface AddressParts {
  /** Module instance path, e.g. `module.net["eu"]`, or `` for the root module. */
  readonly module: string;
  /** The module path without instance keys, e.g. `module.net`. */
  readonly moduleConfig: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The instance key as written (`[2]`, `["a"]`), or `` for a single instance. */
  readonly key: string;
}

/** Splits an address into dot-separated steps, keeping `[...]` keys (quoted or not) attached to their step. */
export function splitSteps(address: string): string[] {
  // Index scanning and slices: addresses are split for every instance of a plan, so no character-by-character
  // string building.
  const steps: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the quoted key, escapes included.
      for (i++; i < address.length; i++) {
        const q = address.charCodeAt(i);
        if (q === 0x5c /* \\ */) i++;
        else if (q === 0x22) break;
      }
    } else if (c === 0x5b /* [ */) depth++;
    else if (c === 0x5d /* ] */) depth--;
    else if (c === 0x2e /* . */ && depth === 0) {
      steps.push(address.slice(start, i));
      start = i + 1;
    }
  }
  steps.push(address.slice(start));
  return steps;
}

/** Drops the `[...]` key of one step: `web[0]` -> `web`. */
export function stripKey(step: string): string {
  const at = step.indexOf('[');
  return at < 0 ? step : step.slice(0, at);
}

export function parseAddress(address: string): AddressParts | undefined {
  const steps = splitSteps(address);
  const module: string[] = [];
  let i = 0;
  while (steps[i] === undefined ? false : stripKey(steps[i]!) === 'module' && steps[i + 1] !== undefined) {
    module.push(`module.${steps[i + 1]}`);
    i += 2;
  }
  let mode: 'managed' | 'data' = 'managed';
  if (steps[i] === 'data') {
    mode = 'data';
    i++;
  }
  const type = steps[i];
  const nameStep = steps[i + 1];
  if (type === undefined || nameStep === undefined || steps.length !== i + 2) return undefined;
  const name = stripKey(nameStep);
  return {
    module: module.join('.'),
    moduleConfig: module.map((m) => `module.${stripKey(m.slice('module.'.length))}`).join('.'),
    mode,
    type,
    name,
    key: nameStep.slice(name.length),
  };
}

/** The address of the `resource` block that declared an instance: module keys and the instance key removed. */
export function configAddress(address: string): string {
  const parts = parseAddress(address);
  return parts ? configAddressOf(parts) : address;
}

/** `configAddress` from parts already parsed. */
export function configAddressOf(parts: AddressParts): string {
  return joinAddress(parts.moduleConfig, `${parts.mode === 'data' ? 'data.' : ''}${parts.type}.${parts.name}`);
}

export function joinAddress(module: string, local: string): string {
  return module ? `${module}.${local}` : local;
}
