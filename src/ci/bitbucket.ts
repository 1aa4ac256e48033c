/**
 * Bitbucket Pipelines: a step with `oidc: true` gets BITBUCKET_STEP_OIDC_TOKEN. Its audience is
 * set in the YAML (`oidc: audiences: [...]`), never by the requester.
 */
import { FederationError } from '../core/errors.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { asJwt, envValue, gitRef } from './values.js';

export const BITBUCKET_TOKEN_VARIABLE = 'BITBUCKET_STEP_OIDC_TOKEN';

export function isBitbucketPipelines(env: Env): boolean {
  return envValue(env, 'BITBUCKET_BUILD_NUMBER') !== undefined && envValue(env, 'BITBUCKET_COMMIT') !== undefined;
}

export function bitbucketTokenAvailable(env: Env): boolean {
  return envValue(env, BITBUCKET_TOKEN_VARIABLE) !== undefined;
}

export function bitbucketProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'bitbucket',
    description: `the Bitbucket Pipelines step token in ${BITBUCKET_TOKEN_VARIABLE}`,
    async idToken(audience) {
      const raw = envValue(env, BITBUCKET_TOKEN_VARIABLE);
      if (raw === undefined) {
        throw new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          `Bitbucket Pipelines gave this step no OIDC token: ${BITBUCKET_TOKEN_VARIABLE} is not set.`,
          {
            remedy: `Add \`oidc: true\` to the step, or \`oidc: audiences: [${audience}]\` to request the audience of the app's federated credential (otherwise the token's audience is the one shown in Repository settings > OpenID Connect).`,
            usage: true,
            field: BITBUCKET_TOKEN_VARIABLE,
          },
        );
      }
      const token = asJwt(raw);
      if (token === undefined) {
        throw new FederationError('MALFORMED_ID_TOKEN', `${BITBUCKET_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Do not define a repository or deployment variable named ${BITBUCKET_TOKEN_VARIABLE}; Bitbucket sets it for steps with \`oidc: true\`.`,
          usage: true,
          field: BITBUCKET_TOKEN_VARIABLE,
        });
      }
      return token;
    },
    context() {
      // Bitbucket gives the origin as http://bitbucket.org/<workspace>/<repo>.
      const origin = env['BITBUCKET_GIT_HTTP_ORIGIN']?.replace(/^http:\/\//, 'https://');
      const build = env['BITBUCKET_BUILD_NUMBER'];
      return compactContext('bitbucket', {
        repository: env['BITBUCKET_REPO_FULL_NAME'],
        ref: gitRef(env['BITBUCKET_TAG'], env['BITBUCKET_BRANCH']),
        sha: env['BITBUCKET_COMMIT'],
        runId: env['BITBUCKET_PIPELINE_UUID'] ?? build,
        jobId: env['BITBUCKET_STEP_UUID'],
        actor: env['BITBUCKET_STEP_TRIGGERER_UUID'],
        environment: env['BITBUCKET_DEPLOYMENT_ENVIRONMENT'],
        eventName: env['BITBUCKET_PR_ID'] === undefined ? undefined : 'pull_request',
        runUrl: origin !== undefined && build !== undefined ? `${origin}/pipelines/results/${build}` : undefined,
      });
    },
  };
}
