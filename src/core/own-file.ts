/**
 * Opens a file the user named (an --export-file, an audit log, $BASH_ENV, a session record)
 * only if it is safe to put credentials in or to trust what it says: never through a symbolic
 * link (O_NOFOLLOW), never blocking on a FIFO planted at the path (O_NONBLOCK: opening a FIFO
 * for writing with no reader fails at once with ENXIO instead of waiting), and, once open,
 * checked on the descriptor itself (fstat), so that a file swapped in between a check and the
 * open cannot slip through: a regular file, owned by the effective user, that no other user
 * may write (or, for credentials, read).
 */
import { closeSync, constants, fchmodSync, fstatSync, openSync } from 'node:fs';
import type { Stats } from 'node:fs';

/** Windows has neither flag; O_EXCL still refuses an existing link there. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

export interface OwnFileRules {
  /** Append (created 0600 when missing), or read an existing file. */
  access: 'append' | 'read';
  /** It will hold credentials: other users may not read it either. */
  secret?: boolean;
  /**
   * Whose the file must be. `effective` (the default): the effective user's. `any`: the CI's
   * own file (a step summary), checked only for being a regular file.
   */
  owner?: 'effective' | 'any';
}

/** Why a path was refused, in words that complete "<what> <path> …". */
export class UnsafeFileError extends Error {
  constructor(
    readonly reason: string,
    /** The errno code when opening failed (ENOENT, EACCES, ...), else UNSAFE_FILE. */
    readonly code: string,
    readonly mode?: number,
  ) {
    super(reason);
  }
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a plain file';
}

function openFailure(err: unknown, access: OwnFileRules['access']): UnsafeFileError {
  const code = (err as { code?: unknown }).code;
  const errno = typeof code === 'string' ? code : 'EIO';
  const reason: Record<string, string> = {
    ELOOP: 'is a symbolic link, which is never followed',
    ENXIO: 'is not a regular file (a FIFO or socket)',
    ENOENT: 'is in a directory that does not exist',
    EACCES: access === 'read' ? 'is not readable' : 'is not writable',
    EPERM: access === 'read' ? 'is not readable' : 'is not writable',
    EISDIR: 'is not a regular file (a directory)',
    ENOTDIR: 'is in a path whose parent is not a directory',
  };
  return new UnsafeFileError(reason[errno] ?? `cannot be opened (${errno})`, errno);
}

/** Refuses what the descriptor turned out to be, closing it first. */
function check(fd: number, rules: OwnFileRules): void {
  const stat = fstatSync(fd);
  let why: UnsafeFileError | undefined;
  const mode = stat.mode & 0o777;
  const euid = process.geteuid?.();
  if (!stat.isFile()) why = new UnsafeFileError(`is not a regular file (${kindOf(stat)})`, 'UNSAFE_FILE');
  else if ((rules.owner ?? 'effective') === 'effective' && process.platform !== 'win32') {
    if (euid !== undefined && stat.uid !== euid)
      why = new UnsafeFileError(
        `is owned by another user (uid ${stat.uid}; this process runs as uid ${euid})`,
        'UNSAFE_FILE',
        mode,
      );
    else if (rules.secret === true && (mode & 0o077) !== 0)
      why = new UnsafeFileError(
        `can be read or written by other users (mode ${mode.toString(8)})`,
        'UNSAFE_FILE',
        mode,
      );
    else if ((mode & 0o022) !== 0)
      why = new UnsafeFileError(`can be written by other users (mode ${mode.toString(8)})`, 'UNSAFE_FILE', mode);
  }
  if (why !== undefined) {
    closeSync(fd);
    throw why;
  }
}

/**
 * Returns an open descriptor (the caller closes it), or throws UnsafeFileError. Appending
 * creates a missing file exclusively, mode exactly 0600 whatever the umask.
 */
export function openOwnFile(path: string, rules: OwnFileRules): number {
  if (rules.access === 'read') {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    } catch (err) {
      throw openFailure(err, rules.access);
    }
    check(fd, rules);
    return fd;
  }
  const append = constants.O_WRONLY | constants.O_APPEND | NOFOLLOW | NONBLOCK;
  try {
    const fd = openSync(path, append | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      fchmodSync(fd, 0o600);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    return fd;
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EEXIST') throw openFailure(err, rules.access);
  }
  let fd: number;
  try {
    fd = openSync(path, append);
  } catch (err) {
    throw openFailure(err, rules.access);
  }
  check(fd, rules);
  return fd;
}
