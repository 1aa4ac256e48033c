/**
 * `az`: signs the Azure CLI in under a private AZURE_CONFIG_DIR (exported), so the job's own
 * ~/.azure is left alone and cleanup removes every trace.
 *
 * With the identity endpoint running, az signs in as a managed identity against it
 * (`az login --identity`) and asks it for a token on every command, for as long as the endpoint
 * runs. Which managed-identity dialect az speaks depends on its version: az before 2.73 uses
 * msrestazure, which speaks App Service 2017 (MSI_ENDPOINT + MSI_SECRET) only when it believes
 * it runs in App Service (APPSETTING_WEBSITE_SITE_NAME set; otherwise it POSTs to MSI_ENDPOINT
 * without a secret); az 2.73 and later use MSAL, which speaks App Service 2019
 * (IDENTITY_ENDPOINT + IDENTITY_HEADER). https://github.com/Azure/azure-cli/pull/25959
 *
 * Without the endpoint: `az login --service-principal --federated-token`.
 * The CI token goes on az's command line: az has no stdin or file option for it (it does not
 * read AZURE_FEDERATED_TOKEN_FILE either), so it is briefly visible in the process list of the
 * job's machine. It is a CI token that lives minutes, not an access token, and it never reaches
 * a log: az's output is captured and its stderr is scrubbed before any message shows it.
 * az keeps that token and cannot get a new one: its session lasts as long as the access
 * token it got at login (about an hour).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FederationError } from '../core/errors.js';
import { CLOUDS } from '../core/options.js';
import { isoTime } from '../core/text.js';
import { AZ_CONFIG_DIR_PREFIX } from './cleanup.js';
import { ciTokenExpiry } from './token-file.js';
import { describeToolFailure } from './tool.js';
import type { CiSink, Cleanup, Handoff, HandoffRequest, RunningEndpoint, ToolRun } from './types.js';

const NOT_FOUND_REMEDY =
  'Install the Azure CLI on the runner (GitHub-hosted runners have it), or drop `az` from the exports.';

async function az(sink: CiSink, args: string[], opts: ToolRun, what: string, remedy: string): Promise<void> {
  const result = await sink.run(['az', ...args], opts);
  if (result.ok) return;
  const command = `az ${args
    .filter((a) => !(opts.secrets ?? []).includes(a))
    .slice(0, 2)
    .join(' ')}`;
  const message = `Could not ${what}: ${describeToolFailure(command, result)}.`;
  throw result.reason === 'not-found'
    ? new FederationError('TOOL_NOT_FOUND', message, { remedy: NOT_FOUND_REMEDY, usage: true })
    : new FederationError('AZ_LOGIN_FAILED', message, { remedy });
}

/** az 2.73.0 made MSAL's managed identity (App Service 2019 dialect) the default. */
const MSAL_MANAGED_IDENTITY_SINCE = [2, 73, 0];

/** The azure-cli version `az version` reports, as numbers; undefined when it cannot tell. */
export function parseAzVersion(stdout: string): number[] | undefined {
  try {
    const raw = (JSON.parse(stdout) as Record<string, unknown>)['azure-cli'];
    if (typeof raw !== 'string' || !/^\d+\.\d+\.\d+/.test(raw)) return undefined;
    return raw
      .split('.')
      .slice(0, 3)
      .map((n) => Number.parseInt(n, 10));
  } catch {
    return undefined;
  }
}

