/**
 * How the CLI passes variables to a job's later steps, in each CI's own way:
 *  - `--export-file FILE`: `export NAME='value'` lines appended to FILE (created 0600; an existing
 *    file must not be readable by others). Source it (`. FILE`) in the shell that runs the
 *    tools: GitLab's script lines, Travis, Drone and Buildkite steps, a local shell. Loaders
 *    of dotenv files that accept the `export` prefix read it too.
 *  - GitHub Actions: the GITHUB_ENV file, in the runner's heredoc format.
 *  - CircleCI: `export` lines appended to $BASH_ENV, which CircleCI sources before each step.
 * --export-file wins over the CI's own channel. Values are single-quoted, so nothing in them is
 * expanded by the shell that sources the file.
 */
import { closeSync, constants, fchmodSync, fstatSync, openSync, writeSync } from 'node:fs';
import type { Env } from '../ci/types.js';
import { appendEntry } from '../ci/github-file-commands.js';
import { FederationError, usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { shellQuote } from '../core/text.js';

export type VariableChannel =
  | { kind: 'github'; path: string; what: string }
  | { kind: 'shell'; path: string; what: string; own: boolean };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function set(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function variableChannel(exportFile: string | undefined, env: Env): VariableChannel | undefined {
  if (exportFile !== undefined) {
    if (exportFile.trim() === '')
      throw usageError(
        'INVALID_EXPORT_FILE',
        '--export-file is empty.',
        'Give the path of the file to write `export` lines to, e.g. --export-file "$RUNNER_TEMP/azure.env".',
        'export-file',
      );
    return { kind: 'shell', path: exportFile, what: `--export-file ${exportFile}`, own: true };
  }
  const githubEnv = set(env, 'GITHUB_ENV');
  if (env['GITHUB_ACTIONS'] === 'true' && githubEnv !== undefined)
    return { kind: 'github', path: githubEnv, what: 'GITHUB_ENV' };
  const bashEnv = set(env, 'BASH_ENV');
  if (env['CIRCLECI'] === 'true' && bashEnv !== undefined)
    return { kind: 'shell', path: bashEnv, what: '$BASH_ENV', own: false };
  return undefined;
}

function writeFailure(channel: VariableChannel, err: unknown): FederationError {
  const code = (err as { code?: unknown }).code;
  return new FederationError(
    'EXPORT_FILE_WRITE_FAILED',
    `Could not write to ${channel.what} (${channel.path})${typeof code === 'string' ? `: ${code}` : ''}.`,
    {
      remedy:
        channel.kind === 'shell' && channel.own
          ? 'Give --export-file a path in a directory the job can write, that is not a link.'
          : `Do not override ${channel.what}; the CI sets it.`,
      usage: true,
      cause: err,
    },
  );
}

/** Opens the --export-file for appending: new files 0600, existing ones only if private and plain. */
function openOwnFile(path: string): number {
  const base = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0);
  try {
    const fd = openSync(path, base | constants.O_CREAT | constants.O_EXCL, 0o600);
    fchmodSync(fd, 0o600);
    return fd;
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  const fd = openSync(path, base);
  const stat = fstatSync(fd);
  if (!stat.isFile() || (stat.mode & 0o077) !== 0) {
    closeSync(fd);
    throw usageError(
      'INSECURE_EXPORT_FILE',
      `The --export-file ${quote(path)} ${stat.isFile() ? `can be read or written by other users (mode ${(stat.mode & 0o777).toString(8)})` : 'is not a regular file'}, and it will hold credentials.`,
      `Run \`chmod 600 ${path}\`, or give a path that does not exist yet.`,
      'export-file',
    );
  }
  return fd;
}

/** Checks the channel can be written before any request is sent, and returns its writer. */
export function openVariables(channel: VariableChannel): { setEnv(name: string, value: string): void } {
  if (channel.kind === 'github') {
    return {
      setEnv(name, value) {
        try {
          appendEntry(channel.path, name, value);
        } catch (err) {
          throw writeFailure(channel, err);
        }
      },
    };
  }
  let fd: number;
  try {
    fd = channel.own
      ? openOwnFile(channel.path)
      : openSync(channel.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
  } catch (err) {
    if (err instanceof FederationError) throw err;
    throw writeFailure(channel, err);
  }
  // Closed with the process: each line is one write, appended whole.
  return {
    setEnv(name, value) {
      if (!NAME.test(name)) throw new Error(`invalid variable name ${JSON.stringify(name)}`);
      try {
        writeSync(fd, `export ${name}=${shellQuote(value)}\n`);
      } catch (err) {
        throw writeFailure(channel, err);
      }
    },
  };
}
