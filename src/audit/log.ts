/**
 * The audit file: JSON Lines, opened before any request (a bad path fails the run before
 * anything is sent), created 0600, never through a symlink or into a FIFO, never another user's
 * or a file others can write (core/own-file.ts), and appended with one write per
 * login so that concurrent jobs sharing a file never interleave half lines (O_APPEND).
 */
import { closeSync, writeSync } from 'node:fs';
import { FederationError, usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { openOwnFile, UnsafeFileError } from '../core/own-file.js';
import type { AuditRecord } from './record.js';

/**
 * Opens a file for atomic appends; `what` names it in messages ("the audit log"). A file we are
 * given (the audit log) must be this user's and writable by no one else; the CI's own file (the
 * step summary, `owner: 'any'`) need only be a regular file. Neither is followed through a link
 * nor opened if it is a FIFO.
 */
export async function openAppendOnly(
  path: string,
  what: string,
  field: string,
  owner: 'effective' | 'any' = 'effective',
): Promise<AppendFile> {
  if (path.trim() === '')
    throw usageError('AUDIT_LOG_UNWRITABLE', `The path of ${what} is empty.`, `Pass --${field} FILE.`, field);
  let fd: number;
  try {
    fd = openOwnFile(path, { access: 'append', owner });
  } catch (err) {
    const why = err instanceof UnsafeFileError ? err.reason : `cannot be opened (${String(err)})`;
    const unsafe = err instanceof UnsafeFileError && ['UNSAFE_FILE', 'ELOOP', 'ENXIO'].includes(err.code);
    throw usageError(
      'AUDIT_LOG_UNWRITABLE',
      `${what.charAt(0).toUpperCase()}${what.slice(1)} ${quote(path)} ${why}.`,
      unsafe
        ? `Pass --${field} with a regular file of this user that no one else can write, or a path that does not exist yet (it is created 0600).`
        : `Pass --${field} with a writable regular file path (it is created 0600 if missing).`,
      field,
    );
  }
  return new AppendFile(fd, path, what);
}

export class AppendFile {
  private closed = false;

  constructor(
    private readonly fd: number,
    readonly path: string,
    private readonly what: string,
  ) {}

  /** One write() of the whole text: with O_APPEND the kernel places it at the end as a unit. */
  async append(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    try {
      let offset = 0;
      while (offset < data.length) offset += writeSync(this.fd, data, offset, data.length - offset);
    } catch (err) {
      throw new FederationError(
        'AUDIT_LOG_WRITE_FAILED',
        `Could not write to ${this.what} ${quote(this.path)}: ${err instanceof Error ? err.message : String(err)}.`,
        { remedy: 'Check the disk space and permissions of the audit log file.', cause: err },
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** One JSON line per record, all in one append. */
export function auditLines(records: readonly AuditRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
