/**
 * Spawns the built entry points as real processes, with only the environment a runner would
 * give (nothing inherited that could change detection: no GITHUB_*, AZURE_*, CI variables).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = `${ROOT}dist/cli/index.js`;

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The few variables a process needs to run at all. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    LANG: 'C.UTF-8',
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/**
 * A hang guard, not a deadline: every scenario carries its own (the CLI's `--timeout`, 60 s by
 * default; a tool's 120 s), and a slow or loaded machine must never turn a slow pass into a
 * failure. A child still running after this long is stuck; it is killed and the result says so.
 */
export const HANG_GUARD_MS = 150_000;

export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  /** Kill the child after this long without exiting; never shorter than the scenario's own deadline. */
  hangGuardMs?: number;
}

/**
 * Spawns `command` and captures its streams. A killed child resolves with code null and a
 * last stderr line that says why, so that every assertion printing stderr shows the cause.
 */
export function runProcess(command: string, args: string[], opts: RunOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: opts.env ?? baseEnv(),
      cwd: opts.cwd ?? ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const guardMs = opts.hangGuardMs ?? HANG_GUARD_MS;
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, guardMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const why = killed
        ? `[test harness: killed ${command} ${args.join(' ').slice(0, 80)} after ${guardMs / 1000} s without exiting]\n`
        : signal !== null
          ? `[test harness: the process ended on ${signal}]\n`
          : '';
      resolve({ code, stdout, stderr: stderr + why });
    });
    // A child that exits before reading its stdin must not fail the harness.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

export function runNode(script: string, args: string[], opts: RunOptions = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, [script, ...args], opts);
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  opts: { input?: string; cwd?: string } = {},
): Promise<ProcessResult> {
  return runNode(CLI, args, { env: baseEnv(env), ...opts });
}
