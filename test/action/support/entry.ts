// The action's entry with the test rules: bundled by ncc and run as the runner runs dist/index.js.
import { runAction } from '../../../src/action/run.js';
import { runnerToolkit } from '../../../src/action/runner.js';
import { TEST_RULES } from './rules.js';

await runAction(runnerToolkit, {
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(process.env.WEAKLINK_TEST_NOW ?? Date.now()),
  // Retries wait a hundredth of what they would: the test asserts they happen, not how long they take.
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms / 100, 200))),
  rules: TEST_RULES,
});
