import type { Rule } from '../rules/index.js';
import type { OutputName } from './inputs.js';

/** Where a message points in the code, for an annotation. */
export interface AnnotationAt {
  readonly title: string;
  readonly file: string;
  readonly startLine: number;
}

/**
 * What the action does to the runner, and nothing else: the entry point backs it with the runner's workflow commands (runner.ts), tests with
 * a recorder. Keeps run.ts free of @actions/* and of process state.
 */
export interface Toolkit {
  info(message: string): void;
  warning(message: string): void;
  annotate(level: 'error' | 'warning' | 'notice', message: string, at: AnnotationAt): void;
  setOutput(name: OutputName, value: string): void;
  setFailed(message: string): void;
  setSecret(secret: string): void;
  /** Appends Markdown to the job summary (a no-op outside Actions). */
  appendSummary(markdown: string): Promise<void>;
}

/** What a run depends on besides the toolkit; tests replace the clock, the waits and the rules. */
export interface RunDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths start from (the runner starts actions in the workspace). */
  readonly cwd: string;
  readonly now: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly rules?: readonly Rule[];
}
