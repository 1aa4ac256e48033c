/**
 * The CIs the docs' examples run in, for test/e2e/docs-examples.test.ts: one sandbox and working
 * directory per page (a "world"), each CI's job environment with its OIDC token where that CI
 * puts it, and a small runner per CI that does with a YAML example what the CI does with it
 * (steps in order, each in the shell the CI uses, variables passed the CI's way). The products
 * under test run as themselves: the built CLI, the Action's main and post, the Drone plugin,
 * the orb's login command and the GitLab component from their sources in this repository.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { createSelfSignedCertificate, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { ProcessResult } from '../e2e/run.js';
import { PACKAGE_VERSION, localPackage } from './packages.js';
import type { ReleaseServer } from './release.js';
import { pinned, pinsOf, serveRelease } from './release.js';
import { CLI, ROOT, runProcess } from '../e2e/run.js';
import {
  AUDIENCE,
  AZURE_PIPELINES,
  BITBUCKET,
  BUILDKITE,
  CIRCLECI,
  CIRCLE_ORG,
  DRONE_ENV,
  GITLAB,
  HARNESS,
  JENKINS,
  TRAVIS_ENV,
  ciClaims,
} from './providers.js';

/** The ids the docs use; each page's sandbox is configured with them, so they need no substitution. */
export const DOC = {
  tenantId: '00000000-0000-0000-0000-000000000000',
  tenantDomain: 'contoso.onmicrosoft.com',
  clientId: '11111111-1111-1111-1111-111111111111',
  subscriptionId: '22222222-2222-2222-2222-222222222222',
};
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const GITHUB_REPO = 'octo-org/octo-repo';
/** The Travis secure-variable id the docs' `openssl aes-256-cbc` line names. */
const TRAVIS_ENCRYPTED_ID = '3f1c5a7e9b2d';
const DOCS_BIN = join(ROOT, 'test', 'fixtures', 'docs-bin');
const ACTION_MAIN = join(ROOT, 'dist', 'action', 'index.js');
const ACTION_POST = join(ROOT, 'dist', 'action', 'post.js');
const DRONE_PLUGIN = join(ROOT, 'dist', 'drone', 'index.js');

/** The variables each CI gives: what the docs' repository variables, secrets and contexts hold. */
const GITHUB_VARS = {
  AZURE_CLIENT_ID: DOC.clientId,
  AZURE_TENANT_ID: DOC.tenantId,
  AZURE_SUBSCRIPTION_ID: DOC.subscriptionId,
};
const CIRCLECI_CONTEXTS: Record<string, Record<string, string>> = {
  azure: { AZURE_CLIENT_ID: DOC.clientId, AZURE_TENANT_ID: DOC.tenantId },
};

interface Fic {
  issuer: string;
  subject: string;
  audience?: string;
}

function githubSubject(environment?: string): string {
  return environment === undefined
    ? `repo:${GITHUB_REPO}:ref:refs/heads/main`
    : `repo:${GITHUB_REPO}:environment:${environment}`;
}

/** What `<!-- examples-setup: ... -->` names: the README's set-up for one CI, done before the page runs. */
export const SETUP: Record<string, { fic?: Fic; certificate?: true; travis?: true }> = {
  github: { fic: { issuer: GITHUB_ISSUER, subject: githubSubject() } },
  'github-production': { fic: { issuer: GITHUB_ISSUER, subject: githubSubject('production') } },
  gitlab: { fic: { issuer: GITLAB.issuer, subject: GITLAB.subject } },
  circleci: { fic: { issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2 } },
  harness: { fic: { issuer: HARNESS.issuer, subject: HARNESS.subject } },
  buildkite: { fic: { issuer: BUILDKITE.issuer, subject: BUILDKITE.subject } },
  bitbucket: { fic: { issuer: BITBUCKET.issuer, subject: BITBUCKET.subject } },
  'azure-pipelines': { fic: { issuer: AZURE_PIPELINES.issuer, subject: AZURE_PIPELINES.subject } },
  jenkins: { fic: { issuer: JENKINS.issuer, subject: JENKINS.subject } },
  drone: { certificate: true },
  travis: { certificate: true, travis: true },
};

export interface World {
  sandbox: Sandbox;
  /** The page's working directory: every example runs here, and files it writes stay for the next. */
  dir: string;
  home: string;
  tmp: string;
  toolLog: string;
  azState: string;
  /** The CI secrets the examples name (Drone `from_secret`, Travis secure variables). */
  secrets: Record<string, string>;
  /** Every token and key this world minted, for the leak check. */
  minted: string[];
  githubIdTokens: IdTokenServer;
  ado: { url: string; close(): Promise<void> };
  /**
   * This tree's release files (install.sh pinned to the npm package of this tree, and the
   * package) on a loopback host: ENTRA_FEDERATE_DOWNLOAD_BASE in every job, the mirror the docs
   * name for fetching the installer and what it installs.
   */
  release: ReleaseServer;
  close(): Promise<void>;
}

let releaseBytes: Record<string, Buffer> | undefined;

