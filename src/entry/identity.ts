/**
 * The identity endpoint process (dist/identity/index.js), started detached by `login --export
 * identity-endpoint` and the Action. Reads its configuration from stdin, rebuilds the login's
 * options and credential from the login's flags and the environment it inherited, listens on
 * 127.0.0.1, writes its state file, answers one ready line on stdout, and from then on prints
 * nothing: it has no terminal and no log. Users see its failures in the error responses their
 * SDK reports.
 */
import { closeSync, constants, fchmodSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { CiProvider } from '../ci/types.js';
import { FederationError, usageError } from '../core/errors.js';
import { decodeJwt, numericClaim } from '../core/jwt.js';
import type { CachedToken } from '../handoff/identity-endpoint/cache.js';
import type { EndpointConfig, ReadyLine } from '../handoff/identity-endpoint/launch.js';
import { watchLifecycle } from '../handoff/identity-endpoint/lifecycle.js';
import { startIdentityServer } from '../handoff/identity-endpoint/server.js';
import type { EndpointState } from '../handoff/identity-endpoint/state.js';
import { TokenFileKeeper } from '../handoff/identity-endpoint/token-file-keeper.js';
import { credentialFrom, httpClient, optionsFrom } from './cli/common.js';
import type { Credential, FederationValues } from './cli/common.js';
import { guardedLogin } from './cli/guard-flags.js';
import { tolerateClosedOutput } from './shared/closed-output.js';
import { isoTime } from '../core/text.js';
import { loadPolicy } from '../policy/load.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseConfig(text: string): EndpointConfig {
  let parsed: Partial<EndpointConfig>;
  try {
    parsed = JSON.parse(text) as Partial<EndpointConfig>;
  } catch {
    throw usageError(
      'INVALID_ENDPOINT_CONFIG',
      'The identity endpoint was started without its configuration.',
      'It is started by `entra-federate login --export identity-endpoint` or the Action; do not run it by hand.',
    );
  }
  const ok =
    parsed.version === 1 &&
    typeof parsed.secret === 'string' &&
    parsed.secret.length >= 32 &&
    typeof parsed.stateFile === 'string' &&
    typeof parsed.values === 'object' &&
    parsed.values !== null &&
    Array.isArray(parsed.tokenFiles) &&
    typeof parsed.idleTimeoutSeconds === 'number' &&
    parsed.idleTimeoutSeconds > 0 &&
    (parsed.capability === undefined ||
      (typeof parsed.capability === 'string' && /^[A-Za-z0-9_-]{22,}$/.test(parsed.capability)));
  if (!ok)
    throw usageError(
      'INVALID_ENDPOINT_CONFIG',
      "The identity endpoint's configuration is incomplete.",
      'Start it through `entra-federate login --export identity-endpoint` or the Action.',
    );
  return parsed as EndpointConfig;
}

/** What to do when a CI that issues one token per job has let it expire. */
function expiredRemedy(provider: string): string {
  switch (provider) {
    case 'gitlab':
      return "GitLab sets an ID token's expiry to the job's timeout: raise the job's `timeout:`, or split the work into jobs that each sign in.";
    case 'circleci':
      return "CircleCI's job token lasts one hour: sign in again in a later step, or use an audience other than the organization id so that fresh tokens are minted with `circleci run oidc get`.";
    default:
      return 'The CI gives this job one token and cannot renew it: sign in again with a fresh token (`entra-federate login`), or split the job.';
  }
}

/** The job token, refused once expired: Entra would answer AADSTS700024, which says less. */
function unexpired(
  provider: CiProvider | undefined,
  description: string,
  idToken: (audience: string) => Promise<string>,
): (audience: string) => Promise<string> {
  return async (audience) => {
    const token = await idToken(audience);
    let exp: number | undefined;
    try {
      exp = numericClaim(decodeJwt(token, description).claims, 'exp');
    } catch {
      exp = undefined;
    }
    if (exp !== undefined && exp * 1000 <= Date.now()) {
      throw new FederationError(
        'ID_TOKEN_EXPIRED',
        `The CI token from ${description} expired at ${isoTime(exp * 1000)}, and this CI does not issue a new one during the job.`,
        {
          remedy: expiredRemedy(provider?.name ?? ''),
        },
      );
    }
    return token;
  };
}

