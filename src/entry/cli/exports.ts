/**
 * `login --export`: hand credentials to the tools of the job's later steps. Everything that can
 * be wrong with the flags is found before the login sends anything; after it, the hand-offs
 * run, variables go to the CI's channel (see handoff/variables.ts), and what they did is
 * recorded for `entra-federate logout`.
 */
import { tmpdir } from 'node:os';
import type { Env } from '../../ci/types.js';
import { formatCommand } from '../../ci/github-workflow-commands.js';
import { usageError } from '../../core/errors.js';
import type { HttpClient } from '../../core/http.js';
import type { LoginResult } from '../../core/login.js';
import { quote } from '../../core/options.js';
import { isEmptyCleanup } from '../../handoff/cleanup.js';
import { noIdToken, runHandoffs } from '../../handoff/run.js';
import { selectHandoffs } from '../../handoff/select.js';
import { recordSession, SESSION_VARIABLE } from '../../handoff/session.js';
import { runTool } from '../../handoff/tool.js';
import type { CiSink, Handoff, IdentityLaunch } from '../../handoff/types.js';
import { openVariables, variableChannel } from '../../handoff/variables.js';
import type { VariableChannel } from '../../handoff/variables.js';
import { identityIdleTimeout } from '../../handoff/identity-endpoint.js';
import { jobProcess } from '../../handoff/identity-endpoint/job-process.js';
import type { Credential } from './common.js';
import type { ExportValues } from './export-flags.js';
import { isGuid } from '../../core/text.js';

export interface ExportPlan {
  handoffs: Handoff[];
  channel?: VariableChannel;
  /** Opened while planning: a file we cannot or must not write fails before the login. */
  writer?: { setEnv(name: string, value: string): void };
  subscriptionId?: string;
  /** Set when identity-endpoint is exported. */
  idleTimeoutSeconds?: number;
}

/** Flags the identity endpoint needs to rebuild the login: never secrets (those are env only). */
const ENDPOINT_FLAGS = [
  'client-id',
  'tenant-id',
  'audience',
  'cloud',
  'authority-host',
  'provider',
  'id-token-file',
  'id-token-env',
  'certificate',
  'certificate-alg',
  'timeout',
  'policy',
  'audit-log',
];

/** Everything checkable before the login: names, the variables channel, the subscription. */
export function planExports(values: ExportValues, env: Env): ExportPlan {
  const handoffs = selectHandoffs(values.export ?? [], { field: 'export', fix: 'Pass --export with' });
  const rawSubscription = values['subscription-id'] ?? env['AZURE_SUBSCRIPTION_ID'];
  let subscriptionId: string | undefined;
  if (rawSubscription !== undefined && rawSubscription.trim() !== '') {
    if (!isGuid(rawSubscription.trim()))
      throw usageError(
        'INVALID_SUBSCRIPTION_ID',
        `The subscription id ${quote(rawSubscription)} is not a GUID.`,
        "Pass the subscription id GUID shown on the subscription's overview page.",
        'subscription-id',
      );
    subscriptionId = rawSubscription.trim().toLowerCase();
  }
  const channel = variableChannel(values['export-file'], env);
  const needsVariables = handoffs.filter((h) => !h.name.startsWith('acr:'));
  if (channel === undefined && needsVariables.length > 0) {
    throw usageError(
      'NO_VARIABLES_CHANNEL',
      `--export ${needsVariables.map((h) => h.name).join(', ')} passes variables to later steps, and this CI has no channel entra-federate knows.`,
      'Pass --export-file FILE and run `. FILE` in the shell that runs the tools (GitLab: in the same script).',
      'export-file',
    );
  }
  const idle = handoffs.some((h) => h.name === 'identity-endpoint') ? identityIdleTimeout(env) : undefined;
  return {
    handoffs,
    ...(channel === undefined ? {} : { channel, writer: openVariables(channel) }),
    ...(subscriptionId === undefined ? {} : { subscriptionId }),
    ...(idle === undefined ? {} : { idleTimeoutSeconds: idle }),
  };
}

export interface ExportRun {
  result: LoginResult;
  credential: Credential;
  values: Record<string, unknown>;
  env: Env;
  http: HttpClient;
}

export async function runExports(plan: ExportPlan, run: ExportRun): Promise<void> {
  const { env, credential } = run;
  const stderr = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const writer = plan.writer;
  const onGithub = env['GITHUB_ACTIONS'] === 'true';
  const tempDir = env['RUNNER_TEMP'] !== undefined && env['RUNNER_TEMP'] !== '' ? env['RUNNER_TEMP'] : tmpdir();
  const sink: CiSink = {
    setEnv(name, value) {
      if (writer === undefined) throw new Error('no variables channel');
      writer.setEnv(name, value);
    },
    // The runner reads workflow commands from stderr as well; stdout may be --json.
    mask: (value) => {
      if (onGithub && value !== '') stderr(formatCommand('add-mask', {}, value));
    },
    tempDir,
    run: (argv, opts) => runTool(argv, env, { ...opts, timeoutMs: 120_000 }),
    info: (message) => stderr(`entra-federate: exported for ${message}`),
    warn: (message) => stderr(`entra-federate: warning: ${message}`),
  };

  const endpointValues: Record<string, string> = {};
  for (const name of ENDPOINT_FLAGS) {
    const value = run.values[name];
    if (typeof value === 'string') endpointValues[name] = value;
  }
  const watchPid = jobProcess(env);
  const identity: IdentityLaunch | undefined =
    plan.idleTimeoutSeconds === undefined
      ? undefined
      : {
          values: endpointValues,
          idleTimeoutSeconds: plan.idleTimeoutSeconds,
          ...(watchPid === undefined ? {} : { watchPid }),
        };

  const source = credential.source;
  let session = env[SESSION_VARIABLE] !== undefined && env[SESSION_VARIABLE] !== '' ? env[SESSION_VARIABLE] : undefined;
  let announced = session !== undefined;
  await runHandoffs(
    plan.handoffs,
    {
      result: run.result,
      // The hand-off contract: every CI token it is given is already masked.
      idToken:
        source.kind === 'federated'
          ? async (audience) => {
              const token = await source.idToken(audience);
              sink.mask(token);
              return token;
            }
          : noIdToken(source.kind),
      ...(plan.subscriptionId === undefined ? {} : { subscriptionId: plan.subscriptionId }),
      env,
      ...(source.kind === 'federated' && credential.provider !== undefined
        ? { provider: credential.provider.name }
        : {}),
      http: run.http,
      ...(identity === undefined ? {} : { identity }),
    },
    sink,
    (cleanup) => {
      if (isEmptyCleanup(cleanup)) return;
      session = recordSession(session, tempDir, cleanup);
      if (!announced && writer !== undefined) writer.setEnv(SESSION_VARIABLE, session);
      announced = true;
    },
  );
  if (writer === undefined && session !== undefined)
    stderr(`entra-federate: to undo: entra-federate logout --session ${session}`);
  else if (plan.channel !== undefined)
    stderr(
      `entra-federate: variables written to ${plan.channel.what}${plan.channel.kind === 'shell' && plan.channel.own ? `; run \`. ${plan.channel.path}\` in the shell that runs the tools` : ''}.`,
    );
}
