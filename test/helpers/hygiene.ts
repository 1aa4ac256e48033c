/**
 * The secret hygiene battery's tools: the debug switches of every CI, a ledger of every secret
 * a scenario handled, a scanner that reports where one appears (naming the secret, never
 * showing it), a walk over what a scenario left on disk, and a recording tap in front of the
 * sandbox that learns the exact value of every token it hands out. The runner-shaped pieces
 * that are private to other test files (file-command parsing, the orb's and the component's
 * parameter rendering, the Travis job script) are copied here in their minimum form.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { shellQuote } from '../../src/core/text.js';
import { ROOT } from '../e2e/run.js';

/**
 * Every debug switch the CIs we run in document for a step's own output: GitHub's step and
 * runner debug, ours, GitLab's. Drone plugins conventionally take a `debug` setting
 * (PLUGIN_DEBUG); CircleCI and Travis have none. GitLab's CI_DEBUG_TRACE makes the *runner's*
 * shell trace every command (set -x), which prints variables by design of the CI; that is not
 * ours to prevent, so the variable is set (our code sees it) but no shell tracing is turned on.
 */
export const DEBUG_ENV: Record<string, string> = {
  RUNNER_DEBUG: '1',
  ACTIONS_STEP_DEBUG: 'true',
  ACTIONS_RUNNER_DEBUG: 'true',
  ENTRA_FEDERATE_DEBUG: '1',
  CI_DEBUG_TRACE: 'true',
  CI_DEBUG_SERVICES: 'true',
  PLUGIN_DEBUG: 'true',
};

/** Any JWT: access tokens and CI tokens are JWTs in the sandbox (Entra's are too, though opaque to clients). */
export const JWT_SHAPE = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g;

export interface Finding {
  /** Which secret (its label) or which pattern, never the value. */
  what: string;
  /** A token (access or CI token, assertion), or a long-lived credential (secret, private key, request token). */
  kind: SecretKind;
  /** Stream or file, and line. */
  where: string;
}

export type SecretKind = 'token' | 'credential';

/** Every secret the battery knows of, each with a label that says what it is without showing it. */
export class SecretLedger {
  private readonly secrets = new Map<string, { label: string; kind: SecretKind }>();

  add(label: string, value: string | undefined, kind: SecretKind = 'credential'): void {
    if (value === undefined || value.length < 8) return;
    if (!this.secrets.has(value)) this.secrets.set(value, { label, kind });
    // As it travels in a form body or a URL (URLSearchParams encodes even "~"), it is the same secret.
    for (const encoded of [new URLSearchParams({ v: value }).toString().slice(2), encodeURIComponent(value)]) {
      if (encoded !== value && !this.secrets.has(encoded))
        this.secrets.set(encoded, { label: `${label} (URL-encoded)`, kind });
    }
  }

  /** A JWT whole, and its payload and signature alone (a token cut into pieces is still a leak). */
  addJwt(label: string, token: string | undefined): void {
    if (token === undefined || token === '') return;
    this.add(label, token, 'token');
    const [, payload, signature] = token.split('.');
    if (payload !== undefined && payload.length >= 16) this.add(`${label} (payload segment)`, payload, 'token');
    if (signature !== undefined && signature.length >= 16) this.add(`${label} (signature segment)`, signature, 'token');
  }

