/**
 * `export: env`: the variables the Azure SDKs read, so that @azure/identity's
 * WorkloadIdentityCredential and DefaultAzureCredential (and other SDKs' equivalents) sign
 * in by themselves in later steps. AZURE_FEDERATED_TOKEN_FILE holds a CI token, not an access
 * token: the SDK exchanges it itself, for whatever scope it needs.
 */
import { unlinkSync } from 'node:fs';
import { FederationError } from '../core/errors.js';
import type { CiSink, Cleanup, Handoff, HandoffRequest } from './types.js';
import { writeSecureFile } from './secure-file.js';
import { tokenFileRenewal } from './token-file.js';

export const TOKEN_FILE_PREFIX = 'entra-federate-';
export const TOKEN_FILE_SUFFIX = '.jwt';

/**
 * The machine's own identity: the SDKs' ManagedIdentityCredential (and DefaultAzureCredential)
 * reach the same identity endpoint themselves, so only which identity and tenant are passed on,
 * and no token file (with one, DefaultAzureCredential would try workload identity first).
 */
function exportManagedIdentity(request: HandoffRequest, sink: CiSink): Cleanup {
  const { result, subscriptionId } = request;
  const id = result.managedIdentity?.userAssignedClientId;
  if (id !== undefined) sink.setEnv('AZURE_CLIENT_ID', id);
  sink.setEnv('AZURE_TENANT_ID', result.tenantId);
  if (subscriptionId !== undefined) sink.setEnv('AZURE_SUBSCRIPTION_ID', subscriptionId);
  sink.renewal?.({ handoff: 'env', renews: true, until: 'the machine keeps its managed identity' });
  sink.info(
    `env: ${id === undefined ? '' : 'AZURE_CLIENT_ID, '}AZURE_TENANT_ID${subscriptionId === undefined ? '' : ', AZURE_SUBSCRIPTION_ID'} (no token file: the SDKs' ManagedIdentityCredential asks the ${id === undefined ? 'system-assigned' : 'user-assigned'} managed identity itself); renews: the SDKs get fresh tokens from it for as long as the machine has it.`,
  );
  return { files: [] };
}

export const envHandoff: Handoff = {
  name: 'env',
  async export(request, sink) {
    const { result, idToken, subscriptionId } = request;
    if (result.managedIdentity !== undefined) return exportManagedIdentity(request, sink);
    const token = await idToken(result.audience);
    let file: string;
    try {
      // No trailing newline: some readers take the file's bytes as they are.
      file = writeSecureFile(sink.tempDir, TOKEN_FILE_PREFIX, TOKEN_FILE_SUFFIX, token);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new FederationError(
        'TOKEN_FILE_WRITE_FAILED',
        `Could not create the federated token file in ${sink.tempDir}${typeof code === 'string' ? ` (${code})` : ''}.`,
        {
          remedy: "The runner's temporary directory (RUNNER_TEMP) must exist and be writable by the job's user.",
          cause: err,
        },
      );
    }
    try {
      sink.setEnv('AZURE_CLIENT_ID', result.clientId);
      sink.setEnv('AZURE_TENANT_ID', result.tenantId);
      sink.setEnv('AZURE_AUTHORITY_HOST', result.authorityHost);
      if (subscriptionId !== undefined) sink.setEnv('AZURE_SUBSCRIPTION_ID', subscriptionId);
      sink.setEnv('AZURE_FEDERATED_TOKEN_FILE', file);
    } catch (err) {
      unlinkSync(file);
      throw err;
    }
    const renewal = tokenFileRenewal(request, token);
    sink.renewal?.({ handoff: 'env', renews: renewal.renews, until: renewal.until });
    sink.info(
      `env: AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST${subscriptionId === undefined ? '' : ', AZURE_SUBSCRIPTION_ID'}, AZURE_FEDERATED_TOKEN_FILE; ${renewal.words}.`,
    );
    return { files: [file] };
  },
};
