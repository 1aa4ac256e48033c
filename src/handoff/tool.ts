/**
 * Runs the tools a hand-off signs in (az, docker) without a shell: argv is passed as it is and
 * secrets go through stdin where the tool reads them there. Output is captured and never shown
 * as it is; a failure is described by exit code and a scrubbed stderr tail.
 */
import { spawn } from 'node:child_process';
import type { Env } from '../ci/types.js';
import { scrubStderr } from '../ci/exec.js';
import { redact } from '../core/redact.js';
import type { ToolResult, ToolRun } from './types.js';

const MAX_OUTPUT_BYTES = 256 * 1024;

export function runTool(argv: readonly [string, ...string[]], jobEnv: Env, opts: ToolRun & { timeoutMs: number }): Promise<ToolResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(jobEnv)) if (value !== undefined) env[key] = value;
  Object.assign(env, opts.env ?? {});
  const blank = (text: string): string => scrubStderr(redact(text, opts.secrets ?? []));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ToolResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const [command, ...args] = argv;
    let child;
    try {
      child = spawn(command, args, { env, shell: false, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      resolve({ ok: false, reason: 'spawn', stderr: blank(err instanceof Error ? err.message : String(err)) });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, Math.max(1, opts.timeoutMs));
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes >= MAX_OUTPUT_BYTES) return;
      outBytes += chunk.length;
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes >= MAX_OUTPUT_BYTES) return;
      errBytes += chunk.length;
      err.push(chunk);
    });
    // A tool that exits without reading its stdin closes the pipe: that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish({ ok: false, reason: e.code === 'ENOENT' ? 'not-found' : e.code === 'EACCES' ? 'not-executable' : 'spawn', stderr: '' });
    });
    child.on('close', (code) => {
      const stderr = blank(Buffer.concat(err).toString('utf8'));
      if (timedOut) return finish({ ok: false, reason: 'timeout', stderr });
      if (code === 0) return finish({ ok: true, stdout: Buffer.concat(out).toString('utf8') });
      if (code === null) return finish({ ok: false, reason: 'signal', stderr });
      return finish({ ok: false, reason: 'exit', exitCode: code, stderr });
    });
  });
}

/** One clause about a failed tool run, for a FederationError message. */
export function describeToolFailure(command: string, result: Exclude<ToolResult, { ok: true }>): string {
  const tail = result.stderr === '' ? '' : `: ${result.stderr}`;
  const program = command.split(' ')[0] ?? command;
  switch (result.reason) {
    case 'not-found': return `\`${program}\` was not found on PATH`;
    case 'not-executable': return `\`${program}\` is not executable`;
    case 'timeout': return `\`${command}\` did not finish in time${tail}`;
    case 'signal': return `\`${command}\` was killed${tail}`;
    case 'spawn': return `\`${command}\` could not be started${tail}`;
    case 'exit': return `\`${command}\` exited with code ${result.exitCode ?? '?'}${tail}`;
  }
}
