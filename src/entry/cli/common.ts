/**
 * What every CLI command shares: the common flags, their environment fallbacks (the Azure SDK
 * names), turning them into options and a credential, and exit codes. Nothing here prints a
 * token: commands decide what goes to stdout.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { resolveProvider, noCredentialError, providerNames } from '../../ci/detect.js';
import type { CiProvider, Env } from '../../ci/types.js';
import { FederationError, usageError } from '../../core/errors.js';
import { createNodeHttpClient } from '../../core/http.js';
import type { HttpClient } from '../../core/http.js';
import type { CredentialSource } from '../../core/login.js';
import type { FederationOptions } from '../../core/options.js';
import { resolveOptions, validateTimeout } from '../../core/options.js';
import { renderError } from './render.js';

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
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const FEDERATION_HELP = `Options:
  --client-id GUID        app (client) id              [env AZURE_CLIENT_ID]
  --tenant-id ID          tenant GUID or domain        [env AZURE_TENANT_ID]
  --scope SCOPE           resource/.default; repeatable; a bare resource URI gets /.default
                          appended                     [default https://management.azure.com/.default]
  --audience AUD          audience of the CI token     [default from --cloud: api://AzureADTokenExchange]
  --cloud NAME            AzureCloud | AzureUSGovernment | AzureChinaCloud
  --authority-host URL    https URL (http only to loopback) [env AZURE_AUTHORITY_HOST]
  --provider NAME         ${providerNames().join(' | ')}
  --id-token-file FILE    read the CI token from a file [env AZURE_FEDERATED_TOKEN_FILE]
  --id-token-env NAME     read the CI token from an environment variable
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

export function parseCommand<T extends OptionSpec>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const flag = /'(--?[^' ]+)/.exec(message)?.[1]?.replace(/^-+/, '').split('=')[0];
    if (flag !== undefined && SECRET_FLAGS[flag] !== undefined) {
      throw usageError('SECRET_ON_COMMAND_LINE', `--${flag} is not accepted: secrets and tokens are never taken as command-line arguments.`, `Put it in ${SECRET_FLAGS[flag]} instead.`, flag);
    }
    // parseArgs messages name the flag and the problem; drop its advice about '--'.
    const first = message.split('. To specify')[0]?.replace(/\.$/, '') ?? message;
    throw usageError('INVALID_ARGUMENTS', `${first}.`, `Run \`entra-federate ${command} --help\` for the flags it takes.`);
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
  provider?: CiProvider;
}

export function credentialFrom(values: FederationValues, env: Env, http: HttpClient): Credential {
  const timeoutMs = validateTimeout(values.timeout);
  const provider = resolveProvider(
    { provider: values.provider, idTokenFile: values['id-token-file'], idTokenEnv: values['id-token-env'] },
    { env, http, timeoutMs },
  );
  if (provider === undefined) throw noCredentialError();
  return { provider, source: { kind: 'federated', description: provider.description, idToken: (aud) => provider.idToken(aud) } };
}

export function httpClient(): HttpClient {
  return createNodeHttpClient({ userAgent: 'entra-federate' });
}

/**
 * Runs a command and maps failures to exit codes: 2 for bad usage or input, 1 for a failed
 * exchange or check. A stack trace appears only with ENTRA_FEDERATE_DEBUG=1, and only for
 * errors we did not foresee.
 */
export async function runCommand(body: () => Promise<number | void>, opts: { json?: () => boolean } = {}): Promise<void> {
  try {
    const code = await body();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (err) {
    if (err instanceof FederationError) {
      if (opts.json?.() === true) process.stdout.write(`${JSON.stringify({ ok: false, error: err.toJSON() })}\n`);
      process.stderr.write(renderError(err));
      process.exitCode = err.usage ? 2 : 1;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`entra-federate: unexpected error: ${message}\n  This is a bug; please report it with ENTRA_FEDERATE_DEBUG=1 output (it contains no tokens).\n`);
    if (process.env['ENTRA_FEDERATE_DEBUG'] === '1' && err instanceof Error && err.stack !== undefined) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  }
}

export function helpRequested(values: { help?: boolean | undefined }, text: string): boolean {
  if (values.help !== true) return false;
  process.stdout.write(`${text}\n`);
  return true;
}
