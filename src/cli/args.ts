import { parseArgs } from 'node:util';
import { isThreshold, type Threshold } from '../findings/index.js';
import { FORMATS, type Format } from '../render/index.js';

export const USAGE = `Usage: weaklink [analyze] <file>... [options]

Reads what \`terraform show -json\` prints (plans or states) or terraform.tfstate files and reports the weak links:
single points of failure, open ingress, single-zone databases, missing segmentation.

Options:
  --format text|markdown|json|sarif   Output format (default: text)
  --output FILE                       Write the report to FILE instead of standard output
  --fail-on critical|high|medium|low|info|none
                                      Exit 1 when a finding is at or above this severity (default: high)
  --source-dir DIR                    Where the .tf sources are, to point findings at their lines
  --config FILE                       A .weaklink.yml (default: .weaklink.yml in the current folder, when present)
  --no-color                          No colour in text output (also NO_COLOR)
  -h, --help                          Show this help
  -v, --version                       Show the version

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage or input error.`;

export interface CliOptions {
  readonly files: readonly string[];
  readonly format: Format;
  readonly output: string | undefined;
  readonly failOn: Threshold;
  readonly sourceDir: string | undefined;
  readonly config: string | undefined;
  readonly color: boolean | undefined;
}

export type Parsed = { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'run'; readonly options: CliOptions };

/** A usage error: one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCli(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'source-dir': { type: 'string' },
        config: { type: 'string' },
        'no-color': { type: 'boolean' },
        color: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message.split('\n')[0] : String(error)} — run \`weaklink --help\``);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const files = positionals[0] === 'analyze' ? positionals.slice(1) : positionals;
  if (files.length === 0) throw new UsageError('no input file — pass the JSON of `terraform show -json`, e.g. `weaklink plan.json`');
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format ${format} is not one of ${FORMATS.join(', ')}`);
  }
  const failOn = values['fail-on'] ?? 'high';
  if (!isThreshold(failOn)) throw new UsageError(`--fail-on ${failOn} is not one of critical, high, medium, low, info, none`);
  return {
    kind: 'run',
    options: {
      files,
      format: format as Format,
      output: values.output,
      failOn,
      sourceDir: values['source-dir'],
      config: values.config,
      color: values['no-color'] ? false : values.color ? true : undefined,
    },
  };
}
