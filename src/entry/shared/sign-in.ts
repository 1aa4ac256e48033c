/**
 * The one sign-in every adapter runs (CLI `login` and `token`, the Action, the Drone plugin, the
 * identity endpoint): the chosen credential, guarded by the policy and recorded in the audit
 * trail when asked for, the core's login, then the hand-offs. What differs between adapters is
 * passed in: where the tokens are reported (onSignedIn) and the CI's way of passing things on
 * (the hand-offs' sink and where their cleanup is recorded). Failures propagate unchanged: each
 * adapter reports them through failure.ts.
 */
import type { Credential } from '../../ci/credential.js';
import type { Env } from '../../ci/types.js';
import type { HttpClient } from '../../core/http.js';
import type { LoginResult } from '../../core/login.js';
import { login } from '../../core/login.js';
import type { FederationOptions } from '../../core/options.js';
import type { Policy } from '../../policy/parse.js';
import { noIdToken, runHandoffs } from '../../handoff/run.js';
import type { CiSink, Cleanup, Handoff, IdentityLaunch } from '../../handoff/types.js';

/** The policy and the audit trail of a login; each loads its code only when asked for. */
export interface Guard {
  /** Checked before any exchange: a denied run sends nothing to Entra. */
  policyPath?: string | undefined;
  /** The policy already loaded (the identity endpoint reads it once, at start); wins over policyPath. */
  policy?: Policy | undefined;
  /** One JSON line per token, or one saying why there is none, whatever the outcome. */
  auditLogPath?: string | undefined;
  /** A step summary (GitHub's GITHUB_STEP_SUMMARY) that gets the audit rows too. */
  summaryPath?: string | undefined;
}

export interface HandoffPlan {
  /** Selected and checked before the login (planHandoffs); their scopes are in the options. */
  handoffs: readonly Handoff[];
  sink: CiSink;
  /**
   * Called after each hand-off with what it did, so that the cleanup step (the Action's post,
   * `entra-federate logout`) undoes it even when a later hand-off fails.
   */
  onCleanup(cleanup: Cleanup): void;
  /**
   * When a hand-off fails, after what the earlier ones did has been undone (last first): the
   * adapter takes back its own records of them (the CLI's session record and exported lines).
   */
  onRollback?(): void;
  subscriptionId?: string;
  /** How to start the identity endpoint; absent where the adapter cannot start one. */
  identity?: IdentityLaunch;
  /** CI tokens for the hand-offs; by default the credential's own, each masked through the sink first. */
  idToken?: (audience: string) => Promise<string>;
}

export interface SignInRequest {
  options: FederationOptions;
  credential: Credential;
  guard?: Guard;
  /** Runs once the tokens are there, before any hand-off: where the adapter masks and reports them. */
  onSignedIn?(result: LoginResult): void | Promise<void>;
  handoffs?: HandoffPlan;
}

export interface SignInDeps {
  http: HttpClient;
  env: Env;
  now(): number;
}

export async function signIn(request: SignInRequest, deps: SignInDeps): Promise<LoginResult> {
  const result = await guardedLogin(request.options, request.credential, request.guard, deps);
  await request.onSignedIn?.(result);
  const plan = request.handoffs;
  if (plan !== undefined && plan.handoffs.length > 0) await handOff(result, request.credential, plan, deps);
  return result;
}

/** The login alone, with its policy and trail: what `token` and the identity endpoint need. */
export async function guardedLogin(
  options: FederationOptions,
  credential: Credential,
  guard: Guard | undefined,
  deps: SignInDeps,
): Promise<LoginResult> {
  if (guard?.policyPath === undefined && guard?.policy === undefined && guard?.auditLogPath === undefined)
    return login(options, credential.source, { http: deps.http });
  const { loginWithGuardFiles } = await import('../../audit/trail.js');
  return loginWithGuardFiles(options, credential.source, deps.http, {
    policyPath: guard.policyPath,
    policy: guard.policy,
    auditLogPath: guard.auditLogPath,
    summaryPath: guard.summaryPath,
    provider: credential.origin ?? credential.provider?.name ?? credential.source.kind,
    ci: credential.provider?.context(),
    now: () => deps.now(),
  });
}

async function handOff(
  result: LoginResult,
  credential: Credential,
  plan: HandoffPlan,
  deps: SignInDeps,
): Promise<void> {
  const source = credential.source;
  const federated = source.kind === 'federated' ? source : undefined;
  // The hand-off contract: every CI token it is given is already masked.
  const idToken =
    plan.idToken ??
    (federated === undefined
      ? noIdToken(source.kind)
      : async (audience: string) => {
          const token = await federated.idToken(audience);
          plan.sink.mask(token);
          return token;
        });
  const done: Cleanup[] = [];
  try {
    await runHandoffsOf(plan, result, idToken, credential, deps, done);
  } catch (err) {
    await rollBack(done, plan, deps.env);
    throw err;
  }
}

/**
 * A failed hand-off leaves nothing of this run behind: what the earlier ones did is undone in
 * reverse order (the files, directories, sign-ins and endpoints their cleanups name), then the
 * adapter's own records of them. The failure itself is what the user sees; this only says that
 * nothing was left.
 */
async function rollBack(done: Cleanup[], plan: HandoffPlan, env: Env): Promise<void> {
  const log = { info: () => undefined, debug: () => undefined, warn: (message: string) => plan.sink.warn(message) };
  const { performCleanup } = await import('../../handoff/cleanup.js');
  for (const cleanup of [...done].reverse()) {
    try {
      await performCleanup(cleanup, env, log);
    } catch {
      // performCleanup only warns; nothing here may hide the failure being reported.
    }
  }
  plan.onRollback?.();
  plan.sink.warn('a hand-off failed, so what this login had exported was rolled back.');
}

async function runHandoffsOf(
  plan: HandoffPlan,
  result: LoginResult,
  idToken: (audience: string) => Promise<string>,
  credential: Credential,
  deps: SignInDeps,
  done: Cleanup[],
): Promise<void> {
  const source = credential.source;
  const federated = source.kind === 'federated' ? source : undefined;
  await runHandoffs(
    plan.handoffs,
    {
      result,
      idToken,
      ...(plan.subscriptionId === undefined ? {} : { subscriptionId: plan.subscriptionId }),
      env: deps.env,
      ...(federated !== undefined && credential.provider !== undefined ? { provider: credential.provider.name } : {}),
      http: deps.http,
      ...(plan.identity === undefined ? {} : { identity: plan.identity }),
    },
    plan.sink,
    (cleanup) => {
      done.push(cleanup);
      plan.onCleanup(cleanup);
    },
  );
}
