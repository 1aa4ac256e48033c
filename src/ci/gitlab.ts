/**
 * GitLab CI: `id_tokens:` puts a token in a variable the job names. We read the conventional
 * GITLAB_OIDC_TOKEN (any other name: --id-token-env). Its audience is fixed by the YAML, so a
 * missing token is answered with the exact YAML to add.
 */
import { FederationError } from '../core/errors.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { asJwt, claimsOf, envValue, gitRef } from './values.js';

export const GITLAB_TOKEN_VARIABLE = 'GITLAB_OIDC_TOKEN';
/**
 * Deprecated in 15.9 and removed in 17.0
 * (https://docs.gitlab.com/ee/update/deprecations.html#old-versions-of-json-web-tokens-are-deprecated):
 * never used, only mentioned.
 */
const LEGACY_JWT_VARIABLES = ['CI_JOB_JWT_V2', 'CI_JOB_JWT_V1', 'CI_JOB_JWT'];

export function isGitlabCi(env: Env): boolean {
  return env['GITLAB_CI'] === 'true';
}

export function gitlabTokenAvailable(env: Env): boolean {
  return envValue(env, GITLAB_TOKEN_VARIABLE) !== undefined;
}

export function gitlabIdTokensYaml(audience: string): string {
  return `id_tokens: ${GITLAB_TOKEN_VARIABLE}: aud: ${audience}`;
}

/** Names of variables that hold a token issued by this GitLab instance (id_tokens under another name). */
function otherIdTokenVariables(env: Env): string[] {
  const server = envValue(env, 'CI_SERVER_URL')?.replace(/\/+$/, '');
  if (server === undefined) return [];
  return Object.keys(env)
    .filter((name) => {
      if (name === GITLAB_TOKEN_VARIABLE || LEGACY_JWT_VARIABLES.includes(name)) return false;
      const token = asJwt(env[name]);
      return token !== undefined && claimsOf(token)?.['iss'] === server;
    })
    .sort();
}

export function gitlabProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'gitlab',
    description: `the GitLab CI ID token in ${GITLAB_TOKEN_VARIABLE} (id_tokens:)`,
    async idToken(audience) {
      const raw = envValue(env, GITLAB_TOKEN_VARIABLE);
      if (raw === undefined) {
        const others = otherIdTokenVariables(env);
        const found =
          others.length === 0
            ? ''
            : ` ${others.join(', ')} ${others.length === 1 ? 'holds' : 'hold'} an ID token from this GitLab: pass --id-token-env ${others[0]} to use it.`;
        const legacy = LEGACY_JWT_VARIABLES.some((name) => envValue(env, name) !== undefined)
          ? ' CI_JOB_JWT* variables are deprecated (removed in GitLab 17.0) and are not used.'
          : '';
        throw new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          `GitLab gave this job no ID token: ${GITLAB_TOKEN_VARIABLE} is not set.${found}${legacy}`,
          {
            remedy: `Add to the job \`${gitlabIdTokensYaml(audience)}\` (the aud must equal the audience of the app's federated credential), or pass --id-token-env NAME for a token under another name.`,
            usage: true,
            field: GITLAB_TOKEN_VARIABLE,
          },
        );
      }
      const token = asJwt(raw);
      if (token === undefined) {
        throw new FederationError('MALFORMED_ID_TOKEN', `${GITLAB_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Let GitLab set ${GITLAB_TOKEN_VARIABLE} through \`${gitlabIdTokensYaml(audience)}\`; do not define a CI/CD variable of that name.`,
          usage: true,
          field: GITLAB_TOKEN_VARIABLE,
        });
      }
      return token;
    },
    context() {
      return compactContext('gitlab', {
        repository: env['CI_PROJECT_PATH'],
        ref: gitRef(
          env['CI_COMMIT_TAG'],
          env['CI_COMMIT_BRANCH'] ?? env['CI_MERGE_REQUEST_SOURCE_BRANCH_NAME'] ?? env['CI_COMMIT_REF_NAME'],
        ),
        sha: env['CI_COMMIT_SHA'],
        workflow: env['CI_PIPELINE_NAME'] ?? env['CI_JOB_NAME'],
        runId: env['CI_PIPELINE_ID'],
        jobId: env['CI_JOB_ID'],
        actor: env['GITLAB_USER_LOGIN'],
        environment: env['CI_ENVIRONMENT_NAME'],
        eventName: env['CI_PIPELINE_SOURCE'],
        runUrl: env['CI_JOB_URL'] ?? env['CI_PIPELINE_URL'],
      });
    },
  };
}
