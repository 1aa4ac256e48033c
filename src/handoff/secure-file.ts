/**
 * Writes a secret (a CI token) to a new file that only the job's user can read. The name is
 * random and the file is created exclusively without following links, so a file or symlink
 * planted at that path by another process makes the write fail instead of leaking to it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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
