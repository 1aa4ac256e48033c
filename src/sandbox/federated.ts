// Validates a CI (external IdP) token presented as client_assertion against an app's
// federated identity credentials, in the order Entra reports problems.
import { aadsts } from './errors.js';
import { importJwk, verifyJwtSignature, type DecodedJwt } from './jwt.js';
import { fetchJwks } from './remote-jwks.js';
import type { SandboxState } from './state.js';
import type { AppConfig } from './types.js';
import { audienceList, checkValidityWindow } from './validity.js';
import type { KeyObject } from 'node:crypto';

interface VerificationKey {
  kid?: string;
  key: KeyObject;
}

const MICROSOFT_STS = [
  'https://sts.windows.net/',
  'https://login.microsoftonline.com/',
  'https://login.windows.net/',
  'https://login.microsoft.com/',
  'https://login.microsoftonline.us/',
  'https://login.partner.microsoftonline.cn/',
  'https://login.chinacloudapi.cn/',
  'https://sts.chinacloudapi.cn/',
];

export async function validateFederatedAssertion(state: SandboxState, app: AppConfig, jwt: DecodedJwt): Promise<void> {
  const { payload } = jwt;
  const iss = payload['iss'];
  if (typeof iss !== 'string' || iss === '') throw aadsts.malformedJwt("the assertion has no 'iss' claim");
  if (isEntraIssuer(state, iss)) throw aadsts.entraIssuedAssertion();

  const fics = app.federatedCredentials ?? [];
  if (fics.length === 0) throw aadsts.noFederatedCredentials(app.clientId, app.displayName ?? app.clientId);

  const sub = typeof payload['sub'] === 'string' ? payload['sub'] : '';
  const audiences = audienceList(payload['aud']);
  const noMatch = () => aadsts.noMatchingFederatedCredential(iss, sub, audiences.join(','));
  // Entra looks credentials up by issuer before it contacts the issuer.
  const issuerFics = fics.filter((fic) => fic.issuer === iss);
  if (issuerFics.length === 0) throw noMatch();

  const keys = await issuerKeys(state, iss);
  // Entra supports RS256 for external tokens.
  if (jwt.header['alg'] !== 'RS256')
    throw aadsts.malformedJwt(`unsupported assertion alg '${String(jwt.header['alg'])}'`);
  const kid = jwt.header['kid'];
  const candidates = typeof kid === 'string' ? keys.filter((k) => k.kid === undefined || k.kid === kid) : keys;
  if (candidates.length === 0) throw aadsts.malformedJwt(`the issuer publishes no key with kid '${String(kid)}'`);
  if (!candidates.some((k) => verifyJwtSignature(jwt, k.key)))
    throw aadsts.malformedJwt('signature verification failed');

  checkValidityWindow(payload, state.now(), state.settings.clockSkewSeconds);

  const audienceMatches = (fic: { audiences: string[] }) => fic.audiences.some((a) => audiences.includes(a));
  if (issuerFics.some((fic) => fic.subject === sub && audienceMatches(fic))) return;
  const lowerSub = sub.toLowerCase();
  if (issuerFics.some((fic) => fic.subject.toLowerCase() === lowerSub && audienceMatches(fic))) {
    throw aadsts.subjectCaseMismatch(sub);
  }
  throw noMatch();
}

function isEntraIssuer(state: SandboxState, iss: string): boolean {
  if (MICROSOFT_STS.some((prefix) => iss.startsWith(prefix))) return true;
  // The sandbox's own Entra issuers: `${origin}/{tenant}/v2.0` (v2 discovery).
  return iss.startsWith(`${state.origin}/`) && /^\/[^/]+\/v2\.0\/?$/.test(iss.slice(state.origin.length));
}

/** The keys that may have signed a token from `iss`; throws AADSTS501661 when unobtainable. */
async function issuerKeys(state: SandboxState, iss: string): Promise<VerificationKey[]> {
  const ciKey = [{ kid: state.ciKey.kid, key: state.ciKey.publicKey }];
  if (iss === state.ciIssuer) return ciKey;
  const config = state.findIssuer(iss);
  if (!config) {
    // Real Entra would fetch `${iss}/.well-known/openid-configuration`; offline, an unconfigured issuer is unreachable.
    throw aadsts.externalOidcFailed(`issuer '${iss}' is not configured in the sandbox (add it to issuers)`);
  }
  if (config.jwksUri === undefined) return ciKey; // simulated issuer
  let jwks: unknown[];
  try {
    const selfFetch = new URL(config.jwksUri).origin === state.origin;
    jwks = await fetchJwks(config.jwksUri, selfFetch && state.tlsCertPem ? { ca: state.tlsCertPem } : {});
  } catch (err) {
    throw aadsts.externalOidcFailed(`JWKS ${config.jwksUri}: ${(err as Error).message}`);
  }
  const keys: VerificationKey[] = [];
  for (const jwk of jwks) {
    const key = importJwk(jwk);
    if (!key) continue;
    const kid = (jwk as { kid?: unknown }).kid;
    keys.push(typeof kid === 'string' ? { kid, key } : { key });
  }
  return keys;
}