/** One npm pack for every page of a test file, held in memory (each world removes its own files). */
function releaseFiles(): Record<string, Buffer> {
  if (releaseBytes !== undefined) return releaseBytes;
  const dir = mkdtempSync(join(tmpdir(), 'ef-docs-release-'));
  try {
    const name = `entra-federate-${PACKAGE_VERSION}.tgz`;
    const tgz = localPackage(dir);
    const installer = pinned(
      readFileSync(join(ROOT, 'scripts/install.sh'), 'utf8'),
      PACKAGE_VERSION,
      pinsOf({ [name]: tgz }),
    );
    releaseBytes = { [name]: readFileSync(tgz), 'install.sh': Buffer.from(installer) };
    return releaseBytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The GitHub runner's ID-token endpoint: each job gets a request token that mints its claims. */
interface IdTokenServer {
  url: string;
  register(claims: Record<string, unknown>): string;
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function githubIdTokenServer(sandbox: Sandbox, minted: string[]): Promise<IdTokenServer> {
  const jobs = new Map<string, Record<string, unknown>>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const claims = jobs.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (claims === undefined) return reply(res, 401, { message: 'Bad credentials' });
    const audience = url.searchParams.get('audience') ?? `https://github.com/${GITHUB_REPO.split('/')[0]}`;
    const value = sandbox.mintIdToken({ issuer: GITHUB_ISSUER, audience, claims });
    minted.push(value);
    return reply(res, 200, { value });
  });
  const base = await listen(server);
  return {
    url: `${base}/_apis/distributedtask/idtoken?api-version=2.0`,
    register(claims) {
      const token = randomBytes(24).toString('base64url');
      jobs.set(token, claims);
      return token;
    },
    close: () => closeServer(server),
  };
}

/** Azure DevOps' OIDC endpoint as AzurePipelinesCredential calls it, for the service connection. */
async function adoServer(sandbox: Sandbox, minted: string[]): Promise<World['ado']> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'POST' || !url.pathname.endsWith('/oidctoken')) return reply(res, 404, { message: 'not found' });
    if (req.headers.authorization !== `Bearer ${AZURE_PIPELINES.env.SYSTEM_ACCESSTOKEN}`)
      return reply(res, 401, { message: 'TF400813: The user is not authorized to access this resource.' });
    if (url.searchParams.get('serviceConnectionId') !== AZURE_PIPELINES.connectionId)
      return reply(res, 404, { message: 'Service connection not found.' });
    const oidcToken = sandbox.mintIdToken({
      issuer: AZURE_PIPELINES.issuer,
      audience: AUDIENCE,
      claims: ciClaims({ ...AZURE_PIPELINES.claims, sub: AZURE_PIPELINES.subject }),
    });
    minted.push(oidcToken);
    return reply(res, 200, { oidcToken });
  });
  const base = await listen(server);
  return {
    url: `${base}/my-org/${AZURE_PIPELINES.env.SYSTEM_TEAMPROJECTID}/_apis/distributedtask/hubs/build/plans/7f3c1e2d-0b9a-4c8d-8e7f-6a5b4c3d2e1f/jobs/${AZURE_PIPELINES.env.SYSTEM_JOBID}/oidctoken`,
    close: () => closeServer(server),
  };
}

interface AzApp {
  appId: string;
  objectId: string;
  displayName: string;
  servicePrincipalId?: string;
  federatedCredentials: { id: string; name: string; issuer: string; subject: string; audiences: string[] }[];
  certificates: string[];
}

/**
 * A world for one page. The README starts from an empty directory (its set-up creates the app);
 * every other page starts where the README's set-up leaves off: the docs' app with a service
 * principal, and the federated credentials or certificate of the CIs its `examples-setup` names.
 */
