/**
 * A login as flag values (`client-id`, `scope`, ...): what the CLI parses from its command line,
 * and what the identity endpoint is started with to rebuild the same login on its own. Never a
 * secret: those stay in the environment the endpoint inherits.
 */
import type { Credential } from '../../ci/credential.js';
import { chooseCredential, wantsManagedIdentity } from '../../ci/credential.js';
import type { Env } from '../../ci/types.js';
import type { HttpClient } from '../../core/http.js';
import type { FederationOptions } from '../../core/options.js';
import { resolveOptions } from '../../core/options.js';
import type { Guard } from './sign-in.js';

export interface LoginValues {
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
  policy?: string | undefined;
  'audit-log'?: string | undefined;
  credential?: string | undefined;
}

/** The values the identity endpoint needs to rebuild a login (the scopes come with each request). */
export const ENDPOINT_VALUES = [
  'client-id',
  'tenant-id',
  'audience',
  'cloud',
  'authority-host',
  'provider',
  'id-token-file',
  'id-token-env',
  'certificate',
  'certificate-alg',
  'timeout',
  'policy',
  'audit-log',
  'credential',
] as const satisfies readonly (keyof LoginValues)[];

/**
 * One --scope may list several, comma-separated (what a CI variable holds). Only commas: a
 * newline stays in the value and is refused as a control character. An empty value stays one
 * empty scope, which is refused rather than read as "the default".
 */
function scopeList(value: string): string[] {
  if (!value.includes(',')) return [value];
  const scopes = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return scopes.length === 0 ? [value] : scopes;
}

/** The options, with the Azure SDK's environment variables as fallbacks. */
export function optionsFrom(values: LoginValues, env: Env): FederationOptions {
  return resolveOptions(
    {
      clientId: values['client-id'] ?? env['AZURE_CLIENT_ID'],
      tenantId: values['tenant-id'] ?? env['AZURE_TENANT_ID'],
      scopes: values.scope?.flatMap(scopeList),
      cloud: values.cloud,
      authorityHost: values['authority-host'] ?? env['AZURE_AUTHORITY_HOST'],
      audience: values.audience,
      timeoutSeconds: values.timeout,
    },
    { managedIdentity: wantsManagedIdentity(values.credential) },
  );
}

export function credentialFrom(values: LoginValues, env: Env, http: HttpClient): Credential {
  return chooseCredential(
    {
      credential: values.credential,
      provider: values.provider,
      idTokenFile: values['id-token-file'],
      idTokenEnv: values['id-token-env'],
      certificate: values.certificate,
      certificateAlgorithm: values['certificate-alg'],
      clientId: values['client-id'],
      timeout: values.timeout,
    },
    env,
    http,
  );
}

/** --policy and --audit-log; on GitHub the audit rows also go to the step summary. */
export function guardFrom(values: LoginValues, env: Env): Guard {
  return { policyPath: values.policy, auditLogPath: values['audit-log'], summaryPath: env['GITHUB_STEP_SUMMARY'] };
}
