/**
 * Writes the identity endpoint's state file. Apart from state.ts so that the post step, which
 * only reads and stops, does not load node:crypto (its cold path is held to a budget).
 */
import { replaceSecureFile } from '../secure-file.js';
import type { EndpointState } from './state.js';

/**
 * Written once, by the endpoint, at start: a 0600 file created exclusively beside it (no link
 * followed), then renamed into place, so cleanup never reads it empty or half written.
 */
export function writeEndpointState(path: string, state: EndpointState): void {
  replaceSecureFile(path, JSON.stringify(state));
}
