/**
 * `identity-endpoint`: credentials that do not expire mid-job. Starts the local token service
 * and exports IDENTITY_ENDPOINT and IDENTITY_HEADER, which the Azure SDKs' managed identity
 * credential (App Service source) picks up by itself; it also keeps the CI token files of the
 * exports before it (env, kubelogin) fresh. It runs before terraform, az, acr and git, which
 * renew through it; the IMDS-shaped capability URL is served only when terraform asks for it.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Env } from '../ci/types.js';
import { usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { TOKEN_FILE_VARIABLES } from './token-file.js';
import type { CiSink, Cleanup, Handoff, HandoffRequest } from './types.js';
import { launchEndpoint } from './identity-endpoint/launch.js';
import { imdsPath, TOKEN_PATH } from './identity-endpoint/protocol.js';
import { STATE_FILE_PREFIX, stopEndpoint } from './identity-endpoint/state.js';

export const IDENTITY_VARIABLES = ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER'] as const;
const DEFAULT_IDLE_SECONDS = 7200;

/** ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT (seconds), default two hours. */
export function identityIdleTimeout(env: Env): number {
  const raw = env['ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_IDLE_SECONDS;
  const seconds = Number(raw.trim());
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw usageError(
      'INVALID_IDLE_TIMEOUT',
      `ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT is ${quote(raw)}, not a whole number of seconds from 1 to 86400.`,
      'Set it to the seconds the identity endpoint may stay without a request, e.g. 3600, or unset it (default 7200).',
      'ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT',
    );
  }
  return seconds;
}

function duration(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export interface IdentityEndpointOptions {
  /** Serve the IMDS dialect under a capability path (Terraform's ARM_MSI_ENDPOINT) for this login? */
  imds?: (request: HandoffRequest) => boolean;
}

export function identityEndpointHandoff(opts: IdentityEndpointOptions = {}): Handoff {
  return {
    name: 'identity-endpoint',
    export: (request, sink) => startEndpoint(request, sink, opts.imds?.(request) === true),
  };
}

async function startEndpoint(request: HandoffRequest, sink: CiSink, imds: boolean): Promise<Cleanup> {
  const launch = request.identity;
  if (launch === undefined) {
    throw usageError(
      'IDENTITY_ENDPOINT_UNAVAILABLE',
      'This entry point cannot start the identity endpoint.',
      'Use the `entra-federate login` command or the GitHub Action for identity-endpoint.',
      'export',
    );
  }
  const secret = randomBytes(32).toString('hex');
  sink.mask(secret);
  // 256 random bits: the IMDS dialect has no header secret, so its path is the secret.
  const capability = imds ? randomBytes(32).toString('base64url') : undefined;
  if (capability !== undefined) sink.mask(capability);
  const stateFile = join(sink.tempDir, `${STATE_FILE_PREFIX}${randomBytes(8).toString('hex')}.json`);
  const tokenFiles = [
    ...new Set(
      TOKEN_FILE_VARIABLES.map((name) => request.exported.get(name)).filter((f): f is string => f !== undefined),
    ),
  ];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.env)) if (value !== undefined) env[key] = value;
  // Audit rows for the step summary belong to the login step; the endpoint outlives it.
  delete env['GITHUB_STEP_SUMMARY'];
  const { pid, port } = await launchEndpoint(
    {
      version: 1,
      values: launch.values,
      secret,
      ...(capability === undefined ? {} : { capability }),
      stateFile,
      tokenFiles,
      ...(launch.watchPid === undefined ? {} : { watchPid: launch.watchPid }),
      idleTimeoutSeconds: launch.idleTimeoutSeconds,
    },
    env,
  );
  const endpoint = `http://127.0.0.1:${port}${TOKEN_PATH}`;
  try {
    sink.setEnv('IDENTITY_ENDPOINT', endpoint);
    sink.setEnv('IDENTITY_HEADER', secret);
  } catch (err) {
    await stopEndpoint(stateFile);
    throw err;
  }
  const ends =
    launch.watchPid === undefined
      ? `at cleanup or after ${duration(launch.idleTimeoutSeconds)} without a request`
      : `with the job, at cleanup, or after ${duration(launch.idleTimeoutSeconds)} without a request`;
  request.endpoint.running = {
    url: endpoint,
    secret,
    ends,
    ...(capability === undefined ? {} : { imdsUrl: `http://127.0.0.1:${port}${imdsPath(capability)}` }),
  };
  sink.renewal?.({ handoff: 'identity-endpoint', renews: true, until: `it stops ${ends}` });
  sink.info(
    `identity-endpoint: IDENTITY_ENDPOINT=${endpoint} (pid ${pid}) serves fresh tokens to ManagedIdentityCredential / DefaultAzureCredential${tokenFiles.length === 0 ? '' : ` and keeps ${tokenFiles.join(', ')} fresh`}; renews them until it stops ${ends}.`,
  );
  return { files: [], endpoints: [stateFile] };
}
