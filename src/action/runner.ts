import { appendFileSync } from 'node:fs';
import { command, outputEntry } from './commands.js';
import type { Toolkit } from './toolkit.js';

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The runner's side of the toolkit: workflow commands on stdout, the output and summary files. */
export const runnerToolkit: Toolkit = {
  info: (message) => write(message),
  warning: (message) => write(command('warning', {}, message)),
  annotate: (level, message, at) => write(command(level, { title: at.title, file: at.file, line: at.startLine }, message)),
  setOutput: (name, value) => {
    const file = process.env.GITHUB_OUTPUT;
    if (file) appendFileSync(file, outputEntry(name, value), 'utf8');
    else write(`\n${command('set-output', { name }, value)}`);
  },
  setFailed: (message) => {
    process.exitCode = 1;
    write(command('error', {}, message));
  },
  setSecret: (secret) => write(command('add-mask', {}, secret)),
  appendSummary: async (markdown) => {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file) {
      write(markdown);
      return;
    }
    appendFileSync(file, markdown, 'utf8');
  },
};
