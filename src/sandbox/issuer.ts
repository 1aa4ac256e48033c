// The CI side: a GitHub Actions-compatible OIDC issuer (discovery, JWKS, idtoken endpoint).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { baseClaims, circleciOrg, defaultSubject, providerForIssuer } from './ci-claims.js';
import { TOKEN_EXCHANGE_AUDIENCE } from './config.js';
import { bearerToken, jsonReply, type Reply } from './http.js';
import { publicJwk } from './keys.js';
import { signJwt } from './jwt.js';
import type { SandboxState } from './state.js';
import type { MintIdTokenOptions } from './types.js';

/**
 * A CI ID token signed with the sandbox's CI key, shaped as the issuing CI shapes it: GitHub's
 * claims by default, GitLab's or CircleCI's for their issuers (or an explicit `provider`).
 */
export function mintCiToken(
  state: SandboxState,
  opts: MintIdTokenOptions = {},
  defaultAudience = TOKEN_EXCHANGE_AUDIENCE,
): string {
  const iat = Math.floor(state.now() / 1000);
  const lifetime = opts.lifetimeSeconds ?? state.settings.idTokenLifetimeSeconds;
  const iss = opts.issuer ?? state.ciIssuer;
  const provider = opts.provider ?? providerForIssuer(iss);
  // CircleCI's tokens are for the organization unless a job asks for another audience.
  const aud = provider === 'circleci' ? circleciOrg(iss) : defaultAudience;
  const claims = baseClaims(provider, { iss, aud, iat, lifetime });
  // Configured overrides first; per-call issuer/audience next; explicit per-call claims last.
  applyOverrides(claims, state.settings.idTokenClaims);
  if (opts.issuer !== undefined) claims['iss'] = opts.issuer;
  if (opts.audience !== undefined) claims['aud'] = opts.audience;
  applyOverrides(claims, opts.claims ?? {});
  const explicitSub = 'sub' in state.settings.idTokenClaims || (opts.claims !== undefined && 'sub' in opts.claims);
  if (!explicitSub) claims['sub'] = defaultSubject(provider, claims);
  const header = { typ: 'JWT', alg: 'RS256', x5t: state.ciKey.x5t, kid: opts.kid ?? state.ciKey.kid };
  return signJwt(header, claims, state.ciKey.privateKey);
}

function applyOverrides(claims: Record<string, unknown>, overrides: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete claims[name];
    else claims[name] = value;
  }
}

export function ciDiscovery(state: SandboxState): Reply {
  return jsonReply(200, {
    issuer: state.ciIssuer,
    jwks_uri: `${state.ciIssuer}/.well-known/jwks`,
    subject_types_supported: ['public', 'pairwise'],
    response_types_supported: ['id_token'],
    claims_supported: [
      'sub',
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'nbf',
      'ref',
      'sha',
      'repository',
      'repository_id',
      'repository_owner',
      'repository_owner_id',
      'enterprise',
      'enterprise_id',
      'run_id',
      'run_number',
      'run_attempt',
      'actor',
      'actor_id',
      'workflow',
      'workflow_ref',
      'workflow_sha',
      'head_ref',
      'base_ref',
      'event_name',
      'ref_type',
      'ref_protected',
      'environment',
      'environment_node_id',
      'job_workflow_ref',
      'job_workflow_sha',
      'repository_visibility',
      'runner_environment',
    ],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid'],
  });
}

export function ciJwks(state: SandboxState): Reply {
  return jsonReply(200, { keys: [publicJwk(state.ciKey, { alg: 'RS256' })] });
}

/** GET /ci/idtoken?api-version=2.0[&audience=...], as the Actions runtime serves it. */
export function handleIdTokenRequest(state: SandboxState, req: IncomingMessage, url: URL): Reply {
  const presented = bearerToken(req.headers);
  if (!presented || !sameSecret(presented, state.idTokenRequestToken)) {
    return jsonReply(
      401,
      {
        message: 'Bad credentials: a valid Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN> header is required.',
      },
      {
        'WWW-Authenticate': 'Bearer',
      },
    );
  }
  const audience = url.searchParams.get('audience');
  const owner = state.settings.idTokenClaims['repository_owner'];
  // Without an audience GitHub uses the owner's URL.
  const defaultAudience = `https://github.com/${typeof owner === 'string' ? owner : 'octo-org'}`;
  const value = mintCiToken(state, audience ? { audience } : {}, defaultAudience);
  return jsonReply(200, { count: value.length, value });
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
