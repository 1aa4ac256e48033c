/**
 * The Action's inputs (action.yml) turned into validated options, all before any request: a
 * bad value fails the step with nothing sent and nothing written.
 */
import { wantsManagedIdentity } from '../../ci/credential.js';
import { usageError } from '../../core/errors.js';
import type { FederationOptions } from '../../core/options.js';
import { quote, resolveOptions, splitList } from '../../core/options.js';
import type { Runner } from './runner.js';
import { isGuid } from '../../core/text.js';

/** Exporters the Action offers; `none` (or an empty input) exports nothing. */
export const EXPORTS = ['env', 'terraform', 'az', 'acr:<registry>', 'git', 'kubelogin', 'identity-endpoint'] as const;
/** An export name, or `acr:` and a registry (checked by main before any request). */
export type ExportName = Exclude<(typeof EXPORTS)[number], 'acr:<registry>'> | `acr:${string}`;

export interface ActionInputs {
  options: FederationOptions;
  subscriptionId?: string;
  exports: ExportName[];
  /** Guardrail and trail (the `policy` and `audit-log` inputs): loaded only when given. */
  policyPath?: string;
  auditLogPath?: string;
  /** `credential: managed-identity`: the runner's own identity, no CI token. */
  managedIdentity: boolean;
}

function required(runner: Runner, name: 'client-id' | 'tenant-id', what: string): string {
  const value = runner.input(name);
  if (value === '') {
    throw usageError(
      name === 'client-id' ? 'MISSING_CLIENT_ID' : 'MISSING_TENANT_ID',
      `The \`${name}\` input is empty.`,
      `Set \`${name}:\` under \`with:\` to ${what}, e.g. \${{ vars.AZURE_${name.replace(/-/g, '_').toUpperCase()} }}.`,
      name,
    );
  }
  return value;
}

function subscription(raw: string): string | undefined {
  if (raw === '') return undefined;
  if (!isGuid(raw)) {
    throw usageError(
      'INVALID_SUBSCRIPTION_ID',
      `The subscription id ${quote(raw)} is not a GUID.`,
      "Use the subscription id GUID shown on the subscription's overview page, or leave `subscription-id` empty.",
      'subscription-id',
    );
  }
  return raw.toLowerCase();
}

function exportsFrom(raw: string): ExportName[] {
  const names = splitList(raw).map((name) => name.toLowerCase());
  if (names.length === 1 && names[0] === 'none') return [];
  const out: ExportName[] = [];
  for (const name of names) {
    const known = name.startsWith('acr:')
      ? (name as `acr:${string}`)
      : EXPORTS.find((e): e is Exclude<typeof e, 'acr:<registry>'> => e === name && e !== 'acr:<registry>');
    if (known === undefined) {
      throw usageError(
        'INVALID_EXPORT',
        `The Action cannot export ${quote(name)}.`,
        `Set \`export\` to one of ${EXPORTS.join(', ')} or none.`,
        'export',
      );
    }
    if (!out.includes(known)) out.push(known);
  }
  return out;
}

export function readInputs(runner: Runner): ActionInputs {
  const managedIdentity = wantsManagedIdentity(runner.input('credential'));
  // The machine's identity needs neither: a user-assigned one is named by client-id.
  const clientId = managedIdentity
    ? runner.input('client-id')
    : required(runner, 'client-id', 'the application (client) id of the app registration or managed identity');
  const tenantId = managedIdentity
    ? runner.input('tenant-id')
    : required(runner, 'tenant-id', 'the directory (tenant) id');
  const options = resolveOptions(
    {
      clientId,
      tenantId,
      scopes: splitList(runner.input('scopes')),
      cloud: runner.input('cloud'),
      authorityHost: runner.input('authority-host'),
      audience: runner.input('audience'),
      timeoutSeconds: runner.input('timeout-seconds'),
    },
    { managedIdentity },
  );
  const subscriptionId = subscription(runner.input('subscription-id'));
  const exports = exportsFrom(runner.input('export'));
  const policyPath = runner.input('policy');
  const auditLogPath = runner.input('audit-log');
  return {
    options,
    managedIdentity,
    exports,
    ...(subscriptionId === undefined ? {} : { subscriptionId }),
    ...(policyPath === '' ? {} : { policyPath }),
    ...(auditLogPath === '' ? {} : { auditLogPath }),
  };
}
