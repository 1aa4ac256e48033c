/**
 * A login: every requested scope exchanged concurrently with one credential, and a summary of
 * who asked (the CI token's iss/sub/aud) that is safe to print. Tokens stay in `tokens` only.
 */
import { randomUUID } from 'node:crypto';
import { FederationError } from './errors.js';
import type { PresentedClaims } from './errors.js';
import type { AccessToken, ClientCredential } from './exchange.js';
import { exchangeToken } from './exchange.js';
import type { Clock, HttpClient } from './http.js';
import { systemClock } from './http.js';
import type { JwtClaims } from './jwt.js';
import { audienceClaim, decodeJwt, numericClaim, stringClaim } from './jwt.js';
import type { FederationOptions } from './options.js';

/** Where the credential comes from; federated sources are asked per audience. */
export type CredentialSource =
  | { kind: 'federated'; description: string; idToken: (audience: string) => Promise<string> }
  | { kind: 'certificate'; description: string; assertion: (tokenEndpoint: string) => Promise<string> }
  | { kind: 'secret'; description: string; secret: string }
  | {
      kind: 'managed-identity';
      description: string;
      /** An access token for a resource, straight from the machine's identity endpoint: no exchange. */
      token: (request: { resource: string; scope: string; deadlineAt: number }) => Promise<AccessToken>;
    };

export interface IdTokenSummary {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  /** Epoch seconds. */
  exp?: number;
  claims: JwtClaims;
}

export interface LoginResult {
  tenantId: string;
  clientId: string;
  cloud: string;
  authorityHost: string;
  audience: string;
  credential: CredentialSource['kind'];
  credentialSource: string;
  correlationId: string;
  idToken?: IdTokenSummary;
  /** A managed-identity login: the user-assigned identity's client id, when one was named. */
  managedIdentity?: { userAssignedClientId?: string };
  tokens: AccessToken[];
  notes: string[];
}

export interface LoginDeps {
  http: HttpClient;
  clock?: Clock;
  /**
   * Runs after the CI token is known and before any exchange: a guardrail (policy) that
   * throws to deny sends nothing to Entra.
   */
  beforeExchange?: (idToken: IdTokenSummary | undefined, options: FederationOptions) => void | Promise<void>;
}

export function presentedClaims(summary: IdTokenSummary | undefined): PresentedClaims | undefined {
  if (summary === undefined) return undefined;
  const out: PresentedClaims = {};
  if (summary.iss !== undefined) out.iss = summary.iss;
  if (summary.sub !== undefined) out.sub = summary.sub;
  if (summary.aud !== undefined) out.aud = summary.aud;
  return out;
}

export function summarizeIdToken(token: string, source: string): IdTokenSummary {
  const { claims } = decodeJwt(token, source);
  const summary: IdTokenSummary = { claims };
  const iss = stringClaim(claims, 'iss');
  const sub = stringClaim(claims, 'sub');
  const aud = audienceClaim(claims);
  const exp = numericClaim(claims, 'exp');
  if (iss !== undefined) summary.iss = iss;
  if (sub !== undefined) summary.sub = sub;
  if (aud !== undefined) summary.aud = aud;
  if (exp !== undefined) summary.exp = exp;
  return summary;
}

export async function login(
  options: FederationOptions,
  source: CredentialSource,
  deps: LoginDeps,
): Promise<LoginResult> {
  const clock = deps.clock ?? systemClock;
  const deadlineAt = clock.now() + options.timeoutMs;
  const correlationId = randomUUID();
  const notes = options.scopes
    .filter((s) => s.appendedFrom !== undefined)
    .map((s) => `"${s.appendedFrom}" was given as a resource; requested scope ${s.scope}.`);

  if (source.kind === 'managed-identity') return managedIdentityLogin(options, source, deps, correlationId, notes);

  let credential: ClientCredential;
  let idToken: IdTokenSummary | undefined;
  if (source.kind === 'federated') {
    // One CI token serves the first attempt of every scope; retries ask the CI again,
    // because a retry may come after the first token has expired.
    const first = await source.idToken(options.audience);
    idToken = summarizeIdToken(first, source.description);
    let firstUnused = options.scopes.length;
    credential = {
      kind: 'federated',
      audience: options.audience,
      assertion: async (audience) => (firstUnused-- > 0 ? first : source.idToken(audience)),
    };
  } else if (source.kind === 'certificate') {
    credential = { kind: 'certificate', assertion: source.assertion };
  } else {
    credential = { kind: 'secret', secret: source.secret };
  }

  await deps.beforeExchange?.(idToken, options);

  const settled = await Promise.allSettled(
    options.scopes.map((spec) =>
      exchangeToken(
        { tokenEndpoint: options.tokenEndpoint, clientId: options.clientId, scope: spec.scope, deadlineAt },
        credential,
        { http: deps.http, clock, correlationId },
      ),
    ),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) {
    const err: unknown = failed.reason;
    if (err instanceof FederationError) {
      const presented = presentedClaims(idToken);
      if (presented !== undefined && err.presented === undefined) err.presented = presented;
      if (idToken !== undefined && err.claims === undefined) err.claims = idToken.claims;
      err.request ??= {
        clientId: options.clientId,
        tenantId: options.tenantId,
        cloud: options.cloud,
        audience: options.audience,
      };
    }
    throw err;
  }
  const tokens = settled.map((s) => (s as PromiseFulfilledResult<AccessToken>).value);
  const result: LoginResult = {
    tenantId: options.tenantId,
    clientId: options.clientId,
    cloud: options.cloud,
    authorityHost: options.authorityHost,
    audience: options.audience,
    credential: source.kind,
    credentialSource: source.description,
    correlationId,
    tokens,
    notes,
  };
  if (idToken !== undefined) result.idToken = idToken;
  return result;
}

/** The resource of a `<resource>/.default` scope, as IMDS takes it. */
function resourceOf(scope: string): string {
  return scope.replace(/\/\.default$/, '');
}

/**
 * A login with the machine's managed identity: the policy runs first as for any login, then one
 * token per scope from the identity endpoint. The tenant and client ids, when not given, are
 * the identity's own (tid, appid of its first token).
 */
async function managedIdentityLogin(
  options: FederationOptions,
  source: Extract<CredentialSource, { kind: 'managed-identity' }>,
  deps: LoginDeps,
  correlationId: string,
  notes: string[],
): Promise<LoginResult> {
  const clock = deps.clock ?? systemClock;
  const deadlineAt = clock.now() + options.timeoutMs;
  await deps.beforeExchange?.(undefined, options);
  const tokens = await Promise.all(
    options.scopes.map((spec) => source.token({ resource: resourceOf(spec.scope), scope: spec.scope, deadlineAt })),
  );
  let claims: JwtClaims = {};
  try {
    claims = decodeJwt(tokens[0]?.accessToken ?? '', 'the managed identity token').claims;
  } catch {
    claims = {};
  }
  return {
    tenantId: options.tenantId !== '' ? options.tenantId : (stringClaim(claims, 'tid') ?? ''),
    clientId:
      options.clientId !== '' ? options.clientId : (stringClaim(claims, 'appid') ?? stringClaim(claims, 'azp') ?? ''),
    cloud: options.cloud,
    authorityHost: options.authorityHost,
    audience: options.audience,
    credential: source.kind,
    credentialSource: source.description,
    correlationId,
    managedIdentity: options.clientId === '' ? {} : { userAssignedClientId: options.clientId },
    tokens,
    notes,
  };
}
