/**
 * Which CI this job runs in, and where its OIDC token comes from. Explicit --id-token-file /
 * --id-token-env always win (they keep the detected CI's context for summaries), then a CI named
 * with --provider, then the detected CI, then AZURE_FEDERATED_TOKEN_FILE (the Azure SDK
 * convention). Certificates and secrets are chosen in credential.ts (chooseCredential), which
 * places them between a CI that has a token ready and one that does not.
 */
import { type FederationError, usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { azurePipelinesProvider, azurePipelinesTokenAvailable, isAzurePipelines } from './azure-pipelines.js';
import { bitbucketProvider, bitbucketTokenAvailable, isBitbucketPipelines } from './bitbucket.js';
import { buildkiteProvider, buildkiteTokenAvailable, isBuildkite } from './buildkite.js';
import { circleciProvider, circleciTokenAvailable, isCircleCi } from './circleci.js';
import { droneProvider, isDrone } from './drone.js';
import { envTokenProvider, fileTokenProvider } from './generic.js';
import { githubProvider, isGithubActions } from './github.js';
import { gitlabProvider, gitlabTokenAvailable, isGitlabCi } from './gitlab.js';
import { harnessProvider, harnessTokenAvailable, isHarness } from './harness.js';
import { isJenkins, jenkinsProvider } from './jenkins.js';
import { isTravis, travisProvider } from './travis.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { envValue } from './values.js';

interface ProviderEntry {
  /** True when the environment is unmistakably this CI's. */
  detect(env: Env): boolean;
  /**
   * True when a token can be had without more configuration. False for CIs that issue none
   * (Drone, Travis) or hand it over under a job-chosen name (Jenkins).
   */
  tokenAvailable(env: Env): boolean;
  create(deps: ProviderDeps): CiProvider;
}

const never = (): boolean => false;

/**
 * Detection order matters only for runners nested in another CI (a GitLab runner started by a
 * GitHub job sees both): GitHub first; Harness before Drone because Harness also sets DRONE_*.
 */
export const PROVIDERS: Readonly<Record<string, ProviderEntry>> = {
  github: {
    detect: isGithubActions,
    tokenAvailable: (env) =>
      envValue(env, 'ACTIONS_ID_TOKEN_REQUEST_URL') !== undefined &&
      envValue(env, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') !== undefined,
    create: githubProvider,
  },
  gitlab: { detect: isGitlabCi, tokenAvailable: gitlabTokenAvailable, create: gitlabProvider },
  circleci: { detect: isCircleCi, tokenAvailable: circleciTokenAvailable, create: circleciProvider },
  buildkite: { detect: isBuildkite, tokenAvailable: buildkiteTokenAvailable, create: buildkiteProvider },
  bitbucket: { detect: isBitbucketPipelines, tokenAvailable: bitbucketTokenAvailable, create: bitbucketProvider },
  'azure-pipelines': {
    detect: isAzurePipelines,
    tokenAvailable: azurePipelinesTokenAvailable,
    create: azurePipelinesProvider,
  },
  harness: { detect: isHarness, tokenAvailable: harnessTokenAvailable, create: harnessProvider },
  jenkins: { detect: isJenkins, tokenAvailable: never, create: jenkinsProvider },
  drone: { detect: isDrone, tokenAvailable: never, create: droneProvider },
  travis: { detect: isTravis, tokenAvailable: never, create: travisProvider },
};

/** CIs that never issue a token themselves: naming one with --provider selects its context only. */
const WITHOUT_OIDC = new Set(['jenkins', 'drone', 'travis']);

export interface SourceInput {
  provider?: string | undefined;
  idTokenFile?: string | undefined;
  idTokenEnv?: string | undefined;
}

export function providerNames(): string[] {
  return ['auto', ...Object.keys(PROVIDERS)];
}

/** The CI of this job: named with --provider, else detected. `ready` says whether it has a token to give now. */
export interface CiMatch {
  name: string;
  provider: CiProvider;
  ready: boolean;
  named: boolean;
  /** False for CIs that issue no OIDC token. */
  oidc: boolean;
}

export function matchCi(input: SourceInput, deps: ProviderDeps): CiMatch | undefined {
  const wanted = (input.provider ?? 'auto').trim().toLowerCase();
  if (wanted !== 'auto' && wanted !== '') {
    const entry = PROVIDERS[wanted];
    if (entry === undefined) {
      throw usageError(
        'INVALID_PROVIDER',
        `Unknown provider ${quote(input.provider ?? '')}.`,
        `Use one of ${providerNames().join(', ')}, or --id-token-file / --id-token-env for any other CI.`,
        'provider',
      );
    }
    return {
      name: wanted,
      provider: entry.create(deps),
      ready: entry.tokenAvailable(deps.env),
      named: true,
      oidc: !WITHOUT_OIDC.has(wanted),
    };
  }
  for (const [name, entry] of Object.entries(PROVIDERS)) {
    if (entry.detect(deps.env))
      return {
        name,
        provider: entry.create(deps),
        ready: entry.tokenAvailable(deps.env),
        named: false,
        oidc: !WITHOUT_OIDC.has(name),
      };
  }
  return undefined;
}

/** --id-token-file / --id-token-env: the token from there, the context from the CI around it. */
export function explicitTokenSource(input: SourceInput, env: Env, ci: CiMatch | undefined): CiProvider | undefined {
  if (input.idTokenFile !== undefined && input.idTokenEnv !== undefined) {
    throw usageError(
      'CONFLICTING_TOKEN_SOURCES',
      '--id-token-file and --id-token-env were both given.',
      'Give one place to read the CI token from.',
      'id-token-env',
    );
  }
  if (input.idTokenFile !== undefined) return withContext(fileTokenProvider(input.idTokenFile, '--id-token-file'), ci);
  if (input.idTokenEnv !== undefined) return withContext(envTokenProvider(input.idTokenEnv, env), ci);
  return undefined;
}

function withContext(source: CiProvider, ci: CiMatch | undefined): CiProvider {
  if (ci === undefined) return source;
  return {
    name: source.name,
    description: source.description,
    idToken: (aud) => source.idToken(aud),
    context: () => ci.provider.context(),
  };
}

export function federatedTokenFileSource(env: Env, ci: CiMatch | undefined): CiProvider | undefined {
  const file = envValue(env, 'AZURE_FEDERATED_TOKEN_FILE');
  return file === undefined ? undefined : withContext(fileTokenProvider(file, 'AZURE_FEDERATED_TOKEN_FILE'), ci);
}

/**
 * The federated source alone (for callers with no certificate or secret to offer): explicit
 * flags, a named or ready CI, AZURE_FEDERATED_TOKEN_FILE, and last a detected CI that has no
 * token ready (asking it gives that CI's exact fix). Undefined when nothing applies.
 */
export function resolveProvider(input: SourceInput, deps: ProviderDeps): CiProvider | undefined {
  const ci = matchCi(input, deps);
  const explicit = explicitTokenSource(input, deps.env, ci);
  if (explicit !== undefined) return explicit;
  if (ci !== undefined && ((ci.named && ci.oidc) || ci.ready)) return ci.provider;
  return federatedTokenFileSource(deps.env, ci) ?? ci?.provider;
}

export function noCredentialError(): FederationError {
  return usageError(
    'NO_CREDENTIAL',
    'Found nothing to authenticate with: no CI OIDC token source, certificate or secret was detected or given.',
    'In a CI with OIDC, run inside it (GitHub Actions needs `permissions: id-token: write`); otherwise pass --id-token-file FILE or --id-token-env NAME, or set AZURE_FEDERATED_TOKEN_FILE; where the CI issues no token (Drone, Travis), set AZURE_CLIENT_CERTIFICATE_PATH to a PEM with key and certificate, or AZURE_CLIENT_SECRET.',
  );
}
