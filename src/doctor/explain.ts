/**
 * The doctor, run automatically when an exchange fails for a reason it can explain, so the
 * explanation sits in the log right under the failure (CLI, Action, orb, Drone plugin).
 */
import type { FederationError } from '../core/errors.js';
import type { CloudName } from '../core/options.js';
import type { Diagnosis } from './diagnose.js';
import { diagnose } from './diagnose.js';
import type { Fic } from './fic.js';

/** Mismatch and lifetime failures: the ones the token's claims can explain. */
export const EXPLAINABLE_AADSTS: ReadonlySet<number> = new Set([70021, 700211, 700212, 700213, 7002138, 70025, 700024]);

export interface FailureContext {
  cloud: CloudName;
  audience: string;
  now: number;
  fics?: Fic[];
}

export function explainFailure(err: FederationError, ctx: FailureContext): Diagnosis | undefined {
  if (err.aadsts === undefined || !EXPLAINABLE_AADSTS.has(err.aadsts) || err.claims === undefined) return undefined;
  const d = diagnose(err.claims, ctx.fics ?? [], { now: ctx.now, audience: ctx.audience, cloud: ctx.cloud });
  // Entra has spoken: whatever the local comparison says, this token did not match.
  d.ok = false;
  return d;
}

/** What every adapter shows after a failed exchange: the diagnosis and how to render it. */
export function failureReading(
  err: FederationError,
  now: number,
): { diagnosis: Diagnosis; ctx: { cloud: CloudName; clientId: string } } | undefined {
  const request = err.request;
  if (request === undefined) return undefined;
  const diagnosis = explainFailure(err, { cloud: request.cloud, audience: request.audience, now });
  return diagnosis === undefined ? undefined : { diagnosis, ctx: { cloud: request.cloud, clientId: request.clientId } };
}
