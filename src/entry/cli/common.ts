/**
 * What every CLI command shares: the common flags, their environment fallbacks (the Azure SDK
 * names), turning them into options and a credential, and exit codes. Nothing here prints a
 * token: commands decide what goes to stdout.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import {
  explicitTokenSource,
  federatedTokenFileSource,
  matchCi,
  noCredentialError,
  providerNames,
} from '../../ci/detect.js';
import type { CiProvider, Env } from '../../ci/types.js';
import { certificateAssertion, loadCertificate, validateCertificateAlgorithm } from '../../core/certificate.js';
import { FederationError, usageError } from '../../core/errors.js';
import { createNodeHttpClient } from '../../core/http.js';
import { proxyConfigFrom } from '../../core/proxy.js';
import type { HttpClient } from '../../core/http.js';
import type { CredentialSource } from '../../core/login.js';
import type { FederationOptions } from '../../core/options.js';
import { quote, resolveOptions, validateClientId, validateTimeout } from '../../core/options.js';
import { renderError } from '../shared/render.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** The flags of DESIGN.md's contract shared by token, login and doctor. */
export const FEDERATION_FLAGS = {
  'client-id': { type: 'string' },
  'tenant-id': { type: 'string' },
  scope: { type: 'string', multiple: true },
  audience: { type: 'string' },
  cloud: { type: 'string' },
  'authority-host': { type: 'string' },
  provider: { type: 'string' },
  'id-token-file': { type: 'string' },
  'id-token-env': { type: 'string' },
  certificate: { type: 'string' },
  'certificate-alg': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/** Joins names with " | ", breaking lines before `width` characters. */
function wrapList(names: string[], width: number, breakWith: string): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line === '' ? name : `${line} | ${name}`;
    if (next.length > width && line !== '') {
      lines.push(`${line} |`);
      line = name;
    } else line = next;
  }
  return [...lines, line].join(breakWith);
}

export const FEDERATION_HELP = `Options:
  --client-id GUID        app (client) id              [env AZURE_CLIENT_ID]
  --tenant-id ID          tenant GUID or domain        [env AZURE_TENANT_ID]
  --scope SCOPE           resource/.default; repeatable; a bare resource URI gets /.default
                          appended                     [default https://management.azure.com/.default]
  --audience AUD          audience of the CI token     [default from --cloud: api://AzureADTokenExchange]
  --cloud NAME            AzureCloud | AzureUSGovernment | AzureChinaCloud
  --authority-host URL    https URL (http only to loopback) [env AZURE_AUTHORITY_HOST]
  --provider NAME         ${wrapList(providerNames(), 66, '\n                          ')}
  --id-token-file FILE    read the CI token from a file [env AZURE_FEDERATED_TOKEN_FILE]
  --id-token-env NAME     read the CI token from an environment variable
  --certificate FILE      for CIs without OIDC: a PEM with the app's private key and
                          certificate                  [env AZURE_CLIENT_CERTIFICATE_PATH]
  --certificate-alg ALG   PS256 (default, x5t#S256) | RS256 (x5t)
                          a client secret is read only from the environment: AZURE_CLIENT_SECRET
  --timeout SECONDS       overall deadline              [default 60]
  -h, --help              this help`;

/** Flags people try that must never exist: secrets on argv end up in process lists and logs. */
const SECRET_FLAGS: Record<string, string> = {
  'client-secret': 'AZURE_CLIENT_SECRET',
  secret: 'AZURE_CLIENT_SECRET',
  password: 'AZURE_CLIENT_SECRET',
  'id-token': 'AZURE_FEDERATED_TOKEN_FILE or --id-token-env',
  token: '--id-token-env or --id-token-file',
};

export function parseCommand<T extends OptionSpec>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const flag = /'(--?[^' ]+)/.exec(message)?.[1]?.replace(/^-+/, '').split('=')[0];
    if (flag !== undefined && SECRET_FLAGS[flag] !== undefined) {
      throw usageError(
        'SECRET_ON_COMMAND_LINE',
        `--${flag} is not accepted: secrets and tokens are never taken as command-line arguments.`,
        `Put it in ${SECRET_FLAGS[flag]} instead.`,
        flag,
      );
    }
    // parseArgs messages name the flag and the problem; drop its advice about '--'.
    const first = message.split('. To specify')[0]?.replace(/\.$/, '') ?? message;
    throw usageError(
      'INVALID_ARGUMENTS',
      `${first}.`,
      `Run \`entra-federate ${command} --help\` for the flags it takes.`,
    );
  }
}

export interface FederationValues {
  'client-id'?: string | undefined;
  'tenant-id'?: string | undefined;
  scope?: string[] | undefined;
  audience?: string | undefined;
  cloud?: string | undefined;
  'authority-host'?: string | undefined;
  provider?: string | undefined;
  'id-token-file'?: string | undefined;
  'id-token-env'?: string | undefined;
  certificate?: string | undefined;
  'certificate-alg'?: string | undefined;
  timeout?: string | undefined;
}

export function optionsFrom(values: FederationValues, env: Env): FederationOptions {
  return resolveOptions({
    clientId: values['client-id'] ?? env['AZURE_CLIENT_ID'],
    tenantId: values['tenant-id'] ?? env['AZURE_TENANT_ID'],
    scopes: values.scope,
    cloud: values.cloud,
    authorityHost: values['authority-host'] ?? env['AZURE_AUTHORITY_HOST'],
    audience: values.audience,
    timeoutSeconds: values.timeout,
  });
}

