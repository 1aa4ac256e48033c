/**
 * The AADSTS catalogue: each number Entra answers with becomes one code and a remedy that says
 * what to change, and only Entra's documented transient codes are retried. Numbers and their
 * meanings: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
import { describe, expect, test } from 'vitest';
import { lookupAadsts, TRANSIENT_AADSTS } from '../../../src/core/aadsts.js';
import { AADSTS_CATALOGUE } from '../../../src/core/error-catalogue.js';

const DOCTOR = /entra-federate doctor/;

describe('lookupAadsts', () => {
  test.each([
    // The federation mismatches: each points at the doctor and names what differs.
    [70021, 'NO_MATCHING_FIC', [/issuer, subject and audience exactly/, /case-sensitive/, DOCTOR]],
    [700211, 'ISSUER_MISMATCH', [/trailing slash/, /GitHub Enterprise/, DOCTOR]],
    [700212, 'AUDIENCE_MISMATCH', [/api:\/\/AzureADTokenExchange/, /--audience/, DOCTOR]],
    [700213, 'SUBJECT_MISMATCH', [/Environments, pull requests, tags/, /owner@id\/repo@id/, DOCTOR]],
    [7002138, 'SUBJECT_CASE_MISMATCH', [/case-sensitive/, /casing/, DOCTOR]],
    [70025, 'NO_FEDERATED_CREDENTIALS', [/no federated identity credentials/, /Add one/]],
    // The CI token itself.
    [700024, 'ASSERTION_EXPIRED', [/expired or not yet valid/, /fresh one for each exchange/, /clock/]],
    [50027, 'INVALID_ASSERTION', [/not a valid JWT/, /id-token: write/]],
    [501661, 'ISSUER_UNREACHABLE', [/openid-configuration/, /reachable from the internet/]],
    [700222, 'ENTRA_TOKEN_AS_ASSERTION', [/Entra-issued token/, /CI's OIDC token/]],
    // App, tenant, scope.
    [700016, 'APP_NOT_FOUND', [/client id/, /tenant id/, /cloud/]],
    [90002, 'TENANT_NOT_FOUND', [/--cloud/]],
    [900023, 'INVALID_TENANT', [/tenant\) id GUID/]],
    [70011, 'SCOPE_REJECTED', [/<resource>\/\.default/, /each resource as its own --scope/]],
    [700022, 'SCOPE_REJECTED', [/one resource per scope/]],
    [500011, 'RESOURCE_NOT_FOUND', [/scope URI/]],
    [53003, 'CONDITIONAL_ACCESS_BLOCKED', [/Conditional Access/, /trace id/]],
    // Secrets and certificates.
    [7000215, 'INVALID_SECRET', [/secret value \(not its id\)/]],
    [7000222, 'SECRET_EXPIRED', [/expired/, /federated credential or certificate/]],
    [700027, 'CERTIFICATE_SIGNATURE_INVALID', [/Upload this certificate/]],
    [700023, 'ASSERTION_AUDIENCE_INVALID', [/--authority-host/]],
    [700021, 'ASSERTION_CLIENT_MISMATCH', [/--client-id/]],
    [7000218, 'CREDENTIAL_NOT_SENT', [/no client credential/, /report it/]],
  ] as const)('AADSTS%i is %s with a remedy that says what to change', (aadsts, code, remedy) => {
    const entry = lookupAadsts(aadsts);
    expect(entry.code).toBe(code);
    for (const pattern of remedy) expect(entry.remedy).toMatch(pattern);
    expect(entry.remedy).toBe(AADSTS_CATALOGUE[code].remedy);
  });

  test('every number in the catalogue is covered above', () => {
    const covered = Object.values(AADSTS_CATALOGUE).flatMap((e) => e.aadsts);
    expect(covered.sort((a, b) => a - b)).toEqual(
      [
        70021, 700211, 700212, 700213, 7002138, 70025, 700024, 50027, 501661, 700222, 700016, 90002, 900023, 70011,
        700022, 500011, 53003, 7000215, 7000222, 700027, 700023, 700021, 7000218, 50166, 90061,
      ].sort((a, b) => a - b),
    );
  });

  test('a number not in the catalogue keeps it, and points at the lookup page', () => {
    expect(lookupAadsts(9999)).toEqual({
      code: 'AADSTS_9999',
      remedy:
        'Look up AADSTS9999 at https://login.microsoftonline.com/error?code=9999 and quote the trace and correlation ids to your administrator.',
    });
  });
});

test("the retried numbers are Entra's transient ones and its failed fetches of the issuer's keys", () => {
  expect([...TRANSIENT_AADSTS].sort((a, b) => a - b)).toEqual([50033, 50166, 90006, 90024, 90033, 90061, 90090]);
  // Only the issuer-fetch failures have a code of their own, reported once retries run out.
  for (const n of TRANSIENT_AADSTS) {
    const expected = n === 50166 ? 'ISSUER_REQUEST_THROTTLED' : n === 90061 ? 'ISSUER_REQUEST_FAILED' : `AADSTS_${n}`;
    expect(lookupAadsts(n).code).toBe(expected);
  }
});
