/**
 * The identity endpoint's state file: its pid, port and entry script, 0600, in the job's temp
 * directory. It is the only file the endpoint writes besides the token files it keeps fresh;
 * the endpoint removes it when it stops, and cleanup reads it to stop the endpoint. Only Node's
 * built-ins and our own small file helpers here: the Action's post step loads this.
 */
import { lstatSync, readFileSync, unlinkSync } from 'node:fs';
import { commandLineOf, isAlive } from './process.js';

export const STATE_FILE_PREFIX = 'entra-federate-identity-';

export interface EndpointState {
  pid: number;
  port: number;
  /** The script the process runs: a pid whose command line lacks it is someone else's. */
  entry: string;
  startedAt: string;
}

/** Removed by the endpoint as it stops; cleanup may have removed it first. */
export function removeEndpointState(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

export function readEndpointState(path: string): EndpointState | undefined {
  try {
    // A link or anything but a plain file is not something the endpoint wrote.
    if (!lstatSync(path).isFile()) return undefined;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<EndpointState>;
    if (typeof parsed.pid !== 'number' || typeof parsed.port !== 'number' || typeof parsed.entry !== 'string')
      return undefined;
    return { pid: parsed.pid, port: parsed.port, entry: parsed.entry, startedAt: String(parsed.startedAt ?? '') };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

export type StopOutcome = 'stopped' | 'not-running';

/** Stops the endpoint a state file names (TERM, then KILL after `graceMs`) and removes the file. */
export async function stopEndpoint(stateFile: string, graceMs = 3000): Promise<StopOutcome> {
  const state = readEndpointState(stateFile);
  let outcome: StopOutcome = 'not-running';
  if (state !== undefined && isAlive(state.pid)) {
    const cmdline = commandLineOf(state.pid);
    // Where /proc tells, a recycled pid running something else is left alone.
    if (cmdline === undefined || cmdline.includes(state.entry)) {
      try {
        process.kill(state.pid, 'SIGTERM');
        if (!(await waitForExit(state.pid, graceMs))) {
          process.kill(state.pid, 'SIGKILL');
          await waitForExit(state.pid, 1000);
        }
        outcome = 'stopped';
      } catch (err) {
        if ((err as { code?: string }).code !== 'ESRCH') throw err;
      }
    }
  }
  try {
    unlinkSync(stateFile);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
  return outcome;
}