export interface Credential {
  source: CredentialSource;
  /**
   * The token source for a federated credential; for a certificate or secret, the CI the job
   * runs in (its context() for summaries; its idToken() says what that CI needs for OIDC).
   */
  provider?: CiProvider;
}

/**
 * Picks the one credential of this run, before anything is sent. Precedence, and why:
 *  1. --id-token-file / --id-token-env: the user pointed at a token; nothing overrides that.
 *  2. --certificate: equally explicit, and a flag beats anything found in the environment.
 *  3. a CI named with --provider, or a detected CI that has a token ready: federation needs
 *     no stored secret, so in an OIDC-capable job it wins over credentials in the environment
 *     (an AZURE_CLIENT_SECRET left for another tool must not be picked over the CI's identity).
 *  4. AZURE_CLIENT_CERTIFICATE_PATH, then 5. AZURE_CLIENT_SECRET: the Azure SDK variables, a
 *     certificate first because Microsoft recommends it over secrets (and EnvironmentCredential
 *     checks the secret first only for historical reasons).
 *  6. AZURE_FEDERATED_TOKEN_FILE: a token file another step wrote.
 *  7. a detected CI with no token ready: asking it fails with that CI's exact fix (GitLab: the
 *     id_tokens YAML; Drone: use a certificate), which beats a generic message.
 * Nothing at all: NO_CREDENTIAL, and no request is made.
 */
export function credentialFrom(values: FederationValues, env: Env, http: HttpClient): Credential {
  const timeoutMs = validateTimeout(values.timeout);
  const input = { provider: values.provider, idTokenFile: values['id-token-file'], idTokenEnv: values['id-token-env'] };
  const ci = matchCi(input, { env, http, timeoutMs });
  const context = ci === undefined ? {} : { provider: ci.provider };

  const explicit = explicitTokenSource(input, env, ci);
  if (explicit !== undefined) return federated(explicit);
  if (values.certificate !== undefined)
    return certificateCredential(values.certificate, '--certificate', values, env, context);
  if (ci !== undefined && ((ci.named && ci.oidc) || ci.ready)) return federated(ci.provider);
  const certificatePath = nonBlank(env['AZURE_CLIENT_CERTIFICATE_PATH']);
  if (certificatePath !== undefined)
    return certificateCredential(certificatePath, 'AZURE_CLIENT_CERTIFICATE_PATH', values, env, context);
  const secret = nonBlank(env['AZURE_CLIENT_SECRET'])?.trim();
  if (secret !== undefined)
    return { ...context, source: { kind: 'secret', description: 'the client secret in AZURE_CLIENT_SECRET', secret } };
  const tokenFile = federatedTokenFileSource(env, ci);
  if (tokenFile !== undefined) return federated(tokenFile);
  if (ci !== undefined) return federated(ci.provider);
  throw noCredentialError();
}

function federated(provider: CiProvider): Credential {
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
  values: FederationValues,
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
  const algorithm = validateCertificateAlgorithm(values['certificate-alg']);
  // The client id signs into the assertion (iss, sub); optionsFrom has validated the same value.
  const clientId = validateClientId(values['client-id'] ?? env['AZURE_CLIENT_ID']);
  const sendChain = ['1', 'true'].includes((env['AZURE_CLIENT_SEND_CERTIFICATE_CHAIN'] ?? '').trim().toLowerCase());
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable'
          : code === 'EISDIR'
            ? 'is a directory'
            : `cannot be read (${code ?? 'error'})`;
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

/** One client per process, honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
export function httpClient(): HttpClient {
  return createNodeHttpClient({ userAgent: 'entra-federate', proxy: proxyConfigFrom(process.env) });
}

/**
 * Runs a command and maps failures to exit codes: 2 for bad usage or input, 1 for a failed
 * exchange or check. A stack trace appears only with ENTRA_FEDERATE_DEBUG=1, and only for
 * errors we did not foresee.
 */
export async function runCommand(
  body: () => Promise<number | undefined>,
  opts: { json?: () => boolean } = {},
): Promise<void> {
  try {
    const code = await body();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (err) {
    if (err instanceof FederationError) {
      const explanation = await explain(err);
      if (opts.json?.() === true)
        process.stdout.write(
          `${JSON.stringify({ ok: false, error: err.toJSON(), ...(explanation === undefined ? {} : { diagnosis: explanation.diagnosis }) })}\n`,
        );
      process.stderr.write(renderError(err));
      if (explanation !== undefined) process.stderr.write(`\nentra-federate doctor:\n${explanation.text}`);
      process.exitCode = err.usage ? 2 : 1;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `entra-federate: unexpected error: ${message}\n  This is a bug; please report it with ENTRA_FEDERATE_DEBUG=1 output (it contains no tokens).\n`,
    );
    if (process.env['ENTRA_FEDERATE_DEBUG'] === '1' && err instanceof Error && err.stack !== undefined)
      process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  }
}

/** The doctor's reading of a failed exchange; loaded only when an exchange has failed. */
async function explain(err: FederationError): Promise<{ diagnosis: unknown; text: string } | undefined> {
  if (err.request === undefined || err.claims === undefined) return undefined;
  const { failureReading } = await import('../../doctor/explain.js');
  const reading = failureReading(err, Date.now());
  if (reading === undefined) return undefined;
  const { renderDiagnosis } = await import('../../doctor/render.js');
  return { diagnosis: reading.diagnosis, text: renderDiagnosis(reading.diagnosis, reading.ctx) };
}

export function helpRequested(values: { help?: boolean | undefined }, text: string): boolean {
  if (values.help !== true) return false;
  process.stdout.write(`${text}\n`);
  return true;
}
