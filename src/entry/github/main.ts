/**
 * The GitHub Action's main step: inputs in, the sign-in (shared/sign-in.ts), then outputs,
 * masked tokens, the hand-offs, a log summary and the step summary out. Failures become one
 * `::error::` annotation with what to change (failure.ts). Post (post.ts) deletes what this
 * step wrote.
 */
import type { Credential } from '../../ci/credential.js';
import { managedIdentityCredential } from '../../ci/credential.js';
import { githubContext, githubProvider } from '../../ci/github.js';
import type { Env } from '../../ci/types.js';
import type { HttpClient } from '../../core/http.js';
import { decodeJwt } from '../../core/jwt.js';
import type { LoginResult } from '../../core/login.js';
import { isoTime, showClaim } from '../../core/text.js';
import type { CiSink, Renewal } from '../../handoff/types.js';
import { identityIdleSeconds, jobTempDir, planHandoffs, toolRunner } from '../shared/handoffs.js';
import { loginSummary } from '../shared/render.js';
import { signIn } from '../shared/sign-in.js';
import { reportFailure } from './failure.js';
import { readInputs } from './inputs.js';
import type { Runner } from './runner.js';
import { cleanupRecorder } from './state.js';
import { successSummary } from './summary.js';

export interface ActionIo {
  env: Env;
  runner: Runner;
  /** Throws when a proxy variable cannot be parsed: the step fails with that message. */
  http(): HttpClient;
  now(): number;
  /** The runner's worker, whose end is the job's end: the identity endpoint stops with it. */
  jobPid?: number;
}

/** A CI token fetched this recently still has nearly all of its ~5 minutes: no need to ask again. */
const REUSE_ID_TOKEN_MS = 30_000;

/** The newest CI token this step fetched: reused by a hand-off moments later, and its claims shown in debug. */
interface IdTokens {
  latest?: { audience: string; token: string; at: number };
}

/** Runs the step; returns its exit code. */
export async function main(io: ActionIo): Promise<number> {
  const seen: IdTokens = {};
  try {
    await signInStep(io, seen);
    return 0;
  } catch (err) {
    return await reportFailure(err, io.runner, githubContext(io.env), io.now());
  } finally {
    debugClaims(io.runner, seen);
  }
}

