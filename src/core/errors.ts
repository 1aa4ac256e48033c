/**
 * Every failure a user can meet is a FederationError: a stable `code` that tools can branch on,
 * a message that says what happened, and a `remedy` that says what to change. Fields that
 * Microsoft support asks for (trace and correlation ids) travel with it.
 *
 * Messages never carry a token, assertion or secret: they are built from claims and names only.
 */
export interface PresentedClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
}

export interface FailedRequest {
  clientId: string;
  tenantId: string;
  cloud: 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';
  audience: string;
}

export interface FederationErrorDetails {
  remedy: string;
  /** The user's input or environment is wrong: the CLI exits 2 and nothing was sent. */
  usage?: boolean;
  aadsts?: number;
  oauthError?: string;
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
  status?: number;
  /** Structured context (which claim or option, what was expected, what was found). */
  field?: string;
  expected?: string;
  actual?: string;
  /** The iss/sub/aud of the CI token that was presented, for mismatch errors. */
  presented?: PresentedClaims;
  /** All claims of that token, for the doctor's explanation (claims, never the token). */
  claims?: Record<string, unknown>;
  /** What was asked for when it failed: lets the doctor explain without the original flags. */
  request?: FailedRequest;
  scope?: string;
  cause?: unknown;
}

export class FederationError extends Error {
  override readonly name = 'FederationError';
  readonly code: string;
  readonly remedy: string;
  readonly usage: boolean;
  readonly aadsts?: number;
  readonly oauthError?: string;
  readonly traceId?: string;
  readonly correlationId?: string;
  readonly timestamp?: string;
  readonly status?: number;
  readonly field?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly scope?: string;
  presented?: PresentedClaims;
  claims?: Record<string, unknown>;
  request?: FailedRequest;

  constructor(code: string, message: string, details: FederationErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.remedy = details.remedy;
    this.usage = details.usage ?? false;
    // exactOptionalPropertyTypes: only set what is known, so JSON output stays clean.
    const optional = [
      'aadsts',
      'oauthError',
      'traceId',
      'correlationId',
      'timestamp',
      'status',
      'field',
      'expected',
      'actual',
      'presented',
      'claims',
      'request',
      'scope',
    ] as const;
    for (const key of optional) {
      const value = details[key];
      if (value !== undefined) Object.assign(this, { [key]: value });
    }
  }

  /** A plain object for `--json` output and audit records. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message, remedy: this.remedy };
    for (const key of [
      'aadsts',
      'oauthError',
      'traceId',
      'correlationId',
      'timestamp',
      'status',
      'field',
      'expected',
      'actual',
      'presented',
      'scope',
    ] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/** An input the user gave (flag, variable, file) is wrong; nothing has been sent. */
export function usageError(code: string, message: string, remedy: string, field?: string): FederationError {
  return new FederationError(code, message, { remedy, usage: true, ...(field === undefined ? {} : { field }) });
}

export function isFederationError(err: unknown): err is FederationError {
  return err instanceof FederationError;
}
