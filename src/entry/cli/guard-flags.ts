/**
 * The --policy and --audit-log flags that `login` and `token` share. Without them the login
 * is the plain core call: the policy and audit code load only when asked for.
 */
import type { Env } from '../../ci/types.js';
import type { HttpClient } from '../../core/http.js';
import type { LoginResult } from '../../core/login.js';
import { login } from '../../core/login.js';
import type { FederationOptions } from '../../core/options.js';
import type { Policy } from '../../policy/parse.js';
import type { Credential, OptionSpec } from './common.js';

export const GUARD_FLAGS = {
  policy: { type: 'string' },
  'audit-log': { type: 'string' },
} as const satisfies OptionSpec;

export const GUARD_HELP = `  --policy FILE           JSON or YAML rules: which CI tokens may ask for which tenants,
                          client ids and scopes; a denied run sends no request to Entra
  --audit-log FILE        append one JSON line per token (created 0600; no token bytes);
                          in GitHub Actions also a row per token to the step summary`;

export async function guardedLogin(
  values: { policy?: string | undefined; 'audit-log'?: string | undefined },
  env: Env,
  options: FederationOptions,
  credential: Credential,
  http: HttpClient,
  /** A policy already loaded (the identity endpoint loads it once, at start). */
  policy?: Policy,
): Promise<LoginResult> {
  if (values.policy === undefined && values['audit-log'] === undefined && policy === undefined)
    return login(options, credential.source, { http });
  const { loginWithGuardFiles } = await import('../../audit/trail.js');
  return loginWithGuardFiles(options, credential.source, http, {
    policyPath: values.policy,
    policy,
    auditLogPath: values['audit-log'],
    summaryPath: env['GITHUB_STEP_SUMMARY'],
    provider: credential.provider?.name ?? credential.source.kind,
    ci: credential.provider?.context(),
    now: Date.now,
  });
}
