/**
 * What main hands to post through GITHUB_STATE: the files it wrote, as a JSON array of
 * absolute paths. Only this step can write its state, so post trusts the list; it still
 * deletes nothing but the entries themselves (unlink never follows a link or removes a
 * directory).
 */
import { isAbsolute } from 'node:path';

export const FILES_STATE = 'files';

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