export function azUsesMsal(version: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0;
    const b = MSAL_MANAGED_IDENTITY_SINCE[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** The variables az reads to find the endpoint, for its own dialect. */
export function azEndpointVariables(running: RunningEndpoint, msal: boolean): Record<string, string> {
  if (msal) return { IDENTITY_ENDPOINT: running.url, IDENTITY_HEADER: running.secret };
  // msrestazure picks its App Service mode (GET with the secret header) only with this set.
  return { MSI_ENDPOINT: running.url, MSI_SECRET: running.secret, APPSETTING_WEBSITE_SITE_NAME: 'entra-federate' };
}

export const azHandoff: Handoff = {
  name: 'az',
  async export(request, sink) {
    const running = request.endpoint.running;
    if (running !== undefined) return loginWithEndpoint(request, sink, running);
    const { result } = request;
    const token = await request.idToken(result.audience);
    // mkdtemp: a fresh 0700 directory that no one else can have prepared.
    const dir = mkdtempSync(join(sink.tempDir, AZ_CONFIG_DIR_PREFIX));
    const cleanup: Cleanup = { files: [], dirs: [dir], azConfigDirs: [dir] };
    const opts: ToolRun = { env: { AZURE_CONFIG_DIR: dir, AZURE_CORE_COLLECT_TELEMETRY: 'false' }, secrets: [token] };
    try {
      if (result.cloud !== 'AzureCloud')
        await az(
          sink,
          ['cloud', 'set', '--name', result.cloud, '--output', 'none'],
          opts,
          `select the ${result.cloud} cloud in az`,
          'Use an Azure CLI that knows this cloud (`az cloud list`).',
        );
      const login = [
        'login',
        '--service-principal',
        '--username',
        result.clientId,
        '--tenant',
        result.tenantId,
        '--federated-token',
        token,
        '--output',
        'none',
      ];
      // Without a subscription, an app that has none would otherwise fail `az login`.
      if (request.subscriptionId === undefined) login.push('--allow-no-subscriptions');
      await az(
        sink,
        login,
        opts,
        'sign az in',
        "The same CI token has just signed in through entra-federate, so this is on az's side: use Azure CLI 2.30 or later, and check that it reaches its cloud's authority (proxy settings).",
      );
      if (request.subscriptionId !== undefined) {
        await az(
          sink,
          ['account', 'set', '--subscription', request.subscriptionId, '--output', 'none'],
          opts,
          `select subscription ${request.subscriptionId} in az`,
          'Give the app a role on that subscription, or leave the subscription out.',
        );
      }
    } catch (err) {
      // Everything az wrote is in the directory: removing it undoes a half-done sign-in.
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    sink.setEnv('AZURE_CONFIG_DIR', dir);
    sink.renewal?.({ handoff: 'az', renews: false, until: `about an hour after ${isoTime(Date.now())}` });
    sink.info(
      `az: signed in under AZURE_CONFIG_DIR=${dir}${request.subscriptionId === undefined ? '' : `, subscription ${request.subscriptionId}`}; does not renew: az keeps the CI token it was given (valid until ${isoTime(ciTokenExpiry(token) ?? Date.now())}), so its session lasts about an hour; export identity-endpoint too for long jobs.`,
    );
    if (result.authorityHost !== CLOUDS[result.cloud as keyof typeof CLOUDS].authorityHost) {
      sink.warn(
        `az: az signs in at the ${result.cloud} authority, not at ${result.authorityHost}; register a custom cloud with \`az cloud register\` for anything else.`,
      );
    }
    return cleanup;
  },
};

async function selectCloudAndSubscription(
  request: HandoffRequest,
  sink: CiSink,
  opts: ToolRun,
  phase: 'cloud' | 'subscription',
): Promise<void> {
  const { result } = request;
  if (phase === 'cloud' && result.cloud !== 'AzureCloud')
    await az(
      sink,
      ['cloud', 'set', '--name', result.cloud, '--output', 'none'],
      opts,
      `select the ${result.cloud} cloud in az`,
      'Use an Azure CLI that knows this cloud (`az cloud list`).',
    );
  if (phase === 'subscription' && request.subscriptionId !== undefined)
    await az(
      sink,
      ['account', 'set', '--subscription', request.subscriptionId, '--output', 'none'],
      opts,
      `select subscription ${request.subscriptionId} in az`,
      'Give the app a role on that subscription, or leave the subscription out.',
    );
}

async function loginWithEndpoint(request: HandoffRequest, sink: CiSink, running: RunningEndpoint): Promise<Cleanup> {
  const version = await sink.run(['az', 'version', '--output', 'json'], {
    env: { AZURE_CORE_COLLECT_TELEMETRY: 'false' },
  });
  if (!version.ok) {
    const message = `Could not run az: ${describeToolFailure('az version', version)}.`;
    throw version.reason === 'not-found'
      ? new FederationError('TOOL_NOT_FOUND', message, { remedy: NOT_FOUND_REMEDY, usage: true })
      : new FederationError('AZ_LOGIN_FAILED', message, { remedy: 'Check that `az version` runs on the runner.' });
  }
  const parsed = parseAzVersion(version.stdout);
  // An az too old to report its version (before 2.11) is certainly not an MSAL one.
  const msal = parsed !== undefined && azUsesMsal(parsed);
  const variables = azEndpointVariables(running, msal);
  const dir = mkdtempSync(join(sink.tempDir, AZ_CONFIG_DIR_PREFIX));
  const cleanup: Cleanup = { files: [], dirs: [dir], azConfigDirs: [dir] };
  const opts: ToolRun = {
    env: { ...variables, AZURE_CONFIG_DIR: dir, AZURE_CORE_COLLECT_TELEMETRY: 'false' },
    secrets: [running.secret],
  };
  try {
    await selectCloudAndSubscription(request, sink, opts, 'cloud');
    const login = ['login', '--identity', '--output', 'none'];
    if (request.subscriptionId === undefined) login.push('--allow-no-subscriptions');
    await az(
      sink,
      login,
      opts,
      'sign az in through the identity endpoint',
      "The identity endpoint has just started, so this is on az's side: check that az reaches ARM for its cloud (proxy settings), or sign in without the identity endpoint.",
    );
    await selectCloudAndSubscription(request, sink, opts, 'subscription');
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  for (const [name, value] of Object.entries(variables))
    if (request.exported.get(name) !== value) sink.setEnv(name, value);
  sink.setEnv('AZURE_CONFIG_DIR', dir);
  const dialect = msal ? 'App Service 2019 (IDENTITY_ENDPOINT)' : 'App Service 2017 (MSI_ENDPOINT, MSI_SECRET)';
  sink.renewal?.({ handoff: 'az', renews: true, until: `the identity endpoint stops ${running.ends}` });
  sink.info(
    `az: signed in as a managed identity under AZURE_CONFIG_DIR=${dir}${request.subscriptionId === undefined ? '' : `, subscription ${request.subscriptionId}`}; renews: every az command asks the identity endpoint (${dialect}) until the endpoint stops ${running.ends}.`,
  );
  return cleanup;
}