function writeState(path: string, state: EndpointState): void {
  const fd = openSync(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    0o600,
  );
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, JSON.stringify(state));
  } finally {
    closeSync(fd);
  }
}

function removeState(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: cleanup may have removed it first.
  }
}

function answer(line: ReadyLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const config = parseConfig(await readStdin());
  const env = process.env;
  const values = config.values as FederationValues & { policy?: string; 'audit-log'?: string };
  const options = optionsFrom(values, env);
  const clientId = options.clientId;
  const http = httpClient();
  const base = credentialFrom(values, env, http);
  const credential: Credential =
    base.source.kind === 'federated'
      ? {
          ...base,
          source: { ...base.source, idToken: unexpired(base.provider, base.source.description, base.source.idToken) },
        }
      : base;

  // Read once: a policy changed mid-job (by the job itself) must not widen what is served.
  const policy = values.policy === undefined ? undefined : await loadPolicy(values.policy);
  const exchange = async (scope: string): Promise<CachedToken> => {
    const obtainedAt = Date.now();
    const result = await guardedLogin(values, env, { ...options, scopes: [{ scope }] }, credential, http, policy);
    const token = result.tokens[0];
    if (token === undefined) throw new Error('the exchange returned no token');
    return { accessToken: token.accessToken, expiresOn: token.expiresOn, obtainedAt };
  };

  let lifecycle: ReturnType<typeof watchLifecycle> | undefined;
  const server = await startIdentityServer({
    clientId,
    secret: config.secret,
    ...(config.capability === undefined ? {} : { capability: config.capability }),
    exchange,
    onActivity: () => lifecycle?.activity(),
  });
  writeState(config.stateFile, {
    pid: process.pid,
    port: server.port,
    entry: process.argv[1] ?? '',
    startedAt: new Date().toISOString(),
  });

  const source = credential.source;
  const keeper = new TokenFileKeeper(source.kind === 'federated' ? config.tokenFiles : [], () =>
    source.kind === 'federated' ? source.idToken(options.audience) : Promise.reject(new Error('not federated')),
  );
  const shutdown = (code: number): void => {
    keeper.stop();
    removeState(config.stateFile);
    void server.close().finally(() => process.exit(code));
    // A client holding a socket open must not keep a stopped endpoint alive.
    setTimeout(() => process.exit(code), 2000).unref();
  };
  lifecycle = watchLifecycle({
    ...(config.watchPid === undefined ? {} : { watchPid: config.watchPid }),
    idleTimeoutMs: config.idleTimeoutSeconds * 1000,
    onStop: () => shutdown(0),
  });
  process.on('uncaughtException', () => shutdown(1));
  process.on('unhandledRejection', () => shutdown(1));
  keeper.start();

  answer({ ok: true, pid: process.pid, port: server.port });
  // Nothing is written after the ready line: the launcher has gone and so has the pipe.
  process.stdout.on('error', () => undefined);
  process.stdout.end();
}

tolerateClosedOutput(process.stdout, process.stderr);
try {
  await main();
} catch (err) {
  const e =
    err instanceof FederationError
      ? { code: err.code, message: err.message, remedy: err.remedy, usage: err.usage }
      : {
          code: 'IDENTITY_ENDPOINT_FAILED',
          message: `The identity endpoint failed to start: ${err instanceof Error ? err.message : String(err)}.`,
          remedy: 'This is a bug; please report it.',
        };
  // Exit even if a server was already listening: a failed start leaves nothing running.
  process.stdout.write(`${JSON.stringify({ ok: false, error: e } satisfies ReadyLine)}\n`, () =>
    process.exit(e.usage === true ? 2 : 1),
  );
}
