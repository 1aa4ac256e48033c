/**
 * Shared by the package tests (orb, Drone plugin, GitLab component, Travis example): shell
 * steps run as processes the way each CI runs them, this repository's own package (`npm pack`),
 * and readers for what a step left behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt } from '../../src/core/jwt.js';
import type { ProcessResult } from '../e2e/run.js';
import { ROOT, runProcess } from '../e2e/run.js';

export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** Runs a shell on a script file, as a CI runner does with a step's commands. */
export function runShell(
  shell: string[],
  script: string,
  env: Record<string, string>,
  opts: { cwd?: string; hangGuardMs?: number } = {},
): Promise<ProcessResult> {
  return runProcess(shell[0] ?? 'bash', [...shell.slice(1), script], { env, ...opts });
}

/** The variables a shell has after sourcing `file` (what a later step sees), minus its own. */
export function sourcedVariables(file: string, env: Record<string, string>): Record<string, string> {
  const dump = (source: boolean) => {
    const res = spawnSync('bash', ['-c', source ? 'set -a; . "$1" >/dev/null; env -0' : 'env -0', '_', file], {
      env,
      encoding: 'utf8',
    });
    if (res.status !== 0) throw new Error(`sourcing ${file} failed: ${res.stderr}`);
    return Object.fromEntries(
      res.stdout
        .split('\0')
        .filter((l) => l !== '')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  };
  const before = dump(false);
  const after = dump(true);
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v && k !== '_' && k !== 'SHLVL'));
}

/** The `aud` of an access token the sandbox issued (it is a JWT there; Entra's are too, but opaque to clients). */
export function accessTokenAudience(token: string): unknown {
  return decodeJwt(token).claims['aud'];
}

let packed: string | undefined;

/** `npm pack` of this repository (dist/ included), once per test file: what the registry would serve. */
export function localPackage(dir: string): string {
  if (packed !== undefined) return packed;
  mkdirSync(dir, { recursive: true });
  const res = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`npm pack failed: ${res.stderr}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (file === undefined) throw new Error('npm pack wrote no tarball');
  packed = join(dir, file);
  return packed;
}

/** Every part of each JWT, for leak checks that catch a token cut into pieces. */
export function jwtParts(...tokens: string[]): string[] {
  return tokens.flatMap((t) => [t, ...t.split('.').filter((p) => p.length >= 16)]);
}
