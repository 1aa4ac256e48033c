/**
 * One audit record per token: who asked (the CI token's iss/sub/aud and the pipeline behind
 * it), for what (tenant, client id, scope), what came back (expiry, and from the access token
 * the ids Entra's sign-in log shows: uti, oid, appid/azp, xms_mirid), or why not. Built from
 * claims and names only: the one value derived from a token is a truncated SHA-256.
 * schema/audit-record.schema.json describes a line.
 */
import { createHash } from 'node:crypto';
import type { CiContext } from '../ci/types.js';
import { FederationError } from '../core/errors.js';
import type { AccessToken } from '../core/exchange.js';
import { decodeJwt } from '../core/jwt.js';
import type { IdTokenSummary, LoginResult } from '../core/login.js';
import type { FederationOptions } from '../core/options.js';
import type { PolicyDecision, PolicyDenial } from '../policy/evaluate.js';
import { PolicyDeniedError } from '../policy/guard.js';
import { isoTime } from '../core/text.js';

export const AUDIT_RECORD_VERSION = 1;

export interface AuditContext {
  repository?: string;
  ref?: string;
  sha?: string;
  actor?: string;
  workflow?: string;
  runId?: string;
  runAttempt?: string;
  jobId?: string;
  environment?: string;
  eventName?: string;
  runUrl?: string;
}

export interface AuditRecord {
  version: 1;
  time: string;
  outcome: 'ok' | 'denied' | 'error';
  provider: string;
  ciToken?: { iss?: string; sub?: string; aud?: string | string[]; jti?: string; expiresOn?: string };
  context?: AuditContext;
  tenantId: string;
  clientId: string;
  /** The token's scope; on a failure, the scope that failed when it is known. */
  scope?: string;
  /** On a failure: every scope the login asked for. */
  requestedScopes?: string[];
  expiresOn?: string;
  accessToken?: {
    uti?: string;
    oid?: string;
    appid?: string;
    azp?: string;
    xms_mirid?: string;
    tid?: string;
    fingerprint: string;
  };
  /** Sent as client-request-id; Entra logs it as the correlation id. */
  correlationId?: string;
  policy?: { ruleSet: string; rule?: string; field?: PolicyDenial['field']; claim?: string; value?: string };
  error?: {
    code: string;
    message: string;
    aadsts?: number;
    traceId?: string;
    correlationId?: string;
    timestamp?: string;
    status?: number;
  };
}

/** Where each context field may come from, across CIs (GitHub, GitLab, CircleCI names). */
const CONTEXT_CLAIMS: readonly [keyof AuditContext, readonly string[]][] = [
  ['repository', ['repository', 'project_path', 'oidc.circleci.com/project-id']],
  ['ref', ['ref']],
  ['sha', ['sha']],
  ['actor', ['actor', 'user_login']],
  ['workflow', ['workflow', 'ci_config_ref_uri']],
  ['runId', ['run_id', 'pipeline_id', 'oidc.circleci.com/pipeline-id']],
  ['runAttempt', ['run_attempt']],
  ['jobId', ['job_id', 'oidc.circleci.com/job-id']],
  ['environment', ['environment']],
  ['eventName', ['event_name', 'pipeline_source']],
];

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value.length > 512 ? `${value.slice(0, 509)}...` : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** First 16 hex digits of SHA-256: enough to match a token someone holds, useless to replay. */
export function fingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

/** The token's claims win over the CI environment: they are what Entra was shown. */
export function auditContext(
  claims: Record<string, unknown> | undefined,
  ci: CiContext | undefined,
): AuditContext | undefined {
  const out: AuditContext = {};
  for (const [field, names] of CONTEXT_CLAIMS) {
    const fromClaims =
      claims === undefined
        ? undefined
        : names.map((n) => (Object.hasOwn(claims, n) ? text(claims[n]) : undefined)).find((v) => v !== undefined);
    const value = fromClaims ?? text(ci?.[field]);
    if (value !== undefined) out[field] = value;
  }
  const runUrl = text(ci?.runUrl);
  if (runUrl !== undefined) out.runUrl = runUrl;
  return Object.keys(out).length === 0 ? undefined : out;
}

