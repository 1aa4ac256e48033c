/**
 * The --export, --export-file and --subscription-id flags of `login`. The hand-off code loads only
 * when --export is given, so a plain login starts as fast as before.
 */
import { usageError } from '../../core/errors.js';
import type { FederationOptions } from '../../core/options.js';
import type { EntryIo } from '../shared/io.js';
import type { OptionSpec } from './common.js';
import type { ExportValues, PreparedExports } from './exports.js';

export const EXPORT_FLAGS = {
  export: { type: 'string', multiple: true },
  'export-file': { type: 'string' },
  'subscription-id': { type: 'string' },
} as const satisfies OptionSpec;

export const EXPORT_HELP = `  --export NAME           hand credentials to the job's later tools; repeatable: shell | env |
                          terraform | az | acr:<registry> | git | kubelogin | identity-endpoint
                          shell: AZURE_ACCESS_TOKEN[_<RESOURCE>] and friends as \`export\` lines
                          on stdout, for eval "$(entra-federate login --export shell)"
  --export-file FILE      append the exported variables to FILE as \`export\` lines to source
                          [default: stdout with shell, else GITHUB_ENV on GitHub, $BASH_ENV on
                          CircleCI]
  --subscription-id GUID  subscription for az and terraform [env AZURE_SUBSCRIPTION_ID]
                          (\`entra-federate logout\` undoes the exports)`;

/** Checks the export flags before the login sends anything. */
export async function prepareExports(
  values: ExportValues,
  io: EntryIo,
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
    return { options, finish: () => undefined };
  }
  const { planExports } = await import('./exports.js');
  return planExports(values, io, options);
}