  /** A PEM private key: every line of its base64 body. */
  addPrivateKey(label: string, pem: string): void {
    const lines = pem
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));
    for (const [i, line] of lines.entries()) this.add(`${label} (base64 line ${i + 1})`, line);
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Where any known secret, any JWT, or "PRIVATE KEY" appears in `text`. */
  scan(where: string, text: string): Finding[] {
    const findings: Finding[] = [];
    const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
    for (const m of text.matchAll(JWT_SHAPE)) {
      findings.push({ what: this.describeJwt(m[0]), kind: 'token', where: `${where}, line ${lineOf(m.index ?? 0)}` });
    }
    for (const m of text.matchAll(/PRIVATE KEY/g))
      findings.push({ what: '"PRIVATE KEY"', kind: 'credential', where: `${where}, line ${lineOf(m.index ?? 0)}` });
    for (const [value, { label, kind }] of this.secrets) {
      const at = text.indexOf(value);
      if (at >= 0) findings.push({ what: label, kind, where: `${where}, line ${lineOf(at)}` });
    }
    // One finding per (secret, place) is enough to act on.
    const seen = new Set<string>();
    return findings.filter((f) => {
      const key = `${f.what}|${f.where}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Names a JWT-shaped match: a known secret, a cut-off piece of one, or an unknown JWT. */
  private describeJwt(match: string): string {
    const exact = this.secrets.get(match);
    if (exact !== undefined) return exact.label;
    // A cut-off token ends in its last whole segment's dot (then "..." or a quote).
    const piece = match.replace(/\.+$/, '');
    for (const [value, { label }] of this.secrets) {
      if (!value.includes(piece)) continue;
      const signature = value.split('.')[2] ?? '';
      const part =
        signature !== '' && piece.includes(signature) ? 'with its signature' : 'cut off before its signature';
      return `${piece.length} of ${value.length} chars of ${label}, ${part}`;
    }
    return `a JWT-shaped string (${match.length} chars)`;
  }

  /** `text` fit to print in a failure message: every known secret and JWT replaced by its label. */
  redact(text: string): string {
    let out = text.replace(JWT_SHAPE, (m) => `[${this.describeJwt(m)}]`);
    for (const [value, { label }] of this.secrets) out = out.split(value).join(`[${label}]`);
    return out.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[private key]');
  }

  /** Exact secrets only (for places other tests share, where their own JWTs may lie). */
  scanExact(where: string, text: string): Finding[] {
    const findings: Finding[] = [];
    for (const [value, { label, kind }] of this.secrets)
      if (text.includes(value)) findings.push({ what: label, kind, where });
    return findings;
  }
}

/** Every regular file under `dir` (symlinks reported as files, not followed). */
export function walkFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return walkFiles(path);
    return [path];
  });
}

/** A file's bytes as text (latin1 keeps every byte), or '' when it vanished or is not a file. */
export function readForScan(path: string, limit = 4 * 1024 * 1024): string {
  try {
    const st = lstatSync(path);
    if (!st.isFile() || st.size > limit) return '';
    return readFileSync(path, 'latin1');
  } catch {
    return '';
  }
}

export function modeOf(path: string): number | undefined {
  try {
    return lstatSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
}

/**
 * A recording forwarder in front of the sandbox: processes talk to it as they would to the
 * sandbox, and it keeps every token value it passes back (`access_token` from Entra, `value`
 * from the GitHub ID-token endpoint and from the mint endpoint), so a scan knows the exact bytes
 * of tokens that were never printed. Certificate assertions are bound to the sandbox's own
 * origin (their `aud`), so certificate scenarios talk to the sandbox directly.
 */
export interface Tap {
  origin: string;
  tokens: { label: string; value: string }[];
  close(): Promise<void>;
}

export async function startTap(targetOrigin: string): Promise<Tap> {
  const target = new URL(targetOrigin);
  const tokens: Tap['tokens'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = { ...req.headers, host: target.host };
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const bytes = Buffer.concat(body);
            try {
              const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
              for (const key of ['access_token', 'value', 'id_token', 'refresh_token']) {
                const v = json[key];
                if (typeof v === 'string' && v !== '')
                  tokens.push({ label: `${key} issued for ${(req.url ?? '').split('?')[0]}`, value: v });
              }
            } catch {
              // not JSON: nothing to learn
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(bytes);
          });
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, tokens, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A peer that reflects what it was sent into its error, as some gateways, WAFs and non-Entra
 * token services do: the token endpoint's `error_description` (JSON) or a text/plain body
 * carries the request's form, a GET's error carries its Authorization header (the GitHub
 * ID-token endpoint's shape under /idtoken, Microsoft Graph's otherwise). What a client sent
 * is in `forms` and `bearers`, so a scan knows the exact assertions and secrets.
 */
export interface Reflector {
  origin: string;
  /** The tenant whose token endpoint answers text/plain; any other tenant gets JSON. */
  textTenant: string;
  forms: URLSearchParams[];
  bearers: string[];
  close(): Promise<void>;
}

export async function startReflector(): Promise<Reflector> {
  const textTenant = '0e7e7e7e-7e7e-47e7-8e7e-7e7e7e7e7e7e';
  const forms: URLSearchParams[] = [];
  const bearers: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (d: string) => {
        body += d;
      })
      .on('end', () => {
        const auth = req.headers.authorization ?? '';
        if (auth !== '') bearers.push(auth.replace(/^Bearer /, ''));
        if (req.method === 'POST') {
          forms.push(new URLSearchParams(body));
          if ((req.url ?? '').startsWith(`/${textTenant}/`)) {
            res.writeHead(400, { 'content-type': 'text/plain' }).end(`Bad request: ${body}`);
            return;
          }
          res.writeHead(400, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              error: 'invalid_request',
              error_description: `AADSTS900144: The request could not be processed. Received: ${body}\r\nTrace ID: 3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c\r\nCorrelation ID: 9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\r\nTimestamp: 2026-01-01 00:00:00Z`,
              error_codes: [900144],
              trace_id: '3f0c5a52-7a0e-4a4e-9d7b-2c1e0f9a8b7c',
              correlation_id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
            }),
          );
          return;
        }
        if ((req.url ?? '').includes('/idtoken')) {
          res
            .writeHead(403, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: `Forbidden for ${auth}` }));
          return;
        }
        res.writeHead(401, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: { code: 'InvalidAuthenticationToken', message: `Access token validation failure: ${auth}` },
          }),
        );
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    textTenant,
    forms,
    bearers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- GitHub Actions runner (copied in minimum from test/e2e/action.test.ts) ----

/** What the runner passes for an input nobody set: action.yml's default. */
export function actionDefaults(): Record<string, string> {
  const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs))
    if (spec.default !== undefined) out[`INPUT_${name.toUpperCase()}`] = String(spec.default);
  return out;
}

/** A file-command file as the runner reads it: `key=value` or `key<<DELIM ... DELIM`. */
export function parseFileCommands(text: string): [string, string][] {
  const lines = text.split(/\r?\n/);
  const out: [string, string][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, key = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      out.push([key, value.join('\n')]);
    } else {
      const eq = line.indexOf('=');
      out.push([eq < 1 ? line : line.slice(0, eq), eq < 1 ? '' : line.slice(eq + 1)]);
    }
  }
  return out;
}

// ---- CircleCI orb (minimum of test/e2e/orb.test.ts) ----

interface OrbCommand {
  parameters: Record<string, { default?: unknown }>;
  steps: { run: { command: string; environment: Record<string, string> } }[];
}

/** The orb as `circleci orb pack` assembles it (orbs/pack.mjs). */
export function packOrb(): { commands: Record<string, OrbCommand> } {
  const packed = spawnSync(process.execPath, [join(ROOT, 'orbs/pack.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`orb pack failed:\n${packed.stderr}`);
  return parseYaml(packed.stdout) as { commands: Record<string, OrbCommand> };
}

/** CircleCI's parameter substitution for a command's run step: given values, else defaults. */
export function renderOrbStep(
  orb: { commands: Record<string, OrbCommand> },
  command: string,
  given: Record<string, string>,
): { command: string; environment: Record<string, string> } {
  const spec = orb.commands[command];
  const step = spec?.steps[0]?.run;
  if (spec === undefined || step === undefined) throw new Error(`no run step in ${command}`);
  const value = (name: string): string => given[name] ?? String(spec.parameters[name]?.default ?? '');
  const environment = Object.fromEntries(
    Object.entries(step.environment).map(([k, v]) => [
      k,
      String(v).replace(/<<\s*parameters\.([a-z_]+)\s*>>/g, (_m, n: string) => value(n)),
    ]),
  );
  return { command: step.command, environment };
}

// ---- GitLab component (minimum of test/e2e/gitlab-component.test.ts) ----

export interface GitlabJob {
  id_tokens: Record<string, { aud: string }>;
  variables: Record<string, string>;
  before_script: string[];
}

/** GitLab's interpolation of templates/login.yml's inputs; returns the hidden job. */
export function gitlabJob(given: Record<string, string>): GitlabJob {
  const text = readFileSync(join(ROOT, 'templates/login.yml'), 'utf8');
  const spec = parseAllDocuments(text)[0]?.toJS() as { spec: { inputs: Record<string, { default?: string }> } };
  const body = text.slice(text.indexOf('\n---\n') + 5);
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(spec.spec.inputs)) {
    const v = given[name] ?? input.default;
    if (v === undefined) throw new Error(`input ${name} is required`);
    values[name] = v;
  }
  const rendered = body.replace(/\$\[\[\s*inputs\.([a-z_]+)\s*\]\]/g, (_m, name: string) => values[name] ?? '');
  const doc = parseAllDocuments(rendered)[0]?.toJS() as Record<string, GitlabJob> | undefined;
  const job = doc?.['.entra-federate'];
  if (job === undefined) throw new Error('no .entra-federate job');
  return job;
}

// ---- Travis example (minimum of test/e2e/travis.test.ts) ----

export interface TravisYml {
  env: { global: string[] };
  before_install: string[];
  install: string[];
  before_script: string[];
  script: string[];
  after_script: string[];
}

export function travisExample(): { yml: TravisYml; encryptedId: string } {
  const yml = parseYaml(readFileSync(join(ROOT, 'examples/travis/.travis.yml'), 'utf8')) as TravisYml;
  const encryptedId = /\$encrypted_([0-9a-f]+)_key/.exec(yml.before_install.join('\n'))?.[1] ?? '';
  return { yml, encryptedId };
}

/** What `travis encrypt-file` does: AES-256-CBC under a random key and iv (hex). */
export function travisEncryptFile(plain: string, out: string, scratch: string): { key: string; iv: string } {
  const key = randomBytes(32).toString('hex');
  const iv = randomBytes(16).toString('hex');
  const input = join(scratch, `plain-${randomBytes(4).toString('hex')}.pem`);
  writeFileSync(input, plain, { mode: 0o600 });
  const res = spawnSync('openssl', ['aes-256-cbc', '-K', key, '-iv', iv, '-in', input, '-out', out], {
    encoding: 'utf8',
  });
  rmSync(input);
  if (res.status !== 0) throw new Error(`openssl failed: ${res.stderr}`);
  return { key, iv };
}

/**
 * The job script Travis compiles: `$ cmd` echoed (the command's text, not its expansion), a
 * failing command in before_install/install/before_script errors the build, script's result
 * is the build's, after_script always runs. `skipInstall`: the install phase only fetches the
 * CLI package (the job then uses this repository's dist/, set through ENTRA_FEDERATE_CLI).
 */
export function travisBuildScript(yml: TravisYml, opts: { replace: [string, string][]; skipInstall: boolean }): string {
  const lines = [
    'travis_cmd() { echo "\\$ $1"; eval "$1"; }',
    'travis_assert() { local rc=$?; if [ $rc -ne 0 ]; then echo "The command \\"$1\\" failed and exited with $rc during $2."; exit $rc; fi; }',
    ...yml.env.global.map((line) => `export ${line}`),
  ];
  const phases = opts.skipInstall
    ? (['before_install', 'before_script'] as const)
    : (['before_install', 'install', 'before_script'] as const);
  for (const phase of phases)
    for (const cmd of yml[phase])
      lines.push(`travis_cmd ${shellQuote(cmd)}`, `travis_assert ${shellQuote(cmd)} ${phase}`);
  lines.push('TRAVIS_TEST_RESULT=0');
  for (const cmd of yml.script) lines.push(`travis_cmd ${shellQuote(cmd)} || TRAVIS_TEST_RESULT=1`);
  for (const cmd of yml.after_script) lines.push(`travis_cmd ${shellQuote(cmd)}`);
  lines.push('exit $TRAVIS_TEST_RESULT');
  let script = `${lines.join('\n')}\n`;
  for (const [from, to] of opts.replace) {
    if (!script.includes(from)) throw new Error(`the Travis example no longer has ${JSON.stringify(from)}`);
    script = script.replace(from, to);
  }
  return script;
}

/** A `curl` that checks the bearer token's audience against the URL's host and prints no token. */
export function fakeCurl(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'curl'),
    `#!${process.execPath}
const args = process.argv.slice(2);
const header = args[args.indexOf('-H') + 1] ?? '';
const url = new URL(args.find((a) => /^https:/.test(a)));
const token = /^Authorization: Bearer (\\S+)$/.exec(header)?.[1];
if (!token) { console.error('curl: (22) 401 Unauthorized'); process.exit(22); }
const aud = JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).aud;
if (aud !== 'https://' + url.hostname) { console.error('curl: (22) 401 InvalidAudience'); process.exit(22); }
console.error('curl: GET ' + url.pathname + ' with a token for ' + aud);
`,
  );
  chmodSync(join(dir, 'curl'), 0o755);
  return dir;
}
