/**
 * Shared by the hand-off and identity-endpoint tests: a job's environment as each CI gives it,
 * reading what a login handed on (GITHUB_ENV, an --export-file sourced by a real shell), the
 * fake tools' call log, and process and socket facts for "nothing left behind".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/index.js';
import { FAKE_BIN } from './providers.js';

/** The variables of a GitHub `run:` step with `id-token: write`, pointed at the sandbox. */
export function githubJob(sandbox: Sandbox, dir: string): Record<string, string> {
  const temp = join(dir, 'runner-temp');
  mkdirSync(temp, { recursive: true });
  const githubEnv = join(dir, 'github-env');
  if (!existsSync(githubEnv)) writeFileSync(githubEnv, '');
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ENV: githubEnv,
    RUNNER_TEMP: temp,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '9876543210',
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
  };
}

/** Parses a runner file-command file: `key=value` or `key<<DELIM ... DELIM`. */
export function parseFileCommands(text: string): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const out: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, key = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`unterminated heredoc for ${key}`);
      out[key] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq < 1) throw new Error(`invalid file-command line ${JSON.stringify(line)}`);
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/** What a later step sees after sourcing an --export-file: a real `sh` does the sourcing. */
export function sourceExportFile(file: string): Record<string, string> {
  const before = envOf(execFileSync('sh', ['-c', 'env -0'], { env: { PATH: '/usr/bin:/bin' } }));
  const after = envOf(execFileSync('sh', ['-c', '. "$0" && env -0', file], { env: { PATH: '/usr/bin:/bin' } }));
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v && k !== '_' && k !== 'SHLVL'));
}

function envOf(buf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of buf.toString('utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return out;
}

export interface ToolCall {
  tool: string;
  argv: string[];
  stdin: string;
  env: Record<string, string>;
}

export function toolCalls(log: string): ToolCall[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ToolCall);
}

/** PATH with the fake az, docker and git first, and how they record. */
export function fakeTools(log: string): Record<string, string> {
  return {
    PATH: `${FAKE_BIN}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    FAKE_TOOL_NODE: process.execPath,
    FAKE_TOOL_LOG: log,
  };
}

/** Running, and not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export async function waitFor(condition: () => boolean, ms: number, step = 50): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, step)))
    if (condition()) return true;
  return condition();
}

/** Local addresses (hex "0100007F" is 127.0.0.1) of the sockets listening on a TCP port (Linux). */
export function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [addr, hexPort] = (fields[1] ?? '').split(':');
      // State 0A is LISTEN.
      if (fields[3] === '0A' && hexPort !== undefined && parseInt(hexPort, 16) === port) out.push(addr ?? '');
    }
  }
  return out;
}

export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
