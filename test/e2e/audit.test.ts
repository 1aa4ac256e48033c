/**
 * The audit trail end to end: `login --audit-log` and `token --audit-log` as processes against
 * the sandbox. Every line must validate against schema/audit-record.schema.json (checked by a
 * small validator for the keywords that schema uses, which refuses any other keyword so the
 * schema cannot silently outgrow it), hold no token bytes, and land in a 0600 file.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditMarkdownRow } from '../../src/audit/markdown.js';
import type { AuditRecord } from '../../src/audit/record.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { ROOT, runCli } from './run.js';

type Schema = Record<string, unknown>;
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema', 'audit-record.schema.json'), 'utf8')) as Schema;
const KEYWORDS = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  '$defs',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minLength',
  'pattern',
  '$ref',
  'if',
  'then',
  'else',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Returns the list of violations ("path: why"); empty means valid. */
function validate(value: unknown, schema: Schema, path = '$', root: Schema = schema): string[] {
  for (const key of Object.keys(schema))
    if (!KEYWORDS.has(key)) throw new Error(`schema keyword ${key} at ${path} is not supported by this validator`);
  if (typeof schema['$ref'] === 'string') {
    const target = (schema['$ref'] as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (node as Schema)[part], root);
    return validate(value, target as Schema, path, root);
  }
  const errors: string[] = [];
  const type = schema['type'];
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number')))
      return [`${path}: is ${actual}, not ${types.join('|')}`];
  }
  if ('const' in schema && value !== schema['const']) errors.push(`${path}: is not ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength'])
      errors.push(`${path}: shorter than ${schema['minLength']}`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value))
      errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema['pattern']}`);
  }
  if (Array.isArray(value) && schema['items'] !== undefined)
    for (const [i, item] of value.entries())
      errors.push(...validate(item, schema['items'] as Schema, `${path}[${i}]`, root));
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const name of (schema['required'] as string[] | undefined) ?? [])
      if (!(name in obj)) errors.push(`${path}: missing ${name}`);
    const props = (schema['properties'] as Record<string, Schema> | undefined) ?? {};
    for (const [name, item] of Object.entries(obj)) {
      if (props[name] !== undefined) errors.push(...validate(item, props[name], `${path}.${name}`, root));
      else if (schema['additionalProperties'] === false) errors.push(`${path}: unexpected property ${name}`);
      else if (typeof schema['additionalProperties'] === 'object')
        errors.push(...validate(item, schema['additionalProperties'] as Schema, `${path}.${name}`, root));
    }
  }
  if (schema['if'] !== undefined) {
    const branch = validate(value, schema['if'] as Schema, path, root).length === 0 ? schema['then'] : schema['else'];
    if (branch !== undefined) errors.push(...validate(value, branch as Schema, path, root));
  }
  return errors;
}

function readLines(path: string): AuditRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AuditRecord);
}

/** No JWT-shaped string, no long base64url run: nothing that could be a token or part of one. */
function expectNoTokenShapes(text: string): void {
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
  expect(text).not.toMatch(/[A-Za-z0-9_-]{100,}/);
}

function expectNoTokenBytes(text: string, token: string): void {
  expect(text).not.toContain(token);
  for (const part of token.split('.')) {
    // Any 24-character window of any part of the token.
    for (let i = 0; i + 24 <= part.length; i += 12) expect(text).not.toContain(part.slice(i, i + 24));
  }
}

