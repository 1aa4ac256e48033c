import type { AadstsErrorCode } from './error-catalogue.js';
export interface AadstsEntry {
    /** A catalogued code, or AADSTS_<number> for the others; a failure either way. */
    code: AadstsErrorCode | `AADSTS_${number}`;
    remedy: string;
}
/** Codes that Entra itself documents as transient: worth a retry with backoff. */
export declare const TRANSIENT_AADSTS: ReadonlySet<number>;
export declare function lookupAadsts(aadsts: number): AadstsEntry;