async function signInStep(io: ActionIo, seen: IdTokens): Promise<void> {
  const { runner, env, now } = io;
  // Self-hosted runners behind a proxy set HTTPS_PROXY / NO_PROXY; a malformed one fails the step here.
  const http = io.http();
  const inputs = readInputs(runner);
  runner.requireFiles(['GITHUB_OUTPUT', 'GITHUB_STATE', ...(inputs.exports.length > 0 ? ['GITHUB_ENV' as const] : [])]);

  // Registry names and the like are checked here, before any request.
  const { handoffs, options } = await planHandoffs(
    inputs.exports,
    { field: 'export', fix: 'Set `export` to' },
    inputs.options,
  );
  const idleTimeoutSeconds = await identityIdleSeconds(handoffs, env);
  const provider = githubProvider({ env, http, timeoutMs: inputs.options.timeoutMs });
  // Every CI token is masked the moment it arrives, whoever asked for it.
  const fetchIdToken = async (audience: string): Promise<string> => {
    const token = await provider.idToken(audience);
    runner.mask(token);
    seen.latest = { audience, token, at: now() };
    return token;
  };
  const recentIdToken = async (audience: string): Promise<string> => {
    const latest = seen.latest;
    return latest !== undefined && latest.audience === audience && now() - latest.at < REUSE_ID_TOKEN_MS
      ? latest.token
      : fetchIdToken(audience);
  };
  const credential: Credential = inputs.managedIdentity
    ? managedIdentityCredential(
        {
          ...(inputs.options.clientId === '' ? {} : { clientId: inputs.options.clientId }),
          timeout: String(inputs.options.timeoutMs / 1000),
        },
        // AZURE_CLIENT_ID in the runner's environment must not pick the identity: the input does.
        { ...env, AZURE_CLIENT_ID: undefined },
        http,
      )
    : { provider, source: { kind: 'federated', description: provider.description, idToken: fetchIdToken } };

  const notes: string[] = [];
  const renewals: Renewal[] = [];
  const sink: CiSink = {
    setEnv: (name, value) => runner.exportVariable(name, value),
    mask: (value) => runner.mask(value),
    tempDir: jobTempDir(env),
    run: toolRunner(env),
    // Shown after the sign-in lines, under "exported".
    info: (message) => notes.push(message),
    warn: (message) => runner.warning(`entra-federate: ${message}`),
    renewal: (entry) => renewals.push(entry),
  };
  const result = await signIn(
    {
      options,
      credential,
      guard: {
        policyPath: inputs.policyPath,
        auditLogPath: inputs.auditLogPath,
        summaryPath: env['GITHUB_STEP_SUMMARY'],
      },
      onSignedIn(result) {
        // Masks first: nothing below may mention a token the runner does not yet hide.
        for (const token of result.tokens) runner.mask(token.accessToken);
        const first = result.tokens[0];
        if (first === undefined) throw new Error('the login returned no token');
        runner.setOutput('access-token', first.accessToken);
        runner.setOutput('access-tokens', JSON.stringify(accessTokens(result, inputs.options.scopes)));
        runner.setOutput('expires-on', isoTime(first.expiresOn));
        runner.setOutput('issuer', result.idToken?.iss ?? '');
        runner.setOutput('subject', result.idToken?.sub ?? '');
      },
      handoffs: {
        handoffs,
        sink,
        onCleanup: cleanupRecorder(runner),
        ...(inputs.managedIdentity ? {} : { idToken: recentIdToken }),
        ...(inputs.subscriptionId === undefined ? {} : { subscriptionId: inputs.subscriptionId }),
        ...(idleTimeoutSeconds === undefined
          ? {}
          : {
              identity: {
                // The endpoint rebuilds this login from these (the environment holds the runner's token request variables).
                values: {
                  ...(options.clientId === '' ? {} : { 'client-id': options.clientId }),
                  ...(options.tenantId === '' ? {} : { 'tenant-id': options.tenantId }),
                  ...(inputs.managedIdentity ? { credential: 'managed-identity' } : {}),
                  cloud: options.cloud,
                  'authority-host': options.authorityHost,
                  audience: options.audience,
                  timeout: String(options.timeoutMs / 1000),
                  ...(inputs.managedIdentity ? {} : { provider: 'github' }),
                  ...(inputs.policyPath === undefined ? {} : { policy: inputs.policyPath }),
                  ...(inputs.auditLogPath === undefined ? {} : { 'audit-log': inputs.auditLogPath }),
                },
                ...(io.jobPid === undefined ? {} : { watchPid: io.jobPid }),
                idleTimeoutSeconds,
              },
            }),
      },
    },
    { http, env, now },
  );

  logResult(runner, result);
  for (const note of notes) runner.info(`  exported:          ${note}`);
  runner.debug(
    `correlation id ${result.correlationId}; attempts per scope: ${result.tokens.map((t) => `${t.scope} ${t.attempts}`).join(', ')}`,
  );
  try {
    runner.appendSummary(successSummary(loginSummary(result), provider.context(), inputs.exports, renewals));
  } catch (err) {
    // The sign-in worked and everything is handed on; a summary that cannot be written is no reason to fail.
    runner.warning(
      `entra-federate: could not write the step summary (${(err as { code?: string }).code ?? String(err)}).`,
    );
  }
}

/**
 * The `access-tokens` output: each scope the user asked for (as normalized: a bare resource has
 * /.default) to its token, in the order asked. Scopes only a hand-off needed are left out.
 */
function accessTokens(result: LoginResult, requested: readonly { scope: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { scope } of requested) {
    const token = result.tokens.find((t) => t.scope === scope);
    if (token !== undefined) out[scope] = token.accessToken;
  }
  return out;
}

/** Shows a claim on a log line; anything that could end the line is quoted away. */
function clean(value: string | undefined): string {
  return value === undefined ? '(none)' : showClaim(value, 'when-needed');
}

function logResult(runner: Runner, result: LoginResult): void {
  const id = result.idToken;
  runner.info(
    `entra-federate: signed in as client ${result.clientId} in tenant ${result.tenantId} (${result.cloud}, ${result.authorityHost})`,
  );
  runner.info(`  CI token issuer:   ${clean(id?.iss)}`);
  runner.info(`  CI token subject:  ${clean(id?.sub)}`);
  runner.info(`  CI token audience: ${Array.isArray(id?.aud) ? id.aud.map(clean).join(', ') : clean(id?.aud)}`);
  for (const token of result.tokens)
    runner.info(`  token:             ${token.scope}, expires ${isoTime(token.expiresOn)}`);
  for (const note of result.notes) runner.info(`  note:              ${note}`);
}

/** Debug only: every claim of the last CI token (claims are not secret; the token is). */
function debugClaims(runner: Runner, seen: IdTokens): void {
  if (!runner.debugEnabled || seen.latest === undefined) return;
  try {
    runner.debug(`CI token claims: ${JSON.stringify(decodeJwt(seen.latest.token).claims)}`);
  } catch {
    runner.debug('The CI token is not a JWT; its claims cannot be shown.');
  }
}
