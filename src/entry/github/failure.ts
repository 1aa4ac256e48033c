/**
 * A failed step as the runner shows it: one `::error::` annotation holding what happened,
 * the fields support needs (code, the CI token's iss/sub/aud, trace and correlation ids) and
 * what to change; the doctor's reading right under it, in the log and in the step summary.
 * Remedies are written for the CLI's flags; here they name the inputs.
 */
import type { CiContext } from '../../ci/types.js';
import { FederationError } from '../../core/errors.js';
import { doctorReading, exitCodeOf } from '../shared/failure.js';
import { renderError } from '../shared/render.js';
import type { Runner } from './runner.js';
import { failureSummary } from './summary.js';

const INPUT_FOR_FLAG: Readonly<Record<string, string>> = {
  'client-id': 'client-id',
  'tenant-id': 'tenant-id',
  scope: 'scopes',
  audience: 'audience',
  cloud: 'cloud',
  'authority-host': 'authority-host',
  timeout: 'timeout-seconds',
  export: 'export',
  policy: 'policy',
  'audit-log': 'audit-log',
};

/** `--scope` becomes `scopes`: the Action's user sets inputs, not flags. */
export function inActionTerms(text: string): string {
  return text.replace(/--([a-z][a-z-]*[a-z])/g, (flag, name: string) => {
    const input = INPUT_FOR_FLAG[name];
    return input === undefined ? flag : `\`${input}\``;
  });
}

/** The annotation's text (several lines; the runner command escapes the line breaks). */
export function failureText(err: FederationError): string {
  return renderError(err, inActionTerms).replace(/\n$/, '');
}

/** The causes behind an error (network failures, file system codes), for debug logging only. */
export function causeChain(err: unknown): string[] {
  const out: string[] = [];
  let current: unknown = err instanceof Error ? err.cause : undefined;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    const message = current instanceof Error ? current.message : String(current);
    out.push(typeof code === 'string' ? `${message} (${code})` : message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return out;
}

/** Reports a failed step on the runner; returns its exit code. */
export async function reportFailure(err: unknown, runner: Runner, ci: CiContext, now: number): Promise<number> {
  if (err instanceof FederationError) {
    runner.error(failureText(err));
    for (const cause of causeChain(err)) runner.debug(`cause: ${cause}`);
    const reading = await doctorReading(err, now);
    if (reading !== undefined) {
      runner.info('entra-federate doctor:');
      for (const line of reading.text.trimEnd().split('\n')) runner.info(line);
    }
    try {
      runner.appendSummary(failureSummary(err, ci) + (reading === undefined ? '' : `\n${reading.markdown}`));
    } catch {
      // The annotation above already says what failed.
    }
    return exitCodeOf(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  runner.error(
    `entra-federate: unexpected error: ${message}. This is a bug; please report it with the step's debug log (it contains no tokens).`,
  );
  if (err instanceof Error && err.stack !== undefined) runner.debug(err.stack);
  return 1;
}
