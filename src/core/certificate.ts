/**
 * A certificate credential: the client assertion Entra expects from an app that authenticates
 * with an uploaded certificate (MS docs "certificate credentials"; MSAL's format). PS256 with
 * `x5t#S256` by default, RS256 with the SHA-1 `x5t` for authorities that still want it;
 * `aud` = the token endpoint, `iss` = `sub` = the client id, a fresh `jti`, `nbf` now and `exp`
 * ten minutes later. The PEM is checked up front (before any request); jose is loaded only
 * when a certificate is actually used, so federated runs never pay for it.
 */
import { createHash, createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FederationError } from './errors.js';
import type { UsageErrorCode } from './errors.js';
import type { Clock } from './http.js';
import { systemClock } from './http.js';

export type CertificateAlgorithm = 'PS256' | 'RS256';
export const CERTIFICATE_ALGORITHMS: readonly CertificateAlgorithm[] = ['PS256', 'RS256'];
/** MS docs: "5-10 minutes after nbf at most"; MSAL uses 600 s. */
export const ASSERTION_LIFETIME_SECONDS = 600;

export interface LoadedCertificate {
  key: KeyObject;
  /** Leaf first: the certificate whose public key matches the private key, then the rest as given. */
  chain: X509Certificate[];
  /** Upper-case hex, as the Entra portal shows it ("Thumbprint"). */
  thumbprintSha1Hex: string;
  x5t: string;
  x5tS256: string;
  subject: string;
  notAfter: string;
}

const SUPPORTED =
  'Supported: a PEM file holding an unencrypted RSA private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY") and its certificate, plus any chain certificates.';

function invalid(code: UsageErrorCode, message: string, remedy: string): FederationError {
  return new FederationError(code, message, { remedy, usage: true, field: 'certificate' });
}

interface PemBlock {
  label: string;
  text: string;
  headers: string;
}

function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const body = m[2] ?? '';
    blocks.push({ label: m[1] ?? '', text: m[0], headers: body.includes(':') ? body : '' });
  }
  return blocks;
}

/**
 * Reads a PEM with the private key and the certificate. `origin` names where it came from for
 * messages ("--certificate /path"); no key material ever appears in an error.
 */
