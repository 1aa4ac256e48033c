// Fetches an external issuer's JWKS, as Entra does before trusting a federated token.
import http from 'node:http';
import https from 'node:https';

const MAX_JWKS_BYTES = 1024 * 1024;

export interface FetchJwksOptions {
  timeoutMs?: number;
  /** Extra trust anchor (the sandbox's own certificate when it fetches from itself). */
  ca?: string;
}

/** The `keys` array of the JWKS at `url`; throws an Error saying what went wrong. */
export function fetchJwks(url: string, opts: FetchJwksOptions = {}): Promise<unknown[]> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
  if (!client) return Promise.reject(new Error(`unsupported JWKS URL scheme: ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const req = client.get(
      target,
      { timeout: opts.timeoutMs ?? 5000, headers: { accept: 'application/json' }, ...(opts.ca && { ca: opts.ca }) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_JWKS_BYTES) req.destroy(new Error('JWKS response too large'));
          else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('JWKS response aborted')));
        res.on('end', () => {
          if (!res.complete) return reject(new Error('JWKS response truncated'));
          if (res.statusCode !== 200) return reject(new Error(`JWKS endpoint answered HTTP ${res.statusCode}`));
          try {
            const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            const keys = (body as { keys?: unknown }).keys;
            if (!Array.isArray(keys)) return reject(new Error('JWKS has no keys array'));
            resolve(keys);
          } catch {
            reject(new Error('JWKS is not JSON'));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('JWKS request timed out')));
    req.on('error', reject);
  });
}
