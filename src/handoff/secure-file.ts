/**
 * Writes a secret (a CI token) to a new file that only the job's user can read. The name is
 * random and the file is created exclusively without following links, so a file or symlink
 * planted at that path by another process makes the write fail instead of leaking to it.
 * replaceSecureFile puts such a file in place by rename, so a reader sees the whole file or
 * none, never an empty or half-written one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Windows has no O_NOFOLLOW; O_EXCL alone already refuses an existing link there. */
const FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Returns the path of the new file, `<dir>/<prefix><16 hex><suffix>`, holding exactly `content`. */
export function writeSecureFile(dir: string, prefix: string, suffix: string, content: string): string {
  const path = join(dir, `${prefix}${randomBytes(8).toString('hex')}${suffix}`);
  const fd = openSync(path, FLAGS, 0o600);
  try {
    // The umask can only narrow the mode; fchmod makes it exactly 0600 whatever it was.
    fchmodSync(fd, 0o600);
    const bytes = Buffer.from(content, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } catch (err) {
    closeSync(fd);
    unlinkSync(path);
    throw err;
  }
  closeSync(fd);
  return path;
}

/**
 * Replaces (or creates) `path` with `content` atomically: a new 0600 file beside it, created
 * exclusively without following links, renamed over it. rename(2) replaces a link planted at
 * `path` instead of writing through it.
 */
export function replaceSecureFile(path: string, content: string): void {
  const temp = writeSecureFile(dirname(path), `.${basename(path)}.`, '.tmp', content);
  try {
    renameSync(temp, path);
  } catch (err) {
    unlinkSync(temp);
    throw err;
  }
}
