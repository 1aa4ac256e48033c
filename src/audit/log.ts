/**
 * The audit file: JSON Lines, opened before any request (a bad path fails the run before
 * anything is sent), created 0600, never through a symlink, and appended with one write per
 * login so that concurrent jobs sharing a file never interleave half lines (O_APPEND).
 */
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { FederationError, usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import type { AuditRecord } from './record.js';

const FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** Opens a file for atomic appends; `what` names it in messages ("the audit log"). */
export async function openAppendOnly(path: string, what: string, field: string): Promise<AppendFile> {
  if (path.trim() === '')
    throw usageError('AUDIT_LOG_UNWRITABLE', `The path of ${what} is empty.`, `Pass --${field} FILE.`, field);
  let handle: FileHandle;
  try {
    handle = await open(path, FLAGS, 0o600);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === 'ELOOP'
        ? 'is a symbolic link, which is never followed'
        : code === 'ENOENT'
          ? 'is in a directory that does not exist'
          : code === 'EACCES' || code === 'EPERM'
            ? 'is not writable'
            : code === 'EISDIR'
              ? 'is a directory'
              : `cannot be opened (${code ?? 'error'})`;
    throw usageError(
      'AUDIT_LOG_UNWRITABLE',
      `${what.charAt(0).toUpperCase()}${what.slice(1)} ${quote(path)} ${why}.`,
      `Pass --${field} with a writable regular file path (it is created 0600 if missing).`,
      field,
    );
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw usageError(
      'AUDIT_LOG_UNWRITABLE',
      `${what.charAt(0).toUpperCase()}${what.slice(1)} ${quote(path)} is not a regular file.`,
      `Pass --${field} with a regular file path.`,
      field,
    );
  }
  return new AppendFile(handle, path, what);
}

export class AppendFile {
  constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly what: string,
  ) {}

  /** One write() of the whole text: with O_APPEND the kernel places it at the end as a unit. */
  async append(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    try {
      let offset = 0;
      while (offset < data.length) {
        const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
        offset += bytesWritten;
      }
    } catch (err) {
      throw new FederationError(
        'AUDIT_LOG_WRITE_FAILED',
        `Could not write to ${this.what} ${quote(this.path)}: ${err instanceof Error ? err.message : String(err)}.`,
        { remedy: 'Check the disk space and permissions of the audit log file.', cause: err },
      );
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** One JSON line per record, all in one append. */
export function auditLines(records: readonly AuditRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
