/**
 * The one hardened open for files we append credentials to or trust: no link followed, no FIFO
 * waited on, and on the open descriptor a regular file of the effective user that no one else
 * can write (or, for credentials, read).
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openOwnFile, UnsafeFileError } from '../../../src/core/own-file.js';

const dir = mkdtempSync(join(tmpdir(), 'ef-own-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (): string => join(dir, `f${++n}`);
const asRoot = process.getuid?.() === 0;
const posix = process.platform !== 'win32';

function refusal(fn: () => unknown): UnsafeFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UnsafeFileError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('appending', () => {
  test('a missing file is created exactly 0600, whatever the umask', () => {
    const file = path();
    const old = process.umask(0);
    try {
      const fd = openOwnFile(file, { access: 'append', secret: true });
      writeSync(fd, 'a\n');
      closeSync(fd);
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const fd = openOwnFile(file, { access: 'append', secret: true });
    writeSync(fd, 'b\n');
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('a\nb\n');
  });

  test.skipIf(!posix)('a FIFO is refused at once, for appending and for reading', () => {
    const fifo = path();
    execFileSync('mkfifo', ['-m', '600', fifo]);
    expect(refusal(() => openOwnFile(fifo, { access: 'append' })).reason).toMatch(/not a regular file/);
    expect(refusal(() => openOwnFile(fifo, { access: 'read' })).reason).toBe('is not a regular file (a FIFO)');
    // The CI's own files too: owner 'any' still wants a regular file.
    expect(refusal(() => openOwnFile(fifo, { access: 'append', owner: 'any' })).reason).toMatch(/not a regular file/);
  });

  test('a symbolic link is never followed, even to our own file', () => {
    const target = path();
    writeFileSync(target, '', { mode: 0o600 });
    const link = path();
    symlinkSync(target, link);
    expect(refusal(() => openOwnFile(link, { access: 'append' })).code).toBe('ELOOP');
    expect(refusal(() => openOwnFile(link, { access: 'read' })).code).toBe('ELOOP');
  });

  test.skipIf(!asRoot)("a 0600 file of another user is refused, unless it is the CI's own (owner 'any')", () => {
    const theirs = path();
    writeFileSync(theirs, '', { mode: 0o600 });
    chownSync(theirs, 65534, 65534);
    expect(refusal(() => openOwnFile(theirs, { access: 'append' })).reason).toBe(
      'is owned by another user (uid 65534; this process runs as uid 0)',
    );
    expect(refusal(() => openOwnFile(theirs, { access: 'read' })).reason).toMatch(/owned by another user/);
    closeSync(openOwnFile(theirs, { access: 'append', owner: 'any' }));
  });

  test.skipIf(!posix)('group- or world-writable is refused; readable by others only for credentials', () => {
    const shared = path();
    writeFileSync(shared, '');
    chmodSync(shared, 0o620);
    expect(refusal(() => openOwnFile(shared, { access: 'append' })).reason).toBe(
      'can be written by other users (mode 620)',
    );
    chmodSync(shared, 0o644);
    closeSync(openOwnFile(shared, { access: 'append' }));
    expect(refusal(() => openOwnFile(shared, { access: 'append', secret: true })).reason).toBe(
      'can be read or written by other users (mode 644)',
    );
  });

  test('a directory, and a path in no directory, say so', () => {
    expect(refusal(() => openOwnFile(dir, { access: 'append' })).reason).toMatch(/directory/);
    expect(refusal(() => openOwnFile(join(dir, 'no', 'such'), { access: 'append' })).code).toBe('ENOENT');
  });
});
