/**
 * Azure Pipelines: the job asks its collection for an OIDC token of one service connection,
 * `POST $SYSTEM_OIDCREQUESTURI?api-version=7.1&serviceConnectionId=<id>` with
 * `Authorization: Bearer $SYSTEM_ACCESSTOKEN`, answered with `{"oidcToken": ...}` (the request
 * AzurePipelinesCredential makes). The audience is fixed by Azure DevOps.
 */
import { FederationError } from '../core/errors.js';
import { fetchWithRetry } from '../core/http.js';
import type { CiProvider, Env, ProviderDeps } from './types.js';
import { compactContext } from './types.js';
import { asJwt, envValue } from './values.js';

export const OIDC_API_VERSION = '7.1';
/** Set by Azure tasks (AzureCLI@2 and others) for their scripts; read by the Azure SDKs too. */
export const SERVICE_CONNECTION_VARIABLE = 'AZURESUBSCRIPTION_SERVICE_CONNECTION_ID';
const ACCESS_TOKEN_REMEDY =
  'Map the job token into the step: `env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)` (it is never in the environment unless mapped).';

export function isAzurePipelines(env: Env): boolean {
  return env['TF_BUILD']?.toLowerCase() === 'true';
}

export function azurePipelinesTokenAvailable(env: Env): boolean {
  return ['SYSTEM_OIDCREQUESTURI', 'SYSTEM_ACCESSTOKEN', SERVICE_CONNECTION_VARIABLE].every(
    (name) => envValue(env, name) !== undefined,
  );
}

/** The bearer is the job's access token: send it only over https (plain http to loopback for tests). */
function requestUrl(raw: string, connectionId: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FederationError('ID_TOKEN_UNAVAILABLE', 'SYSTEM_OIDCREQUESTURI is not a URL.', {
      remedy: 'Do not override SYSTEM_OIDCREQUESTURI; the agent sets it.',
      usage: true,
      field: 'SYSTEM_OIDCREQUESTURI',
    });
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new FederationError(
      'ID_TOKEN_UNAVAILABLE',
      'SYSTEM_OIDCREQUESTURI is not an https URL; the job token will not be sent to it.',
      {
        remedy: 'Do not override SYSTEM_OIDCREQUESTURI; the agent sets it.',
        usage: true,
        field: 'SYSTEM_OIDCREQUESTURI',
      },
    );
  }
  url.searchParams.set('api-version', OIDC_API_VERSION);
  url.searchParams.set('serviceConnectionId', connectionId);
  return url.href;
}

export function azurePipelinesProvider(deps: ProviderDeps): CiProvider {
  const { env, http } = deps;
  return {
    name: 'azure-pipelines',
    description: 'the Azure Pipelines OIDC endpoint (SYSTEM_OIDCREQUESTURI) for a service connection',
    async idToken() {
      const endpoint = envValue(env, 'SYSTEM_OIDCREQUESTURI');
      if (endpoint === undefined) {
        throw new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          'SYSTEM_OIDCREQUESTURI is not set, so this job cannot request an OIDC token.',
          {
            remedy:
              'Run this in an Azure Pipelines job on Azure DevOps Services (the agent sets SYSTEM_OIDCREQUESTURI in every step).',
            usage: true,
            field: 'SYSTEM_OIDCREQUESTURI',
          },
        );
      }
      const bearer = envValue(env, 'SYSTEM_ACCESSTOKEN');
      if (bearer === undefined) {
        throw new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          'SYSTEM_ACCESSTOKEN is not set, so the OIDC token cannot be requested.',
          { remedy: ACCESS_TOKEN_REMEDY, usage: true, field: 'SYSTEM_ACCESSTOKEN' },
        );
      }
      const connection = envValue(env, SERVICE_CONNECTION_VARIABLE)?.trim();
      if (connection === undefined) {
        throw new FederationError(
          'ID_TOKEN_UNAVAILABLE',
          `${SERVICE_CONNECTION_VARIABLE} is not set: Azure Pipelines issues tokens per service connection.`,
          {
            remedy: `Set \`env: ${SERVICE_CONNECTION_VARIABLE}: <id>\` to the id of a workload identity federation service connection (the resourceId in its settings URL); Azure tasks such as AzureCLI@2 set it for their scripts.`,
            usage: true,
            field: SERVICE_CONNECTION_VARIABLE,
          },
        );
      }
      const target = requestUrl(endpoint, connection);
      const clock = deps.clock;
      const { response } = await fetchWithRetry(
        http,
        () => ({
          method: 'POST',
          url: target,
          headers: {
            authorization: `Bearer ${bearer}`,
            'content-type': 'application/json',
            accept: 'application/json',
            // Asks for a 401 instead of a redirect to a sign-in page.
            'x-tfs-fedauthredirect': 'Suppress',
          },
          body: '',
        }),
        {
          deadlineAt: (clock?.now() ?? Date.now()) + deps.timeoutMs,
          what: 'the Azure Pipelines OIDC endpoint',
          ...(clock === undefined ? {} : { clock }),
        },
      );
      if (response.status !== 200) {
        const hint =
          response.status === 401 || response.status === 403
            ? `The job token was refused: map \`SYSTEM_ACCESSTOKEN: $(System.AccessToken)\` and authorize this pipeline to use the service connection (Project settings > Service connections > Security).`
            : response.status === 404 || response.status === 400
              ? `Check ${SERVICE_CONNECTION_VARIABLE}: it must be the id of a service connection of this project that uses workload identity federation.`
              : 'Azure DevOps failed to issue the token; it was retried. Re-run the job, and check https://status.dev.azure.com.';
        throw new FederationError(
          'ID_TOKEN_REQUEST_FAILED',
          `The Azure Pipelines OIDC endpoint answered HTTP ${response.status}.`,
          { remedy: hint, status: response.status },
        );
      }
      let value: unknown;
      try {
        value = (JSON.parse(response.body) as { oidcToken?: unknown }).oidcToken;
      } catch {
        value = undefined;
      }
      const token = typeof value === 'string' ? asJwt(value) : undefined;
      if (token === undefined) {
        throw new FederationError(
          'ID_TOKEN_REQUEST_FAILED',
          'The Azure Pipelines OIDC endpoint answered without a token in "oidcToken".',
          {
            remedy: `Check that ${SERVICE_CONNECTION_VARIABLE} names a workload identity federation service connection (secret-based connections issue no OIDC token).`,
          },
        );
      }
      return token;
    },
    context() {
      const collection = env['SYSTEM_COLLECTIONURI'];
      const project = env['SYSTEM_TEAMPROJECT'];
      const build = env['BUILD_BUILDID'];
      return compactContext('azure-pipelines', {
        repository: env['BUILD_REPOSITORY_NAME'],
        ref: env['BUILD_SOURCEBRANCH'],
        sha: env['BUILD_SOURCEVERSION'],
        workflow: env['BUILD_DEFINITIONNAME'],
        runId: build,
        runAttempt: env['SYSTEM_JOBATTEMPT'],
        jobId: env['SYSTEM_JOBID'],
        actor: env['BUILD_REQUESTEDFOR'],
        environment: env['ENVIRONMENT_NAME'],
        eventName: env['BUILD_REASON'],
        runUrl:
          collection !== undefined && project !== undefined && build !== undefined
            ? `${collection.replace(/\/?$/, '/')}${encodeURIComponent(project)}/_build/results?buildId=${encodeURIComponent(build)}`
            : undefined,
      });
    },
  };
}
