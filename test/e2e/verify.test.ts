/**
 * `entra-federate verify` as a process against a real issuer on loopback (discovery + JWKS
 * over HTTP): an attack battery, each rejected for its own stated reason, and a valid token
 * that passes. The attacker's key set is served by a second server, as it would be.
 */
import { createHmac, generateKeyPairSync, randomUUID, sign as cryptoSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { baseEnv, ROOT, runCli } from './run.js';

interface Issuer {
  server: Server;
  url: string;
  /** Paths requested, in order. */
  hits: string[];
  jwks: { keys: Record<string, unknown>[] };
}

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** Signs a compact JWS by hand, so that headers jose would refuse to produce can be sent. */
function signJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject | undefined,
  alg = header['alg'],
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  if (key === undefined) return `${input}.`;
  const sig =
    alg === 'PS256'
      ? cryptoSign('sha256', Buffer.from(input), { key, padding: 6, saltLength: 32 })
      : alg === 'ES256'
        ? cryptoSign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
        : cryptoSign('sha256', Buffer.from(input), key);
  return `${input}.${sig.toString('base64url')}`;
}

function publicJwk(key: KeyObject, kid: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...key.export({ format: 'jwk' }), kid, use: 'sig', ...extra };
}

async function serve(
  handler: (path: string) => { status: number; body: unknown } | undefined,
): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    const reply = handler(path) ?? { status: 404, body: { error: 'not found' } };
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
const AUD = 'api://AzureADTokenExchange';
const KID = 'issuer-rsa-1';
const EC_KID = 'issuer-ec-1';

let issuer: Issuer;
let evil: { server: Server; url: string; hits: string[] };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ef-verify-'));
  const jwks = { keys: [publicJwk(rsa.publicKey, KID, { alg: 'RS256' }), publicJwk(ec.publicKey, EC_KID)] };
  let url = '';
  const started = await serve((path) => {
    if (path === '/ci/.well-known/openid-configuration')
      return {
        status: 200,
        body: { issuer: `${url}/ci`, jwks_uri: `${url}/ci/keys`, id_token_signing_alg_values_supported: ['RS256'] },
      };
    if (path === '/ci/keys') return { status: 200, body: jwks };
    return undefined;
  });
  url = started.url;
  issuer = { ...started, url: `${started.url}/ci`, jwks };
  evil = await serve((path) =>
    path === '/jwks' ? { status: 200, body: { keys: [publicJwk(attacker.publicKey, 'evil-1')] } } : undefined,
  );
});

