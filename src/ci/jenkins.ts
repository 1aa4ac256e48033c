/**
 * Jenkins: the OpenID Connect Provider plugin hands a token to a job through a credentials
 * binding under a name the job chooses, so there is nothing to read by convention; the job
 * passes it with --id-token-env or --id-token-file. The provider gives the job's context and
 * says exactly that when no token was passed.
 */
import { FederationError } from '../core/errors.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { envValue } from './values.js';

export function isJenkins(env: Env): boolean {
  return envValue(env, 'JENKINS_URL') !== undefined && envValue(env, 'BUILD_NUMBER') !== undefined;
}

export function jenkinsProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'jenkins',
    description: 'Jenkins (token passed with --id-token-env or --id-token-file)',
    idToken() {
      return Promise.reject(
        new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          'Jenkins has no standard place for an OIDC token, and none was passed.',
          {
            remedy:
              "Install the OpenID Connect Provider plugin, bind its \"OpenID Connect id token\" credential with withCredentials([string(credentialsId: 'azure-id-token', variable: 'AZURE_ID_TOKEN')]) and pass --id-token-env AZURE_ID_TOKEN (or the file variant with --id-token-file).",
            usage: true,
          },
        ),
      );
    },
    context() {
      return compactContext('jenkins', {
        repository: env['GIT_URL'],
        ref: env['BRANCH_NAME'] ?? env['GIT_BRANCH'],
        sha: env['GIT_COMMIT'],
        workflow: env['JOB_NAME'],
        runId: env['BUILD_NUMBER'],
        jobId: env['BUILD_TAG'],
        actor: env['BUILD_USER_ID'],
        runUrl: env['BUILD_URL'],
      });
    },
  };
}
