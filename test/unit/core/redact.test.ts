/**
 * Redaction cuts out what we sent and what has the shape of a token (a JWT, a long base64url
 * run), and leaves Entra's own text readable: URLs, hostnames, GUIDs, commit hashes and the
 * claims (issuer, subject) that errors show on purpose.
 */
import { describe, expect, test } from 'vitest';
import { redact } from '../../../src/core/redact.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: 'https://issuer.example', sub: 'repo:o/r:ref:refs/heads/main', aud: 'api://AzureADTokenExchange' })}.${'Qx7_kPz3'.repeat(43)}`;
/** A JWT whose header JSON has a space after the brace: it does not start with eyJ. */
const SPACED_JWT = `${Buffer.from('{ "alg": "RS256", "typ": "JWT" }').toString('base64url')}.${b64({ sub: 'x', iat: 1700000000, exp: 1700000300 })}.${'Zq9r-T4w'.repeat(32)}`;
/** 32 random bytes as base64url, fixed so the test is reproducible. */
const OPAQUE = 'q3Vx9LrT0bW8kZ2mNfP7hJ4sYcD1eGaU6iOwRtXyQvE';
const CIRCLE_ORG = 'c9b2a7e5-4d1f-4a3b-9c8d-2f1e0a9b8c7d';
const CIRCLE_ISSUER = `https://oidc.circleci.com/org/${CIRCLE_ORG}`;
const CIRCLE_SUBJECT = `org/${CIRCLE_ORG}/project/0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a/user/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a`;

describe('what stays readable', () => {
  test.each([
    ['a documentation URL', 'See https://learn.microsoft.com/entra/workload-id/workload-identity-federation for help.'],
    [
      'a long documentation URL with a fragment',
      'https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations#unsupported-issuers',
    ],
    ['the error lookup URL', 'https://login.microsoftonline.com/error?code=70021'],
    ['hostnames', 'management.privatelink.azurecr.io and login.microsoftonline.us'],
    ['GUIDs', 'Trace ID: 3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c Correlation ID: 9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    [
      'a commit hash',
      'commit 4f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39 and sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    ],
    [
      "CircleCI's issuer and subject",
      `No matching federated identity record found for presented assertion issuer '${CIRCLE_ISSUER}' subject '${CIRCLE_SUBJECT}'.`,
    ],
    ['a GitHub subject', "Assertion Subject: 'repo:Octo-Org/octo-repo:environment:Production-Westeurope-2'."],
    [
      'a Buildkite subject with a commit and a step id',
      `organization:acme:pipeline:deploy:ref:refs/heads/main:commit:4f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39:step:${CIRCLE_ORG}`,
    ],
    ["Entra's error names", 'InvalidExternalSecurityChallengeConfiguration and ExternalClaimsProviderThrottled'],
    ['a long branch name', 'refs/heads/Feature-ABC-1234-Add-New-Login-Flow-For-Enterprise-Users'],
  ])('%s', (_name, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('what is cut out', () => {
  test('a JWT, alone, quoted, after Bearer, and inside a URL', () => {
    expect(redact(`token ${JWT} refused`)).toBe('token [redacted] refused');
    expect(redact(`'${JWT}'`)).toBe("'[redacted]'");
    expect(redact(`Authorization: Bearer ${JWT}`)).toBe('Authorization: Bearer [redacted]');
    expect(redact(`https://evil.example/cb?id_token=${JWT}&x=1`)).toBe(
      'https://evil.example/cb?id_token=[redacted]&x=1',
    );
  });

  test('a JWT whose header does not start with eyJ', () => {
    expect(redact(`got ${SPACED_JWT}.`)).toBe('got [redacted].');
  });

  test('a long base64url run, outside URLs and in a query', () => {
    expect(redact(`secret ${OPAQUE} leaked`)).toBe('secret [redacted] leaked');
    expect(redact(`key ${'A'.repeat(60)} bad`)).toBe('key [redacted] bad');
    // Standard base64 with slashes and padding (a storage account key), whole.
    expect(
      redact('AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;'),
    ).toBe('AccountKey=[redacted];');
    expect(redact(`https://host.example/path?sig=${OPAQUE}`)).toBe('https://host.example/path?sig=[redacted]');
  });

  test('what we sent, in every form a server may echo it, even when short and word-like', () => {
    const secret = 'hunter2 & friends+more';
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ x: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ];
    for (const form of forms) expect(redact(`echo: ${form}.`, [secret])).toBe('echo: [redacted].');
    // A URL does not shelter what we sent.
    expect(redact(`https://learn.microsoft.com/x?q=${encodeURIComponent(secret)}`, [secret])).toBe(
      'https://learn.microsoft.com/x?q=[redacted]',
    );
  });

  test('an empty or tiny secret is ignored rather than cutting every letter', () => {
    expect(redact('abc def', ['', 'a'])).toBe('abc def');
  });
});
