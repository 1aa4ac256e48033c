/**
 * Which credential a run signs in with, chosen once before anything is sent: a CI token
 * (from the CI, a file or a variable), a certificate, or a client secret. The CLI and the
 * identity endpoint choose through chooseCredential; the Action always uses GitHub's token, and
 * the Drone plugin's settings name their credential themselves.
 */
import { readFileSync } from 'node:fs';
import { certificateAssertion, loadCertificate, validateCertificateAlgorithm } from '../core/certificate.js';
import { usageError } from '../core/errors.js';
import type { HttpClient } from '../core/http.js';
import { systemClock } from '../core/http.js';
import { imdsEndpoint, managedIdentityToken } from '../core/managed-identity.js';
import type { CredentialSource } from '../core/login.js';
import { quote, validateClientId, validateTimeout } from '../core/options.js';
import { unreadableFileReason } from '../core/text.js';
import { explicitTokenSource, federatedTokenFileSource, matchCi, noCredentialError } from './detect.js';
import type { CiProvider, Env } from './types.js';

export interface Credential {
  source: CredentialSource;
  /**
   * The token source for a federated credential; for a certificate or secret, the CI the job
   * runs in (its context() for summaries; its idToken() says what that CI needs for OIDC).
   */
  provider?: CiProvider;
  /** What audit records name as the credential's origin; by default the provider's name, else the credential's kind. */
  origin?: string;
}

/** The choice's inputs, as the user gave them (flags, or the identity endpoint's copy of them). */
export interface CredentialInput {
  /** `auto` (the default: chosen as below) or `managed-identity` (the machine's own identity). */
  credential?: string | undefined;
  /** `auto` or a CI's name (see providerNames()). */
  provider?: string | undefined;
  idTokenFile?: string | undefined;
  idTokenEnv?: string | undefined;
  /** A PEM file with the app's private key and certificate. */
  certificate?: string | undefined;
  certificateAlgorithm?: string | undefined;
  /** Signed into a certificate's assertion; falls back to AZURE_CLIENT_ID. */
  clientId?: string | undefined;
  /** Seconds, per CI token request. */
  timeout?: string | undefined;
}

/**
 * Picks the one credential of this run, before anything is sent. Precedence, and why:
 *  1. an explicit token file or variable: the user pointed at a token; nothing overrides that.
 *  2. an explicit certificate: equally explicit, and it beats anything found in the environment.
 *  3. a CI named explicitly, or a detected CI that has a token ready: federation needs no
 *     stored secret, so in an OIDC-capable job it wins over credentials in the environment
 *     (an AZURE_CLIENT_SECRET left for another tool must not be picked over the CI's identity).
 *  4. AZURE_CLIENT_CERTIFICATE_PATH, then 5. AZURE_CLIENT_SECRET: the Azure SDK variables, a
 *     certificate first because Microsoft recommends it over secrets (and EnvironmentCredential
 *     checks the secret first only for historical reasons).
 *  6. AZURE_FEDERATED_TOKEN_FILE: a token file another step wrote.
 *  7. a detected CI with no token ready: asking it fails with that CI's exact fix (GitLab: the
 *     id_tokens YAML; Drone: use a certificate), which beats a generic message.
 * Nothing at all: NO_CREDENTIAL, and no request is made.
 */
export function chooseCredential(input: CredentialInput, env: Env, http: HttpClient): Credential {
  if (wantsManagedIdentity(input.credential)) return managedIdentityCredential(input, env, http);
  const timeoutMs = validateTimeout(input.timeout);
  const ci = matchCi(input, { env, http, timeoutMs });
  const context = ci === undefined ? {} : { provider: ci.provider };

  const explicit = explicitTokenSource(input, env, ci);
  if (explicit !== undefined) return federatedCredential(explicit);
  if (input.certificate !== undefined)
    return certificateCredential(input.certificate, '--certificate', input, env, context);
  if (ci !== undefined && ((ci.named && ci.oidc) || ci.ready)) return federatedCredential(ci.provider);
  const certificatePath = nonBlank(env['AZURE_CLIENT_CERTIFICATE_PATH']);
  if (certificatePath !== undefined)
    return certificateCredential(certificatePath, 'AZURE_CLIENT_CERTIFICATE_PATH', input, env, context);
  const secret = nonBlank(env['AZURE_CLIENT_SECRET'])?.trim();
  if (secret !== undefined)
    return { ...context, source: { kind: 'secret', description: 'the client secret in AZURE_CLIENT_SECRET', secret } };
  const tokenFile = federatedTokenFileSource(env, ci);
  if (tokenFile !== undefined) return federatedCredential(tokenFile);
  if (ci !== undefined) return federatedCredential(ci.provider);
  throw noCredentialError();
}

