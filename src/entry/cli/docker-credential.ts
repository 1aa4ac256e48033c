/**
 * `entra-federate docker-credential get|store|erase|list` (also installed as
 * `docker-credential-entra-federate`): docker's credential helper for Azure Container Registry,
 * configured by `login --export acr:<registry>` (credHelpers in a private DOCKER_CONFIG).
 * Docker runs it with the action as its argument and the server URL on stdin; `get` answers
 * `{"ServerURL","Username","Secret"}` with the null GUID as user name and a fresh ACR refresh
 * token as secret. https://github.com/docker/docker-credential-helpers#development
 *
 * The Entra token behind it comes from the identity endpoint when the job runs one
 * (IDENTITY_ENDPOINT, IDENTITY_HEADER), else from a fresh exchange with the login's flags (given
 * on the helper's command line) and the job's CI token. `store` and `erase` are accepted and
 * ignored (nothing is stored), `list` answers `{}`.
 */
import { FederationError, usageError } from '../../core/errors.js';
import { quote } from '../../core/options.js';
import { printableAscii } from '../../core/text.js';
import {
  ACR_HOST_RULE,
  ACR_NULL_USER,
  ACR_RESOURCE,
  ACR_SCOPE,
  exchangeForAcrRefreshToken,
  isAcrLoginServer,
} from '../../handoff/acr.js';
import { tokenFromEndpoint } from '../../handoff/identity-endpoint/client.js';
import type { EntryIo } from '../shared/io.js';
import { credentialFrom, guardFrom, optionsFrom } from '../shared/login-values.js';
import { guardedLogin } from '../shared/sign-in.js';
import { FEDERATION_FLAGS, FEDERATION_HELP, helpRequested, parseCommand } from './common.js';
import { GUARD_FLAGS } from './guard-flags.js';

const HELP = `Usage: docker-credential-entra-federate get|store|erase|list [options]
       entra-federate docker-credential get|store|erase|list [options]

docker's credential helper for Azure Container Registry: \`login --export acr:<registry>\` writes a
private DOCKER_CONFIG whose credHelpers name it. \`get\` reads a registry on stdin and prints a fresh
ACR refresh token for it (from the identity endpoint's token when the job runs one, else from a
fresh exchange). Only ACR login servers (*.azurecr.io, *.azurecr.us, *.azurecr.cn) are answered.

${FEDERATION_HELP}`;

const FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS } as const;
const MAX_INPUT = 8192;
const LOGIN_SERVER = /^[a-z0-9](?:[a-z0-9.-]{0,250}[a-z0-9])?(?::\d{1,5})?$/;

async function readInput(io: EntryIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin()) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.length > MAX_INPUT) break;
  }
  return text;
}

/** The login server of what docker sends: `host[:port]`, maybe with a scheme or a path. */
export function registryOf(serverUrl: string): string {
  const value = serverUrl.trim().toLowerCase();
  const host = value.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (host === '' || !LOGIN_SERVER.test(host)) {
    const shown = serverUrl.length > 80 ? `of ${serverUrl.length} characters` : quote(printableAscii(serverUrl.trim()));
    throw usageError(
      'INVALID_REGISTRY',
      `docker asked for credentials for ${shown}, which is not a registry login server.`,
      'Docker writes the registry on stdin, e.g. myregistry.azurecr.io.',
    );
  }
  if (!isAcrLoginServer(host))
    throw usageError(
      'REGISTRY_NOT_ACR',
      `${host} is not an Azure Container Registry login server, so no token is sent to it.`,
      `${ACR_HOST_RULE} Map only ACR login servers to entra-federate in credHelpers.`,
    );
  return host;
}

async function entraToken(values: Record<string, unknown>, io: EntryIo): Promise<{ token: string; tenantId: string }> {
  const { env } = io;
  const http = io.http();
  const endpoint = env['IDENTITY_ENDPOINT'];
  const secret = env['IDENTITY_HEADER'];
  const options = optionsFrom({ ...values, scope: [ACR_SCOPE] }, env);
  if (endpoint !== undefined && endpoint !== '' && secret !== undefined && secret !== '') {
    const got = await tokenFromEndpoint(http, { url: endpoint, secret }, ACR_RESOURCE, io.now);
    return { token: got.accessToken, tenantId: options.tenantId };
  }
  const credential = credentialFrom(values, env, http);
  const result = await guardedLogin(options, credential, guardFrom(values, env), { http, env, now: io.now });
  const first = result.tokens[0];
  if (first === undefined)
    throw new FederationError('ACR_EXCHANGE_FAILED', 'The login gave no token for the registry.', {
      remedy:
        'Re-run the job; if it persists, run entra-federate login with --scope https://containerregistry.azure.net/.default.',
    });
  return { token: first.accessToken, tenantId: result.tenantId };
}

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const { values, positionals } = parseCommand('docker-credential', argv, FLAGS, true);
  if (helpRequested(values, HELP, io)) return 0;
  const action = positionals[0];
  if (positionals.length !== 1 || !['get', 'store', 'erase', 'list'].includes(action ?? '')) {
    throw usageError(
      'INVALID_ARGUMENTS',
      'docker-credential takes one action: get, store, erase or list.',
      'Name entra-federate in credHelpers of the docker configuration (login --export acr:<registry> does); docker adds the action.',
    );
  }
  const input = await readInput(io);
  if (action === 'list') {
    io.stdout.write('{}\n');
    return 0;
  }
  // Nothing is stored: each get makes a fresh token.
  if (action !== 'get') return 0;
  try {
    const serverUrl = input.split('\n')[0] ?? '';
    const registry = registryOf(serverUrl);
    const entra = await entraToken(values, io);
    const refresh = await exchangeForAcrRefreshToken({
      http: io.http(),
      registry,
      tenantId: entra.tenantId,
      accessToken: entra.token,
      now: io.now,
    });
    io.stdout.write(
      `${JSON.stringify({ ServerURL: serverUrl.trim(), Username: ACR_NULL_USER, Secret: refresh.token })}\n`,
    );
    return 0;
  } catch (err) {
    // Docker shows the helper's stdout when it fails; the full report goes to stderr.
    if (err instanceof FederationError) io.stdout.write(`${err.message}\n`);
    throw err;
  }
}
