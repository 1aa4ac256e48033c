/**
 * CircleCI: CIRCLE_OIDC_TOKEN_V2 (else CIRCLE_OIDC_TOKEN) carries the organization id as its
 * audience. When another audience is wanted (api://AzureADTokenExchange by default), the job's
 * own `circleci run oidc get --claims '{"aud":...}'` mints one; its output is a token and is
 * never printed (CircleCI does not mask it).
 */
import { FederationError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { describeFailure, runTokenCommand, tokenCommandError } from './exec.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { asJwt, audiencesOf, claimsOf, envValue, gitRef } from './values.js';

export const CIRCLECI_TOKEN_VARIABLES = ['CIRCLE_OIDC_TOKEN_V2', 'CIRCLE_OIDC_TOKEN'] as const;
const NO_TOKEN_REMEDY =
  'Run this in a CircleCI cloud job (or CircleCI Server 4.4+, not air-gapped); builds of forked pull requests get a token only with "Pass secrets to builds from forked pull requests" on.';

export function isCircleCi(env: Env): boolean {
  return env['CIRCLECI'] === 'true';
}

export function circleciTokenAvailable(env: Env): boolean {
  return CIRCLECI_TOKEN_VARIABLES.some((name) => envValue(env, name) !== undefined);
}

export function circleciMintArgv(audience: string): [string, ...string[]] {
  // One argv element: no shell, so the JSON needs no quoting.
  return ['circleci', 'run', 'oidc', 'get', '--claims', JSON.stringify({ aud: audience })];
}

export function circleciProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'circleci',
    description: 'the CircleCI OIDC token (CIRCLE_OIDC_TOKEN_V2, or `circleci run oidc get` for another audience)',
    async idToken(audience) {
      const name = CIRCLECI_TOKEN_VARIABLES.find((n) => envValue(env, n) !== undefined);
      const fromEnv = name === undefined ? undefined : asJwt(env[name]);
      if (name !== undefined && fromEnv === undefined) {
        throw new FederationError('MALFORMED_ID_TOKEN', `${name} does not hold a JWT.`, {
          remedy: `Do not define ${name} yourself (project or context variables); CircleCI sets it.`,
          usage: true,
          field: name,
        });
      }
      const envAudiences = fromEnv === undefined ? [] : audiencesOf(claimsOf(fromEnv));
      if (fromEnv !== undefined && envAudiences.includes(audience)) return fromEnv;

      const result = await runTokenCommand(circleciMintArgv(audience), { env, timeoutMs: deps.timeoutMs });
      if (result.ok) {
        const minted = asJwt(result.stdout);
        if (minted !== undefined) return minted;
        throw new FederationError(
          'ID_TOKEN_REQUEST_FAILED',
          '`circleci run oidc get` printed something that is not a JWT.',
          { remedy: 'Check that `circleci` on PATH is the CircleCI job CLI (not another tool of that name).' },
        );
      }
      const org = envAudiences[0] ?? envValue(env, 'CIRCLE_ORGANIZATION_ID');
      const why = describeFailure('circleci run oidc get', result, deps.timeoutMs);
      if (name !== undefined && fromEnv !== undefined) {
        throw tokenCommandError(
          result,
          `${name} has audience ${quote(envAudiences.join(', '))}, not ${quote(audience)}, and minting one for ${quote(audience)} failed: ${why}.`,
          {
            remedy:
              result.reason === 'not-found'
                ? `Use an image that has the \`circleci\` job CLI, or set the federated credential's audience to your organization id and pass --audience ${org ?? '<organization id>'}.`
                : `Retry the job; if it persists, set the federated credential's audience to your organization id and pass --audience ${org ?? '<organization id>'} to use ${name} as it is.`,
            field: name,
          },
        );
      }
      throw tokenCommandError(
        result,
        `CircleCI gave this job no OIDC token (CIRCLE_OIDC_TOKEN_V2 and CIRCLE_OIDC_TOKEN are empty), and minting one failed: ${why}.`,
        { remedy: NO_TOKEN_REMEDY },
      );
    },
    context() {
      const owner = env['CIRCLE_PROJECT_USERNAME'];
      const repo = env['CIRCLE_PROJECT_REPONAME'];
      return compactContext('circleci', {
        repository: owner !== undefined && repo !== undefined ? `${owner}/${repo}` : undefined,
        ref: gitRef(env['CIRCLE_TAG'], env['CIRCLE_BRANCH']),
        sha: env['CIRCLE_SHA1'],
        workflow: env['CIRCLE_WORKFLOW_ID'],
        runId: env['CIRCLE_PIPELINE_ID'],
        jobId: env['CIRCLE_WORKFLOW_JOB_ID'] ?? env['CIRCLE_BUILD_NUM'],
        actor: env['CIRCLE_USERNAME'],
        runUrl: env['CIRCLE_BUILD_URL'],
      });
    },
  };
}
