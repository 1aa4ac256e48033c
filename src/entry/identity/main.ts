/**
 * The identity endpoint (handoff/identity-endpoint/), as a process started detached by `login
 * --export identity-endpoint` and the Action: reads its configuration, rebuilds the login's
 * options and credential from the login's flags and the environment it inherited, listens on
 * 127.0.0.1, writes its state file, answers one ready line, and from then on prints nothing: it
 * has no terminal and no log. Users see its failures in the error responses their SDK reports.
 */
import type { Credential } from '../../ci/credential.js';
import type { Env } from '../../ci/types.js';
import { FederationError, usageError } from '../../core/errors.js';
import type { HttpClient } from '../../core/http.js';
import type { CachedToken } from '../../handoff/identity-endpoint/cache.js';
import type { EndpointConfig, ReadyLine } from '../../handoff/identity-endpoint/launch.js';
import { watchLifecycle } from '../../handoff/identity-endpoint/lifecycle.js';
import { startIdentityServer } from '../../handoff/identity-endpoint/server.js';
import { removeEndpointState } from '../../handoff/identity-endpoint/state.js';
import { writeEndpointState } from '../../handoff/identity-endpoint/state-write.js';
import { TokenFileKeeper } from '../../handoff/identity-endpoint/token-file-keeper.js';
import { unexpired } from '../../handoff/identity-endpoint/unexpired-token.js';
import type { LoginValues } from '../shared/login-values.js';
import { credentialFrom, guardFrom, optionsFrom } from '../shared/login-values.js';
import { loadPolicy } from '../../policy/load.js';
import { guardedLogin } from '../shared/sign-in.js';

export interface EndpointIo {
  /** The configuration, as the launcher wrote it to standard input. */
  config: string;
  env: Env;
  http(): HttpClient;
  now(): number;
  /** This process, and the script it runs: written to the state file, so cleanup stops only this. */
  pid: number;
  entry: string;
  /** The one line the launcher waits for. */
  answer(line: ReadyLine): void;
  /** Ends the process (after the answer is written). */
  exit(code: number): void;
}

export interface RunningEndpoint {
  port: number;
  /** Stops serving, removes the state file and exits with `code`. */
  shutdown(code: number): void;
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

/** Starts the endpoint and answers the launcher; a failed start answers why and exits, leaving nothing running. */
export async function main(io: EndpointIo): Promise<RunningEndpoint | undefined> {
  try {
    return await start(io);
  } catch (err) {
    const e =
      err instanceof FederationError
        ? { code: err.code, message: err.message, remedy: err.remedy, usage: err.usage }
        : {
            code: 'IDENTITY_ENDPOINT_FAILED' as const,
            message: `The identity endpoint failed to start: ${err instanceof Error ? err.message : String(err)}.`,
            remedy: 'This is a bug; please report it.',
          };
    io.answer({ ok: false, error: e });
    io.exit(e.usage === true ? 2 : 1);
    return undefined;
  }
}

async function start(io: EndpointIo): Promise<RunningEndpoint> {
  const config = parseConfig(io.config);
  const { env } = io;
  const values = config.values as LoginValues;
  const options = optionsFrom(values, env);
  const http = io.http();
  const base = credentialFrom(values, env, http);
  const credential: Credential =
    base.source.kind === 'federated'
      ? {
          ...base,
          source: {
            ...base.source,
            idToken: unexpired(base.provider?.name, base.source.description, base.source.idToken, io.now),
          },
        }
      : base;
  const guardFiles = guardFrom(values, env);
  // Read once: a policy file changed mid-job (by the job itself) must not widen what is served.
  const guard =
    guardFiles?.policyPath === undefined
      ? guardFiles
      : { ...guardFiles, policy: await loadPolicy(guardFiles.policyPath) };
  const deps = { http, env, now: io.now };

  const exchange = async (scope: string): Promise<CachedToken> => {
    const obtainedAt = io.now();
    const result = await guardedLogin({ ...options, scopes: [{ scope }] }, credential, guard, deps);
    const token = result.tokens[0];
    if (token === undefined) throw new Error('the exchange returned no token');
    return { accessToken: token.accessToken, expiresOn: token.expiresOn, obtainedAt };
  };

  let lifecycle: ReturnType<typeof watchLifecycle> | undefined;
  const server = await startIdentityServer({
    clientId: options.clientId,
    secret: config.secret,
    ...(config.capability === undefined ? {} : { capability: config.capability }),
    exchange,
    onActivity: () => lifecycle?.activity(),
  });
  try {
    writeEndpointState(config.stateFile, {
      pid: io.pid,
      port: server.port,
      entry: io.entry,
      startedAt: new Date(io.now()).toISOString(),
    });
  } catch (err) {
    await server.close();
    throw err;
  }

  const source = credential.source;
  const keeper = new TokenFileKeeper(source.kind === 'federated' ? config.tokenFiles : [], () =>
    source.kind === 'federated' ? source.idToken(options.audience) : Promise.reject(new Error('not federated')),
  );
  let stopping = false;
  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    lifecycle?.dispose();
    keeper.stop();
    removeEndpointState(config.stateFile);
    void server.close().finally(() => io.exit(code));
    // A client holding a socket open must not keep a stopped endpoint alive.
    setTimeout(() => io.exit(code), 2000).unref();
  };
  lifecycle = watchLifecycle({
    ...(config.watchPid === undefined ? {} : { watchPid: config.watchPid }),
    idleTimeoutMs: config.idleTimeoutSeconds * 1000,
    onStop: () => shutdown(0),
  });
  keeper.start();
  io.answer({ ok: true, pid: io.pid, port: server.port });
  return { port: server.port, shutdown };
}
