/**
 * Starts the identity endpoint (dist/identity/index.js, or the standalone executable with its
 * hidden argument: ../self.ts) as a detached process and waits until
 * it listens. Its configuration, the header secret included, goes through its stdin (never
 * argv, which any user of the machine can read); it answers one JSON line on stdout, then both
 * pipes are dropped and it is unref'd, so neither this process nor the CI step waits for it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FederationError } from '../../core/errors.js';
import type { FederationErrorCode } from '../../core/errors.js';
import { selfCommand } from '../self.js';

/** What the endpoint reads on stdin. */
export interface EndpointConfig {
  version: 1;
  /** The login's flags: the endpoint rebuilds the same options and credential from them. */
  values: Record<string, string>;
  secret: string;
  /** The IMDS capability path segment (>= 128 random bits); absent: IMDS is not served. */
  capability?: string;
  stateFile: string;
  /** CI token files to keep fresh. */
  tokenFiles: string[];
  watchPid?: number;
  idleTimeoutSeconds: number;
}

export type ReadyLine =
  | { ok: true; pid: number; port: number }
  | { ok: false; error: { code: FederationErrorCode; message: string; remedy: string; usage?: boolean } };

const START_TIMEOUT_MS = 15_000;

/** The entry sits at dist/identity/index.js; this code runs from dist/action/ or dist/cli/chunks/. */
export function endpointEntry(from: string = import.meta.url): string {
  for (const relative of ['../identity/index.js', '../../identity/index.js']) {
    const path = fileURLToPath(new URL(relative, from));
    if (existsSync(path)) return path;
  }
  throw new FederationError(
    'IDENTITY_ENDPOINT_FAILED',
    "The identity endpoint's program (dist/identity/index.js) is missing from this installation.",
    {
      remedy: 'Reinstall entra-federate, or use a release whose dist/ includes identity/index.js.',
    },
  );
}

export function launchEndpoint(
  config: EndpointConfig,
  env: Record<string, string>,
  command: readonly [string, ...string[]] = selfCommand('identity-endpoint', () => endpointEntry()),
): Promise<{ pid: number; port: number }> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      detached: true,
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
      windowsHide: true,
    });
    let out = '';
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stdin.destroy();
      child.unref();
      fn();
    };
    const failed = (message: string): FederationError =>
      new FederationError('IDENTITY_ENDPOINT_FAILED', `The identity endpoint did not start: ${message}.`, {
        remedy: "Re-run with the same inputs; if it persists, report it with the step's log (it holds no token).",
      });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => reject(failed(`no answer within ${START_TIMEOUT_MS / 1000} s`)));
    }, START_TIMEOUT_MS);
    child.on('error', (err) => settle(() => reject(failed(err.message))));
    child.on('close', (code) =>
      settle(() => reject(failed(`it exited with code ${code ?? 'null'} before it was ready`))),
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      let ready: ReadyLine;
      try {
        ready = JSON.parse(out.slice(0, nl)) as ReadyLine;
      } catch {
        settle(() => reject(failed('it answered something that is not its ready line')));
        return;
      }
      if (ready.ok) {
        settle(() => resolve({ pid: ready.pid, port: ready.port }));
      } else {
        const e = ready.error;
        settle(() =>
          reject(FederationError.restate({ code: e.code, usage: e.usage === true }, e.message, { remedy: e.remedy })),
        );
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${JSON.stringify(config)}\n`);
  });
}
