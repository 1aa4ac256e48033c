/**
 * Undoes what the hand-offs did, from their Cleanup records: stops identity endpoints, signs az
 * and docker out, removes files and private directories. Used by the Action's post step and by
 * `entra-federate logout`. It never fails the job: a thing already gone is what we wanted, and
 * anything else is a warning. Only node:fs and node:child_process: post must stay small.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, unlinkSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { Env } from '../ci/types.js';
import { stopEndpoint } from './identity-endpoint/state.js';
import type { Cleanup } from './types.js';

/** Private AZURE_CONFIG_DIRs are created with this name prefix; nothing else is removed whole. */
export const AZ_CONFIG_DIR_PREFIX = 'entra-federate-az-';
/** The acr export's private DOCKER_CONFIGs (handoff/docker-config.ts). */
export const DOCKER_CONFIG_DIR_PREFIX = 'entra-federate-docker-';
const PRIVATE_DIR_PREFIXES = [AZ_CONFIG_DIR_PREFIX, DOCKER_CONFIG_DIR_PREFIX];
const TOOL_TIMEOUT_MS = 60_000;

export interface CleanupLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface CleanupReport {
  endpointsStopped: number;
  signedOut: number;
  filesRemoved: number;
  dirsRemoved: number;
}

function code(err: unknown): string {
  const c = (err as { code?: unknown }).code;
  return typeof c === 'string' ? c : String(err);
}

function toolEnv(env: Env, extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return { ...out, ...extra };
}

/** Runs a sign-out; its output is not shown (it may name accounts, and we said all we need). */
function signOut(argv: [string, ...string[]], env: Record<string, string>, log: CleanupLog): boolean {
  const [command, ...args] = argv;
  const result = spawnSync(command, args, { env, stdio: 'ignore', timeout: TOOL_TIMEOUT_MS, windowsHide: true });
  if (result.error !== undefined) {
    log.debug(`${argv.join(' ')}: ${code(result.error)}`);
    return false;
  }
  if (result.status !== 0) {
    log.warn(`entra-federate: \`${argv.join(' ')}\` exited with code ${result.status ?? 'null'}.`);
    return false;
  }
  return true;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && isAbsolute(v)) : [];
}

/**
 * A Cleanup from its JSON (GITHUB_STATE, a session record): only well-formed entries survive,
 * and only absolute paths. What to run is never read from the record: it holds paths and
 * registry names, and cleanup builds the commands itself.
 */
export function cleanupFromJson(raw: string): Cleanup {
  let parsed: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(raw);
    parsed =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  const out: Cleanup = { files: strings(parsed['files']) };
  for (const key of ['dirs', 'azConfigDirs', 'endpoints'] as const) {
    const list = strings(parsed[key]);
    if (list.length > 0) out[key] = list;
  }
  const logouts = (Array.isArray(parsed['dockerLogouts']) ? (parsed['dockerLogouts'] as unknown[]) : []).flatMap(
    (d) => {
      const o = (d ?? {}) as { registry?: unknown; dockerConfig?: unknown };
      // A registry name, never an option: `docker logout -x` must not come out of a record.
      if (typeof o.registry !== 'string' || !/^[a-z0-9][a-z0-9.:-]*$/.test(o.registry)) return [];
      return [
        typeof o.dockerConfig === 'string'
          ? { registry: o.registry, dockerConfig: o.dockerConfig }
          : { registry: o.registry },
      ];
    },
  );
  if (logouts.length > 0) out.dockerLogouts = logouts;
  return out;
}

/** Merges records: a later login in the same job adds to what the first one will undo. */
export function mergeCleanup(a: Cleanup, b: Cleanup): Cleanup {
  const union = <T>(x: T[] | undefined, y: T[] | undefined): T[] => [...new Set([...(x ?? []), ...(y ?? [])])];
  const out: Cleanup = { files: union(a.files, b.files) };
  const dirs = union(a.dirs, b.dirs);
  const azConfigDirs = union(a.azConfigDirs, b.azConfigDirs);
  const endpoints = union(a.endpoints, b.endpoints);
  const dockerLogouts = [...(a.dockerLogouts ?? []), ...(b.dockerLogouts ?? [])].filter(
    (d, i, all) => all.findIndex((e) => e.registry === d.registry && e.dockerConfig === d.dockerConfig) === i,
  );
  if (dirs.length > 0) out.dirs = dirs;
  if (azConfigDirs.length > 0) out.azConfigDirs = azConfigDirs;
  if (endpoints.length > 0) out.endpoints = endpoints;
  if (dockerLogouts.length > 0) out.dockerLogouts = dockerLogouts;
  return out;
}

export function isEmptyCleanup(c: Cleanup): boolean {
  return (
    c.files.length === 0 &&
    (c.dirs ?? []).length === 0 &&
    (c.azConfigDirs ?? []).length === 0 &&
    (c.endpoints ?? []).length === 0 &&
    (c.dockerLogouts ?? []).length === 0
  );
}

/** Endpoints first (so nothing rewrites a file being removed), then sign-outs, files, directories. */
export async function performCleanup(cleanup: Cleanup, env: Env, log: CleanupLog): Promise<CleanupReport> {
  const report: CleanupReport = { endpointsStopped: 0, signedOut: 0, filesRemoved: 0, dirsRemoved: 0 };
  for (const stateFile of cleanup.endpoints ?? []) {
    if (!isAbsolute(stateFile)) continue;
    try {
      if ((await stopEndpoint(stateFile)) === 'stopped') report.endpointsStopped++;
    } catch (err) {
      log.warn(
        `entra-federate: could not stop the identity endpoint of ${stateFile} (${code(err)}); it stops by itself when the job ends.`,
      );
    }
  }
  for (const dir of cleanup.azConfigDirs ?? []) {
    if (!isAbsolute(dir) || !PRIVATE_DIR_PREFIXES.some((prefix) => basename(dir).startsWith(prefix))) continue;
    if (signOut(['az', 'account', 'clear'], toolEnv(env, { AZURE_CONFIG_DIR: dir }), log)) report.signedOut++;
  }
  for (const { registry, dockerConfig } of cleanup.dockerLogouts ?? []) {
    if (
      signOut(
        ['docker', 'logout', registry],
        toolEnv(env, dockerConfig === undefined ? {} : { DOCKER_CONFIG: dockerConfig }),
        log,
      )
    )
      report.signedOut++;
  }
  for (const file of cleanup.files) {
    if (!isAbsolute(file)) continue;
    try {
      unlinkSync(file);
      report.filesRemoved++;
      log.debug(`removed ${file}`);
    } catch (err) {
      if (code(err) !== 'ENOENT') log.warn(`entra-federate: could not remove ${file} (${code(err)}).`);
    }
  }
  for (const dir of cleanup.dirs ?? []) {
    if (
      !isAbsolute(dir) ||
      !PRIVATE_DIR_PREFIXES.some((prefix) => basename(dir).startsWith(prefix)) ||
      !existsSync(dir)
    )
      continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      report.dirsRemoved++;
      log.debug(`removed ${dir}`);
    } catch (err) {
      log.warn(`entra-federate: could not remove ${dir} (${code(err)}).`);
    }
  }
  return report;
}
