/**
 * Buildkite: `buildkite-agent oidc request-token --audience <aud>` prints a token for this job.
 * The agent authenticates with the job's BUILDKITE_AGENT_ACCESS_TOKEN, so the command gets the
 * job's environment; its stdout is the token and is never shown.
 */
import { FederationError } from '../core/errors.js';
import { describeFailure, runTokenCommand, tokenCommandError } from './exec.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { asJwt, envValue, gitRef } from './values.js';

const AGENT_REMEDY =
  'Run this in a Buildkite command step, where the agent puts `buildkite-agent` on PATH with BUILDKITE_AGENT_ACCESS_TOKEN and BUILDKITE_JOB_ID; in a container (docker plugin) set `mount-buildkite-agent: true` and pass those variables through.';

export function isBuildkite(env: Env): boolean {
  return env['BUILDKITE'] === 'true';
}

/** The agent can mint a token only with the job's access token. */
export function buildkiteTokenAvailable(env: Env): boolean {
  return envValue(env, 'BUILDKITE_AGENT_ACCESS_TOKEN') !== undefined;
}

export function buildkiteRequestArgv(audience: string): [string, ...string[]] {
  return ['buildkite-agent', 'oidc', 'request-token', '--audience', audience];
}

export function buildkiteProvider(deps: ProviderDeps): CiProvider {
  const { env } = deps;
  return {
    name: 'buildkite',
    description: 'the Buildkite agent (`buildkite-agent oidc request-token`)',
    async idToken(audience) {
      if (!buildkiteTokenAvailable(env)) {
        throw new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          'BUILDKITE_AGENT_ACCESS_TOKEN is not set, so `buildkite-agent` cannot request an OIDC token for this job.',
          { remedy: AGENT_REMEDY, usage: true, field: 'BUILDKITE_AGENT_ACCESS_TOKEN' },
        );
      }
      const result = await runTokenCommand(buildkiteRequestArgv(audience), { env, timeoutMs: deps.timeoutMs });
      if (!result.ok) {
        const remedy =
          result.reason === 'exit'
            ? 'Check that the agent is recent enough to have `buildkite-agent oidc request-token` (upgrade it otherwise) and that the job is still running; retry the job if Buildkite was unavailable.'
            : AGENT_REMEDY;
        throw tokenCommandError(
          result,
          `Requesting a Buildkite OIDC token failed: ${describeFailure('buildkite-agent oidc request-token', result, deps.timeoutMs)}.`,
          { remedy },
        );
      }
      const token = asJwt(result.stdout);
      if (token === undefined) {
        throw new FederationError(
          'ID_TOKEN_REQUEST_FAILED',
          '`buildkite-agent oidc request-token` printed something that is not a JWT.',
          {
            remedy:
              'Check that `buildkite-agent` on PATH is the Buildkite agent, and that no wrapper script adds output.',
          },
        );
      }
      return token;
    },
    context() {
      const org = env['BUILDKITE_ORGANIZATION_SLUG'];
      const pipeline = env['BUILDKITE_PIPELINE_SLUG'];
      return compactContext('buildkite', {
        repository: org !== undefined && pipeline !== undefined ? `${org}/${pipeline}` : undefined,
        ref: gitRef(env['BUILDKITE_TAG'], env['BUILDKITE_BRANCH']),
        sha: env['BUILDKITE_COMMIT'],
        workflow: env['BUILDKITE_PIPELINE_NAME'] ?? pipeline,
        runId: env['BUILDKITE_BUILD_ID'],
        runAttempt: env['BUILDKITE_RETRY_COUNT'],
        jobId: env['BUILDKITE_JOB_ID'],
        actor: env['BUILDKITE_BUILD_CREATOR'] ?? env['BUILDKITE_BUILD_AUTHOR'],
        eventName: env['BUILDKITE_SOURCE'],
        runUrl: env['BUILDKITE_BUILD_URL'],
      });
    },
  };
}