function ciToken(idToken: IdTokenSummary | undefined): AuditRecord['ciToken'] {
  if (idToken === undefined) return undefined;
  const out: NonNullable<AuditRecord['ciToken']> = {};
  if (idToken.iss !== undefined) out.iss = idToken.iss;
  if (idToken.sub !== undefined) out.sub = idToken.sub;
  if (idToken.aud !== undefined) out.aud = idToken.aud;
  const jti = text(idToken.claims['jti']);
  if (jti !== undefined) out.jti = jti;
  if (idToken.exp !== undefined) out.expiresOn = isoTime(idToken.exp * 1000);
  return out;
}

/** Decoded, not verified: these ids are for joining with Entra's logs, not for trust. */
function accessTokenIds(token: AccessToken): NonNullable<AuditRecord['accessToken']> {
  const out: NonNullable<AuditRecord['accessToken']> = { fingerprint: fingerprint(token.accessToken) };
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token.accessToken, 'the access token').claims;
  } catch {
    return out; // Not every access token is a JWT; the fingerprint still identifies it.
  }
  for (const name of ['uti', 'oid', 'appid', 'azp', 'xms_mirid', 'tid'] as const) {
    const value = text(claims[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export interface AuditSubject {
  time: number;
  provider: string;
  ci?: CiContext;
  idToken?: IdTokenSummary;
}

function base(subject: AuditSubject, outcome: AuditRecord['outcome'], tenantId: string, clientId: string): AuditRecord {
  const record: AuditRecord = {
    version: AUDIT_RECORD_VERSION,
    time: isoTime(subject.time),
    outcome,
    provider: subject.provider,
    tenantId,
    clientId,
  };
  const token = ciToken(subject.idToken);
  if (token !== undefined) record.ciToken = token;
  const context = auditContext(subject.idToken?.claims, subject.ci);
  if (context !== undefined) record.context = context;
  return record;
}

export function successRecords(result: LoginResult, subject: AuditSubject, decision?: PolicyDecision): AuditRecord[] {
  return result.tokens.map((token) => {
    const record = base(subject, 'ok', result.tenantId, result.clientId);
    record.scope = token.scope;
    record.expiresOn = isoTime(token.expiresOn);
    record.accessToken = accessTokenIds(token);
    record.correlationId = result.correlationId;
    if (decision?.allowed === true) {
      const grant = decision.grants.find((g) => g.scope === token.scope);
      record.policy = { ruleSet: decision.ruleSet, ...(grant === undefined ? {} : { rule: grant.rule }) };
    }
    return record;
  });
}

/** Entra (or the policy) said no: denied. Anything else (network, CI token): error. */
export function failureRecord(err: unknown, options: FederationOptions, subject: AuditSubject): AuditRecord {
  const fe = err instanceof FederationError ? err : undefined;
  const denied =
    fe !== undefined && (fe.code === 'POLICY_DENIED' || fe.aadsts !== undefined || fe.oauthError !== undefined);
  const record = base(subject, denied ? 'denied' : 'error', options.tenantId, options.clientId);
  if (fe?.scope !== undefined) record.scope = fe.scope;
  record.requestedScopes = options.scopes.map((s) => s.scope);
  if (fe?.correlationId !== undefined) record.correlationId = fe.correlationId;
  if (err instanceof PolicyDeniedError) {
    const d = err.denial;
    const value = d.value === undefined ? undefined : typeof d.value === 'string' ? d.value : JSON.stringify(d.value);
    record.policy = {
      ruleSet: d.ruleSet,
      field: d.field,
      ...(d.rules.length === 1 ? { rule: d.rules[0] as string } : {}),
      ...(d.claim === undefined ? {} : { claim: d.claim }),
      ...(value === undefined ? {} : { value: value.length > 512 ? `${value.slice(0, 509)}...` : value }),
    };
  }
  const error: NonNullable<AuditRecord['error']> = {
    code: fe?.code ?? 'UNEXPECTED_ERROR',
    message: err instanceof Error ? err.message : String(err),
  };
  if (fe?.aadsts !== undefined) error.aadsts = fe.aadsts;
  if (fe?.traceId !== undefined) error.traceId = fe.traceId;
  if (fe?.correlationId !== undefined) error.correlationId = fe.correlationId;
  if (fe?.timestamp !== undefined) error.timestamp = fe.timestamp;
  if (fe?.status !== undefined) error.status = fe.status;
  record.error = error;
  return record;
}
