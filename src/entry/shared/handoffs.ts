/**
 * Choosing the hand-offs before the login, and running their tools: shared by the CLI's
 * --export and the Action's `export` input. `env` alone stays on the cold path; anything else
 * loads the hand-off code.
 */
import { tmpdir } from 'node:os';
import type { Env } from '../../ci/types.js';
import type { FederationOptions } from '../../core/options.js';
import { envHandoff } from '../../handoff/env.js';
import type { ExportSource } from '../../handoff/select.js';
import type { CiSink, Handoff } from '../../handoff/types.js';

export interface HandoffSelection {
  handoffs: Handoff[];
  /** The login's options with the scopes the hand-offs need added, so that policy and audit see them. */
  options: FederationOptions;
}

/** Parses and checks export names before any request; `how` says in a remedy where they come from. */
export async function planHandoffs(
  names: readonly string[],
  how: ExportSource,
  options: FederationOptions,
): Promise<HandoffSelection> {
  if (names.every((name) => name === 'env')) return { handoffs: names.length === 0 ? [] : [envHandoff], options };
  const { selectHandoffs, withHandoffScopes } = await import('../../handoff/select.js');
  const handoffs = selectHandoffs(
    names,
    how,
    options.scopes.map((s) => s.scope),
  );
  return { handoffs, options: withHandoffScopes(options, handoffs) };
}

/** How long a started identity endpoint may stay idle, checked before the login; undefined when none is exported. */
export async function identityIdleSeconds(handoffs: readonly Handoff[], env: Env): Promise<number | undefined> {
  if (!handoffs.some((h) => h.name === 'identity-endpoint')) return undefined;
  return (await import('../../handoff/identity-endpoint.js')).identityIdleTimeout(env);
}

/** A directory for files that must not outlive the job: RUNNER_TEMP on GitHub, else the system's. */
export function jobTempDir(env: Env): string {
  const runnerTemp = env['RUNNER_TEMP'];
  return runnerTemp !== undefined && runnerTemp !== '' ? runnerTemp : tmpdir();
}

/** The sink's tool runner: no shell, the job's environment, two minutes per tool. */
export function toolRunner(env: Env): CiSink['run'] {
  return async (argv, opts) =>
    (await import('../../handoff/tool.js')).runTool(argv, env, { ...opts, timeoutMs: 120_000 });
}