/** Whether --credential names the machine's managed identity; anything but `auto` and that is refused. */
export function wantsManagedIdentity(raw: string | undefined): boolean {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'auto') return false;
  if (value === 'managed-identity') return true;
  throw usageError(
    'INVALID_CREDENTIAL_KIND',
    `--credential ${quote(raw ?? '')} is not a credential kind entra-federate knows.`,
    "Pass --credential managed-identity for the runner's own identity (Azure VMs, scale sets, AKS), or leave it out to sign in with the CI token.",
    'credential',
  );
}

/**
 * The runner's own managed identity: tokens from IMDS (or AZURE_POD_IDENTITY_AUTHORITY_HOST /
 * IMDS_ENDPOINT); a user-assigned identity by --client-id or AZURE_CLIENT_ID.
 */
export function managedIdentityCredential(input: CredentialInput, env: Env, http: HttpClient): Credential {
  const podHost = nonBlank(env['AZURE_POD_IDENTITY_AUTHORITY_HOST']);
  const endpoint =
    podHost !== undefined
      ? imdsEndpoint(podHost, 'AZURE_POD_IDENTITY_AUTHORITY_HOST')
      : imdsEndpoint(env['IMDS_ENDPOINT'], 'IMDS_ENDPOINT');
  const raw = nonBlank(input.clientId ?? env['AZURE_CLIENT_ID']);
  const clientId = raw === undefined ? undefined : validateClientId(raw);
  const which = clientId === undefined ? 'the system-assigned managed identity' : `the managed identity ${clientId}`;
  return {
    origin: 'managed-identity',
    source: {
      kind: 'managed-identity',
      description: `${which} of this machine (${endpoint})`,
      token: ({ resource, scope, deadlineAt }) =>
        managedIdentityToken(
          { endpoint, resource, scope, deadlineAt, ...(clientId === undefined ? {} : { clientId }) },
          { http, clock: systemClock },
        ),
    },
  };
}

/** A CI token credential: the provider is asked for a token per audience, every time. */
export function federatedCredential(provider: CiProvider): Credential {
  return {
    provider,
    source: { kind: 'federated', description: provider.description, idToken: (aud) => provider.idToken(aud) },
  };
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A PEM larger than this is not a key and a few certificates. */
const MAX_CERTIFICATE_BYTES = 256 * 1024;

function certificateCredential(
  path: string,
  origin: string,
  input: CredentialInput,
  env: Env,
  context: { provider?: CiProvider },
): Credential {
  if (path.trim() === '')
    throw usageError(
      'INVALID_CERTIFICATE',
      `${origin} is empty.`,
      'Give the path of a PEM file holding the private key and the certificate.',
      'certificate',
    );
  const algorithm = validateCertificateAlgorithm(input.certificateAlgorithm);
  // The client id signs into the assertion (iss, sub); the options have validated the same value.
  const clientId = validateClientId(input.clientId ?? env['AZURE_CLIENT_ID']);
  const sendChain = ['1', 'true'].includes((env['AZURE_CLIENT_SEND_CERTIFICATE_CHAIN'] ?? '').trim().toLowerCase());
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (err) {
    const why = unreadableFileReason(err);
    throw usageError(
      'INVALID_CERTIFICATE',
      `The certificate file ${quote(path)} (${origin}) ${why}.`,
      "Point it at the PEM file holding the private key and the certificate (the CI's secret file).",
      'certificate',
    );
  }
  if (content.length > MAX_CERTIFICATE_BYTES) {
    throw usageError(
      'INVALID_CERTIFICATE',
      `The certificate file ${quote(path)} (${origin}) is larger than ${MAX_CERTIFICATE_BYTES / 1024} KiB.`,
      'Give a PEM file holding only the private key and the certificate (and its chain).',
      'certificate',
    );
  }
  const cert = loadCertificate(content, `the certificate file ${quote(path)} (${origin})`);
  content.fill(0);
  return {
    ...context,
    source: {
      kind: 'certificate',
      description: `the certificate in ${path} (SHA-1 thumbprint ${cert.thumbprintSha1Hex}, ${algorithm}${sendChain ? ', with x5c chain' : ''})`,
      assertion: certificateAssertion(cert, { clientId, algorithm, sendChain }),
    },
  };
}
