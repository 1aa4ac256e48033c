/**
 * What a token endpoint says is printed (stderr, the Action's log), stored (audit log, step
 * summary) and emitted (`--json`). A hostile or broken server must not be able to start a line
 * there, nor get back the CI token it was sent: trace_id, correlation_id and timestamp are kept
 * only in their real shape (GUID, Entra's or ISO time), the OAuth error only as a code, and
 * every server string passes through the redaction of what we sent.
 */
import { describe, expect, test } from 'vitest';
import type { FederationError } from '../../../src/core/errors.js';
import { tokenError } from '../../../src/core/exchange.js';
import type { HttpResponse } from '../../../src/core/http.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const CI_TOKEN = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main' })}.${'s1G-nAtUrE_'.repeat(30)}`;
const TRACE = '3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c';
const CORRELATION = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function answer(body: unknown, status = 400, type = 'application/json'): HttpResponse {
  return {
    status,
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function failure(body: unknown, status = 400, type = 'application/json'): FederationError {
  return tokenError(answer(body, status, type), 'https://management.azure.com/.default', Date.now(), [CI_TOKEN]);
}

/** Everything a renderer, the audit log or --json could take from the error. */
function everything(err: FederationError): string {
  return `${err.message}\n${JSON.stringify(err.toJSON())}\n${err.traceId ?? ''}\n${err.correlationId ?? ''}\n${err.timestamp ?? ''}\n${err.oauthError ?? ''}`;
}

function expectClean(err: FederationError): void {
  const all = everything(err);
  expect(all).not.toContain(CI_TOKEN);
  expect(all).not.toContain(CI_TOKEN.split('.')[2]);
  for (const value of [err.message, err.traceId, err.correlationId, err.timestamp, err.oauthError]) {
    if (value !== undefined) expect(value).not.toMatch(/[\u0000-\u001f\u007f]/);
  }
}

describe('ids and times are kept only in their real shape', () => {
  test("Entra's own answer keeps its GUIDs and its timestamp", () => {
    const err = failure({
      error: 'invalid_client',
      error_description: `AADSTS70021: No matching federated identity record found.\r\nTrace ID: ${TRACE}`,
      error_codes: [70021],
      trace_id: TRACE,
      correlation_id: CORRELATION,
      timestamp: '2026-12-02 05:25:35Z',
    });
    expect(err.traceId).toBe(TRACE);
    expect(err.correlationId).toBe(CORRELATION);
    expect(err.timestamp).toBe('2026-12-02 05:25:35Z');
    expect(err.oauthError).toBe('invalid_client');
  });

  test.each(['2026-12-02T05:25:35Z', '2026-12-02T05:25:35.1234567Z', '2026-12-02T05:25:35+00:00'])(
    'ISO time %s is kept',
    (timestamp) => {
      expect(failure({ error: 'invalid_request', error_codes: [70021], timestamp }).timestamp).toBe(timestamp);
    },
  );

  test('a newline, a workflow command, or the CI token in an id field is dropped', () => {
    const err = failure({
      error: 'invalid_request\n::error::injected',
      error_description: 'AADSTS70021: no match',
      error_codes: [70021],
      trace_id: `${TRACE}\n::error title=x::injected`,
      correlation_id: CI_TOKEN,
      timestamp: 'yesterday\r\n::warning::injected',
    });
    expect(err.traceId).toBeUndefined();
    expect(err.correlationId).toBeUndefined();
    expect(err.timestamp).toBeUndefined();
    expect(err.oauthError).toBeUndefined();
    expect(err.toJSON()).not.toHaveProperty('traceId');
    expectClean(err);
  });

  test('ids that are not strings, or GUID-like with extra text, are dropped', () => {
    const err = failure({
      error: 'invalid_request',
      error_codes: [70021],
      trace_id: { nested: TRACE },
      correlation_id: `${CORRELATION} ${CI_TOKEN}`,
      timestamp: 1764653135,
    });
    expect(err.traceId).toBeUndefined();
    expect(err.correlationId).toBeUndefined();
    expect(err.timestamp).toBeUndefined();
    expectClean(err);
  });
});

describe('every server string passes through the redaction of what we sent', () => {
  test('an AADSTS description echoing the CI token', () => {
    const err = failure({
      error: 'invalid_request',
      error_description: `AADSTS50027: JWT token is invalid: ${CI_TOKEN}`,
      error_codes: [50027],
    });
    expect(err.message).toContain('AADSTS50027: JWT token is invalid: [redacted]');
    expectClean(err);
  });

  test('an OAuth error without AADSTS echoing the URL-encoded form', () => {
    const form = new URLSearchParams({ client_assertion: CI_TOKEN }).toString();
    const err = failure({ error: 'invalid_grant', error_description: `bad request: ${form}` });
    expect(err.code).toBe('OAUTH_INVALID_GRANT');
    expect(err.message).toContain('[redacted]');
    expectClean(err);
  });

  test('an OAuth error name that is not an error code is not repeated', () => {
    const err = failure({ error: `${CI_TOKEN}\n::error::x` });
    expectClean(err);
    expect(err.code).toBe('OAUTH_ERROR');
    expect(err.message).not.toContain('::error::');
  });

  test('a content type that is not a media type is not repeated', () => {
    const err = failure('oops', 502, `text/${CI_TOKEN}`);
    expect(err.message).toContain('no usable content type');
    expectClean(err);
    expect(failure('oops', 502, 'text/plain; charset=utf-8').message).toContain('(text/plain)');
  });

  test('a non-JSON body echoing the request', () => {
    const err = failure(`<html><title>Bad ${CI_TOKEN}</title></html>`, 502, 'text/html');
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expectClean(err);
  });
});