export async function createWorld(opts: { emptyDirectory: boolean; setup: string[] }): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'ef-docs-'));
  const dir = join(root, 'work');
  const home = join(root, 'home');
  const tmp = join(root, 'tmp');
  for (const d of [dir, home, tmp]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const simulated = [
    GITHUB_ISSUER,
    GITLAB.issuer,
    CIRCLECI.issuer,
    BUILDKITE.issuer,
    BITBUCKET.issuer,
    AZURE_PIPELINES.issuer,
    HARNESS.issuer,
    JENKINS.issuer,
  ].map((issuer) => ({ issuer }));
  const sandbox = await startSandbox({
    config: { tenantId: DOC.tenantId, tenantDomains: [DOC.tenantDomain], apps: [], issuers: simulated },
  });
  const minted: string[] = [];
  const secrets: Record<string, string> = {};
  const apps: AzApp[] = [];
  if (!opts.emptyDirectory) {
    const app: AzApp = {
      appId: DOC.clientId,
      objectId: randomUUID(),
      displayName: 'octo-repo-deploy',
      servicePrincipalId: randomUUID(),
      federatedCredentials: [],
      certificates: [],
    };
    for (const name of opts.setup) {
      const setup = SETUP[name];
      if (setup === undefined) throw new Error(`examples-setup names an unknown CI "${name}"`);
      if (setup.fic)
        app.federatedCredentials.push({
          id: randomUUID(),
          name,
          issuer: setup.fic.issuer,
          subject: setup.fic.subject,
          audiences: [setup.fic.audience ?? AUDIENCE],
        });
      if (setup.certificate && !app.certificates.length) {
        const cert = createSelfSignedCertificate({ commonName: 'ci-deploy' });
        writeFileSync(join(dir, 'app.pem'), `${cert.keyPem}${cert.certPem}`, { mode: 0o600 });
        app.certificates.push(cert.certPem);
        minted.push(cert.keyPem);
      }
      if (setup.travis) Object.assign(secrets, travisEncryptFile(dir));
    }
    apps.push(app);
    sandbox.addApp({
      clientId: app.appId,
      federatedCredentials: app.federatedCredentials.map(({ name, issuer, subject, audiences }) => ({
        name,
        issuer,
        subject,
        audiences,
      })),
      certificates: app.certificates,
    });
  } else if (opts.setup.length > 0) throw new Error('a page that starts from an empty directory sets itself up');
  const azState = join(root, 'az-state.json');
  writeFileSync(azState, JSON.stringify({ apps, roleAssignments: [] }, null, 2), { mode: 0o600 });
  const toolLog = join(root, 'tools.jsonl');
  writeFileSync(toolLog, '', { mode: 0o600 });
  const githubIdTokens = await githubIdTokenServer(sandbox, minted);
  const ado = await adoServer(sandbox, minted);
  const release = await serveRelease(releaseFiles());
  return {
    sandbox,
    dir,
    home,
    tmp,
    toolLog,
    azState,
    secrets,
    minted,
    githubIdTokens,
    ado,
    release,
    async close() {
      await Promise.all([sandbox.close(), githubIdTokens.close(), ado.close(), release.close()]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** What `travis encrypt-file app.pem .travis/azure-certificate.pem.enc` leaves: the file, and its key and iv as secure variables. */
function travisEncryptFile(dir: string): Record<string, string> {
  const key = randomBytes(32).toString('hex');
  const iv = randomBytes(16).toString('hex');
  mkdirSync(join(dir, '.travis'), { recursive: true });
  const res = spawnSync(
    'openssl',
    ['aes-256-cbc', '-K', key, '-iv', iv, '-in', 'app.pem', '-out', '.travis/azure-certificate.pem.enc'],
    { cwd: dir, encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`openssl failed: ${res.stderr}`);
  return { [`encrypted_${TRAVIS_ENCRYPTED_ID}_key`]: key, [`encrypted_${TRAVIS_ENCRYPTED_ID}_iv`]: iv };
}

// ---------------------------------------------------------------------------------------------
// Processes

export interface StepOutput extends ProcessResult {
  step: string;
}

export interface Run {
  /** The exit code of the first step that failed, else 0. */
  code: number;
  steps: StepOutput[];
  /** Every command line of the example, in order (multi-line scripts split into lines). */
  commands: string[];
}

let scripts = 0;

/** A shell on a script file, as a runner runs a step's commands. */
function runScript(world: World, shell: string[], script: string, env: Record<string, string>): Promise<ProcessResult> {
  const file = join(world.tmp, `script-${++scripts}.sh`);
  writeFileSync(file, script, { mode: 0o700 });
  const [command = 'bash', ...args] = shell;
  return runProcess(command, [...args, file], { env, cwd: world.dir });
}

/** A CI takes only strings as commands: YAML that made a line a mapping (an unquoted `: `) is refused there too. */
function scriptLines(value: unknown, where: string): string[] {
  const lines = ([] as unknown[]).concat(value ?? []);
  for (const line of lines)
    if (typeof line !== 'string')
      throw new Error(`${where}: a command is not a string but ${JSON.stringify(line)} (quote a line holding ": ")`);
  return lines as string[];
}

function commandLines(script: string): string[] {
  return script
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The variables every example gets: the stand-ins' configuration, and a private HOME and TMPDIR. */
export function baseEnv(world: World): Record<string, string> {
  return {
    PATH: `${DOCS_BIN}${delimiter}${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    HOME: world.home,
    TMPDIR: world.tmp,
    LANG: 'C.UTF-8',
    DOCS_NODE: process.execPath,
    DOCS_CLI: CLI,
    DOCS_TOOL_LOG: world.toolLog,
    DOCS_AUTHORITY: world.sandbox.authorityHost,
    DOCS_SANDBOX: world.sandbox.origin,
    DOCS_AZ_STATE: world.azState,
    DOCS_SUBSCRIPTION: DOC.subscriptionId,
    DOCS_TENANT: DOC.tenantId,
    DOCS_FIRST_APP_ID: DOC.clientId,
    // The docs' mirror: the installer and what it installs come from the world's release host.
    ENTRA_FEDERATE_DOWNLOAD_BASE: world.release.base,
    // The identity endpoint ends with the post step; this only bounds it if a test dies first.
    ENTRA_FEDERATE_IDENTITY_IDLE_TIMEOUT: '300',
  };
}

function mint(
  world: World,
  issuer: string,
  subject: string,
  claims: Record<string, unknown>,
  audience = AUDIENCE,
): string {
  const token = world.sandbox.mintIdToken({ issuer, audience, claims: ciClaims({ ...claims, sub: subject }) });
  world.minted.push(token);
  return token;
}

/** The stand-ins for `circleci run oidc get` and `buildkite-agent oidc request-token` mint through the sandbox. */
function mintingTool(world: World, issuer: string, subject: string, claims: Record<string, unknown>) {
  return {
    FAKE_CI_SANDBOX: world.sandbox.origin,
    FAKE_CI_MINT_TOKEN: world.sandbox.idTokenRequestToken,
    FAKE_CI_ISSUER: issuer,
    FAKE_CI_CLAIMS: JSON.stringify(ciClaims({ ...claims, sub: subject })),
  };
}

export interface CiOptions {
  /** GitHub: the job deploys to this environment. */
  environment?: string;
}

function githubClaims(environment?: string): Record<string, unknown> {
  return {
    sub: githubSubject(environment),
    repository: GITHUB_REPO,
    ref: 'refs/heads/main',
    ...(environment === undefined ? {} : { environment }),
  };
}

/** A CI's job environment, with its token where that CI puts it (or the means to get one). */
export function ciEnv(world: World, ci: string, opts: CiOptions = {}): Record<string, string> {
  const base = { ...baseEnv(world), AZURE_AUTHORITY_HOST: world.sandbox.authorityHost };
  switch (ci) {
    case 'github': {
      const runnerTemp = mkdtempSync(join(world.tmp, 'runner-'));
      // Every `run:` step has its file commands; a login --export writes to GITHUB_ENV.
      const githubEnv = join(runnerTemp, 'github-env');
      writeFileSync(githubEnv, '');
      return {
        ...base,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_ENV: githubEnv,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: GITHUB_REPO,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: 'a3f2c9d1e8b7465f0c1d2e3f4a5b6c7d8e9f0a1b',
        GITHUB_WORKFLOW: 'deploy',
        GITHUB_RUN_ID: '9876543210',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_ACTOR: 'octocat',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_WORKSPACE: world.dir,
        RUNNER_TEMP: runnerTemp,
        ACTIONS_ID_TOKEN_REQUEST_URL: world.githubIdTokens.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: world.githubIdTokens.register(githubClaims(opts.environment)),
      };
    }
    case 'gitlab':
      return { ...base, ...GITLAB.env, CI_SERVER_FQDN: 'gitlab.com', CI_PROJECT_DIR: world.dir };
    case 'circleci':
      return {
        ...base,
        ...CIRCLECI.env,
        CIRCLE_OIDC_TOKEN_V2: mint(world, CIRCLECI.issuer, CIRCLECI.subjectV2, CIRCLECI.claims, CIRCLE_ORG),
        CIRCLE_OIDC_TOKEN: mint(world, CIRCLECI.issuer, CIRCLECI.subjectV1, CIRCLECI.claims, CIRCLE_ORG),
        ...mintingTool(world, CIRCLECI.issuer, CIRCLECI.subjectV2, CIRCLECI.claims),
      };
    case 'buildkite':
      return {
        ...base,
        ...BUILDKITE.env,
        ...mintingTool(world, BUILDKITE.issuer, BUILDKITE.subject, BUILDKITE.claims),
      };
    case 'bitbucket':
      return { ...base, ...BITBUCKET.env };
    case 'azure-pipelines': {
      // SYSTEM_ACCESSTOKEN reaches a step only when the step maps it, as the docs say.
      const { SYSTEM_ACCESSTOKEN: _mappedByTheStep, ...agent } = AZURE_PIPELINES.env;
      return { ...base, ...agent, SYSTEM_OIDCREQUESTURI: world.ado.url };
    }
    case 'harness':
      return {
        ...base,
        ...HARNESS.env,
        PLUGIN_OIDC_TOKEN_ID: mint(world, HARNESS.issuer, HARNESS.subject, HARNESS.claims),
      };
    case 'jenkins':
      return { ...base, ...JENKINS.env };
    case 'drone':
      return { ...base, ...DRONE_ENV, DRONE_WORKSPACE: world.dir };
    case 'travis':
      return { ...base, ...TRAVIS_ENV, TRAVIS_BUILD_DIR: world.dir, ...world.secrets };
    default:
      throw new Error(`no job environment for "${ci}"`);
  }
}

/** A `sh` block that is a step's commands in a CI job with the docs' client and tenant ids set. */
export async function runShellStep(world: World, ci: string, script: string, opts: CiOptions): Promise<Run> {
  const env = { ...ciEnv(world, ci, opts), AZURE_CLIENT_ID: DOC.clientId, AZURE_TENANT_ID: DOC.tenantId };
  const result = await runScript(world, ['bash', '--noprofile', '--norc', '-eo', 'pipefail'], script, env);
  return { code: result.code ?? 1, steps: [{ step: ci, ...result }], commands: commandLines(script) };
}

/** A `sh` block outside any CI (`az`: the set-up, with APP_ID as the README's set-up leaves it). */
export async function runPlainShell(world: World, script: string, extra: Record<string, string>): Promise<Run> {
  const env = { ...baseEnv(world), ...extra };
  const result = await runScript(world, ['bash', '--noprofile', '--norc', '-eo', 'pipefail'], script, env);
  return { code: result.code ?? 1, steps: [{ step: 'shell', ...result }], commands: commandLines(script) };
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions: a workflow's jobs, steps in order; `uses:` of this Action runs dist/action.

/** Parses a runner file-command file: `key=value` or `key<<DELIMITER ... DELIMITER`. */
function fileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? '');
      out[heredoc[1] ?? ''] = value.join('\n');
    } else out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

interface GithubContext {
  steps: Record<string, Record<string, string>>;
  env: Record<string, string>;
}

/**
 * `${{ vars.X }}`, `${{ secrets.X }}`, `${{ env.X }}`, `${{ steps.ID.outputs.NAME }}` and
 * `${{ fromJSON(steps.ID.outputs.NAME)['KEY'] }}`; nothing else is used.
 */
function expand(text: string, ctx: GithubContext): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    let match = /^vars\.(\w+)$/.exec(expr);
    if (match) return GITHUB_VARS[match[1] as keyof typeof GITHUB_VARS] ?? '';
    if (/^secrets\.\w+$/.test(expr)) return '';
    match = /^env\.(\w+)$/.exec(expr);
    if (match) return ctx.env[match[1] ?? ''] ?? '';
    match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (match) return ctx.steps[match[1] ?? '']?.[match[2] ?? ''] ?? '';
    // GitHub's fromJSON, then an index with a string literal: an output holding a JSON object.
    match = /^fromJSON\(steps\.([\w-]+)\.outputs\.([\w-]+)\)\['([^']*)'\]$/.exec(expr);
    if (match) {
      const value = (JSON.parse(ctx.steps[match[1] ?? '']?.[match[2] ?? ''] ?? 'null') ?? {}) as Record<
        string,
        unknown
      >;
      const picked = value[match[3] ?? ''];
      return picked === undefined || picked === null ? '' : String(picked);
    }
    throw new Error(`the docs test does not evaluate the expression \${{ ${expr} }}`);
  });
}

function expandMap(map: unknown, ctx: GithubContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((map ?? {}) as Record<string, unknown>))
    out[key] = expand(String(value), ctx);
  return out;
}

function actionDefaults(): Record<string, string> {
  const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs)) out[name] = String(spec.default ?? '');
  return out;
}

interface GithubStep {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export async function runGithubWorkflow(world: World, text: string, opts: CiOptions): Promise<Run> {
  const workflow = parseYaml(text) as {
    permissions?: unknown;
    env?: Record<string, unknown>;
    jobs: Record<string, { permissions?: unknown; env?: Record<string, unknown>; steps: GithubStep[] }>;
  };
  const run: Run = { code: 0, steps: [], commands: [] };
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    const permissions = (job.permissions ?? workflow.permissions) as Record<string, string> | string | undefined;
    const idToken =
      permissions === 'write-all' || (typeof permissions === 'object' && permissions['id-token'] === 'write');
    const runner = ciEnv(world, 'github', opts);
    if (!idToken) {
      // Without `permissions: id-token: write` the runner gives no way to request a token.
      delete runner['ACTIONS_ID_TOKEN_REQUEST_URL'];
      delete runner['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
    }
    const ctx: GithubContext = { steps: {}, env: {} };
    ctx.env = { ...expandMap(workflow.env, ctx), ...expandMap(job.env, ctx) };
    let exported: Record<string, string> = {};
    const posts: { name: string; env: Record<string, string> }[] = [];
    for (const [index, step] of job.steps.entries()) {
      const name = `${jobName}/${step.id ?? index + 1}`;
      const stepDir = mkdtempSync(join(world.tmp, 'step-'));
      const files = {
        GITHUB_OUTPUT: join(stepDir, 'output'),
        GITHUB_ENV: join(stepDir, 'env'),
        GITHUB_STATE: join(stepDir, 'state'),
        GITHUB_STEP_SUMMARY: join(stepDir, 'summary'),
      };
      for (const file of Object.values(files)) writeFileSync(file, '');
      const stepEnv = { ...runner, ...ctx.env, ...exported, ...expandMap(step.env, ctx), ...files };
      let result: ProcessResult;
      if (step.uses !== undefined) {
        if (/^actions\/checkout@/.test(step.uses)) continue;
        if (!/(^|\/)entra-federate@/.test(step.uses)) throw new Error(`the docs test cannot run ${step.uses}`);
        const inputs: Record<string, string> = { ...actionDefaults(), ...expandMap(step.with, ctx) };
        // Offline: the sandbox is the authority, given as the Action's input.
        if (inputs['authority-host'] === '') inputs['authority-host'] = world.sandbox.authorityHost;
        const inputEnv: Record<string, string> = {};
        for (const [key, value] of Object.entries(inputs)) inputEnv[`INPUT_${key.toUpperCase()}`] = value;
        result = await runProcess(process.execPath, [ACTION_MAIN], {
          env: { ...stepEnv, ...inputEnv },
          cwd: world.dir,
        });
        const state: Record<string, string> = {};
        for (const [key, value] of Object.entries(fileCommands(readFileSync(files.GITHUB_STATE, 'utf8'))))
          state[`STATE_${key}`] = value;
        posts.push({ name: `${name} (post)`, env: { ...stepEnv, ...inputEnv, ...state } });
      } else if (step.run !== undefined) {
        const script = expand(step.run, ctx);
        run.commands.push(...commandLines(script));
        result = await runScript(world, ['bash', '--noprofile', '--norc', '-eo', 'pipefail'], script, stepEnv);
      } else throw new Error(`step ${name} has neither uses nor run`);
      run.steps.push({ step: name, ...result });
      exported = { ...exported, ...fileCommands(readFileSync(files.GITHUB_ENV, 'utf8')) };
      if (step.id !== undefined) ctx.steps[step.id] = fileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
      if (result.code !== 0) {
        run.code = result.code ?? 1;
        break;
      }
    }
    // Post steps run last, in reverse order, whatever happened (post-if: always()).
    for (const post of posts.reverse()) {
      const result = await runProcess(process.execPath, [ACTION_POST], { env: post.env, cwd: world.dir });
      run.steps.push({ step: post.name, ...result });
      if (result.code !== 0 && run.code === 0) run.code = result.code ?? 1;
    }
    if (run.code !== 0) break;
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// GitLab CI: jobs with `extends`, the component from templates/login.yml, id_tokens, one shell.

type Job = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GitLab's `extends`: hashes merge deeply, anything else is replaced. */
function deepMerge(base: Job, over: Job): Job {
  const out: Job = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isObject(prev) && isObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

/** templates/login.yml with its inputs interpolated, as GitLab includes a component. */
function gitlabComponent(inputs: Record<string, unknown>): Record<string, Job> {
  const [specText = '', bodyText = ''] = readFileSync(join(ROOT, 'templates', 'login.yml'), 'utf8').split(/^---$/m);
  const spec = (parseYaml(specText) as { spec: { inputs: Record<string, { default?: unknown }> } }).spec.inputs;
  const values: Record<string, string> = {};
  for (const [name, def] of Object.entries(spec)) {
    const given = inputs[name] ?? def.default;
    if (given === undefined) throw new Error(`the component's input ${name} is required`);
    values[name] = String(given);
  }
  for (const name of Object.keys(inputs)) if (!(name in spec)) throw new Error(`the component has no input ${name}`);
  const body = bodyText.replace(/\$\[\[\s*inputs\.(\w+)\s*\]\]/g, (_m, name: string) => values[name] ?? '');
  return parseYaml(body) as Record<string, Job>;
}

const GITLAB_KEYWORDS = new Set(['include', 'stages', 'variables', 'default', 'workflow', 'image', 'services']);

export async function runGitlabPipeline(world: World, text: string): Promise<Run> {
  const root = parseYaml(text) as Record<string, unknown>;
  const templates: Record<string, Job> = {};
  let usesComponent = false;
  for (const include of (root['include'] ?? []) as { component?: string; inputs?: Record<string, unknown> }[]) {
    if (!/\/entra-federate\/login@/.test(include.component ?? ''))
      throw new Error(`the docs test cannot include ${JSON.stringify(include)}`);
    Object.assign(templates, gitlabComponent(include.inputs ?? {}));
    usesComponent = true;
  }
  const run: Run = { code: 0, steps: [], commands: [] };
  for (const [name, value] of Object.entries(root)) {
    if (GITLAB_KEYWORDS.has(name) || name.startsWith('.') || !isObject(value)) continue;
    let job: Job = value;
    const parents = job['extends'] === undefined ? [] : ([] as unknown[]).concat(job['extends']);
    for (const parent of parents) {
      const template = templates[String(parent)] ?? (root[String(parent)] as Job | undefined);
      if (template === undefined) throw new Error(`${name} extends an unknown ${String(parent)}`);
      job = deepMerge(template, job);
    }
    const env: Record<string, string> = { ...ciEnv(world, 'gitlab') };
    // The component runs the CLI its release pins; ENTRA_FEDERATE_CLI is its documented override.
    if (usesComponent) env['ENTRA_FEDERATE_CLI'] = CLI;
    for (const [key, v] of Object.entries({ ...(root['variables'] as Job), ...(job['variables'] as Job) }))
      env[key] = String(v);
    for (const [variable, spec] of Object.entries((job['id_tokens'] ?? {}) as Record<string, { aud: string }>))
      env[variable] = mint(world, GITLAB.issuer, GITLAB.subject, GITLAB.claims, spec.aud);
    const lines = [...scriptLines(job['before_script'], name), ...scriptLines(job['script'], name)];
    run.commands.push(...lines.flatMap((line) => commandLines(line)));
    const result = await runScript(
      world,
      ['bash', '--noprofile', '--norc'],
      `set -eo pipefail\n${lines.join('\n')}\n`,
      env,
    );
    run.steps.push({ step: name, ...result });
    if (result.code !== 0) return { ...run, code: result.code ?? 1 };
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// CircleCI: the workflow's jobs; each `run:` step is its own bash that sources $BASH_ENV; the
// orb's `login` command is rendered from orbs/src as CircleCI renders it.

function orbLogin(params: Record<string, unknown>): { environment: Record<string, string>; command: string } {
  const command = parseYaml(readFileSync(join(ROOT, 'orbs', 'src', 'commands', 'login.yml'), 'utf8')) as {
    parameters: Record<string, { default?: unknown }>;
    steps: { run: { environment: Record<string, string>; command: string } }[];
  };
  for (const name of Object.keys(params))
    if (!(name in command.parameters)) throw new Error(`the orb's login has no parameter ${name}`);
  const value = (name: string) => String(params[name] ?? command.parameters[name]?.default ?? '');
  const step = command.steps[0]?.run;
  if (step === undefined) throw new Error("the orb's login command has no run step");
  const environment: Record<string, string> = {};
  for (const [key, template] of Object.entries(step.environment))
    environment[key] = template.replace(/<<\s*parameters\.(\w+)\s*>>/g, (_m, name: string) => value(name));
  const include = /^<<include\((.+)\)>>$/.exec(step.command.trim());
  if (include === null) throw new Error("the orb's login command does not include its script");
  return { environment, command: readFileSync(join(ROOT, 'orbs', 'src', include[1] ?? ''), 'utf8') };
}

export async function runCircleciConfig(world: World, text: string): Promise<Run> {
  const config = parseYaml(text) as {
    orbs?: Record<string, string>;
    jobs: Record<string, { environment?: Record<string, unknown>; steps: unknown[] }>;
    workflows: Record<string, { jobs: (string | Record<string, { context?: string | string[] }>)[] }>;
  };
  const aliases = Object.keys(config.orbs ?? {});
  const run: Run = { code: 0, steps: [], commands: [] };
  for (const workflow of Object.values(config.workflows)) {
    for (const entry of workflow.jobs) {
      const [jobName, jobOpts] = typeof entry === 'string' ? [entry, {}] : (Object.entries(entry)[0] ?? ['', {}]);
      const job = config.jobs[jobName];
      if (job === undefined) throw new Error(`workflow names an unknown job ${jobName}`);
      const bashEnv = join(mkdtempSync(join(world.tmp, 'circleci-')), 'bash_env');
      writeFileSync(bashEnv, '', { mode: 0o600 });
      const env: Record<string, string> = { ...ciEnv(world, 'circleci'), BASH_ENV: bashEnv };
      // The orb runs the CLI its release pins; ENTRA_FEDERATE_CLI is its documented override.
      if (aliases.length > 0) env['ENTRA_FEDERATE_CLI'] = CLI;
      for (const context of ([] as string[]).concat(jobOpts.context ?? [])) {
        const vars = CIRCLECI_CONTEXTS[context];
        if (vars === undefined) throw new Error(`no CircleCI context ${context}`);
        Object.assign(env, vars);
      }
      for (const [key, value] of Object.entries(job.environment ?? {})) env[key] = String(value);
      for (const [index, step] of job.steps.entries()) {
        const name = `${jobName}/${index + 1}`;
        if (step === 'checkout') continue;
        let result: ProcessResult;
        const orbStep = isObject(step) ? aliases.find((alias) => `${alias}/login` in step) : undefined;
        if (isObject(step) && orbStep !== undefined) {
          const login = orbLogin((step[`${orbStep}/login`] ?? {}) as Record<string, unknown>);
          result = await runScript(world, ['bash', '-eo', 'pipefail'], login.command, { ...env, ...login.environment });
        } else if (isObject(step) && 'run' in step) {
          const spec = step['run'];
          const script =
            scriptLines(typeof spec === 'string' ? spec : (spec as { command?: unknown }).command, name)[0] ?? '';
          const extra =
            typeof spec === 'string' ? {} : ((spec as { environment?: Record<string, string> }).environment ?? {});
          run.commands.push(...commandLines(script));
          result = await runScript(world, ['bash', '-eo', 'pipefail'], script, { ...env, ...extra });
        } else throw new Error(`the docs test cannot run the CircleCI step ${JSON.stringify(step)}`);
        run.steps.push({ step: name, ...result });
        if (result.code !== 0) return { ...run, code: result.code ?? 1 };
      }
    }
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// Drone: steps in order in one workspace; the plugin image runs dist/drone with PLUGIN_*.

function droneValue(world: World, value: unknown): string {
  if (isObject(value) && typeof value['from_secret'] === 'string') return droneSecret(world, value['from_secret']);
  if (Array.isArray(value)) return value.map(String).join(',');
  return String(value);
}

/** Drone secrets: `azure_app_pem` is the app.pem the page's set-up made. */
function droneSecret(world: World, name: string): string {
  if (name !== 'azure_app_pem') throw new Error(`no Drone secret ${name}`);
  return readFileSync(join(world.dir, 'app.pem'), 'utf8');
}

export async function runDronePipeline(world: World, text: string): Promise<Run> {
  const pipelines = parseAllDocuments(text)
    .map((doc) => doc.toJS() as Record<string, unknown>)
    .filter((doc) => doc?.['kind'] === 'pipeline');
  const run: Run = { code: 0, steps: [], commands: [] };
  for (const pipeline of pipelines) {
    for (const step of pipeline['steps'] as Record<string, unknown>[]) {
      const env: Record<string, string> = { ...ciEnv(world, 'drone'), DRONE_STEP_NAME: String(step['name']) };
      for (const [key, value] of Object.entries((step['environment'] ?? {}) as Record<string, unknown>))
        env[key] = droneValue(world, value);
      let result: ProcessResult;
      if (/(^|\/)entra-federate\/drone-plugin:/.test(String(step['image']))) {
        const plugin: Record<string, string> = {};
        for (const [key, value] of Object.entries((step['settings'] ?? {}) as Record<string, unknown>))
          plugin[`PLUGIN_${key.toUpperCase()}`] = droneValue(world, value);
        // Offline: the sandbox is the authority, given as the plugin's setting.
        plugin['PLUGIN_AUTHORITY_HOST'] ??= world.sandbox.authorityHost;
        result = await runProcess(process.execPath, [DRONE_PLUGIN], { env: { ...env, ...plugin }, cwd: world.dir });
      } else {
        const commands = scriptLines(step['commands'], String(step['name']));
        run.commands.push(...commands.flatMap((line) => commandLines(line)));
        result = await runScript(world, ['sh', '-e'], `${commands.join('\n')}\n`, env);
      }
      run.steps.push({ step: String(step['name']), ...result });
      if (result.code !== 0) return { ...run, code: result.code ?? 1 };
    }
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// Buildkite, Bitbucket Pipelines, Azure Pipelines, Travis CI: a job's commands in one bash.

async function runSteps(world: World, run: Run, name: string, lines: string[], env: Record<string, string>) {
  run.commands.push(...lines.flatMap((line) => commandLines(line)));
  const result = await runScript(world, ['bash', '--noprofile', '--norc', '-e'], `${lines.join('\n')}\n`, env);
  run.steps.push({ step: name, ...result });
  if (result.code !== 0) run.code = result.code ?? 1;
}

export async function runBuildkitePipeline(world: World, text: string): Promise<Run> {
  const pipeline = parseYaml(text) as { steps: Record<string, unknown>[] };
  const run: Run = { code: 0, steps: [], commands: [] };
  for (const step of pipeline.steps) {
    const env: Record<string, string> = { ...ciEnv(world, 'buildkite'), BUILDKITE_STEP_KEY: String(step['key'] ?? '') };
    for (const [key, value] of Object.entries((step['env'] ?? {}) as Record<string, unknown>)) env[key] = String(value);
    const lines = scriptLines(step['command'] ?? step['commands'], String(step['label'] ?? step['key']));
    await runSteps(world, run, String(step['label'] ?? step['key']), lines, env);
    if (run.code !== 0) break;
  }
  return run;
}

export async function runBitbucketPipeline(world: World, text: string): Promise<Run> {
  const config = parseYaml(text) as { pipelines: { branches?: Record<string, { step: Record<string, unknown> }[]> } };
  const run: Run = { code: 0, steps: [], commands: [] };
  for (const { step } of config.pipelines.branches?.['main'] ?? []) {
    const env: Record<string, string> = { ...ciEnv(world, 'bitbucket') };
    const oidc = step['oidc'];
    if (oidc) {
      const audience = isObject(oidc) ? (oidc['audiences'] as string[])[0] : undefined;
      env['BITBUCKET_STEP_OIDC_TOKEN'] = mint(world, BITBUCKET.issuer, BITBUCKET.subject, BITBUCKET.claims, audience);
    }
    await runSteps(world, run, 'step', scriptLines(step['script'], 'step'), env);
    if (run.code !== 0) break;
  }
  return run;
}

export async function runAzurePipeline(world: World, text: string): Promise<Run> {
  const pipeline = parseYaml(text) as { steps: { script: string; env?: Record<string, unknown> }[] };
  const run: Run = { code: 0, steps: [], commands: [] };
  const macros: Record<string, string> = { 'System.AccessToken': AZURE_PIPELINES.env.SYSTEM_ACCESSTOKEN };
  for (const step of pipeline.steps) {
    const env: Record<string, string> = { ...ciEnv(world, 'azure-pipelines') };
    for (const [key, value] of Object.entries(step.env ?? {}))
      env[key] = String(value).replace(/\$\(([\w.]+)\)/g, (m, name: string) => macros[name] ?? m);
    await runSteps(world, run, 'script', scriptLines(step.script, 'script'), env);
    if (run.code !== 0) break;
  }
  return run;
}

export async function runTravisJob(world: World, text: string): Promise<Run> {
  const job = parseYaml(text) as Record<string, unknown>;
  const globals = scriptLines((job['env'] as { global?: unknown } | undefined)?.global, 'env.global').map(
    (item) => `export ${item}`,
  );
  const phases = ['before_install', 'install', 'before_script', 'script', 'after_script'].flatMap((phase) =>
    scriptLines(job[phase], phase),
  );
  const run: Run = { code: 0, steps: [], commands: [] };
  await runSteps(world, run, 'job', [...globals, ...phases], ciEnv(world, 'travis'));
  return run;
}

// ---------------------------------------------------------------------------------------------
// Jenkins: a declarative pipeline's `environment {}`, `withCredentials` and `sh` steps (`sh -xe`).

export async function runJenkinsfile(world: World, text: string): Promise<Run> {
  const env: Record<string, string> = { ...ciEnv(world, 'jenkins') };
  const environment = /environment\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
  for (const match of environment.matchAll(/(\w+)\s*=\s*'([^']*)'/g)) env[match[1] ?? ''] = match[2] ?? '';
  // The OpenID Connect Provider plugin's credential, bound with withCredentials.
  for (const match of text.matchAll(/string\(credentialsId:\s*'[^']+',\s*variable:\s*'(\w+)'\)/g))
    env[match[1] ?? ''] = mint(world, JENKINS.issuer, JENKINS.subject, JENKINS.claims);
  const run: Run = { code: 0, steps: [], commands: [] };
  for (const match of text.matchAll(/sh\s+(?:'''([\s\S]*?)'''|'([^'\n]*)')/g)) {
    const script = match[1] ?? match[2] ?? '';
    run.commands.push(...commandLines(script));
    // Jenkins runs `sh` steps with -xe: every command is traced to the log.
    const result = await runScript(world, ['sh', '-xe'], script, env);
    run.steps.push({ step: 'sh', ...result });
    if (result.code !== 0) return { ...run, code: result.code ?? 1 };
  }
  return run;
}
