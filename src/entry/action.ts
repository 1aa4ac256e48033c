/** The GitHub Action's main step (dist/action/index.js, action.yml `runs.main`): see github/main.ts. */
import { main } from './github/main.js';
import { githubRunner } from './github/runner.js';
import { tolerateClosedOutput } from './shared/closed-output.js';
import { lazyHttpClient } from './shared/io.js';

tolerateClosedOutput(process.stdout, process.stderr);
process.exitCode = await main({
  env: process.env,
  runner: githubRunner(process.env),
  http: lazyHttpClient(`entra-federate-action/${VERSION}`, process.env),
  now: Date.now,
  // The runner's worker: it lives as long as the job.
  ...(process.ppid > 1 ? { jobPid: process.ppid } : {}),
});
