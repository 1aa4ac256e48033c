// Validates a certificate-signed client assertion (private_key_jwt), as MSAL and
// Entra's certificate-credentials documentation shape it.
import { createHash, X509Certificate } from 'node:crypto';
import { aadsts } from './errors.js';
import { verifyJwtSignature, type DecodedJwt } from './jwt.js';
import type { SandboxState } from './state.js';
import type { AppConfig } from './types.js';
import { audienceList, checkValidityWindow } from './validity.js';

interface RegisteredCertificate {
  cert: X509Certificate;
  sha1: string; // base64url, as in x5t
  sha256: string; // base64url, as in x5t#S256
}

/** A self-issued assertion: the client names itself, or signs with a registered certificate. */
export function looksLikeCertificateAssertion(app: AppConfig, clientId: string, jwt: DecodedJwt): boolean {
  const { iss, sub } = jwt.payload;
  const id = clientId.toLowerCase();
  if ((typeof iss === 'string' && iss.toLowerCase() === id) || (typeof sub === 'string' && sub.toLowerCase() === id))
    return true;
  // Federated tokens come from URL issuers; anything else is a (mistaken) self-issued assertion.
  if (typeof iss === 'string' && !/^https?:\/\//i.test(iss)) return true;
  const thumbprints = registeredCertificates(app);
  const x5t = jwt.header['x5t'];
  const x5tS256 = jwt.header['x5t#S256'];
  return thumbprints.some((c) => c.sha1 === x5t || c.sha256 === x5tS256);
}

export function validateCertificateAssertion(
  state: SandboxState,
  app: AppConfig,
  clientId: string,
  jwt: DecodedJwt,
  acceptedAudiences: string[],
): void {
  const { header, payload } = jwt;
  const id = clientId.toLowerCase();
  const iss = payload['iss'];
  const sub = payload['sub'];
  if (typeof iss !== 'string' || typeof sub !== 'string' || iss.toLowerCase() !== id || sub.toLowerCase() !== id) {
    throw aadsts.assertionAppMismatch();
  }

  const alg = header['alg'];
  if (alg !== 'RS256' && alg !== 'PS256') throw aadsts.certificateSignature(`unsupported alg '${String(alg)}'`);
  const x5t = typeof header['x5t'] === 'string' ? header['x5t'] : undefined;
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const certs = registeredCertificates(app);
  const match = certs.find(
    (c) => (x5tS256 !== undefined && c.sha256 === x5tS256) || (x5t !== undefined && c.sha1 === x5t),
  );
  if (!match) throw aadsts.certificateKeyNotFound(presentedThumbprintHex(x5t, x5tS256), clientId);
  if (Date.parse(match.cert.validTo) < state.now())
    throw aadsts.certificateSignature('the registered certificate has expired');
  if (!verifyJwtSignature(jwt, match.cert.publicKey))
    throw aadsts.certificateSignature('signature verification failed');

  const audiences = audienceList(payload['aud']);
  if (!audiences.some((aud) => acceptedAudiences.includes(aud))) throw aadsts.assertionAudience();

  checkValidityWindow(payload, state.now(), state.settings.clockSkewSeconds);
  if (typeof payload['jti'] !== 'string' || payload['jti'] === '')
    throw aadsts.malformedJwt("the assertion has no 'jti' claim");
}

function registeredCertificates(app: AppConfig): RegisteredCertificate[] {
  return (app.certificates ?? []).map((pem) => {
    const cert = new X509Certificate(pem);
    return {
      cert,
      sha1: createHash('sha1').update(cert.raw).digest('base64url'),
      sha256: createHash('sha256').update(cert.raw).digest('base64url'),
    };
  });
}

/** Entra prints the thumbprint the client used in upper-case hex. */
function presentedThumbprintHex(x5t: string | undefined, x5tS256: string | undefined): string {
  const value = x5tS256 ?? x5t;
  return value ? Buffer.from(value, 'base64url').toString('hex').toUpperCase() : '';
}
