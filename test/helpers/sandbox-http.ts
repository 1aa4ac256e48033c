// Test helpers for talking to the sandbox over real HTTP and checking Entra-shaped answers.
import { runProcess } from '../e2e/run.js';
import { sign, constants, randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect } from 'vitest';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: any; // tests read fields freely
}

export async function httpCall(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return httpCall(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  return httpCall(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function decodePayload(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

export function decodeHeader(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8'));
}

/** Signs a JWT the way a client signs a certificate assertion (RS256 or PS256). */
export function signJwtForTest(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  keyPem: string,
): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const pss = header['alg'] === 'PS256';
  const signature = sign('sha256', Buffer.from(input), {
    key: keyPem,
    ...(pss && { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }),
  });
  return `${input}.${signature.toString('base64url')}`;
}

export function certificateAssertionClaims(
  clientId: string,
  audience: string,
  nowSeconds = Math.floor(Date.now() / 1000),
) {
  return { aud: audience, iss: clientId, sub: clientId, jti: randomUUID(), nbf: nowSeconds, exp: nowSeconds + 600 };
}

const TRAILER =
  /^AADSTS(\d+): [^\r\n]+\r\nTrace ID: ([0-9a-f-]{36})\r\nCorrelation ID: ([\w.-]+)\r\nTimestamp: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ)$/;

/** Asserts an Entra error body: status, OAuth error, AADSTS code and the full JSON shape. */
export function expectEntraError(res: HttpResult, status: number, error: string, code: number): void {
  expect({
    status: res.status,
    error: res.json?.error,
    codes: res.json?.error_codes,
    description: res.json?.error_description,
  }).toMatchObject({
    status,
    error,
    codes: [code],
  });
  const body = res.json as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual([
    'correlation_id',
    'error',
    'error_codes',
    'error_description',
    'error_uri',
    'timestamp',
    'trace_id',
  ]);
  const match = TRAILER.exec(String(body['error_description']));
  expect(match, String(body['error_description'])).not.toBeNull();
  expect(Number(match?.[1])).toBe(code);
  expect(match?.[2]).toBe(body['trace_id']);
  expect(match?.[3]).toBe(body['correlation_id']);
  expect(match?.[4]).toBe(body['timestamp']);
  expect(String(body['error_uri'])).toMatch(new RegExp(`/error\\?code=${code}$`));
}

export interface RawResult {
  status: number | undefined;
  body: string;
  error?: string;
  complete: boolean;
}

/** A GET with node:http, reporting partial bodies and socket errors instead of throwing. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResult> {
  return new Promise((resolve) => {
    let body = '';
    let status: number | undefined;
    const req = http.get(url, { headers, agent: false }, (res) => {
      status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status, body, complete: res.complete }));
      res.on('error', (err) => resolve({ status, body, error: err.message, complete: false }));
      res.on('aborted', () => resolve({ status, body, error: 'aborted', complete: false }));
    });
    req.on('error', (err) => resolve({ status, body, error: err.message, complete: false }));
  });
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an inline ESM script with `node`, in `cwd` so it resolves the project's packages. */
export function runNodeScript(script: string, env: Record<string, string>, cwd: string): Promise<ProcessResult> {
  return runProcess(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
  });
}
