/**
 * What the Drone plugin leaves for later steps. Drone passes nothing between steps but the
 * workspace (https://docs.drone.io/pipeline/docker/syntax/workspace/), so the results go to a
 * shell file that later steps source; on Harness also to its output files ($DRONE_OUTPUT and
 * $HARNESS_OUTPUT_SECRET_FILE,
 * https://developer.harness.io/docs/continuous-integration/use-ci/use-drone-plugins/plugin-step-settings-reference).
 * Token bytes go only to the env file (0600) and to Harness's output-secret file, never to a
 * log or to the plain output variables.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FederationError, usageError } from '../../core/errors.js';
import { quote } from '../../core/options.js';
import { openOwnFile, UnsafeFileError } from '../../core/own-file.js';
import type { LoginResult } from '../../core/login.js';
import { hasControlCharacter, isoTime, shellQuote } from '../../core/text.js';

export const ACCESS_TOKEN_VARIABLE = 'AZURE_ACCESS_TOKEN';
const EXPIRES_ON_VARIABLE = 'AZURE_ACCESS_TOKEN_EXPIRES_ON';

/**
 * The variable for a scope after the first: AZURE_ACCESS_TOKEN_ followed by the resource with
 * its scheme ("https://", "api://") and "/.default" removed, ASCII letters upper-cased, and
 * every run of other characters turned into one "_", trimmed at both ends.
 *   https://vault.azure.net/.default -> AZURE_ACCESS_TOKEN_VAULT_AZURE_NET
 * The orb, the GitLab component and the README state the same rule.
 */
export function scopeVariable(scope: string): string {
  let name = scope.replace(/\/\.default$/, '');
  const scheme = name.indexOf('://');
  if (scheme >= 0) name = name.slice(scheme + 3);
  name = name
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${ACCESS_TOKEN_VARIABLE}_${name}`;
}

export interface Variable {
  name: string;
  value: string;
  secret: boolean;
}

/**
 * Names for every scope, checked before any request: two resources that map to one name, or a
 * name that is another variable's, would silently hand a tool the wrong token.
 */
export function scopeVariables(scopes: readonly string[]): string[] {
  const names = scopes.map((scope, i) => (i === 0 ? ACCESS_TOKEN_VARIABLE : scopeVariable(scope)));
  const reserved = new Map<string, string>([
    [EXPIRES_ON_VARIABLE, 'the expiry'],
    ['AZURE_ACCESS_TOKEN_', 'no resource'],
  ]);
  names.forEach((name, i) => {
    const clash = reserved.get(name) ?? names.slice(0, i).indexOf(name);
    if (clash === -1) return;
    const what = typeof clash === 'string' ? clash : `the scope ${quote(scopes[clash] ?? '')}`;
    throw usageError(
      'SCOPE_VARIABLE_CLASH',
      `The scope ${quote(scopes[i] ?? '')} would be exported as ${name}, which is already ${what}.`,
      'Give scopes of different resources (one per resource; each further scope becomes AZURE_ACCESS_TOKEN_<RESOURCE>).',
      'scopes',
    );
  });
  return names;
}

/** The variables of a login, first scope first. */
export function loginVariables(result: LoginResult, names: readonly string[]): Variable[] {
  const first = result.tokens[0];
  if (first === undefined) throw new Error('the login returned no token');
  const out: Variable[] = [
    { name: ACCESS_TOKEN_VARIABLE, value: first.accessToken, secret: true },
    { name: EXPIRES_ON_VARIABLE, value: isoTime(first.expiresOn), secret: false },
    { name: 'AZURE_CLIENT_ID', value: result.clientId, secret: false },
    { name: 'AZURE_TENANT_ID', value: result.tenantId, secret: false },
  ];
  result.tokens.slice(1).forEach((token, i) => {
    out.push({ name: names[i + 1] ?? scopeVariable(token.scope), value: token.accessToken, secret: true });
  });
  return out;
}

export function envFileText(variables: readonly Variable[]): string {
  const lines = ['# Written by entra-federate (Drone plugin); a later step loads it with: . <this file>'];
  for (const v of variables) lines.push(`export ${v.name}=${shellQuote(v.value)}`);
  return `${lines.join('\n')}\n`;
}

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

function writeFailed(what: string, path: string, err: unknown, remedy: string): FederationError {
  const code = (err as { code?: unknown }).code;
  const why = err instanceof UnsafeFileError ? `: it ${err.reason}` : typeof code === 'string' ? ` (${code})` : '';
  return new FederationError('OUTPUT_WRITE_FAILED', `Could not write ${what} ${quote(path)}${why}.`, {
    remedy,
    cause: err,
  });
}

const ENV_FILE_REMEDY =
  'The plugin runs as the unprivileged user "node" (uid 1000): make the workspace writable for it, or set `output` to a writable path such as a temp volume (e.g. /run/entra-federate/env).';

/**
 * Replaces the env file atomically: a new 0600 file created exclusively (no link followed)
 * beside it, then renamed over it, so a reader never sees half a file and a planted symlink
 * is replaced, not written through.
 */
export function writeEnvFile(path: string, text: string): void {
  const dir = dirname(path);
  let temp: string | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!lstatSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(temp, CREATE, 0o600);
    try {
      fchmodSync(fd, 0o600);
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    temp = undefined;
  } catch (err) {
    if (temp !== undefined) {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing was created, or it is gone already.
      }
    }
    throw writeFailed('the env file', path, err, ENV_FILE_REMEDY);
  }
}

/**
 * Harness output files take `KEY=value` lines: a value that ended the line would forge another
 * variable, so anything but printable characters is refused.
 */
export function appendOutputFile(path: string, what: string, variables: readonly Variable[]): void {
  for (const v of variables) {
    if (hasControlCharacter(v.value))
      throw new FederationError(
        'OUTPUT_WRITE_FAILED',
        `${v.name} holds a control character and cannot be written to ${what}.`,
        { remedy: 'Report this: values written there are tokens, ids and times.' },
      );
  }
  let fd: number;
  try {
    // Harness's own file: any owner, but never through a link or into a FIFO.
    fd = openOwnFile(path, { access: 'append', owner: 'any' });
  } catch (err) {
    throw writeFailed(what, path, err, `Harness creates ${what}; check that the step runs as a Harness plugin step.`);
  }
  try {
    writeAll(fd, variables.map((v) => `${v.name}=${v.value}\n`).join(''));
  } catch (err) {
    throw writeFailed(what, path, err, `Harness creates ${what}; check that the step runs as a Harness plugin step.`);
  } finally {
    closeSync(fd);
  }
}
