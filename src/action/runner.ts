import * as core from '@actions/core';
import type { Toolkit } from './toolkit.js';

/** The runner's side of the toolkit: workflow commands, the output and summary files. */
export const runnerToolkit: Toolkit = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  annotate: (level, message, at) => {
    const properties = { title: at.title, file: at.file, startLine: at.startLine };
    if (level === 'error') core.error(message, properties);
    else if (level === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  },
  setOutput: (name, value) => core.setOutput(name, value),
  setFailed: (message) => core.setFailed(message),
  setSecret: (secret) => core.setSecret(secret),
  appendSummary: async (markdown) => {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      core.info(markdown);
      return;
    }
    await core.summary.addRaw(markdown).write();
  },
};
