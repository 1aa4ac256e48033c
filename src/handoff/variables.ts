/**
 * How the CLI passes variables to a job's later steps, in each CI's own way:
 *  - `--export-file FILE`: `export NAME='value'` lines appended to FILE (created 0600; an existing
 *    file must not be readable by others). Source it (`. FILE`) in the shell that runs the
 *    tools: GitLab's script lines, Travis, Drone and Buildkite steps, a local shell. Loaders
 *    of dotenv files that accept the `export` prefix read it too.
 *  - GitHub Actions: the GITHUB_ENV file, in the runner's heredoc format.
 *  - CircleCI: `export` lines appended to $BASH_ENV, which CircleCI sources before each step.
 *  - `--export shell` without --export-file: the same lines on stdout, printed once everything
 *    succeeded, for `eval "$(entra-federate login --export shell)"`.
 * --export-file wins over the others. Values are single-quoted (handoff/shell.ts writes every
 * line), so nothing in them is expanded by the shell that sources the file.
 */
import { fstatSync, ftruncateSync, lstatSync, unlinkSync, writeSync } from 'node:fs';
import type { Env } from '../ci/types.js';
import { appendEntry } from '../ci/github-file-commands.js';
import { FederationError, usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { openOwnFileNoting, UnsafeFileError } from '../core/own-file.js';
import { exportLine } from './shell.js';

export type VariableChannel =
  | { kind: 'github'; path: string; what: string }
  | { kind: 'shell'; path: string; what: string; own: boolean }
  | { kind: 'stdout'; what: string; write(text: string): void };

function set(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** `stdout`: where the lines go when no file is named and the shell export was asked for. */
export function variableChannel(
  exportFile: string | undefined,
  env: Env,
  stdout?: (text: string) => void,
): VariableChannel | undefined {
  if (exportFile !== undefined) {
    if (exportFile.trim() === '')
      throw usageError(
        'INVALID_EXPORT_FILE',
        '--export-file is empty.',
        'Give the path of the file to write `export` lines to, e.g. --export-file "$RUNNER_TEMP/azure.env".',
        'export-file',
      );
    // CircleCI's own file, named explicitly (`--export-file "$BASH_ENV"`): the CI created it.
    if (env['CIRCLECI'] === 'true' && exportFile === set(env, 'BASH_ENV'))
      return { kind: 'shell', path: exportFile, what: '$BASH_ENV', own: false };
    return { kind: 'shell', path: exportFile, what: `--export-file ${exportFile}`, own: true };
  }
  if (stdout !== undefined) return { kind: 'stdout', what: 'stdout', write: stdout };
  const githubEnv = set(env, 'GITHUB_ENV');
  if (env['GITHUB_ACTIONS'] === 'true' && githubEnv !== undefined)
    return { kind: 'github', path: githubEnv, what: 'GITHUB_ENV' };
  const bashEnv = set(env, 'BASH_ENV');
  if (env['CIRCLECI'] === 'true' && bashEnv !== undefined)
    return { kind: 'shell', path: bashEnv, what: '$BASH_ENV', own: false };
  return undefined;
}

function writeFailure(channel: Exclude<VariableChannel, { kind: 'stdout' }>, err: unknown): FederationError {
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
function openChannelFile(channel: VariableChannel & { kind: 'shell' }): { fd: number; created: boolean } {
  try {
    return openOwnFileNoting(channel.path, { access: 'append', secret: channel.own });
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

export interface VariableWriter {
  setEnv(name: string, value: string): void;
  /**
   * Takes back what this run wrote, when a later step of the login failed: a file it created is
   * removed, lines it appended to an existing one are cut off. GITHUB_ENV is the runner's and
   * is left as it is.
   */
  rollback(): void;
  /** Writes what is held back until the login has succeeded (stdout: one write, all or nothing). */
  flush(): void;
}

/** Checks the channel can be written before any request is sent, and returns its writer. */
export function openVariables(channel: VariableChannel): VariableWriter {
  if (channel.kind === 'stdout') {
    let held = '';
    return {
      setEnv(name, value) {
        held += exportLine(name, value);
      },
      flush() {
        channel.write(held);
        held = '';
      },
      // Nothing reached stdout yet: what was held is dropped.
      rollback() {
        held = '';
      },
    };
  }
  if (channel.kind === 'github') {
    return {
      flush: () => undefined,
      setEnv(name, value) {
        try {
          appendEntry(channel.path, name, value);
        } catch (err) {
          throw writeFailure(channel, err);
        }
      },
      rollback: () => undefined,
    };
  }
  const { fd, created } = openChannelFile(channel);
  const sizeAtOpen = fstatSync(fd).size;
  // Closed with the process: each line is one write, appended whole.
  return {
    flush: () => undefined,
    setEnv(name, value) {
      const line = exportLine(name, value);
      try {
        writeSync(fd, line);
      } catch (err) {
        throw writeFailure(channel, err);
      }
    },
    rollback() {
      try {
        const opened = fstatSync(fd);
        if (created) {
          // Only if the path still names the file we created.
          const now = lstatSync(channel.path);
          if (now.ino === opened.ino && now.dev === opened.dev) unlinkSync(channel.path);
        } else ftruncateSync(fd, sizeAtOpen);
      } catch {
        // Best effort: the failure being reported matters more.
      }
    },
  };
}
