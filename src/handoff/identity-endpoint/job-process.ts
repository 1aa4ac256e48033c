/**
 * Which process's end is the job's end, for an identity endpoint started by the CLI. Not
 * simply our parent: `npx entra-federate` puts npm and its `sh -c` between the job's shell and
 * us, and they end with us. And in CIs that run each step in its own shell, the step's shell
 * ends with the step: there the runner's worker is the job.
 *  - GitHub Actions: the ancestor named Runner.Worker; Azure Pipelines: Agent.Worker.
 *  - CircleCI: none known (its steps' shells end with each step): the idle timeout and
 *    `logout` end the endpoint, and the job's container or VM goes with the job.
 *  - anywhere else (GitLab, Buildkite, a local shell): the nearest ancestor that is not a
 *    package-runner wrapper.
 * Linux only (/proc); elsewhere none is watched.
 */
import { readFileSync } from 'node:fs';
import type { Env } from '../../ci/types.js';
import { commandLineOf, parentOf } from './process.js';

const LAUNCHER = /(^|[/\\])(npm|npx|pnpm|pnpx|yarn|bunx?|corepack)(-cli)?(\.c?js)?$/;
const SHELL = /(^|\/)(sh|bash|dash|ash|zsh)$/;

function nameOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** npm, npx, pnpm, yarn... and the `sh -c '.../entra-federate ...'` npm runs a bin through. */
function isLauncher(pid: number): boolean {
  const argv = commandLineOf(pid) ?? [];
  if (argv.slice(0, 2).some((a) => LAUNCHER.test(a))) return true;
  // npm's run-script: `sh -c 'entra-federate <args>'`, the bin first (a job's own shell runs more).
  return (
    SHELL.test(argv[0] ?? '') && argv[1] === '-c' && /^["']?(\S*[/\\])?entra-federate["']?(\s|$)/.test(argv[2] ?? '')
  );
}

function ancestors(pid: number): number[] {
  const out: number[] = [];
  for (let p = parentOf(pid); p !== undefined && out.length < 32; p = parentOf(p)) out.push(p);
  return out;
}

export function jobProcess(env: Env, self: number = process.pid): number | undefined {
  if (commandLineOf(self) === undefined) return undefined;
  const chain = ancestors(self);
  if (env['GITHUB_ACTIONS'] === 'true') return chain.find((p) => nameOf(p) === 'Runner.Worker');
  if (env['TF_BUILD'] === 'True') return chain.find((p) => nameOf(p) === 'Agent.Worker');
  if (env['CIRCLECI'] === 'true') return undefined;
  return chain.find((p) => !isLauncher(p));
}
