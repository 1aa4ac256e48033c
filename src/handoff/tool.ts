/**
 * Runs the tools a hand-off signs in (az, docker) without a shell: argv is passed as it is and
 * secrets go through stdin where the tool reads them there. Output is captured and never shown
 * as it is; a failure is described by exit code and a scrubbed stderr tail.
 */
import type { Env } from '../ci/types.js';
import { runCommand } from '../ci/exec.js';
import type { ToolResult, ToolRun } from './types.js';

const MAX_OUTPUT_BYTES = 256 * 1024;

export async function runTool(
  argv: readonly [string, ...string[]],
  jobEnv: Env,
  opts: ToolRun & { timeoutMs: number },
): Promise<ToolResult> {
  const result = await runCommand(argv, {
    env: { ...jobEnv, ...opts.env },
    timeoutMs: opts.timeoutMs,
    maxBytes: MAX_OUTPUT_BYTES,
    overflow: 'truncate',
    stdin: opts.stdin ?? '',
    secrets: opts.secrets ?? [],
  });
  if (result.ok) return result;
  // Truncation means a tool never overflows; a signal is reported without its name here.
  const reason = result.reason === 'too-large' ? 'exit' : result.reason;
  return {
    ok: false,
    reason,
    stderr: result.stderr,
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
  };
}

/** One clause about a failed tool run, for a FederationError message. */
export function describeToolFailure(command: string, result: Exclude<ToolResult, { ok: true }>): string {
  const tail = result.stderr === '' ? '' : `: ${result.stderr}`;
  const program = command.split(' ')[0] ?? command;
  switch (result.reason) {
    case 'not-found':
      return `\`${program}\` was not found on PATH`;
    case 'not-executable':
      return `\`${program}\` is not executable`;
    case 'timeout':
      return `\`${command}\` did not finish in time${tail}`;
    case 'signal':
      return `\`${command}\` was killed${tail}`;
    case 'spawn':
      return `\`${command}\` could not be started${tail}`;
    case 'exit':
      return `\`${command}\` exited with code ${result.exitCode ?? '?'}${tail}`;
  }
}
