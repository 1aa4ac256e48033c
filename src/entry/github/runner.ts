/**
 * The GitHub Actions runner as the Action sees it: inputs from INPUT_* variables, workflow
 * commands on stdout, and file commands for outputs, variables, state and the step summary.
 * Everything the entries say to the runner goes through here.
 */
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { FederationError, usageError } from '../../core/errors.js';
import { formatCommand } from '../../ci/github-workflow-commands.js';
import { appendEntry } from '../../ci/github-file-commands.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type RunnerFile = 'GITHUB_OUTPUT' | 'GITHUB_ENV' | 'GITHUB_STATE';

export interface Runner {
  /** Step debug logging is on (re-run with debug logging, or ACTIONS_STEP_DEBUG=true). */
  readonly debugEnabled: boolean;
  /** An input as the runner passes it (`with:` value or action.yml default), trimmed; '' when absent. */
  input(name: string): string;
  /** Hides the value in every later line of the job's log. */
  mask(value: string): void;
  info(line: string): void;
  /** Written only when step debug logging is on. */
  debug(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  setOutput(name: string, value: string): void;
  exportVariable(name: string, value: string): void;
  saveState(name: string, value: string): void;
  /** State saved by an earlier phase of this step (the runner passes it as STATE_<name>). */
  state(name: string): string;
  /** Appends markdown to the job's summary page; a no-op where the runner has none. */
  appendSummary(markdown: string): void;
  /** Fails before any request when the runner did not give us a file we will write. */
  requireFiles(names: readonly RunnerFile[]): void;
}

/** The runner's naming: `client-id` is INPUT_CLIENT-ID (upper case, spaces to _, hyphens kept). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function isDebug(env: Env): boolean {
  return env['RUNNER_DEBUG'] === '1' || env['ACTIONS_STEP_DEBUG']?.toLowerCase() === 'true';
}

export function githubRunner(
  env: Env,
  write: (text: string) => void = (text) => {
    process.stdout.write(text);
  },
): Runner {
  const line = (text: string): void => write(`${text}${EOL}`);
  const file = (name: RunnerFile): string => {
    const path = env[name];
    if (path === undefined || path === '') {
      throw usageError(
        'NOT_ON_A_RUNNER',
        `${name} is not set, so the step cannot pass anything on.`,
        'Run this action as a `uses:` step on a GitHub Actions runner (2.297.0 or later); locally, use the `entra-federate` CLI.',
        name,
      );
    }
    return path;
  };
  const append = (name: RunnerFile, key: string, value: string): void => {
    const path = file(name);
    try {
      appendEntry(path, key, value);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new FederationError(
        'RUNNER_FILE_WRITE_FAILED',
        `Could not append ${key} to the file ${name} names${typeof code === 'string' ? ` (${code})` : ''}.`,
        {
          remedy: `${name} must name a file the job's user can write; the runner sets it, so do not override it.`,
          field: name,
          cause: err,
        },
      );
    }
  };
  const debugEnabled = isDebug(env);
  return {
    debugEnabled,
    input: (name) => (env[inputVariable(name)] ?? '').trim(),
    mask(value) {
      if (value !== '') line(formatCommand('add-mask', {}, value));
    },
    info: line,
    debug(message) {
      if (debugEnabled) line(formatCommand('debug', {}, message));
    },
    warning: (message) => line(formatCommand('warning', {}, message)),
    error: (message) => line(formatCommand('error', {}, message)),
    setOutput: (name, value) => append('GITHUB_OUTPUT', name, value),
    exportVariable: (name, value) => append('GITHUB_ENV', name, value),
    saveState: (name, value) => append('GITHUB_STATE', name, value),
    state: (name) => env[`STATE_${name}`] ?? '',
    appendSummary(markdown) {
      const path = env['GITHUB_STEP_SUMMARY'];
      if (path !== undefined && path !== '') appendFileSync(path, markdown, { encoding: 'utf8' });
    },
    requireFiles(names) {
      for (const name of names) file(name);
    },
  };
}
