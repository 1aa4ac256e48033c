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
import { writeSync } from 'node:fs';
import type { Env } from '../ci/types.js';
import { appendEntry } from '../ci/github-file-commands.js';
import { FederationError, usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { openOwnFile, UnsafeFileError } from '../core/own-file.js';
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

/**
 * Opens the channel's file for appending: never through a link or into a FIFO, and only a
 * regular file of this user that no one else can write (an --export-file, which we own, not
 * read either). A CI's own file (CircleCI's $BASH_ENV) must pass the same test: credentials
 * never go to a file another user planted.
 */
function openChannelFile(channel: VariableChannel & { kind: 'shell' }): number {
  try {
    return openOwnFile(channel.path, { access: 'append', secret: channel.own });
  } catch (err) {
    if (!(err instanceof UnsafeFileError)) throw writeFailure(channel, err);
    // ENOENT, EACCES...: the path is wrong, not hostile.
    if (!['UNSAFE_FILE', 'ELOOP', 'ENXIO'].includes(err.code)) throw writeFailure(channel, err);
    const modeOnly = err.mode !== undefined && err.reason.includes('by other users');
    throw usageError(
      'INSECURE_EXPORT_FILE',
      `${channel.own ? 'The --export-file' : channel.what} ${quote(channel.path)} ${err.reason}, and it would receive credentials.`,
      channel.own
        ? modeOnly
          ? `Run \`chmod 600 ${channel.path}\`, or give a path that does not exist yet.`
          : 'Give --export-file a path that does not exist yet, in a directory only this user can write (e.g. under $RUNNER_TEMP or `mktemp -d`).'
        : `${channel.what} must be a regular file of the job's user that no one else can write; check how the job sets it.`,
      channel.own ? 'export-file' : undefined,
    );
  }
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
  const fd = openChannelFile(channel);
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
