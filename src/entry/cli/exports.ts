/**
 * `login --export`: hand credentials to the tools of the job's later steps. Everything that can
 * be wrong with the flags is found before the login sends anything; after it, the hand-offs
 * run (shared/sign-in.ts), variables go to the CI's channel (see handoff/variables.ts), and what
 * they did is recorded for `entra-federate logout`.
 */
import { formatCommand } from '../../ci/github-workflow-commands.js';
import { usageError } from '../../core/errors.js';
import type { FederationOptions } from '../../core/options.js';
import { quote } from '../../core/options.js';
import { isGuid } from '../../core/text.js';
import { isEmptyCleanup } from '../../handoff/cleanup.js';
import { jobProcess } from '../../handoff/identity-endpoint/job-process.js';
import { readSession, recordSession, removeSession, restoreSession, SESSION_VARIABLE } from '../../handoff/session.js';
import type { CiSink, Cleanup, IdentityLaunch } from '../../handoff/types.js';
import { openVariables, variableChannel } from '../../handoff/variables.js';
import { identityIdleSeconds, jobTempDir, planHandoffs, toolRunner } from '../shared/handoffs.js';
import type { EntryIo } from '../shared/io.js';
import type { LoginValues } from '../shared/login-values.js';
import { ENDPOINT_VALUES } from '../shared/login-values.js';
import type { HandoffPlan } from '../shared/sign-in.js';

export interface ExportValues extends LoginValues {
  export?: string[] | undefined;
  'export-file'?: string | undefined;
  'subscription-id'?: string | undefined;
}

export interface PreparedExports {
  /** The login's options with the scopes the hand-offs need added. */
  options: FederationOptions;
  /** For the sign-in; absent without --export. */
  handoffs?: HandoffPlan;
  /** After the hand-offs: says where the variables went, or how to undo them. */
  finish(): void;
}

/** Everything checkable before the login: names, the subscription, the variables channel. */
export async function planExports(
  values: ExportValues,
  io: EntryIo,
  options: FederationOptions,
): Promise<PreparedExports> {
  const { env } = io;
  const selection = await planHandoffs(values.export ?? [], { field: 'export', fix: 'Pass --export with' }, options);
  const { handoffs } = selection;
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
  // `--export shell` alone prints its lines (and every other export's) on stdout, for eval.
  const toStdout = handoffs.some((h) => h.name === 'shell')
    ? (text: string) => {
        io.stdout.write(text);
      }
    : undefined;
  const channel = variableChannel(values['export-file'], env, toStdout);
  // Every hand-off passes variables on (acr: DOCKER_CONFIG and PATH).
  const needsVariables = handoffs;
  if (channel === undefined && needsVariables.length > 0) {
    throw usageError(
      'NO_VARIABLES_CHANNEL',
      `--export ${needsVariables.map((h) => h.name).join(', ')} passes variables to later steps, and this CI has no channel entra-federate knows.`,
      'Pass --export-file FILE and run `. FILE` in the shell that runs the tools (GitLab: in the same script).',
      'export-file',
    );
  }
  const idleTimeoutSeconds = await identityIdleSeconds(handoffs, env);
  // Opened now: a file we cannot or must not write fails before the login.
  const writer = channel === undefined ? undefined : openVariables(channel);

  const stderr = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  const onGithub = env['GITHUB_ACTIONS'] === 'true';
  const tempDir = jobTempDir(env);
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
    run: toolRunner(env),
    info: (message) => stderr(`entra-federate: exported for ${message}`),
    warn: (message) => stderr(`entra-federate: warning: ${message}`),
  };

  let identity: IdentityLaunch | undefined;
  if (idleTimeoutSeconds !== undefined) {
    // The endpoint rebuilds this login from the same flags; secrets stay in the environment it inherits.
    const endpointValues: Record<string, string> = {};
    for (const name of ENDPOINT_VALUES) {
      const value = values[name];
      if (typeof value === 'string') endpointValues[name] = value;
    }
    const watchPid = jobProcess(env);
    identity = { values: endpointValues, idleTimeoutSeconds, ...(watchPid === undefined ? {} : { watchPid }) };
  }

  let session = env[SESSION_VARIABLE] !== undefined && env[SESSION_VARIABLE] !== '' ? env[SESSION_VARIABLE] : undefined;
  const earlierSession = session;
  // An earlier login's record, as it was before this one added to it: what a rollback restores.
  let earlierRecord: Cleanup | undefined;
  let announced = session !== undefined;
  return {
    options: selection.options,
    handoffs: {
      handoffs,
      sink,
      onCleanup(cleanup) {
        if (isEmptyCleanup(cleanup)) return;
        if (earlierSession !== undefined && earlierRecord === undefined) earlierRecord = readSession(earlierSession);
        session = recordSession(session, tempDir, cleanup);
        if (!announced && writer !== undefined) writer.setEnv(SESSION_VARIABLE, session);
        announced = true;
      },
      onRollback() {
        // Last first: the session record was written after the variables channel was opened.
        if (session !== undefined) {
          if (earlierSession === undefined) removeSession(session);
          else if (earlierRecord !== undefined) restoreSession(earlierSession, earlierRecord);
        }
        session = earlierSession;
        writer?.rollback();
      },
      ...(subscriptionId === undefined ? {} : { subscriptionId }),
      ...(identity === undefined ? {} : { identity }),
    },
    finish() {
      writer?.flush();
      // On stdout the lines are the output: nothing to add.
      if (channel?.kind === 'stdout') return;
      if (writer === undefined && session !== undefined)
        stderr(`entra-federate: to undo: entra-federate logout --session ${session}`);
      else if (channel !== undefined)
        stderr(
          `entra-federate: variables written to ${channel.what}${channel.kind === 'shell' && channel.own ? `; run \`. ${channel.path}\` in the shell that runs the tools` : ''}.`,
        );
    },
  };
}
