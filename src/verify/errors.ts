/** Every way a token is rejected has its own stable code; the message says what was wrong. */
import { FederationError } from '../core/errors.js';
import { printableAscii } from '../core/text.js';

export interface RejectionDetails {
  field?: string;
  expected?: string;
  actual?: string;
  cause?: unknown;
}

export function rejected(
  code: string,
  message: string,
  remedy: string,
  details: RejectionDetails = {},
): FederationError {
  return new FederationError(code, message, { remedy, ...details });
}

/** For values an attacker controls (a jku URL, a kid): one short printable line. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const clean = printableAscii(text);
  return JSON.stringify(clean.length > 100 ? `${clean.slice(0, 97)}...` : clean);
}
