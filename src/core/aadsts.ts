/**
 * The AADSTS codes people actually hit in workload identity federation, each turned into a
 * stable error code and a one-line remedy. Microsoft says not to branch on error_description
 * text, so we branch on the numeric code from `error_codes` only
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes). Which number
 * becomes which code, and its remedy, is written once, in the error catalogue.
 */
import { AADSTS_CATALOGUE } from './error-catalogue.js';
import type { AadstsCatalogueEntry, AadstsErrorCode } from './error-catalogue.js';

export interface AadstsEntry {
  /** A catalogued code, or AADSTS_<number> for the others; a failure either way. */
  code: AadstsErrorCode | `AADSTS_${number}`;
  remedy: string;
}

const BY_NUMBER: ReadonlyMap<number, AadstsErrorCode> = new Map(
  (Object.entries(AADSTS_CATALOGUE) as [AadstsErrorCode, AadstsCatalogueEntry][]).flatMap(([code, entry]) =>
    entry.aadsts.map((aadsts): [number, AadstsErrorCode] => [aadsts, code]),
  ),
);

/** Codes that Entra itself documents as transient: worth a retry with backoff. */
export const TRANSIENT_AADSTS: ReadonlySet<number> = new Set([50033, 50166, 90006, 90024, 90033, 90061, 90090]);

export function lookupAadsts(aadsts: number): AadstsEntry {
  const code = BY_NUMBER.get(aadsts);
  if (code !== undefined) return { code, remedy: AADSTS_CATALOGUE[code].remedy };
  return {
    code: `AADSTS_${aadsts}`,
    remedy: `Look up AADSTS${aadsts} at https://login.microsoftonline.com/error?code=${aadsts} and quote the trace and correlation ids to your administrator.`,
  };
}