export function loadCertificate(
  content: string | Uint8Array,
  origin: string,
  now: number = Date.now(),
): LoadedCertificate {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN ')) {
    // PKCS#12 and DER both start with an ASN.1 SEQUENCE (0x30).
    const binary = bytes[0] === 0x30;
    throw invalid(
      'UNSUPPORTED_CERTIFICATE',
      `${origin} is not a PEM file${binary ? ' (it looks like PKCS#12 .pfx/.p12 or DER)' : ''}.`,
      `${SUPPORTED} Convert a .pfx with \`openssl pkcs12 -in cert.pfx -out cert.pem -nodes\` and store the result as a CI secret file.`,
    );
  }
  const blocks = pemBlocks(text);
  if (blocks.some((b) => b.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(b.headers))) {
    throw invalid(
      'UNSUPPORTED_CERTIFICATE',
      `The private key in ${origin} is encrypted; password-protected keys are not supported.`,
      `${SUPPORTED} Decrypt it once with \`openssl pkey -in key.pem -out key-plain.pem\` and keep the PEM in the CI's secret store instead.`,
    );
  }
  const keyBlocks = blocks.filter((b) => /(^|\s)PRIVATE KEY$/.test(b.label));
  const certBlocks = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (keyBlocks.length === 0) {
    throw invalid(
      'INVALID_CERTIFICATE',
      `${origin} holds no private key${certBlocks.length > 0 ? ', only certificates' : ''}.`,
      `${SUPPORTED} Concatenate them: \`cat key.pem cert.pem > app.pem\`.`,
    );
  }
  if (keyBlocks.length > 1) {
    throw invalid(
      'INVALID_CERTIFICATE',
      `${origin} holds ${keyBlocks.length} private keys.`,
      'Keep exactly one private key (the one of the certificate uploaded to the app registration) in the file.',
    );
  }
  if (certBlocks.length === 0) {
    throw invalid(
      'INVALID_CERTIFICATE',
      `${origin} holds a private key but no certificate.`,
      `${SUPPORTED} Append the certificate uploaded to the app registration: \`cat key.pem cert.pem > app.pem\`.`,
    );
  }
  const keyBlock = keyBlocks[0] as PemBlock;
  if (keyBlock.label !== 'PRIVATE KEY' && keyBlock.label !== 'RSA PRIVATE KEY') {
    throw invalid(
      'UNSUPPORTED_CERTIFICATE',
      `The private key in ${origin} is a "${keyBlock.label}"; Entra certificate credentials are signed with RSA.`,
      SUPPORTED,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keyBlock.text, format: 'pem' });
  } catch {
    throw invalid('INVALID_CERTIFICATE', `The private key in ${origin} cannot be read.`, SUPPORTED);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw invalid(
      'UNSUPPORTED_CERTIFICATE',
      `The private key in ${origin} is ${key.asymmetricKeyType ?? 'not RSA'}; Entra certificate credentials are signed with RSA.`,
      SUPPORTED,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw invalid(
      'UNSUPPORTED_CERTIFICATE',
      `The RSA key in ${origin} has ${bits} bits; at least 2048 are required.`,
      'Create a new certificate with a 2048-bit (or larger) RSA key and upload it to the app registration.',
    );
  }
  const certs: X509Certificate[] = [];
  for (const [i, block] of certBlocks.entries()) {
    try {
      certs.push(new X509Certificate(block.text));
    } catch {
      throw invalid('INVALID_CERTIFICATE', `Certificate ${i + 1} in ${origin} cannot be read.`, SUPPORTED);
    }
  }
  const leafIndex = certs.findIndex((cert) => cert.checkPrivateKey(key));
  if (leafIndex < 0) {
    throw invalid(
      'INVALID_CERTIFICATE',
      `The private key in ${origin} does not belong to any certificate in the file.`,
      'Put the certificate that matches the private key (the one uploaded to the app registration) in the file.',
    );
  }
  const leaf = certs[leafIndex] as X509Certificate;
  const chain = [leaf, ...certs.filter((_, i) => i !== leafIndex)];
  const notAfter = Date.parse(leaf.validTo);
  if (Number.isFinite(notAfter) && notAfter <= now) {
    throw invalid(
      'CERTIFICATE_EXPIRED',
      `The certificate in ${origin} (${leaf.subject.replace(/\n/g, ', ')}) expired on ${new Date(notAfter).toISOString()}.`,
      'Create a new certificate, upload it to the app registration, and replace the PEM in the CI.',
    );
  }
  const sha1 = createHash('sha1').update(leaf.raw).digest();
  return {
    key,
    chain,
    thumbprintSha1Hex: sha1.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: createHash('sha256').update(leaf.raw).digest('base64url'),
    subject: leaf.subject.replace(/\n/g, ', '),
    notAfter: Number.isFinite(notAfter) ? new Date(notAfter).toISOString() : leaf.validTo,
  };
}

export function validateCertificateAlgorithm(raw: string | undefined): CertificateAlgorithm {
  const value = raw?.trim().toUpperCase() ?? '';
  if (value === '') return 'PS256';
  if ((CERTIFICATE_ALGORITHMS as readonly string[]).includes(value)) return value as CertificateAlgorithm;
  throw new FederationError(
    'INVALID_CERTIFICATE_ALGORITHM',
    `Unknown certificate signing algorithm ${JSON.stringify(raw?.slice(0, 20))}.`,
    {
      remedy:
        'Use PS256 (the default, with the SHA-256 thumbprint) or RS256 (with the SHA-1 thumbprint, for authorities that require it).',
      usage: true,
      field: 'certificate-alg',
    },
  );
}

export interface AssertionOptions {
  clientId: string;
  algorithm?: CertificateAlgorithm;
  /** Adds the chain as `x5c` (subject name / issuer authentication). */
  sendChain?: boolean;
  clock?: Clock;
}

/** Returns a signer: each call makes a new assertion (fresh jti and times) for a token endpoint. */
export function certificateAssertion(
  cert: LoadedCertificate,
  opts: AssertionOptions,
): (tokenEndpoint: string) => Promise<string> {
  const algorithm = opts.algorithm ?? 'PS256';
  const clock = opts.clock ?? systemClock;
  return async (tokenEndpoint) => {
    const { SignJWT } = await import('jose');
    const header: Record<string, unknown> = { alg: algorithm, typ: 'JWT' };
    if (algorithm === 'PS256') header['x5t#S256'] = cert.x5tS256;
    else header['x5t'] = cert.x5t;
    if (opts.sendChain === true) header['x5c'] = cert.chain.map((c) => c.raw.toString('base64'));
    const now = Math.floor(clock.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader(header as { alg: string })
      .setIssuer(opts.clientId)
      .setSubject(opts.clientId)
      .setAudience(tokenEndpoint)
      .setJti(randomUUID())
      .setNotBefore(now)
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_SECONDS)
      .sign(cert.key);
  };
}
