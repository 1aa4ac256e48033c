/** The GitHub Action's post step (dist/action/post.js, action.yml `runs.post`): see github/post.ts. */
import { post } from './github/post.js';
import { githubRunner } from './github/runner.js';
import { tolerateClosedOutput } from './shared/closed-output.js';

tolerateClosedOutput(process.stdout, process.stderr);
await post({ env: process.env, runner: githubRunner(process.env) });
