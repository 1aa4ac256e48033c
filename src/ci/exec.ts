/**
 * Runs a CI's own command that prints an OIDC token (`circleci run oidc get`,
 * `buildkite-agent oidc request-token`). Its stdout is a token, so it is captured, capped and
 * handed back, never echoed; a failure is described by exit code and a scrubbed stderr tail.
 */
import { spawn } from 'node:child_process';
import { redact } from '../core/redact.js';
import type { Env } from './types.js';
import { collapseControlCharacters } from '../core/text.js';

/** A JWT on stdout is a few KB; anything this large is not a token. */
export const MAX_TOKEN_OUTPUT_BYTES = 64 * 1024;
const MAX_STDERR_BYTES = 16 * 1024;
const STDERR_EXCERPT_CHARS = 300;

export type TokenCommandResult =
  | { ok: true; stdout: string }
  | {
      ok: false;
      reason: 'not-found' | 'not-executable' | 'timeout' | 'too-large' | 'exit' | 'signal' | 'spawn';
      exitCode?: number;
      signal?: string;
      stderr: string;
    };

export interface TokenCommandOptions {
  env: Env;
  timeoutMs: number;
  maxBytes?: number;
}

/**
 * Anything shaped like a JWT (or a long opaque credential) in stderr is replaced, so an
 * excerpt can be shown even if a tool logged a token where it should not.
 */
export function scrubStderr(text: string): string {
  // ANSI colour codes and control characters would garble the one-line message.
  const cleaned = collapseControlCharacters(redact(text).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > STDERR_EXCERPT_CHARS ? `...${cleaned.slice(-STDERR_EXCERPT_CHARS)}` : cleaned;
}

export interface CommandOptions extends TokenCommandOptions {
  /** Written to stdin, then closed (how secrets reach tools that read them there); else no stdin. */
  stdin?: string;
  /** Values to cut out of stderr before it appears in any message. */
  secrets?: readonly string[];
  /** Past maxBytes of stdout: fail (a token command) or keep the first maxBytes (a tool's chatter). */
  overflow?: 'fail' | 'truncate';
}

/**
 * Runs a program and captures its output, for token commands here and the tools hand-offs sign
 * in (src/handoff/tool.ts). argv[0] is looked up on PATH; no shell is involved, so nothing in
 * argv is interpreted.
 */
export function runCommand(argv: readonly [string, ...string[]], opts: CommandOptions): Promise<TokenCommandResult> {
  const maxBytes = opts.maxBytes ?? MAX_TOKEN_OUTPUT_BYTES;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(opts.env)) if (value !== undefined) env[key] = value;
  const scrub = (text: string): string => scrubStderr(redact(text, opts.secrets ?? []));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TokenCommandResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const [command, ...args] = argv;
    let child;
    try {
      child = spawn(command, args, {
        env,
        shell: false,
        stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (err) {
      resolve({ ok: false, reason: 'spawn', stderr: scrub(err instanceof Error ? err.message : String(err)) });
      return;
    }
    const out: Buffer[] = [];
    let outBytes = 0;
    const err: Buffer[] = [];
    let errBytes = 0;
    let tooLarge = false;
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      Math.max(1, opts.timeoutMs),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      if (opts.overflow === 'truncate') {
        if (outBytes >= maxBytes) return;
        outBytes += chunk.length;
        out.push(chunk);
        return;
      }
      outBytes += chunk.length;
      if (outBytes > maxBytes) {
        tooLarge = true;
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (errBytes >= MAX_STDERR_BYTES) return;
      errBytes += chunk.length;
      err.push(chunk);
    });
    if (opts.stdin !== undefined && child.stdin !== null) {
      // A program that exits without reading its stdin closes the pipe: that is its answer, not ours.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.stdin);
    }
    child.on('error', (e: NodeJS.ErrnoException) => {
      const reason = e.code === 'ENOENT' ? 'not-found' : e.code === 'EACCES' ? 'not-executable' : 'spawn';
      finish({ ok: false, reason, stderr: '' });
    });
    child.on('close', (code, signal) => {
      const stderr = scrub(Buffer.concat(err).toString('utf8'));
      if (timedOut) return finish({ ok: false, reason: 'timeout', stderr });
      if (tooLarge) return finish({ ok: false, reason: 'too-large', stderr });
      if (code === 0) return finish({ ok: true, stdout: Buffer.concat(out).toString('utf8') });
      if (code === null) return finish({ ok: false, reason: 'signal', signal: signal ?? 'unknown', stderr });
      return finish({ ok: false, reason: 'exit', exitCode: code, stderr });
    });
  });
}

/** A CI's token command: no stdin, and more output than a token can be is a failure. */
export function runTokenCommand(
  argv: readonly [string, ...string[]],
  opts: TokenCommandOptions,
): Promise<TokenCommandResult> {
  return runCommand(argv, opts);
}

/** One sentence about a failed command, for a FederationError message (never its stdout). */
export function describeFailure(
  command: string,
  result: Exclude<TokenCommandResult, { ok: true }>,
  timeoutMs: number,
): string {
  const tail = result.stderr === '' ? '' : `: ${result.stderr}`;
  switch (result.reason) {
    case 'not-found':
      return `\`${program(command)}\` was not found on PATH`;
    case 'not-executable':
      return `\`${program(command)}\` is not executable`;
    case 'timeout':
      return `\`${command}\` did not finish within ${Math.round(timeoutMs / 1000)} s${tail}`;
    case 'too-large':
      return `\`${command}\` printed more than ${MAX_TOKEN_OUTPUT_BYTES} bytes, which is not a token`;
    case 'signal':
      return `\`${command}\` was killed by ${result.signal ?? 'a signal'}${tail}`;
    case 'spawn':
      return `\`${command}\` could not be started${tail}`;
    case 'exit':
      return `\`${command}\` exited with code ${result.exitCode ?? '?'}${tail}`;
  }
}

function program(command: string): string {
  return command.split(' ')[0] ?? command;
}
