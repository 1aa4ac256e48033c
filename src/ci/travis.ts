/**
 * Travis CI issues no OIDC token (its job variables, https://docs.travis-ci.com/user/environment-variables/,
 * hold none): a Travis job authenticates with a certificate, kept as an encrypted file
 * (https://docs.travis-ci.com/user/encrypting-files/), or a secret. The provider exists for the
 * job's context and for saying so.
 */
import { FederationError } from '../core/errors.js';
import { NO_OIDC_CREDENTIAL_REMEDY } from './drone.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { gitRef } from './values.js';

export function isTravis(env: Env): boolean {
  return env['TRAVIS'] === 'true';
}

export function travisProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'travis',
    description: 'Travis CI (no OIDC tokens)',
    idToken() {
      const forked =
        env['TRAVIS_SECURE_ENV_VARS'] === 'false'
          ? ' This build has no secure variables (pull requests from forks never do).'
          : '';
      return Promise.reject(
        new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          `Travis CI issues no OIDC tokens, and no certificate or secret was found.${forked}`,
          {
            remedy: `${NO_OIDC_CREDENTIAL_REMEDY} Keep the PEM encrypted with \`travis encrypt-file\` and the secret in a secure variable.`,
            usage: true,
          },
        ),
      );
    },
    context() {
      const pr = env['TRAVIS_PULL_REQUEST'];
      return compactContext('travis', {
        repository: env['TRAVIS_REPO_SLUG'],
        ref: gitRef(
          env['TRAVIS_TAG'],
          pr !== undefined && pr !== 'false' ? env['TRAVIS_PULL_REQUEST_BRANCH'] : env['TRAVIS_BRANCH'],
        ),
        sha: env['TRAVIS_COMMIT'],
        runId: env['TRAVIS_BUILD_ID'],
        jobId: env['TRAVIS_JOB_ID'],
        eventName: env['TRAVIS_EVENT_TYPE'],
        runUrl: env['TRAVIS_JOB_WEB_URL'] ?? env['TRAVIS_BUILD_WEB_URL'],
      });
    },
  };
}
