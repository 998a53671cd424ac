import { runAction } from './run.js';
import { runnerToolkit } from './runner.js';

await runAction(runnerToolkit, { env: process.env, cwd: process.cwd(), now: () => new Date() });
