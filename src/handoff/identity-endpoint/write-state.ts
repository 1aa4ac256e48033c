/**
 * The endpoint writes its state file (state.ts) once, at start: a 0600 file created exclusively
 * beside it (no link followed), then renamed into place, so cleanup never reads it empty or half
 * written. Apart from state.ts, which the Action's post step loads and which must stay small.
 */
import { replaceSecureFile } from '../secure-file.js';
import type { EndpointState } from './state.js';

export function writeEndpointState(path: string, state: EndpointState): void {
  replaceSecureFile(path, JSON.stringify(state));
}
