/**
 * The GitHub Action's main step: inputs in, the core's login, then outputs, masked tokens, the
 * hand-offs, a log summary and the step summary out. Failures become one `::error::`
 * annotation with what to change. Post (post.ts) deletes what this step wrote.
 */
import { tmpdir } from 'node:os';
import { githubProvider } from '../ci/github.js';
import { FederationError } from '../core/errors.js';
import { createNodeHttpClient } from '../core/http.js';
import { proxyConfigFrom } from '../core/proxy.js';
import { failureReading } from '../doctor/explain.js';
import { diagnosisMarkdown, renderDiagnosis } from '../doctor/render.js';
import type { HttpClient } from '../core/http.js';
import { decodeJwt } from '../core/jwt.js';
import { login } from '../core/login.js';
import type { LoginResult } from '../core/login.js';
import { readInputs } from './github/inputs.js';
import type { ActionInputs } from './github/inputs.js';
import { causeChain, failureText } from './github/failure.js';
import { githubRunner } from './github/runner.js';
import type { Runner } from './github/runner.js';
import { failureSummary, successSummary } from './github/summary.js';
import { FILES_STATE } from './github/state.js';
import { envHandoff } from '../handoff/env.js';
import { runHandoffs } from '../handoff/run.js';
import type { CiSink, Cleanup, Handoff } from '../handoff/types.js';
import type { FederationOptions } from '../core/options.js';
import { loginSummary } from './shared/render.js';
import { tolerateClosedOutput } from './shared/closed-output.js';
import { hasControlCharacter, isoTime } from '../core/text.js';

/** The hand-offs of the `export` input; `env` alone stays on the cold path, anything else loads the hand-off code. */
const HANDOFFS = {
  async select(
    exports: ActionInputs['exports'],
    options: FederationOptions,
  ): Promise<{ handoffs: Handoff[]; options: FederationOptions }> {
    if (exports.every((name) => name === 'env')) return { handoffs: exports.length === 0 ? [] : [envHandoff], options };
    const { selectHandoffs, withHandoffScopes } = await import('../handoff/select.js');
    const handoffs = selectHandoffs(exports, { field: 'export', fix: 'Set `export` to' });
    return { handoffs, options: withHandoffScopes(options, handoffs) };
  },
};

/** What post undoes besides files, saved in GITHUB_STATE next to the file list. */
const CLEANUP_STATE = 'cleanup';

/** A CI token fetched this recently still has nearly all of its ~5 minutes: no need to ask again. */
const REUSE_ID_TOKEN_MS = 30_000;

/** Shows a claim on a log line; anything that could end the line is quoted away. */
function clean(value: string | undefined): string {
  if (value === undefined) return '(none)';
  return hasControlCharacter(value) ? JSON.stringify(value) : value;
}

function logResult(runner: Runner, result: LoginResult): void {
  const id = result.idToken;
  runner.info(
    `entra-federate: signed in as client ${result.clientId} in tenant ${result.tenantId} (${result.cloud}, ${result.authorityHost})`,
  );
  runner.info(`  CI token issuer:   ${clean(id?.iss)}`);
  runner.info(`  CI token subject:  ${clean(id?.sub)}`);
  runner.info(`  CI token audience: ${clean(Array.isArray(id?.aud) ? id.aud.join(', ') : id?.aud)}`);
  for (const token of result.tokens)
    runner.info(`  token:             ${token.scope}, expires ${isoTime(token.expiresOn)}`);
  for (const note of result.notes) runner.info(`  note:              ${note}`);
}

/** The newest CI token this step fetched: reused by a hand-off moments later, and its claims shown in debug. */
interface IdTokens {
  latest?: { audience: string; token: string; at: number };
}

