/**
 * `az`: signs the Azure CLI in as the app with `az login --service-principal --federated-token`
 * under a private AZURE_CONFIG_DIR (exported), so the job's own ~/.azure is left alone and
 * cleanup removes every trace.
 *
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
import { AZ_CONFIG_DIR_PREFIX } from './cleanup.js';
import { describeToolFailure } from './tool.js';
import type { CiSink, Cleanup, Handoff, ToolRun } from './types.js';

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

export const azHandoff: Handoff = {
  name: 'az',
  async export(request, sink) {
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
    sink.info(
      `az: signed in under AZURE_CONFIG_DIR=${dir}${request.subscriptionId === undefined ? '' : `, subscription ${request.subscriptionId}`}; az keeps the CI token it was given, so its session lasts about an hour.`,
    );
    if (result.authorityHost !== CLOUDS[result.cloud as keyof typeof CLOUDS].authorityHost) {
      sink.warn(
        `az: az signs in at the ${result.cloud} authority, not at ${result.authorityHost}; register a custom cloud with \`az cloud register\` for anything else.`,
      );
    }
    return cleanup;
  },
};
