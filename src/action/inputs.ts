import { isThreshold, type Threshold } from '../findings/index.js';

export const MODES = ['auto', 'pr', 'audit', 'post-artifact'] as const;
export type Mode = (typeof MODES)[number];
export const COMMENT_MODES = ['update', 'new', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/**
 * Every input and its default, exactly as action.yml declares them (a test compares the two). The runner fills
 * in action.yml's defaults; these apply when the action runs without the runner's help (tests, other runners).
 */
export const INPUT_DEFAULTS = {
  plan: '',
  'github-token': '${{ github.token }}',
  mode: 'auto',
  comment: 'update',
  'fail-on': 'high',
  'sarif-file': 'weaklink.sarif',
  'json-file': '',
  config: '.weaklink.yml',
  'source-dir': '.',
  name: '',
  issue: 'false',
  'comment-artifact': '',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;

export const OUTPUT_NAMES = ['critical', 'high', 'medium', 'low', 'info', 'total', 'new', 'fixed', 'max-severity', 'sarif-file', 'json-file', 'comment-url'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The action's inputs, read and checked once. */
export interface ActionOptions {
  /** Paths or globs, one per line. */
  readonly plan: readonly string[];
  /** Empty when none was given: everything but the GitHub API still works. */
  readonly token: string;
  readonly mode: Mode;
  readonly comment: CommentMode;
  readonly failOn: Threshold;
  readonly sarifFile: string;
  readonly jsonFile: string | undefined;
  /** The config path, and whether it was the default (which may be absent) or named by the user (which must exist). */
  readonly config: { readonly path: string; readonly explicit: boolean };
  readonly sourceDir: string;
  readonly name: string | undefined;
  readonly issue: boolean;
  /** `pr` mode: also write the comment here for a `workflow_run` job to post; `post-artifact` mode: read it here. */
  readonly commentArtifact: string | undefined;
}

/** A bad input: one line for the log, the step fails. */
export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
}

/** The value of an input as the runner passes it (`INPUT_<NAME>`, upper case, spaces as `_`), trimmed. */
export function inputValue(env: Readonly<Record<string, string | undefined>>, name: InputName): string {
  const given = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim() ?? '';
  if (given !== '') return given;
  const fallback: string = INPUT_DEFAULTS[name];
  // An expression default is the runner's to evaluate; without the runner there is nothing to evaluate it with.
  return fallback.startsWith('${{') ? '' : fallback;
}

export function readInputs(env: Readonly<Record<string, string | undefined>>): ActionOptions {
  const get = (name: InputName): string => inputValue(env, name);
  const plan = get('plan')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const mode = oneOf(get('mode').toLowerCase(), MODES, 'mode');
  // Posting an artifact reads no plan: the pull_request job did.
  if (plan.length === 0 && mode !== 'post-artifact') throw new ActionInputError('input `plan` is required: the path (or glob) of the JSON written by `terraform show -json`');
  const failOn = get('fail-on').toLowerCase();
  if (!isThreshold(failOn)) throw new ActionInputError(`input \`fail-on\` is "${failOn}": use one of critical, high, medium, low, info, none`);
  const configPath = get('config');
  const artifact = get('comment-artifact');
  if (mode === 'post-artifact' && artifact === '') throw new ActionInputError('mode `post-artifact` needs input `comment-artifact`: the path of the downloaded comment artifact');
  return {
    plan,
    token: get('github-token'),
    mode,
    comment: oneOf(get('comment').toLowerCase(), COMMENT_MODES, 'comment'),
    failOn,
    sarifFile: get('sarif-file') || INPUT_DEFAULTS['sarif-file'],
    jsonFile: get('json-file') || undefined,
    config: { path: configPath || INPUT_DEFAULTS.config, explicit: configPath !== '' && configPath !== INPUT_DEFAULTS.config },
    sourceDir: get('source-dir') || INPUT_DEFAULTS['source-dir'],
    name: get('name') || undefined,
    issue: booleanInput(get('issue'), 'issue'),
    commentArtifact: artifact || undefined,
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: InputName): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new ActionInputError(`input \`${name}\` is "${value}": use one of ${allowed.join(', ')}`);
  return found;
}

/** The YAML 1.2 core booleans, as actions/toolkit's getBooleanInput reads them. */
function booleanInput(value: string, name: InputName): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionInputError(`input \`${name}\` is "${value}": use true or false`);
}
