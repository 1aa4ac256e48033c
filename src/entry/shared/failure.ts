/**
 * A failed run, as every adapter reports it: the FederationError with its fields and what to do,
 * then the doctor's reading when the CI token's claims explain the failure. The CLI and the Drone
 * plugin print it as it is (reportFailure); the Action words it in its input names and splits it
 * between an annotation, log lines and the step summary (github/failure.ts). The doctor's code
 * loads only once something has failed.
 */
import type { Env } from '../../ci/types.js';
import { FederationError } from '../../core/errors.js';
import type { Diagnosis } from '../../doctor/diagnose.js';
import type { Output } from './io.js';
import { renderError } from './render.js';

export interface DoctorReading {
  diagnosis: Diagnosis;
  /** For a terminal or a plain log. */
  text: string;
  /** For a step summary. */
  markdown: string;
}

/** The doctor's reading of a failed exchange, when the CI token's claims explain it. */
export async function doctorReading(err: FederationError, now: number): Promise<DoctorReading | undefined> {
  if (err.request === undefined || err.claims === undefined) return undefined;
  const { failureReading } = await import('../../doctor/explain.js');
  const reading = failureReading(err, now);
  if (reading === undefined) return undefined;
  const { diagnosisMarkdown, renderDiagnosis } = await import('../../doctor/render.js');
  return {
    diagnosis: reading.diagnosis,
    text: renderDiagnosis(reading.diagnosis, reading.ctx),
    markdown: diagnosisMarkdown(reading.diagnosis, reading.ctx),
  };
}

/** 2 for bad usage or input, 1 for a failed exchange or check. */
export function exitCodeOf(err: FederationError): 1 | 2 {
  return err.usage ? 2 : 1;
}

/** The error and what to do, then the doctor's reading under it. */
export function renderFailure(err: FederationError, reading: DoctorReading | undefined): string {
  const text = renderError(err);
  return reading === undefined ? text : `${text}\nentra-federate doctor:\n${reading.text}`;
}

/**
 * The CLI's and the Drone plugin's report: on stderr (with `json`, also one JSON object on
 * stdout). A stack trace appears only with ENTRA_FEDERATE_DEBUG=1, and only for errors we did
 * not foresee. Returns the exit code.
 */
export async function reportFailure(
  err: unknown,
  io: { stdout: Output; stderr: Output; env: Env; now(): number },
  opts: { json?: boolean } = {},
): Promise<number> {
  if (err instanceof FederationError) {
    const reading = await doctorReading(err, io.now());
    if (opts.json === true)
      io.stdout.write(
        `${JSON.stringify({ ok: false, error: err.toJSON(), ...(reading === undefined ? {} : { diagnosis: reading.diagnosis }) })}\n`,
      );
    io.stderr.write(renderFailure(err, reading));
    return exitCodeOf(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(
    `entra-federate: unexpected error: ${message}\n  This is a bug; please report it with ENTRA_FEDERATE_DEBUG=1 output (it contains no tokens).\n`,
  );
  if (io.env['ENTRA_FEDERATE_DEBUG'] === '1' && err instanceof Error && err.stack !== undefined)
    io.stderr.write(`${err.stack}\n`);
  return 1;
}
