/**
 * Credentials for CIs without OIDC (Drone, Travis), and which credential wins when several are
 * present. The built CLI runs as a process; the sandbox validates the certificate assertion
 * and the secret as Entra does, and a capturing endpoint shows the assertion's exact shape.
 */
import { generateKeyPairSync, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSelfSignedCertificate, DEFAULT_SUBJECT, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { certificateForKey } from '../../src/sandbox/x509.js';
import { runCli } from './run.js';
import type { ProcessResult } from './run.js';
import { AUDIENCE, DRONE_ENV, GITLAB, LeakCheck, TRAVIS_ENV } from '../helpers/providers.js';

let sandbox: Sandbox;
let dir: string;
const leaks = new LeakCheck();
const cert = createSelfSignedCertificate({ commonName: 'entra-federate-ci' });
const otherCert = createSelfSignedCertificate({ commonName: 'unrelated-ca' });
const SECRET = `Qx8~${randomUUID().replaceAll('-', '')}.sEcReT`;
let clientId: string;
let pemPath: string;

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function tokenRequests(id = clientId) {
  return sandbox.requests.filter((r) => r.target === 'token' && r.form?.['client_id'] === id);
}

async function login(name: string, env: Record<string, string>, args: string[] = []): Promise<ProcessResult> {
  const result = await runCli(
    [
      'login',
      '--json',
      '--client-id',
      clientId,
      '--tenant-id',
      sandbox.tenantId,
      '--authority-host',
      sandbox.authorityHost,
      ...args,
    ],
    env,
  );
  return leaks.record(name, result);
}

function ok(result: ProcessResult): any {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

function githubRunner(): Record<string, string> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ config: { issuers: [{ issuer: GITLAB.issuer }] } });
  dir = mkdtempSync(join(tmpdir(), 'ef-credentials-'));
  clientId = randomUUID();
  // One app that accepts all three credentials, so the summary shows which one was chosen.
  sandbox.addApp({
    clientId,
    federatedCredentials: [{ issuer: sandbox.issuer, subject: DEFAULT_SUBJECT, audiences: [AUDIENCE] }],
    secrets: [SECRET],
    certificates: [cert.certPem],
  });
  pemPath = file('app.pem', `${cert.keyPem}${cert.certPem}`);
  leaks.add(SECRET, sandbox.idTokenRequestToken);
  leaks.addPrivateKey(cert.keyPem);
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('certificate (Drone, Travis)', () => {
  test('Drone: AZURE_CLIENT_CERTIFICATE_PATH signs a PS256 assertion the token service accepts', async () => {
    const before = tokenRequests().length;
    const out = ok(await login('drone-cert', { ...DRONE_ENV, AZURE_CLIENT_CERTIFICATE_PATH: pemPath }));
    expect(out.credential).toBe('certificate');
    expect(out.idToken).toBeUndefined();
    expect(out.ci).toMatchObject({
      provider: 'drone',
      repository: 'octocat/hello-world',
      ref: 'refs/heads/master',
      runId: '22',
      runUrl: DRONE_ENV.DRONE_BUILD_LINK,
    });
    const sent = tokenRequests().slice(before);
    expect(sent.map((r) => r.status)).toEqual([200]);
    expect(sent[0]?.form).toMatchObject({
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: '[redacted]',
    });
    expect(sent[0]?.form?.['client_secret']).toBeUndefined();
  });

  test('Travis: --certificate with --certificate-alg RS256 (x5t) is accepted too', async () => {
    const out = ok(
      await login('travis-cert-rs256', { ...TRAVIS_ENV }, ['--certificate', pemPath, '--certificate-alg', 'RS256']),
    );
    expect(out.credential).toBe('certificate');
    expect(out.ci).toMatchObject({
      provider: 'travis',
      repository: 'acme/deploy-app',
      ref: 'refs/heads/main',
      jobId: '670013',
    });
  });

  test('a PKCS#1 "RSA PRIVATE KEY" with the chain sent as x5c (AZURE_CLIENT_SEND_CERTIFICATE_CHAIN) is accepted', async () => {
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const leaf = certificateForKey(pkcs1, { commonName: 'pkcs1-app' });
    const id = randomUUID();
    sandbox.addApp({ clientId: id, certificates: [leaf.certPem] });
    const keyPem = pkcs1.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    leaks.addPrivateKey(keyPem);
    const path = file('pkcs1.pem', `${otherCert.certPem}${keyPem}${leaf.certPem}`);
    const result = leaks.record(
      'cert-pkcs1-chain',
      await runCli(
        [
          'login',
          '--json',
          '--client-id',
          id,
          '--tenant-id',
          sandbox.tenantId,
          '--authority-host',
          sandbox.authorityHost,
        ],
        { ...DRONE_ENV, AZURE_CLIENT_CERTIFICATE_PATH: path, AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: 'true' },
      ),
    );
    expect(ok(result).credential).toBe('certificate');
  });

  describe('the assertion, as a token endpoint receives it', () => {
    let server: http.Server;
    let origin: string;
    const forms: URLSearchParams[] = [];
    let failFirst = false;

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        let body = '';
        req
          .setEncoding('utf8')
          .on('data', (d: string) => {
            body += d;
          })
          .on('end', () => {
            forms.push(new URLSearchParams(body));
            if (failFirst) {
              failFirst = false;
              res
                .writeHead(503, { 'content-type': 'application/json' })
                .end('{"error":"temporarily_unavailable","error_description":"AADSTS90006: try again"}');
              return;
            }
            res
              .writeHead(401, { 'content-type': 'application/json' })
              .end('{"error":"invalid_client","error_description":"AADSTS700027: captured","error_codes":[700027]}');
          });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const tenant = '11111111-2222-4333-8444-555555555555';
    const decode = (jwt: string) =>
      jwt
        .split('.')
        .slice(0, 2)
        .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, any>) as [
        Record<string, any>,
        Record<string, any>,
      ];

    async function capture(name: string, env: Record<string, string>, args: string[] = []): Promise<URLSearchParams[]> {
      const before = forms.length;
      const result = leaks.record(
        name,
        await runCli(['token', '--client-id', clientId, '--tenant-id', tenant, '--authority-host', origin, ...args], {
          ...TRAVIS_ENV,
          ...env,
        }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('AADSTS700027');
      const sent = forms.slice(before);
      for (const form of sent) leaks.add(form.get('client_assertion') ?? '');
      return sent;
    }

    test('PS256 by default: x5t#S256, aud = token endpoint, iss = sub = client id, fresh jti, nbf now, exp 10 min later', async () => {
      const started = Math.floor(Date.now() / 1000);
      failFirst = true;
      const sent = await capture('assertion-ps256', { AZURE_CLIENT_CERTIFICATE_PATH: pemPath });
      expect(sent).toHaveLength(2); // the 503 was retried with a new assertion
      const [h1, p1] = decode(sent[0]?.get('client_assertion') ?? '');
      const [, p2] = decode(sent[1]?.get('client_assertion') ?? '');
      expect(sent[0]?.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(h1).toEqual({ alg: 'PS256', typ: 'JWT', 'x5t#S256': cert.thumbprintSha256 });
      expect(p1).toMatchObject({ aud: `${origin}/${tenant}/oauth2/v2.0/token`, iss: clientId, sub: clientId });
      expect(p1['jti']).toMatch(/^[0-9a-f-]{36}$/);
      expect(p2['jti']).not.toBe(p1['jti']);
      expect(p1['nbf']).toBeGreaterThanOrEqual(started);
      expect(p1['nbf']).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
      expect(p1['exp'] - p1['nbf']).toBe(600);
    });

    test('RS256 on request: the SHA-1 x5t', async () => {
      const [form] = await capture('assertion-rs256', { AZURE_CLIENT_CERTIFICATE_PATH: pemPath }, [
        '--certificate-alg',
        'rs256',
      ]);
      const [header] = decode(form?.get('client_assertion') ?? '');
      expect(header).toEqual({ alg: 'RS256', typ: 'JWT', x5t: cert.thumbprintSha1 });
    });

    test('x5c holds the chain, leaf first, only when AZURE_CLIENT_SEND_CERTIFICATE_CHAIN is set', async () => {
      const chained = file('chained.pem', `${otherCert.certPem}${cert.keyPem}${cert.certPem}`);
      const [form] = await capture('assertion-x5c', {
        AZURE_CLIENT_CERTIFICATE_PATH: chained,
        AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: '1',
      });
      const [header] = decode(form?.get('client_assertion') ?? '');
      const der = (pem: string) => new X509Certificate(pem).raw.toString('base64');
      expect(header['x5c']).toEqual([der(cert.certPem), der(otherCert.certPem)]);
      const [plain] = await capture('assertion-no-x5c', { AZURE_CLIENT_CERTIFICATE_PATH: chained });
      expect(decode(plain?.get('client_assertion') ?? '')[0]['x5c']).toBeUndefined();
    });
  });

  describe('unsupported or broken files: exit 2 saying what is supported, nothing sent', () => {
    const encrypted = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encryptedPem = encrypted.privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
      .toString();
    const ec = createSelfSignedCertificate({ commonName: 'ec-app', keyType: 'ec' });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const cases: [string, () => string | Buffer, RegExp][] = [
      [
        'an encrypted private key',
        () => `${encryptedPem}${certificateForKey(encrypted, { commonName: 'enc' }).certPem}`,
        /encrypted; password-protected keys are not supported.*openssl pkey/s,
      ],
      [
        'a PKCS#12 / DER file',
        () => new X509Certificate(cert.certPem).raw,
        /not a PEM file \(it looks like PKCS#12.*openssl pkcs12/s,
      ],
      ['a certificate without its key', () => cert.certPem, /holds no private key, only certificates/],
      ['a key without its certificate', () => cert.keyPem, /holds a private key but no certificate/],
      [
        'a key that belongs to none of the certificates',
        () => `${cert.keyPem}${otherCert.certPem}`,
        /does not belong to any certificate/,
      ],
      ['an EC key', () => `${ec.keyPem}${ec.certPem}`, /signed with RSA/],
      [
        'a 1024-bit RSA key',
        () =>
          `${small.privateKey.export({ type: 'pkcs8', format: 'pem' })}${certificateForKey(small, { commonName: 'small' }).certPem}`,
        /1024 bits; at least 2048/,
      ],
    ];
    for (const [what, content, message] of cases) {
      test(what, async () => {
        const path = file(`bad-${randomUUID()}.pem`, content());
        const before = sandbox.requests.length;
        const result = await login(`bad-cert ${what}`, { ...DRONE_ENV, AZURE_CLIENT_CERTIFICATE_PATH: path });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).toContain(path);
        expect(sandbox.requests.length).toBe(before);
      });
    }

    test('a missing file', async () => {
      const result = await login('cert-missing', { ...TRAVIS_ENV }, ['--certificate', join(dir, 'nope.pem')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('does not exist');
    });

    test('an unknown --certificate-alg', async () => {
      const result = await login('cert-alg', { ...TRAVIS_ENV }, [
        '--certificate',
        pemPath,
        '--certificate-alg',
        'ES256',
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('PS256');
    });
  });
});

describe('client secret (AZURE_CLIENT_SECRET, environment only)', () => {
  test('Travis: the secret is accepted and travels only in the form', async () => {
    const before = tokenRequests().length;
    const out = ok(await login('travis-secret', { ...TRAVIS_ENV, AZURE_CLIENT_SECRET: SECRET }));
    expect(out.credential).toBe('secret');
    expect(out.ci.provider).toBe('travis');
    const sent = tokenRequests().slice(before);
    expect(sent[0]?.form).toMatchObject({ client_secret: '[redacted]' });
    expect(sent[0]?.form?.['client_assertion']).toBeUndefined();
  });

  test('a wrong secret gives AADSTS7000215 and is not echoed', async () => {
    const wrong = `Wr0ng~${randomUUID().replaceAll('-', '')}`;
    leaks.add(wrong);
    const result = await login('wrong-secret', { ...DRONE_ENV, AZURE_CLIENT_SECRET: wrong });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AADSTS7000215');
    expect(result.stderr).not.toContain(wrong);
  });

  test('a secret on the command line is refused before anything happens', async () => {
    const before = sandbox.requests.length;
    const result = await login('secret-flag', { ...TRAVIS_ENV }, ['--client-secret', SECRET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AZURE_CLIENT_SECRET');
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('which credential wins', () => {
  test('a CI with a token ready beats AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH', async () => {
    const out = ok(
      await login('prec-ci-over-env', {
        ...githubRunner(),
        AZURE_CLIENT_SECRET: SECRET,
        AZURE_CLIENT_CERTIFICATE_PATH: pemPath,
      }),
    );
    expect(out.credential).toBe('federated');
  });

  test('--certificate beats the CI token', async () => {
    const out = ok(await login('prec-cert-flag', githubRunner(), ['--certificate', pemPath]));
    expect(out.credential).toBe('certificate');
    expect(out.ci.provider).toBe('github');
  });

  test('--id-token-file beats --certificate', async () => {
    const token = sandbox.mintIdToken();
    leaks.add(token);
    const out = ok(
      await login('prec-token-file', {}, ['--id-token-file', file('ci.jwt', token), '--certificate', pemPath]),
    );
    expect(out.credential).toBe('federated');
  });

  test('a detected CI without a token (GitLab without id_tokens) gives way to AZURE_CLIENT_SECRET, keeping its context', async () => {
    const out = ok(await login('prec-gitlab-secret', { ...GITLAB.env, AZURE_CLIENT_SECRET: SECRET }));
    expect(out.credential).toBe('secret');
    expect(out.ci).toMatchObject({ provider: 'gitlab', repository: 'my-group/my-project' });
  });

  test('AZURE_CLIENT_CERTIFICATE_PATH beats AZURE_CLIENT_SECRET, which beats AZURE_FEDERATED_TOKEN_FILE', async () => {
    const token = sandbox.mintIdToken();
    leaks.add(token);
    const tokenFile = file('federated.jwt', token);
    expect(
      ok(
        await login('prec-cert-env', {
          AZURE_CLIENT_CERTIFICATE_PATH: pemPath,
          AZURE_CLIENT_SECRET: SECRET,
          AZURE_FEDERATED_TOKEN_FILE: tokenFile,
        }),
      ).credential,
    ).toBe('certificate');
    expect(
      ok(await login('prec-secret-env', { AZURE_CLIENT_SECRET: SECRET, AZURE_FEDERATED_TOKEN_FILE: tokenFile }))
        .credential,
    ).toBe('secret');
    expect(ok(await login('prec-token-file-env', { AZURE_FEDERATED_TOKEN_FILE: tokenFile })).credential).toBe(
      'federated',
    );
  });

  test('nothing at all: NO_CREDENTIAL, exit 2, no request', async () => {
    const before = sandbox.requests.length;
    const result = await login('nothing', {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NO_CREDENTIAL');
    expect(result.stderr).toContain('AZURE_CLIENT_CERTIFICATE_PATH');
    expect(sandbox.requests.length).toBe(before);
  });
});

test('no token, assertion, private key or secret appeared in any output above', () => {
  expect(leaks.checkAll()).toBeGreaterThanOrEqual(25);
});