const ARM = 'https://management.azure.com/.default';
const VAULT = 'https://vault.azure.net/.default';
const STORAGE = 'https://storage.azure.com/.default';
const OTHER_CLIENT = '0c0ffee0-0000-4000-8000-000000000abc';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  // An app whose only FIC is for the production environment: a main-branch token is refused.
  sandbox.addApp({
    clientId: OTHER_CLIENT,
    federatedCredentials: [
      {
        issuer: sandbox.issuer,
        subject: 'repo:octo-org/octo-repo:environment:production',
        audiences: ['api://AzureADTokenExchange'],
      },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'ef-audit-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function githubEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '9876543210',
    GITHUB_SERVER_URL: 'https://github.com',
    ...extra,
  };
}

const base = () => ['--authority-host', sandbox.authorityHost, '--tenant-id', sandbox.tenantId];

describe('the audit schema validator', () => {
  test('is not vacuous: it refuses records that break the schema', () => {
    const good: Record<string, unknown> = {
      version: 1,
      time: '2025-01-01T00:00:00Z',
      outcome: 'ok',
      provider: 'github',
      tenantId: 't',
      clientId: 'c',
      scope: ARM,
      expiresOn: '2025-01-01T01:00:00Z',
      accessToken: { fingerprint: 'sha256:0123456789abcdef' },
      correlationId: 'x',
    };
    expect(validate(good, SCHEMA)).toEqual([]);
    expect(validate({ ...good, accessToken: { fingerprint: 'sha256:0123' } }, SCHEMA).join()).toMatch(/fingerprint/);
    expect(validate({ ...good, token: 'eyJ...' }, SCHEMA).join()).toMatch(/unexpected property token/);
    expect(validate({ ...good, outcome: 'maybe' }, SCHEMA).join()).toMatch(/not one of/);
    const { scope: _dropped, ...noScope } = good;
    expect(validate(noScope, SCHEMA).join()).toMatch(/missing scope/);
    expect(validate({ ...good, outcome: 'denied' }, SCHEMA).join()).toMatch(/missing requestedScopes/);
    expect(validate({ ...good, time: 'yesterday' }, SCHEMA).join()).toMatch(/time/);
  });
});

describe('login --audit-log', () => {
  test('a multi-scope login writes one valid line per token, 0600, with no token bytes', async () => {
    const log = join(dir, 'multi.jsonl');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const r = await runCli(
      [
        'login',
        ...base(),
        '--client-id',
        sandbox.clientId,
        '--scope',
        ARM,
        '--scope',
        VAULT,
        '--scope',
        STORAGE,
        '--audit-log',
        log,
        '--json',
      ],
      githubEnv({ GITHUB_STEP_SUMMARY: summary }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(log).mode & 0o777).toBe(0o600);
    const text = readFileSync(log, 'utf8');
    const lines = readLines(log);
    expect(lines.map((l) => l.scope)).toEqual([ARM, VAULT, STORAGE]);
    for (const line of lines) expect(validate(line, SCHEMA), JSON.stringify(line)).toEqual([]);
    const first = lines[0] as AuditRecord;
    expect(first).toMatchObject({
      outcome: 'ok',
      provider: 'github',
      tenantId: sandbox.tenantId,
      clientId: sandbox.clientId,
      ciToken: {
        iss: sandbox.issuer,
        sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        aud: 'api://AzureADTokenExchange',
      },
      context: {
        repository: 'octo-org/octo-repo',
        ref: 'refs/heads/main',
        runId: '9876543210',
        runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/9876543210',
      },
      accessToken: { appid: sandbox.clientId, tid: sandbox.tenantId },
    });
    // Each token is its own line: distinct uti and fingerprint, one correlation id for the login.
    expect(new Set(lines.map((l) => l.accessToken?.uti)).size).toBe(3);
    expect(new Set(lines.map((l) => l.accessToken?.fingerprint)).size).toBe(3);
    expect(new Set(lines.map((l) => l.correlationId))).toEqual(new Set([JSON.parse(r.stdout).correlationId]));
    expectNoTokenShapes(text);
    const md = readFileSync(summary, 'utf8');
    expect(md.match(/^\| 20/gm)).toHaveLength(3);
    // Markdown-escaped: a uti may hold `_`, which the row writes as `\_`.
    for (const line of lines) expect(md).toContain((line.accessToken?.uti ?? 'missing').replace(/_/g, '\\_'));
    expectNoTokenShapes(md);
  });

  test("`token`: the line fingerprints the printed token and holds none of its bytes, nor the CI token's", async () => {
    const log = join(dir, 'token.jsonl');
    const ciToken = sandbox.mintIdToken();
    const tokenFile = join(dir, 'ci-token');
    writeFileSync(tokenFile, ciToken, { mode: 0o600 });
    const r = await runCli([
      'token',
      ...base(),
      '--client-id',
      sandbox.clientId,
      '--scope',
      VAULT,
      '--id-token-file',
      tokenFile,
      '--audit-log',
      log,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const accessToken = r.stdout.trim();
    const [line] = readLines(log);
    expect(validate(line, SCHEMA)).toEqual([]);
    expect(line?.provider).toBe('file');
    expect(line?.accessToken?.fingerprint).toBe(
      `sha256:${createHash('sha256').update(accessToken).digest('hex').slice(0, 16)}`,
    );
    const text = readFileSync(log, 'utf8');
    expectNoTokenBytes(text, accessToken);
    expectNoTokenBytes(text, ciToken);
    expectNoTokenBytes(r.stderr, ciToken);
  });

  test('an Entra refusal is a denied line with the AADSTS code, trace id and correlation id', async () => {
    const log = join(dir, 'denied.jsonl');
    const r = await runCli(
      ['login', ...base(), '--client-id', OTHER_CLIENT, '--scope', ARM, '--scope', VAULT, '--audit-log', log],
      githubEnv(),
    );
    expect(r.code).toBe(1);
    const lines = readLines(log);
    expect(lines).toHaveLength(1);
    const line = lines[0] as AuditRecord;
    expect(validate(line, SCHEMA)).toEqual([]);
    expect(line).toMatchObject({ outcome: 'denied', clientId: OTHER_CLIENT, requestedScopes: [ARM, VAULT] });
    // No FIC matches this subject: Entra's 70021 (or 700213 when only the subject differs).
    expect([70021, 700213]).toContain(line.error?.aadsts);
    expect(line.error?.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(line.error?.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.error?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.ciToken?.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main');
    expectNoTokenShapes(readFileSync(log, 'utf8'));
  });

  test('a policy denial is a denied line naming the rule set, claim and value', async () => {
    const log = join(dir, 'policy.jsonl');
    const policy = join(dir, 'policy.json');
    writeFileSync(
      policy,
      JSON.stringify({
        name: 'prod-only',
        rules: [
          { name: 'prod', claims: { ref: 'refs/heads/prod' }, allow: { tenants: '*', clientIds: '*', scopes: '*' } },
        ],
      }),
    );
    const before = sandbox.requests.filter((q) => q.target === 'token').length;
    const r = await runCli(
      ['login', ...base(), '--client-id', sandbox.clientId, '--policy', policy, '--audit-log', log],
      githubEnv(),
    );
    expect(r.code).toBe(1);
    expect(sandbox.requests.filter((q) => q.target === 'token')).toHaveLength(before);
    const [line] = readLines(log);
    expect(validate(line, SCHEMA)).toEqual([]);
    expect(line).toMatchObject({
      outcome: 'denied',
      policy: { ruleSet: 'prod-only', rule: 'prod', field: 'claim', claim: 'ref', value: 'refs/heads/main' },
      error: { code: 'POLICY_DENIED' },
    });
  });

  test('concurrent logins appending to one file never interleave', async () => {
    const log = join(dir, 'shared.jsonl');
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        runCli(
          ['login', ...base(), '--client-id', sandbox.clientId, '--scope', ARM, '--scope', VAULT, '--audit-log', log],
          githubEnv(),
        ),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const lines = readLines(log); // JSON.parse of every line: a torn line would throw
    expect(lines).toHaveLength(12);
    for (const line of lines) expect(validate(line, SCHEMA)).toEqual([]);
  });

  test('a symlink or a missing directory is refused before any request, exit 2', async () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'unchanged\n');
    const link = join(dir, 'link.jsonl');
    symlinkSync(target, link);
    const before = sandbox.requests.length;
    const r = await runCli(['login', ...base(), '--client-id', sandbox.clientId, '--audit-log', link], githubEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/code:\s+AUDIT_LOG_UNWRITABLE/);
    expect(r.stderr).toContain('symbolic link');
    expect(readFileSync(target, 'utf8')).toBe('unchanged\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const missing = await runCli(
      ['login', ...base(), '--client-id', sandbox.clientId, '--audit-log', join(dir, 'no', 'such', 'dir.jsonl')],
      githubEnv(),
    );
    expect(missing.code).toBe(2);
    // The CI token is fetched by neither: the file is opened before anything is sent.
    expect(sandbox.requests.slice(before)).toEqual([]);
  });
});

describe('the step summary row', () => {
  test('escapes what a branch name could smuggle into Markdown', () => {
    const row = auditMarkdownRow({
      version: 1,
      time: '2025-01-01T00:00:00Z',
      outcome: 'denied',
      provider: 'github',
      tenantId: 't',
      clientId: 'c',
      requestedScopes: [ARM],
      ciToken: { sub: 'repo:o/r:ref:refs/heads/x|<img src=x onerror=alert(1)>\n| injected |' },
      error: { code: 'POLICY_DENIED', message: 'm' },
    });
    expect(row.split('\n')).toHaveLength(2);
    expect(row).not.toContain('<img');
    expect(row).toContain('&lt;img');
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(10);
  });
});
