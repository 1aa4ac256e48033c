/**
 * The --export, --export-file and --subscription-id flags of `login`. The hand-off code loads only
 * when --export is given, so a plain login starts as fast as before.
 */
import type { Env } from '../../ci/types.js';
import type { HttpClient } from '../../core/http.js';
import type { LoginResult } from '../../core/login.js';
import type { FederationOptions } from '../../core/options.js';
import { usageError } from '../../core/errors.js';
import type { Credential, OptionSpec } from './common.js';

export const EXPORT_FLAGS = {
  export: { type: 'string', multiple: true },
  'export-file': { type: 'string' },
  'subscription-id': { type: 'string' },
} as const satisfies OptionSpec;

export const EXPORT_HELP = `  --export NAME           hand credentials to the job's later tools; repeatable: env |
                          terraform | az | acr:<registry> | git | kubelogin | identity-endpoint
  --export-file FILE      append the exported variables to FILE as \`export\` lines to source
                          [default: GITHUB_ENV on GitHub, $BASH_ENV on CircleCI]
  --subscription-id GUID  subscription for az and terraform [env AZURE_SUBSCRIPTION_ID]
                          (\`entra-federate logout\` undoes the exports)`;

export interface ExportValues {
  export?: string[] | undefined;
  'export-file'?: string | undefined;
  'subscription-id'?: string | undefined;
}

export interface PreparedExports {
  /** The login's options with the scopes the hand-offs need added. */
  options: FederationOptions;
  run(result: LoginResult, credential: Credential, http: HttpClient): Promise<void>;
}

/** Checks the export flags before the login sends anything. */
export async function prepareExports(
  values: ExportValues & Record<string, unknown>,
  env: Env,
  options: FederationOptions,
): Promise<PreparedExports> {
  if (values.export === undefined || values.export.length === 0) {
    if (values['export-file'] !== undefined || values['subscription-id'] !== undefined) {
      throw usageError(
        'INVALID_ARGUMENTS',
        `--${values['export-file'] !== undefined ? 'export-file' : 'subscription-id'} only applies to --export.`,
        'Add --export NAME (e.g. --export env), or drop the flag.',
        'export',
      );
    }
    return { options, run: async () => undefined };
  }
  const { planExports, runExports } = await import('./exports.js');
  const { withHandoffScopes } = await import('../../handoff/select.js');
  const plan = planExports(values, env);
  return {
    options: withHandoffScopes(options, plan.handoffs),
    run: (result, credential, http) => runExports(plan, { result, credential, values, env, http }),
  };
}
