/** Every way a token is rejected has its own stable code; the message says what was wrong. */
import { FederationError } from '../core/errors.js';
import type { FailureErrorCode } from '../core/errors.js';
export interface RejectionDetails {
    field?: string;
    expected?: string;
    actual?: string;
    cause?: unknown;
}
export declare function rejected(code: FailureErrorCode, message: string, remedy: string, details?: RejectionDetails): FederationError;
/** For values an attacker controls (a jku URL, a kid): one short printable line. */
export declare function shown(value: unknown): string;
