/**
 * The CLI's record of what `login --export` did, for `entra-federate logout` (the Action keeps
 * the same record in GITHUB_STATE instead). A 0600 JSON file in the job's temp directory whose
 * path is exported as ENTRA_FEDERATE_SESSION; a second login in the same job adds to it. Logout
 * trusts only a plain file of the job's own user that no one else can write: the record says
 * what to delete and stop.
 */
import { closeSync, readFileSync } from 'node:fs';
import { usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { openOwnFile, UnsafeFileError } from '../core/own-file.js';
import { cleanupFromJson, mergeCleanup } from './cleanup.js';
import { replaceSecureFile, writeSecureFile } from './secure-file.js';
import type { Cleanup } from './types.js';

export const SESSION_VARIABLE = 'ENTRA_FEDERATE_SESSION';
const PREFIX = 'entra-federate-session-';

/** Reads a session record; throws a usage error when the file is not one we can trust. */
export function readSession(path: string): Cleanup {
  let text: string;
  try {
    const fd = openOwnFile(path, { access: 'read' });
    try {
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof UnsafeFileError && err.code === 'ENOENT') return { files: [] };
    if (!(err instanceof UnsafeFileError)) throw err;
    throw usageError(
      'UNTRUSTED_SESSION',
      `The session record ${quote(path)} is not a private file of this user: it ${err.reason}.`,
      `It was not written by entra-federate login: check ${SESSION_VARIABLE} and --session.`,
      'session',
    );
  }
  let parsed: { cleanup?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw usageError(
      'UNTRUSTED_SESSION',
      `The session record ${quote(path)} is not JSON.`,
      `Point ${SESSION_VARIABLE} or --session at the file entra-federate login wrote.`,
      'session',
    );
  }
  return cleanupFromJson(JSON.stringify(parsed.cleanup ?? {}));
}

/** Adds `cleanup` to the record at `path` (or a new one in `tempDir`); returns the record's path. */
export function recordSession(path: string | undefined, tempDir: string, cleanup: Cleanup): string {
  const merged = path === undefined ? cleanup : mergeCleanup(readSession(path), cleanup);
  const text = JSON.stringify({ version: 1, cleanup: merged });
  if (path === undefined) return writeSecureFile(tempDir, PREFIX, '.json', text);
  replaceSecureFile(path, text);
  return path;
}
