// Small HTTP helpers: bounded body reading, JSON replies, header and form hygiene.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Reads the whole body, refusing more than `limit` bytes (declared or actual). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError(`body of ${declared} bytes exceeds ${limit}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLargeError(`body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  if (reply.status === 204) {
    res.writeHead(204, { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache', ...reply.headers });
    res.end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'Content-Length': String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  res.end(text);
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

const HIDDEN_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Request headers fit for the log: credentials and cookies removed, multi-values joined. */
export function loggableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (HIDDEN_HEADERS.has(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** application/x-www-form-urlencoded only, as Entra: any other body reads as no parameters. */
export function parseForm(body: Buffer, contentType: string | undefined): Record<string, string> {
  const form: Record<string, string> = {};
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') return form;
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    // The first occurrence wins; a repeated parameter must not override a checked one.
    if (!Object.hasOwn(form, key)) form[key] = value;
  }
  return form;
}

const SECRET_FIELDS = new Set(['client_assertion', 'client_secret', 'assertion', 'refresh_token', 'password', 'code']);

export function redactForm(form: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) out[key] = SECRET_FIELDS.has(key) ? '[redacted]' : value;
  return out;
}

export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(body.length ? body.toString('utf8') : '{}') };
  } catch (err) {
    return { ok: false, message: `body is not valid JSON: ${(err as Error).message}` };
  }
}

/** Bearer token from an Authorization header, or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

export function isLoopbackHostname(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}
