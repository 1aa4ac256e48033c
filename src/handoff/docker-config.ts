/**
 * The private DOCKER_CONFIG of the acr export: a new 0700 directory under the job's temporary
 * directory holding `config.json` (0600) whose `credHelpers` send each ACR login server to
 * `docker-credential-entra-federate`, and that helper as a small script in its `bin/`, put first
 * on PATH (docker finds credential helpers on PATH only).
 * https://docs.docker.com/reference/cli/docker/login/#credential-helpers
 *
 * What the job's own docker configuration already held (auths, credsStore, credHelpers of other
 * registries) is carried over, so earlier `docker login`s keep working. The directory is removed
 * at cleanup; nothing holds a credential, so there is nothing to sign out of.
 */
import { closeSync, mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { FederationError } from '../core/errors.js';
import { openOwnFile, UnsafeFileError } from '../core/own-file.js';
import { shellQuote } from '../core/text.js';
import { DOCKER_CONFIG_DIR_PREFIX } from './cleanup.js';
import { cliEntry, loginFlags } from './git.js';
import type { CiSink, HandoffRequest } from './types.js';

/** The name docker's credHelpers give: docker runs `docker-credential-<name>` from PATH. */
export const DOCKER_HELPER_NAME = 'entra-federate';
export const DOCKER_HELPER_PROGRAM = `docker-credential-${DOCKER_HELPER_NAME}`;

interface DockerConfigFile {
  auths?: unknown;
  credsStore?: unknown;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

function readConfig(path: string, sink: CiSink): DockerConfigFile {
  let fd: number;
  try {
    fd = openOwnFile(path, { access: 'read' });
  } catch (err) {
    if (err instanceof UnsafeFileError && err.code !== 'ENOENT' && err.code !== 'ENOTDIR')
      sink.warn(`acr: the job's docker configuration ${path} ${err.reason}; it is not carried over.`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(fd, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as DockerConfigFile) : {};
  } catch {
    sink.warn(`acr: the job's docker configuration ${path} is not JSON; it is not carried over.`);
    return {};
  } finally {
    closeSync(fd);
  }
}

/** Writes a new 0600 file exclusively, never through a link (core/own-file.ts). */
function writeNew(path: string, content: string, mode: number): void {
  const fd = openOwnFile(path, { access: 'append', secret: true });
  try {
    const bytes = Buffer.from(content, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
  if (mode !== 0o600) chmodSync(path, mode);
}

function failure(dir: string, err: unknown): FederationError {
  const why = err instanceof UnsafeFileError ? err.reason : String((err as { code?: unknown }).code ?? err);
  return new FederationError(
    'DOCKER_CONFIG_WRITE_FAILED',
    `Could not write the private docker configuration in ${dir} (${why}).`,
    { remedy: 'Check that the job can write its temporary directory (RUNNER_TEMP or TMPDIR).' },
  );
}

/** The helper script docker runs: node, the CLI, the login's flags (no secrets), then docker's action. */
export function helperScript(
  request: HandoffRequest,
  node: string = process.execPath,
  cli: string = cliEntry(),
): string {
  const argv = [node, cli, 'docker-credential', ...loginFlags(request)].map(shellQuote).join(' ');
  return `#!/bin/sh\nexec ${argv} "$@"\n`;
}

/**
 * Creates the private DOCKER_CONFIG (or, for a second registry in the same login, adds to the
 * one the first created) and exports DOCKER_CONFIG and PATH.
 */
export function writeDockerConfig(request: HandoffRequest, sink: CiSink, registry: string): { dir: string } {
  const ours = request.exported.get('DOCKER_CONFIG');
  const reuse =
    ours !== undefined && basename(ours).startsWith(DOCKER_CONFIG_DIR_PREFIX) && dirname(ours) === sink.tempDir;
  let dir = reuse ? ours : sink.tempDir;
  try {
    const jobConfigDir = request.env['DOCKER_CONFIG'] || join(request.env['HOME'] || homedir(), '.docker');
    const config = reuse
      ? readConfig(join(dir, 'config.json'), sink)
      : readConfig(join(jobConfigDir, 'config.json'), sink);
    if (!reuse) {
      dir = mkdtempSync(join(sink.tempDir, DOCKER_CONFIG_DIR_PREFIX));
      chmodSync(dir, 0o700);
      mkdirSync(join(dir, 'bin'), { mode: 0o700 });
      writeNew(join(dir, 'bin', DOCKER_HELPER_PROGRAM), helperScript(request), 0o700);
    }
    const helpers =
      config.credHelpers !== null && typeof config.credHelpers === 'object' && !Array.isArray(config.credHelpers)
        ? config.credHelpers
        : {};
    const next: DockerConfigFile = { ...config, credHelpers: { ...helpers, [registry]: DOCKER_HELPER_NAME } };
    const path = join(dir, 'config.json');
    if (reuse) unlinkSync(path);
    writeNew(path, `${JSON.stringify(next, null, 2)}\n`, 0o600);
  } catch (err) {
    if (err instanceof FederationError) throw err;
    throw failure(dir, err);
  }
  if (!reuse) {
    sink.setEnv('DOCKER_CONFIG', dir);
    const path = request.exported.get('PATH') ?? request.env['PATH'] ?? '';
    sink.setEnv('PATH', path === '' ? join(dir, 'bin') : `${join(dir, 'bin')}:${path}`);
  }
  return { dir };
}
