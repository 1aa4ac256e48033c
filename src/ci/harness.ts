/**
 * Harness CI: for OIDC-aware plugin steps Harness puts the step's OIDC token in
 * PLUGIN_OIDC_TOKEN_ID (harness-community/drone-azure-oidc reads it there). Harness runs Drone
 * plugins and sets DRONE_* variables too, so it is detected before Drone.
 */
import { FederationError } from '../core/errors.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { asJwt, envValue, gitRef } from './values.js';

export const HARNESS_TOKEN_VARIABLE = 'PLUGIN_OIDC_TOKEN_ID';

export function isHarness(env: Env): boolean {
  return ['HARNESS_ACCOUNT_ID', 'HARNESS_BUILD_ID', HARNESS_TOKEN_VARIABLE].some(
    (name) => envValue(env, name) !== undefined,
  );
}

export function harnessTokenAvailable(env: Env): boolean {
  return envValue(env, HARNESS_TOKEN_VARIABLE) !== undefined;
}

export function harnessProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'harness',
    description: `the Harness CI OIDC token in ${HARNESS_TOKEN_VARIABLE}`,
    async idToken() {
      const raw = envValue(env, HARNESS_TOKEN_VARIABLE);
      if (raw === undefined) {
        throw new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          `Harness gave this step no OIDC token: ${HARNESS_TOKEN_VARIABLE} is not set.`,
          {
            remedy: `Run entra-federate as a plugin step (Harness sets ${HARNESS_TOKEN_VARIABLE} for OIDC-aware plugins); in a Run step pass a token you obtained with --id-token-env NAME, or use a certificate (AZURE_CLIENT_CERTIFICATE_PATH).`,
            usage: true,
            field: HARNESS_TOKEN_VARIABLE,
          },
        );
      }
      const token = asJwt(raw);
      if (token === undefined) {
        throw new FederationError('MALFORMED_ID_TOKEN', `${HARNESS_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Do not set ${HARNESS_TOKEN_VARIABLE} yourself unless it holds the raw OIDC token.`,
          usage: true,
          field: HARNESS_TOKEN_VARIABLE,
        });
      }
      return token;
    },
    context() {
      return compactContext('harness', {
        repository: env['DRONE_REPO'],
        ref: env['DRONE_COMMIT_REF'] ?? gitRef(env['DRONE_TAG'], env['DRONE_COMMIT_BRANCH']),
        sha: env['DRONE_COMMIT_SHA'],
        workflow: env['HARNESS_PIPELINE_ID'],
        runId: env['HARNESS_EXECUTION_ID'] ?? env['HARNESS_BUILD_ID'],
        jobId: env['HARNESS_STEP_ID'] ?? env['HARNESS_STAGE_ID'],
        actor: env['DRONE_COMMIT_AUTHOR'],
        eventName: env['DRONE_BUILD_EVENT'],
        runUrl: env['DRONE_BUILD_LINK'],
      });
    },
  };
}
