/**
 * Drone (OSS) issues no OIDC token (its pipeline variables,
 * https://docs.drone.io/pipeline/environment/reference/, hold none): a Drone job authenticates
 * with a certificate or a secret. The provider exists for the job's context and for saying so.
 */
import { FederationError } from '../core/errors.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { gitRef } from './values.js';

export const NO_OIDC_CREDENTIAL_REMEDY =
  'Use a certificate: a PEM file with the private key and the certificate in AZURE_CLIENT_CERTIFICATE_PATH (or --certificate FILE); or, less safely, a client secret in AZURE_CLIENT_SECRET.';

export function isDrone(env: Env): boolean {
  return env['DRONE'] === 'true';
}

export function droneProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'drone',
    description: 'Drone CI (no OIDC tokens)',
    idToken() {
      return Promise.reject(
        new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          'Drone issues no OIDC tokens, and no certificate or secret was found.',
          {
            remedy: `${NO_OIDC_CREDENTIAL_REMEDY} In .drone.yml take them from_secret.`,
            usage: true,
          },
        ),
      );
    },
    context() {
      return compactContext('drone', {
        repository: env['DRONE_REPO'],
        ref: env['DRONE_COMMIT_REF'] ?? gitRef(env['DRONE_TAG'], env['DRONE_COMMIT_BRANCH']),
        sha: env['DRONE_COMMIT_SHA'],
        workflow: env['DRONE_STAGE_NAME'],
        runId: env['DRONE_BUILD_NUMBER'],
        jobId: env['DRONE_STEP_NAME'] ?? env['DRONE_STEP_NUMBER'],
        actor: env['DRONE_COMMIT_AUTHOR'],
        environment: env['DRONE_DEPLOY_TO'],
        eventName: env['DRONE_BUILD_EVENT'],
        runUrl: env['DRONE_BUILD_LINK'],
      });
    },
  };
}
