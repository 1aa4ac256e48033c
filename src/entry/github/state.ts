/**
 * What main hands to post through GITHUB_STATE: the files it wrote, as a JSON array of
 * absolute paths, and the rest of what post undoes (directories, az and docker sign-outs,
 * identity endpoints) as a cleanup record. Only this step can write its state, so post trusts
 * the lists; it still deletes nothing but the entries themselves (unlink never follows a link
 * or removes a directory), and the record is read back through cleanupFromJson.
 */
import { isAbsolute } from 'node:path';
import type { Cleanup } from '../../handoff/types.js';
import type { Runner } from './runner.js';

export const FILES_STATE = 'files';
/** What post undoes besides files. */
export const CLEANUP_STATE = 'cleanup';

export function filesFromState(raw: string): string[] {
  if (raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((f): f is string => typeof f === 'string' && isAbsolute(f));
}

/** Records each hand-off's cleanup in GITHUB_STATE as it comes, so that a later failure still leaves post a complete list. */
export function cleanupRecorder(runner: Runner): (cleanup: Cleanup) => void {
  const files: string[] = [];
  const rest: Omit<Cleanup, 'files'> = {};
  return (cleanup) => {
    if (cleanup.files.length > 0) {
      files.push(...cleanup.files);
      runner.saveState(FILES_STATE, JSON.stringify(files));
    }
    let more = false;
    for (const key of ['dirs', 'azConfigDirs', 'endpoints', 'dockerLogouts'] as const) {
      const list = cleanup[key];
      if (list === undefined || list.length === 0) continue;
      (rest as Record<string, unknown[]>)[key] = [...((rest as Record<string, unknown[]>)[key] ?? []), ...list];
      more = true;
    }
    if (more) runner.saveState(CLEANUP_STATE, JSON.stringify(rest));
  };
}