afterAll(async () => {
  await new Promise((r) => issuer.server.close(r));
  await new Promise((r) => evil.server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    jti: randomUUID(),
    sub: 'repo:octo-org/octo-repo:environment:production',
    aud: AUD,
    ref: 'refs/heads/main',
    repository: 'octo-org/octo-repo',
    environment: 'production',
    iss: issuer.url,
    nbf: now - 600,
    exp: now + 300,
    iat: now,
    ...extra,
  };
}

function header(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { typ: 'JWT', alg: 'RS256', kid: KID, ...extra };
}

function verify(token: string, extra: string[] = []) {
  return runCli(['verify', '--issuer', issuer.url, '--audience', AUD, ...extra], {}, { input: token });
}

/** No output may carry the token or its signature. */
function expectNoTokenBytes(token: string, ...outputs: string[]): void {
  const signature = token.split('.')[2] ?? '';
  for (const out of outputs) {
    expect(out).not.toContain(token);
    if (signature.length > 16) expect(out).not.toContain(signature.slice(0, 32));
  }
}

describe('a valid token', () => {
  test('RS256 passes: exit 0, the verified claims as JSON on stdout', async () => {
    const payload = claims();
    const token = signJws(header(), payload, rsa.privateKey);
    const r = await verify(token);
    expect(r.stderr).toContain('verified RS256 token');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(payload);
    expectNoTokenBytes(token, r.stdout, r.stderr);
  });

  test('ES256 and PS256 pass with keys of their kind', async () => {
    const es = await verify(signJws(header({ alg: 'ES256', kid: EC_KID }), claims(), ec.privateKey));
    expect(es.code, es.stderr).toBe(0);
    // The RSA key is published with alg RS256, so PS256 needs a key without a pinned alg.
    issuer.jwks.keys.push(publicJwk(rsa.publicKey, 'issuer-rsa-pss'));
    const ps = await verify(signJws(header({ alg: 'PS256', kid: 'issuer-rsa-pss' }), claims(), rsa.privateKey));
    expect(ps.code, ps.stderr).toBe(0);
  });

  test('claim patterns and required claims pass when they hold', async () => {
    const r = await verify(signJws(header(), claims(), rsa.privateKey), [
      '--claim',
      'repository=octo-org/*',
      '--claim',
      'ref=refs/heads/main',
      '--claim',
      'ref=refs/tags/v*',
      '--require-claim',
      'environment',
    ]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('the attack battery: each rejected with exit 1 for its own reason', () => {
  const attacks: [string, () => string, string, RegExp][] = [
    ['alg none', () => signJws(header({ alg: 'none' }), claims(), undefined), 'ALG_NONE', /unsigned \(alg "none"\)/],
    [
      "HS256 signed with the issuer's RSA public key",
      () => {
        const input = `${b64url(header({ alg: 'HS256' }))}.${b64url(claims())}`;
        const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
        return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
      },
      'ALG_HMAC',
      /symmetric algorithm "HS256"/,
    ],
    [
      'an unknown kid',
      () => signJws(header({ kid: 'no-such-key' }), claims(), rsa.privateKey),
      'KID_UNKNOWN',
      /"no-such-key" is not in the issuer's JWKS/,
    ],
    [
      "jku pointing to the attacker's JWKS",
      () => signJws(header({ kid: 'evil-1', jku: `${evil.url}/jwks` }), claims(), attacker.privateKey),
      'JKU_IGNORED',
      /points at its own key set \(jku header\)/,
    ],
    [
      'an embedded jwk',
      () => signJws(header({ kid: KID, jwk: publicJwk(attacker.publicKey, KID) }), claims(), attacker.privateKey),
      'EMBEDDED_JWK_IGNORED',
      /carries its own public key \(jwk header\)/,
    ],
    [
      'an unknown crit',
      () => signJws(header({ crit: ['exp-policy'], 'exp-policy': 'lenient' }), claims(), rsa.privateKey),
      'CRIT_UNSUPPORTED',
      /critical \(crit "exp-policy"\)/,
    ],
    [
      'expired',
      () =>
        signJws(
          header(),
          claims({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 4000 }),
          rsa.privateKey,
        ),
      'TOKEN_EXPIRED',
      /expired at .* s ago \(allowed clock skew 60 s\)/,
    ],
    [
      'nbf in the future',
      () => signJws(header(), claims({ nbf: Math.floor(Date.now() / 1000) + 3600 }), rsa.privateKey),
      'TOKEN_NOT_YET_VALID',
      /not valid before/,
    ],
    [
      'the wrong issuer',
      () => signJws(header(), claims({ iss: 'https://token.actions.githubusercontent.com' }), rsa.privateKey),
      'UNEXPECTED_ISSUER',
      /issued by "https:\/\/token.actions.githubusercontent.com"/,
    ],
    [
      'the wrong audience',
      () => signJws(header(), claims({ aud: 'https://github.com/octo-org' }), rsa.privateKey),
      'UNEXPECTED_AUDIENCE',
      /for the audience "https:\/\/github.com\/octo-org", not "api:\/\/AzureADTokenExchange"/,
    ],
    [
      'a tampered payload',
      () => {
        const [h, , s] = signJws(header(), claims(), rsa.privateKey).split('.');
        return `${h}.${b64url(claims({ environment: 'production', sub: 'repo:evil/repo:ref:refs/heads/main' }))}.${s}`;
      },
      'SIGNATURE_INVALID',
      /signature does not verify/,
    ],
    [
      'a signature from another key',
      () => signJws(header(), claims(), attacker.privateKey),
      'SIGNATURE_INVALID',
      /signature does not verify/,
    ],
  ];

  test.each(attacks)('%s', async (_name, make, code, reason) => {
    const token = make();
    const r = await verify(token);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`code:\\s+${code}\\n`));
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).toContain('Token rejected:');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expectNoTokenBytes(token, r.stdout, r.stderr);
  });

  test("the attacker's jku is never fetched", () => {
    expect(evil.hits).toEqual([]);
  });

  test('beyond the battery: another kind of JWT, a claim that does not match, a required claim missing, a key of the wrong type', async () => {
    const cases: [string, string[], string][] = [
      [signJws(header({ typ: 'at+jwt' }), claims(), rsa.privateKey), [], 'TYP_MISMATCH'],
      [
        signJws(header(), claims({ ref: 'refs/heads/feature/x' }), rsa.privateKey),
        ['--claim', 'ref=refs/heads/*'],
        'CLAIM_MISMATCH',
      ],
      [
        signJws(header(), claims({ environment: undefined }), rsa.privateKey),
        ['--require-claim', 'environment'],
        'CLAIM_MISSING',
      ],
      [signJws(header({ alg: 'ES256', kid: KID }), claims(), ec.privateKey), [], 'KEY_MISMATCH'],
      [signJws(header({ alg: 'RS384' }), claims(), rsa.privateKey), [], 'ALG_NOT_ALLOWED'],
      [
        signJws(header(), claims({ exp: String(Math.floor(Date.now() / 1000) + 300) }), rsa.privateKey),
        [],
        'CLAIM_INVALID',
      ],
      [
        signJws(header(), claims({ iat: Math.floor(Date.now() / 1000) + 3600 }), rsa.privateKey),
        [],
        'TOKEN_ISSUED_IN_FUTURE',
      ],
      ['not-a-jwt', [], 'TOKEN_MALFORMED'],
      [
        signJws(header({ kid: 'evil-1', x5u: `${evil.url}/cert.pem` }), claims(), attacker.privateKey),
        [],
        'X5U_IGNORED',
      ],
      [signJws(header({ x5c: ['MIIBszCCAVmgAwIBAgIU'] }), claims(), attacker.privateKey), [], 'EMBEDDED_X5C_IGNORED'],
      [signJws(header(), claims({ sub: undefined }), rsa.privateKey), [], 'CLAIM_MISSING'],
    ];
    for (const [token, flags, code] of cases) {
      const r = await verify(token, flags);
      expect(r.code, `${code}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`code:\\s+${code}\\n`));
    }
  });

  test("--policy: some rule's claims must match the verified token", async () => {
    const policy = join(dir, 'gate.yaml');
    writeFileSync(
      policy,
      'name: deploy-gate\nrules:\n  - name: prod\n    claims:\n      environment: production\n      ref: refs/heads/main\n    allow: {tenants: "*", clientIds: "*", scopes: "*"}\n',
    );
    const ok = await verify(signJws(header(), claims(), rsa.privateKey), ['--policy', policy]);
    expect(ok.code, ok.stderr).toBe(0);
    const denied = await verify(signJws(header(), claims({ environment: 'staging' }), rsa.privateKey), [
      '--policy',
      policy,
    ]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/code:\s+POLICY_DENIED/);
    expect(denied.stderr).toContain(
      'claim environment must be "production" (closest rule "prod"), but the CI token has "staging"',
    );
  });

  test('the sub that the claim pattern is about is named with its value', async () => {
    const r = await verify(signJws(header(), claims({ ref: 'refs/heads/feature/x' }), rsa.privateKey), [
      '--claim',
      'ref=refs/heads/*',
    ]);
    expect(r.stderr).toContain('ref claim is "refs/heads/feature/x", which does not match "refs/heads/*"');
  });
});

describe('bad usage exits 2 before any request', () => {
  test.each([
    ['no --issuer', ['verify', '--audience', AUD], 'MISSING_ISSUER'],
    ['no --audience', ['verify', '--issuer', 'https://token.actions.githubusercontent.com'], 'MISSING_AUDIENCE'],
    [
      'plain http to a non-loopback issuer',
      ['verify', '--issuer', 'http://example.com', '--audience', AUD],
      'INVALID_ISSUER',
    ],
    [
      'a token on the command line',
      ['verify', '--issuer', 'https://token.actions.githubusercontent.com', '--audience', AUD, '--token', 'x'],
      'SECRET_ON_COMMAND_LINE',
    ],
    [
      'a claim without a pattern',
      ['verify', '--issuer', 'https://token.actions.githubusercontent.com', '--audience', AUD, '--claim', 'ref'],
      'INVALID_CLAIM_PATTERN',
    ],
    [
      'HS256 asked for',
      ['verify', '--issuer', 'https://token.actions.githubusercontent.com', '--audience', AUD, '--algorithm', 'HS256'],
      'INVALID_ALGORITHM',
    ],
    [
      'a clock skew over 300 s',
      ['verify', '--issuer', 'https://token.actions.githubusercontent.com', '--audience', AUD, '--clock-skew', '3600'],
      'INVALID_CLOCK_SKEW',
    ],
    [
      'an unreadable token file',
      [
        'verify',
        '--issuer',
        'https://token.actions.githubusercontent.com',
        '--audience',
        AUD,
        '--id-token-file',
        '/nonexistent/token',
      ],
      'TOKEN_UNAVAILABLE',
    ],
  ])('%s', async (_name, args, code) => {
    const r = await runCli(args, {}, { input: '' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`code:\\s+${code}\\n`));
  });

  test('an empty standard input', async () => {
    const r = await verify('');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/code:\s+TOKEN_UNAVAILABLE/);
  });

  test('the token from a file and from a variable', async () => {
    const token = signJws(header(), claims(), rsa.privateKey);
    const file = join(dir, 'token');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    const fromFile = await runCli(['verify', '--issuer', issuer.url, '--audience', AUD, '--id-token-file', file]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const fromEnv = await runCli(['verify', '--issuer', issuer.url, '--audience', AUD, '--id-token-env', 'CI_TOKEN'], {
      CI_TOKEN: token,
    });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
  });
});

describe('the issuer', () => {
  test('a discovery document naming another issuer is refused', async () => {
    const other = await serve((path) =>
      path === '/.well-known/openid-configuration'
        ? {
            status: 200,
            body: { issuer: 'https://token.actions.githubusercontent.com', jwks_uri: `${issuer.url}/keys` },
          }
        : undefined,
    );
    try {
      const token = signJws(header(), claims({ iss: other.url }), rsa.privateKey);
      const r = await runCli(['verify', '--issuer', other.url, '--audience', AUD], {}, { input: token });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/code:\s+DISCOVERY_ISSUER_MISMATCH/);
      expect(other.hits).toEqual(['/.well-known/openid-configuration']);
    } finally {
      await new Promise((r) => other.server.close(r));
    }
  });

  test('an unreachable issuer is a failure with a reason, not a pass', async () => {
    const r = await runCli(
      ['verify', '--issuer', 'http://127.0.0.1:9/ci', '--audience', AUD, '--timeout', '2'],
      {},
      { input: signJws(header(), claims({ iss: 'http://127.0.0.1:9/ci' }), rsa.privateKey) },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/code:\s+(NETWORK_ERROR|TIMEOUT)/);
  });

  test("the sandbox's CI issuer: its tokens verify, a forged one does not", async () => {
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const sandbox = await startSandbox();
    try {
      const token = sandbox.mintIdToken();
      const ok = await runCli(
        ['verify', '--issuer', sandbox.issuer, '--audience', AUD, '--claim', 'repository=octo-org/octo-repo'],
        {},
        { input: token },
      );
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout).iss).toBe(sandbox.issuer);
      const [h, p] = token.split('.');
      const forged = `${h}.${p}.${cryptoSign('sha256', Buffer.from(`${h}.${p}`), attacker.privateKey).toString('base64url')}`;
      const bad = await runCli(['verify', '--issuer', sandbox.issuer, '--audience', AUD], {}, { input: forged });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/code:\s+SIGNATURE_INVALID/);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the library', () => {
  test('`import { verifyIdToken } from "entra-federate"` resolves to dist/lib and verifies', async () => {
    const good = signJws(header(), claims(), rsa.privateKey);
    const forged = signJws(header({ alg: 'none' }), claims(), undefined);
    const script = `
      import { verifyIdToken, FederationError } from 'entra-federate';
      const options = { issuer: process.env.ISSUER, audience: process.env.AUD };
      const ok = await verifyIdToken(process.env.GOOD, options);
      let code = 'accepted';
      try { await verifyIdToken(process.env.FORGED, options); } catch (err) { code = err instanceof FederationError ? err.code : String(err); }
      console.log(JSON.stringify({ sub: ok.claims.sub, forged: code }));`;
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        env: baseEnv({ ISSUER: issuer.url, AUD, GOOD: good, FORGED: forged }),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      sub: 'repo:octo-org/octo-repo:environment:production',
      forged: 'ALG_NONE',
    });
  });
});
