/**
 * The standalone executable (`npm run build:binary`), built at most once per tree: every test
 * file that needs it runs the build script, which reuses build/<name> when its inputs have not
 * changed and serialises concurrent builds on a lock, so a CI run builds it once.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/run.js';

/** Where `build:binary` can build: Linux and macOS on x64 or arm64 (Windows has no `sh` for these tests). */
export const CAN_BUILD_BINARY =
  (process.platform === 'linux' || process.platform === 'darwin') && ['x64', 'arm64'].includes(process.arch);

/** The release asset name of this platform's binary. */
export const BINARY_NAME = `entra-federate-${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch}`;

/** A build takes seconds on a busy 2-core machine; wait as long as it takes (vitest's hook timeout is the bound). */
export const BUILD_TIMEOUT_MS = 300_000;

/** Runs scripts/build-binary.mjs; resolves with the binary's path. */
export function buildBinary(args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/build-binary.mjs'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`build:binary exited ${code}:\n${err}`)),
    );
  });
}

/**
 * A directory for PATH holding symlinks to the named tools only (found in the usual system
 * directories): a runner image with exactly those, and no `node`.
 */
export function toolDir(dir: string, tools: string[]): string {
  mkdirSync(dir, { recursive: true });
  for (const tool of tools) {
    const found = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin']
      .map((d) => join(d, tool))
      .find((p) => statSync(p, { throwIfNoEntry: false })?.isFile() === true);
    if (found === undefined) throw new Error(`${tool} is not installed on this machine`);
    symlinkSync(found, join(dir, tool));
  }
  return dir;
}