async function main(runner: Runner, env: NodeJS.ProcessEnv, http: HttpClient, seen: IdTokens): Promise<void> {
  const inputs = readInputs(runner);
  runner.requireFiles(['GITHUB_OUTPUT', 'GITHUB_STATE', ...(inputs.exports.length > 0 ? ['GITHUB_ENV' as const] : [])]);

  // Registry names and the like are checked here, before any request.
  const { handoffs, options } = await HANDOFFS.select(inputs.exports, inputs.options);
  const idleTimeoutSeconds = handoffs.some((h) => h.name === 'identity-endpoint')
    ? (await import('../handoff/identity-endpoint.js')).identityIdleTimeout(env)
    : undefined;
  const provider = githubProvider({ env, http, timeoutMs: inputs.options.timeoutMs });
  // Every CI token is masked the moment it arrives, whoever asked for it.
  const fetchIdToken = async (audience: string): Promise<string> => {
    const token = await provider.idToken(audience);
    runner.mask(token);
    seen.latest = { audience, token, at: Date.now() };
    return token;
  };
  const recentIdToken = async (audience: string): Promise<string> => {
    const latest = seen.latest;
    return latest !== undefined && latest.audience === audience && Date.now() - latest.at < REUSE_ID_TOKEN_MS
      ? latest.token
      : fetchIdToken(audience);
  };

  const source = { kind: 'federated', description: provider.description, idToken: fetchIdToken } as const;
  // The policy runs before any exchange (a denied run sends nothing to Entra); the audit
  // trail is appended whatever the outcome. Their code loads only when they are asked for.
  const result =
    inputs.policyPath === undefined && inputs.auditLogPath === undefined
      ? await login(options, source, { http })
      : await (await import('../audit/trail.js')).loginWithGuardFiles(options, source, http, {
          policyPath: inputs.policyPath,
          auditLogPath: inputs.auditLogPath,
          summaryPath: env['GITHUB_STEP_SUMMARY'],
          provider: provider.name,
          ci: provider.context(),
          now: Date.now,
        });
  // Masks first: nothing below may mention a token the runner does not yet hide.
  for (const token of result.tokens) runner.mask(token.accessToken);
  const first = result.tokens[0];
  if (first === undefined) throw new Error('the login returned no token');
  runner.setOutput('access-token', first.accessToken);
  runner.setOutput('expires-on', isoTime(first.expiresOn));
  runner.setOutput('issuer', result.idToken?.iss ?? '');
  runner.setOutput('subject', result.idToken?.sub ?? '');

  const notes: string[] = [];
  const sink: CiSink = {
    setEnv: (name, value) => runner.exportVariable(name, value),
    mask: (value) => runner.mask(value),
    tempDir: env['RUNNER_TEMP'] !== undefined && env['RUNNER_TEMP'] !== '' ? env['RUNNER_TEMP'] : tmpdir(),
    run: async (argv, opts) => (await import('../handoff/tool.js')).runTool(argv, env, { ...opts, timeoutMs: 120_000 }),
    // Shown after the sign-in lines, under "exported".
    info: (message) => notes.push(message),
    warn: (message) => runner.warning(`entra-federate: ${message}`),
  };
  const files: string[] = [];
  const rest: Omit<Cleanup, 'files'> = {};
  await runHandoffs(
    handoffs,
    {
      result,
      idToken: recentIdToken,
      ...(inputs.subscriptionId === undefined ? {} : { subscriptionId: inputs.subscriptionId }),
      env,
      provider: provider.name,
      http,
      ...(idleTimeoutSeconds === undefined
        ? {}
        : {
            identity: {
              // The endpoint rebuilds this login from these (the environment holds the runner's token request variables).
              values: {
                'client-id': options.clientId,
                'tenant-id': options.tenantId,
                cloud: options.cloud,
                'authority-host': options.authorityHost,
                audience: options.audience,
                timeout: String(options.timeoutMs / 1000),
                provider: 'github',
                ...(inputs.policyPath === undefined ? {} : { policy: inputs.policyPath }),
                ...(inputs.auditLogPath === undefined ? {} : { 'audit-log': inputs.auditLogPath }),
              },
              // The runner's worker: it lives as long as the job.
              ...(process.ppid > 1 ? { watchPid: process.ppid } : {}),
              idleTimeoutSeconds,
            },
          }),
    },
    sink,
    (cleanup) => {
      // Saved after each hand-off, so that a later failure still leaves post a complete list.
      if (cleanup.files.length > 0) {
        files.push(...cleanup.files);
        runner.saveState(FILES_STATE, JSON.stringify(files));
      }
      let more = false;
      for (const key of ['dirs', 'azConfigDirs', 'endpoints', 'dockerLogouts'] as const) {
        const list = cleanup[key];
        if (list === undefined || list.length === 0) continue;
        (rest as Record<string, unknown[]>)[key] = [...((rest as Record<string, unknown[]>)[key] ?? []), ...list];
        more = true;
      }
      if (more) runner.saveState(CLEANUP_STATE, JSON.stringify(rest));
    },
  );

  logResult(runner, result);
  if (inputs.exports.includes('env'))
    runner.info(
      `  exported:          AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST${inputs.subscriptionId === undefined ? '' : ', AZURE_SUBSCRIPTION_ID'}, AZURE_FEDERATED_TOKEN_FILE`,
    );
  for (const note of notes) runner.info(`  exported:          ${note}`);
  runner.debug(
    `correlation id ${result.correlationId}; attempts per scope: ${result.tokens.map((t) => `${t.scope} ${t.attempts}`).join(', ')}`,
  );
  try {
    runner.appendSummary(successSummary(loginSummary(result), provider.context(), inputs.exports));
  } catch (err) {
    // The sign-in worked and everything is handed on; a summary that cannot be written is no reason to fail.
    runner.warning(
      `entra-federate: could not write the step summary (${(err as { code?: string }).code ?? String(err)}).`,
    );
  }
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

function fail(runner: Runner, env: NodeJS.ProcessEnv, http: HttpClient, err: unknown): void {
  if (err instanceof FederationError) {
    runner.error(failureText(err));
    for (const cause of causeChain(err)) runner.debug(`cause: ${cause}`);
    // The doctor's reading sits right under the failure, in the log and in the summary.
    const reading = failureReading(err, Date.now());
    if (reading !== undefined) {
      runner.info('entra-federate doctor:');
      for (const line of renderDiagnosis(reading.diagnosis, reading.ctx).trimEnd().split('\n')) runner.info(line);
    }
    try {
      runner.appendSummary(
        failureSummary(err, githubProvider({ env, http, timeoutMs: 0 }).context()) +
          (reading === undefined ? '' : `\n${diagnosisMarkdown(reading.diagnosis, reading.ctx)}`),
      );
    } catch {
      // The annotation above already says what failed.
    }
    process.exitCode = err.usage ? 2 : 1;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  runner.error(
    `entra-federate: unexpected error: ${message}. This is a bug; please report it with the step's debug log (it contains no tokens).`,
  );
  if (err instanceof Error && err.stack !== undefined) runner.debug(err.stack);
  process.exitCode = 1;
}

tolerateClosedOutput(process.stdout, process.stderr);
const runner = githubRunner(process.env);
const seen: IdTokens = {};
let http = createNodeHttpClient({ userAgent: `entra-federate-action/${VERSION}` });
try {
  // Self-hosted runners behind a proxy set HTTPS_PROXY / NO_PROXY; a malformed one fails the step here.
  http = createNodeHttpClient({ userAgent: `entra-federate-action/${VERSION}`, proxy: proxyConfigFrom(process.env) });
  await main(runner, process.env, http, seen);
} catch (err) {
  fail(runner, process.env, http, err);
}
debugClaims(runner, seen);
