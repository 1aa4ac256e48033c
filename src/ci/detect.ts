/**
 * Picks where the job's identity comes from: explicit --id-token-file/--id-token-env always win,
 * then the named or detected CI, then AZURE_FEDERATED_TOKEN_FILE (the Azure SDK convention).
 */
import { FederationError, usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { envTokenProvider, fileTokenProvider } from './generic.js';
import { githubProvider, isGithubActions } from './github.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';

interface ProviderEntry {
  /** True when the environment is unmistakably this CI's. */
  detect(env: Env): boolean;
  create(deps: ProviderDeps): CiProvider;
}

/** Detection order matters only for runners nested in another CI; GitHub first. */
export const PROVIDERS: Readonly<Record<string, ProviderEntry>> = {
  github: { detect: isGithubActions, create: githubProvider },
};

export interface SourceInput {
  provider?: string | undefined;
  idTokenFile?: string | undefined;
  idTokenEnv?: string | undefined;
}

export function providerNames(): string[] {
  return ['auto', ...Object.keys(PROVIDERS)];
}

/** Returns the provider for this job, or undefined when nothing federated is available. */
export function resolveProvider(input: SourceInput, deps: ProviderDeps): CiProvider | undefined {
  if (input.idTokenFile !== undefined) return fileTokenProvider(input.idTokenFile, '--id-token-file');
  if (input.idTokenEnv !== undefined) return envTokenProvider(input.idTokenEnv, deps.env);
  const wanted = (input.provider ?? 'auto').trim().toLowerCase();
  if (wanted !== 'auto') {
    const entry = PROVIDERS[wanted];
    if (entry === undefined) {
      throw usageError('INVALID_PROVIDER', `Unknown provider ${quote(input.provider ?? '')}.`, `Use one of ${providerNames().join(', ')}, or --id-token-file / --id-token-env for any other CI.`, 'provider');
    }
    return entry.create(deps);
  }
  for (const entry of Object.values(PROVIDERS)) {
    if (entry.detect(deps.env)) return entry.create(deps);
  }
  const file = deps.env['AZURE_FEDERATED_TOKEN_FILE'];
  if (file !== undefined && file !== '') return fileTokenProvider(file, 'AZURE_FEDERATED_TOKEN_FILE');
  return undefined;
}

export function noCredentialError(): FederationError {
  return usageError(
    'NO_CREDENTIAL',
    'Found nothing to authenticate with: no CI OIDC token source was detected or given.',
    'In a CI with OIDC, run inside it (GitHub Actions needs `permissions: id-token: write`); otherwise pass --id-token-file FILE or --id-token-env NAME, or set AZURE_FEDERATED_TOKEN_FILE.',
  );
}
