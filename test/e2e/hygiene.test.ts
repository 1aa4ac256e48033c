/**
 * Secret hygiene battery: every scenario of every entry point run as a real process,
 * with every debug switch on, against the sandbox on loopback. Afterwards stdout, stderr and
 * every file the scenario left in its working, home and temporary directories are scanned for
 * any JWT, "PRIVATE KEY", and the exact bytes of every secret any scenario handled: access and
 * CI tokens (learned from the intended outputs, from sandbox.mintIdToken and from a recording
 * tap in front of the sandbox), client secrets, private-key lines, the GitHub request token and
 * a Graph token. Only the intended places may hold a token: the `token` command's stdout, the
 * Action's `::add-mask::` lines (the runner's masking protocol, never shown in a log) and its
 * `access-token` output, its 0600 AZURE_FEDERATED_TOKEN_FILE, the Drone env file and Harness's
 * secret output file, $BASH_ENV, and the variables of the GitLab/Travis shell (in memory).
 * The token-bearing files we create, and the audit log, must be 0600; they may hold tokens but
 * never a credential. Besides the sandbox, some scenarios talk to a peer that reflects what it
 * was sent into its error (as gateways, WAFs and non-Entra token services do): what it echoes
 * must not reach the log either.
 *
 * Not covered: shell tracing (`set -x`, which GitLab's CI_DEBUG_TRACE turns on in the runner's
 * own shell) prints every variable by the CI's design; files created and deleted within a
 * scenario are seen only if they remain.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSelfSignedCertificate, startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CLI, ROOT, baseEnv, runNode } from './run.js';
import type { ProcessResult } from './run.js';
import { fakeTools, sourceExportFile } from '../helpers/handoff.js';
import { runShell, sourcedVariables } from '../helpers/packages.js';
import {
  AUDIENCE,
  CIRCLECI,
  CIRCLE_ORG,
  DRONE_ENV,
  FAKE_BIN,
  GITLAB,
  HARNESS,
  TRAVIS_ENV,
  ciClaims,
  fakeToolEnv,
} from '../helpers/providers.js';
import {
  DEBUG_ENV,
  JWT_SHAPE,
  SecretLedger,
  actionDefaults,
  fakeCurl,
  gitlabJob,
  modeOf,
  packOrb,
  parseFileCommands,
  readForScan,
  renderOrbStep,
  startReflector,
  startTap,
  travisBuildScript,
  travisEncryptFile,
  travisExample,
  walkFiles,
} from '../helpers/hygiene.js';
import type { Finding, Reflector, Tap } from '../helpers/hygiene.js';

const ACTION_MAIN = join(ROOT, 'dist/action/index.js');
const ACTION_POST = join(ROOT, 'dist/action/post.js');
const DRONE = join(ROOT, 'dist/drone/index.js');

const MISMATCH_APP = '3a9e2f10-5c4b-4d8e-9f7a-1b2c3d4e5f60';
const SECRET_APP = '4b0f3021-6d5c-4e9f-8a8b-2c3d4e5f6071';
const CERT_APP = '5c104132-7e6d-4fa0-9b9c-3d4e5f607182';
const GITLAB_APP = '6d215243-8f7e-40b1-8cad-4e5f60718293';
const CIRCLE_APP = '7e326354-908f-41c2-9dbe-5f60718293a4';
const CIRCLE_V1_APP = '8f437465-a190-42d3-8ecf-60718293a4b5';
const HARNESS_APP = '90548576-b2a1-43e4-9fd0-718293a4b5c6';
const SECRET = `Hy9~${randomUUID().replaceAll('-', '')}.cLiEnTsEcReT`;
const WRONG_SECRET = `Wr0ng~${randomUUID().replaceAll('-', '')}`;
const ARM = 'https://management.azure.com/.default';
const VAULT = 'https://vault.azure.net/.default';
const STORAGE = 'https://storage.azure.com/.default';
const GRAPH = 'https://graph.microsoft.com/.default';
const PROD_SUBJECT = 'repo:octo-org/octo-repo:environment:production';

const ledger = new SecretLedger();
let sandbox: Sandbox;
let tap: Tap;
let reflector: Reflector;
let root: string;
let inputs: string;
let cert: ReturnType<typeof createSelfSignedCertificate>;
let otherCert: ReturnType<typeof createSelfSignedCertificate>;
let orb: ReturnType<typeof packOrb>;
let tmpBefore: Set<string>;

/** A token-bearing file the contract asks for: scanned for credentials only, its mode checked. */
interface Intended {
  path: string;
  why: string;
  /** We create it, so it must be 0600 (files the runner creates, such as GITHUB_OUTPUT, are not ours). */
  mode?: number | undefined;
  /** Only the Travis example's decrypted PEM holds a credential; every other intended file holds tokens only. */
  holdsCredential?: boolean;
}

interface Outcome {
  code: number | null;
  /** Streams and file-command texts, with the intended token-bearing parts already taken out. */
  texts: { where: string; text: string }[];
  /** Directories whose every file is scanned. */
  dirs: string[];
  intended: Intended[];
  /** Files we create that hold no token but must still be 0600 (the audit log). */
  private600: { path: string; mode: number | undefined }[];
  /** What else the scenario must show for its hygiene result to mean anything (exit reason, debug on, clean-up). */
  problems: string[];
}

interface Scenario {
  entry: string;
  name: string;
  expectCode: number;
  run: (dir: string) => Promise<Outcome>;
}

function outcome(partial: Partial<Outcome> & { code: number | null }): Outcome {
  return { texts: [], dirs: [], intended: [], private600: [], problems: [], ...partial };
}

/** The directories of one scenario: its working directory, HOME and TMPDIR, all walked afterwards. */
function layout(dir: string): { home: string; tmp: string } {
  const home = join(dir, 'home');
  const tmp = join(dir, 'tmp');
  mkdirSync(home, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  return { home, tmp };
}

/** An input the scenario is given (a PEM, a CI token file, a policy): kept outside the walked directories. */
function inputFile(name: string, content: string): string {
  const path = join(inputs, `${randomUUID().slice(0, 8)}-${name}`);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

/**
 * What a log would show of a process. On a GitHub runner `::add-mask::VALUE` lines on either
 * stream are the runner's masking protocol: consumed, never shown (the CLI masks the token it
 * prints that way), so they are left out of the scan.
 */
function streams(label: string, r: ProcessResult): { where: string; text: string }[] {
  const shown = (text: string): string =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
  return [
    { where: `${label} stdout`, text: r.stdout },
    { where: `${label} stderr (without ::add-mask:: lines)`, text: shown(r.stderr) },
  ];
}

function expectIn(problems: string[], text: string, needle: string | RegExp, what: string): void {
  const ok = typeof needle === 'string' ? text.includes(needle) : needle.test(text);
  if (!ok) problems.push(`expected ${what}`);
}

function mintCi(label: string, opts: Parameters<Sandbox['mintIdToken']>[0] = {}): string {
  const token = sandbox.mintIdToken(opts);
  ledger.addJwt(label, token);
  return token;
}

// ---------------------------------------------------------------------------------------------
// CLI: a GitHub runner, Drone or Travis around it; the tap stands in for the sandbox except for
// certificate assertions, which are bound to the sandbox's own origin.

function githubRunnerEnv(): Record<string, string> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '9876543210',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKFLOW: 'Deploy',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
    ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl.replace(sandbox.origin, tap.origin),
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken,
  };
}

async function cli(dir: string, args: string[], env: Record<string, string>, input?: string): Promise<ProcessResult> {
  const { home, tmp } = layout(dir);
  return runNode(CLI, args, {
    env: baseEnv({ ...DEBUG_ENV, HOME: home, TMPDIR: tmp, ...env }),
    cwd: dir,
    ...(input === undefined ? {} : { input }),
  });
}

const via = (host: string): string[] => ['--tenant-id', sandbox.tenantId, '--authority-host', host];

/** `token`'s stdout is its contract: exactly one token and a newline. It is learned, then left out of the scan. */
function tokenStdout(r: ProcessResult, label: string, problems: string[]): void {
  if (r.code === 0 && !/^[\w-]+\.[\w-]+\.[\w-]+\n$/.test(r.stdout))
    problems.push('`token` stdout to be exactly one token and a newline');
  ledger.addJwt(label, r.stdout.trim());
}

function cliScenario(
  name: string,
  expectCode: number,
  body: (
    dir: string,
    problems: string[],
  ) => Promise<{ results: [string, ProcessResult][]; tokenOut?: string[]; private600?: string[] }>,
): Scenario {
  return {
    entry: 'CLI',
    name,
    expectCode,
    async run(dir) {
      const problems: string[] = [];
      const { results, tokenOut = [], private600 = [] } = await body(dir, problems);
      const texts = results.flatMap(([label, r]) => {
        if (tokenOut.includes(label)) {
          tokenStdout(r, `access token printed by ${label}`, problems);
          return streams(label, r).slice(1);
        }
        return streams(label, r);
      });
      const last = results.at(-1)?.[1];
      return outcome({
        code: last?.code ?? null,
        texts,
        dirs: [dir],
        private600: private600.map((path) => ({ path, mode: modeOf(path) })),
        problems,
      });
    },
  };
}

const cliScenarios: Scenario[] = [
  cliScenario('token, GitHub runner', 0, async (dir) => ({
    results: [
      ['token', await cli(dir, ['token', '--client-id', sandbox.clientId, ...via(tap.origin)], githubRunnerEnv())],
    ],
    tokenOut: ['token'],
  })),
  cliScenario('token, --id-token-file', 0, async (dir) => {
    const file = inputFile('ci.jwt', mintCi('CI token given to token --id-token-file'));
    return {
      results: [
        [
          'token',
          await cli(
            dir,
            ['token', '--client-id', sandbox.clientId, ...via(tap.origin), '--id-token-file', file, '--scope', VAULT],
            {},
          ),
        ],
      ],
      tokenOut: ['token'],
    };
  }),
  cliScenario('login (human summary), two scopes', 0, async (dir, problems) => {
    const r = await cli(
      dir,
      ['login', '--client-id', sandbox.clientId, ...via(tap.origin), '--scope', ARM, '--scope', VAULT],
      githubRunnerEnv(),
    );
    expectIn(problems, r.stderr, `signed in as client ${sandbox.clientId}`, 'the human summary on stderr');
    return { results: [['login', r]] };
  }),
  cliScenario('login --json, three scopes', 0, async (dir, problems) => {
    const r = await cli(
      dir,
      [
        'login',
        '--json',
        '--client-id',
        sandbox.clientId,
        ...via(tap.origin),
        '--scope',
        ARM,
        '--scope',
        VAULT,
        '--scope',
        STORAGE,
      ],
      githubRunnerEnv(),
    );
    expectIn(problems, r.stdout, '"tokens"', 'the JSON summary on stdout');
    return { results: [['login --json', r]] };
  }),
  cliScenario("login failure: FIC mismatch, with the doctor's explanation", 1, async (dir, problems) => {
    const r = await cli(dir, ['login', '--client-id', MISMATCH_APP, ...via(tap.origin)], githubRunnerEnv());
    expectIn(problems, r.stderr, 'AADSTS70021', 'AADSTS70021');
    expectIn(problems, r.stderr, 'entra-federate doctor:', "the doctor's reading");
    return { results: [['login', r]] };
  }),
  cliScenario('login with AZURE_CLIENT_SECRET (Travis)', 0, async (dir) => ({
    results: [
      [
        'login',
        await cli(dir, ['login', '--json', '--client-id', SECRET_APP, ...via(tap.origin)], {
          ...TRAVIS_ENV,
          AZURE_CLIENT_SECRET: SECRET,
        }),
      ],
    ],
  })),
  cliScenario('login with a wrong AZURE_CLIENT_SECRET: AADSTS7000215', 1, async (dir, problems) => {
    const r = await cli(dir, ['login', '--client-id', SECRET_APP, ...via(tap.origin)], {
      ...DRONE_ENV,
      AZURE_CLIENT_SECRET: WRONG_SECRET,
    });
    expectIn(problems, r.stderr, 'AADSTS7000215', 'AADSTS7000215');
    return { results: [['login', r]] };
  }),
  cliScenario('login with a certificate (Drone, AZURE_CLIENT_CERTIFICATE_PATH)', 0, async (dir) => ({
    results: [
      [
        'login',
        await cli(dir, ['login', '--json', '--client-id', CERT_APP, ...via(sandbox.authorityHost)], {
          ...DRONE_ENV,
          AZURE_CLIENT_CERTIFICATE_PATH: inputFile('app.pem', `${cert.keyPem}${cert.certPem}`),
        }),
      ],
    ],
  })),
  cliScenario('token with --certificate (Travis)', 0, async (dir) => ({
    results: [
      [
        'token',
        await cli(
          dir,
          [
            'token',
            '--client-id',
            CERT_APP,
            ...via(sandbox.authorityHost),
            '--certificate',
            inputFile('app.pem', `${cert.keyPem}${cert.certPem}`),
          ],
          TRAVIS_ENV,
        ),
      ],
    ],
    tokenOut: ['token'],
  })),
  cliScenario('login with a certificate the app does not hold: AADSTS700027', 1, async (dir, problems) => {
    const r = await cli(dir, ['login', '--client-id', CERT_APP, ...via(sandbox.authorityHost)], {
      ...DRONE_ENV,
      AZURE_CLIENT_CERTIFICATE_PATH: inputFile('other.pem', `${otherCert.keyPem}${otherCert.certPem}`),
    });
    expectIn(problems, r.stderr, 'AADSTS700027', 'AADSTS700027');
    return { results: [['login', r]] };
  }),
  cliScenario('doctor, GitHub runner, a FIC that does not match', 1, async (dir, problems) => {
    const r = await cli(
      dir,
      ['doctor', '--expect-issuer', sandbox.issuer, '--expect-subject', PROD_SUBJECT, '--expect-audience', AUDIENCE],
      githubRunnerEnv(),
    );
    expectIn(problems, r.stdout, 'az ad app federated-credential create', 'the suggested FIC');
    return { results: [['doctor', r]] };
  }),
  cliScenario('doctor --json with the FICs read from Microsoft Graph', 1, async (dir, problems) => {
    const graph = await cli(
      join(dir, 'graph-token'),
      ['token', '--client-id', sandbox.clientId, ...via(tap.origin), '--scope', GRAPH],
      githubRunnerEnv(),
    );
    const graphToken = graph.stdout.trim();
    ledger.addJwt('Microsoft Graph token', graphToken);
    const file = inputFile('ci.jwt', mintCi('CI token given to doctor'));
    const r = await cli(
      dir,
      [
        'doctor',
        '--json',
        '--id-token-file',
        file,
        '--client-id',
        MISMATCH_APP,
        '--graph-url',
        tap.origin,
        '--graph-token-env',
        'GRAPH_TOKEN',
      ],
      { GRAPH_TOKEN: graphToken },
    );
    expectIn(problems, r.stdout, '"verdict": "branch-vs-environment"', "Graph's FIC compared (branch vs environment)");
    return {
      results: [
        ['token (graph)', graph],
        ['doctor --json', r],
      ],
      tokenOut: ['token (graph)'],
    };
  }),
  cliScenario('verify: a valid CI token on stdin', 0, async (dir, problems) => {
    const r = await cli(
      dir,
      ['verify', '--issuer', sandbox.issuer, '--audience', AUDIENCE],
      {},
      mintCi('CI token given to verify'),
    );
    expectIn(problems, r.stderr, 'verified', 'the verification');
    return { results: [['verify', r]] };
  }),
  cliScenario("verify: a token with another token's signature", 1, async (dir, problems) => {
    const a = mintCi('CI token A given to verify');
    const b = mintCi('CI token B given to verify', { claims: { ref: 'refs/heads/other' } });
    const forged = `${a.split('.').slice(0, 2).join('.')}.${b.split('.')[2] ?? ''}`;
    ledger.addJwt('forged token given to verify', forged);
    const r = await cli(dir, ['verify', '--issuer', sandbox.issuer, '--audience', AUDIENCE], {}, forged);
    expectIn(problems, r.stderr, 'SIGNATURE_INVALID', 'SIGNATURE_INVALID');
    return { results: [['verify', r]] };
  }),
  cliScenario('policy test with a CI token as the claims', 1, async (dir) => {
    const claims = inputFile('claims.jwt', mintCi('CI token given to policy test'));
    return {
      results: [
        [
          'policy test',
          await cli(
            dir,
            [
              'policy',
              'test',
              '--claims',
              claims,
              '--policy',
              denyingPolicy(),
              '--tenant-id',
              sandbox.tenantId,
              '--client-id',
              sandbox.clientId,
            ],
            {},
          ),
        ],
      ],
    };
  }),
  cliScenario('login --policy: denied before any exchange', 1, async (dir, problems) => {
    const r = await cli(
      dir,
      ['login', '--client-id', sandbox.clientId, ...via(tap.origin), '--policy', denyingPolicy()],
      githubRunnerEnv(),
    );
    expectIn(problems, r.stderr, 'POLICY_DENIED', 'POLICY_DENIED');
    return { results: [['login', r]] };
  }),
  cliScenario('token --policy: denied, nothing on stdout', 1, async (dir, problems) => {
    const r = await cli(
      dir,
      ['token', '--client-id', sandbox.clientId, ...via(tap.origin), '--policy', denyingPolicy()],
      githubRunnerEnv(),
    );
    if (r.stdout !== '') problems.push('empty stdout from a denied `token`');
    return { results: [['token', r]] };
  }),
  cliScenario('login --audit-log, two scopes', 0, async (dir, problems) => {
    const log = join(dir, 'audit', 'audit.jsonl');
    mkdirSync(join(dir, 'audit'), { recursive: true });
    const r = await cli(
      dir,
      [
        'login',
        '--client-id',
        sandbox.clientId,
        ...via(tap.origin),
        '--scope',
        ARM,
        '--scope',
        VAULT,
        '--audit-log',
        log,
      ],
      githubRunnerEnv(),
    );
    if (!existsSync(log) || readFileSync(log, 'utf8').trim().split('\n').length !== 2)
      problems.push('two audit records');
    return { results: [['login', r]], private600: [log] };
  }),
  cliScenario('demo', 0, async (dir) => ({ results: [['demo', await cli(dir, ['demo'], {})]] })),
  // Peers that reflect the request into their error (gateways, WAFs, non-Entra token services).
  cliScenario(
    'login, a token endpoint that reflects the request (JSON error): client secret',
    1,
    async (dir, problems) => {
      const r = await cli(dir, ['login', '--client-id', SECRET_APP, ...via(reflector.origin)], {
        ...TRAVIS_ENV,
        AZURE_CLIENT_SECRET: SECRET,
      });
      expectIn(problems, r.stderr, 'AADSTS900144', "the server's error");
      return { results: [['login', r]] };
    },
  ),
  cliScenario(
    'token, a token endpoint that reflects the request (JSON error): CI token as the assertion',
    1,
    async (dir, problems) => {
      const file = inputFile('ci.jwt', mintCi('CI token sent to a reflecting token endpoint'));
      const r = await cli(
        dir,
        ['token', '--client-id', sandbox.clientId, ...via(reflector.origin), '--id-token-file', file],
        {},
      );
      expectIn(problems, r.stderr, 'AADSTS900144', "the server's error");
      return { results: [['token', r]] };
    },
  ),
  cliScenario(
    'login, a token endpoint that reflects the request (JSON error): certificate assertion',
    1,
    async (dir, problems) => {
      const r = await cli(dir, ['login', '--client-id', CERT_APP, ...via(reflector.origin)], {
        ...DRONE_ENV,
        AZURE_CLIENT_CERTIFICATE_PATH: inputFile('app.pem', `${cert.keyPem}${cert.certPem}`),
      });
      expectIn(problems, r.stderr, 'AADSTS900144', "the server's error");
      return { results: [['login', r]] };
    },
  ),
  cliScenario(
    'login, a token endpoint that reflects the request (text/plain): client secret',
    1,
    async (dir, problems) => {
      const r = await cli(
        dir,
        ['login', '--client-id', SECRET_APP, '--tenant-id', reflector.textTenant, '--authority-host', reflector.origin],
        { ...TRAVIS_ENV, AZURE_CLIENT_SECRET: SECRET },
      );
      expectIn(problems, r.stderr, 'HTTP 400', "the server's status");
      return { results: [['login', r]] };
    },
  ),
  cliScenario('token, an ID-token endpoint that reflects the request token', 1, async (dir, problems) => {
    const r = await cli(dir, ['token', '--client-id', sandbox.clientId, ...via(tap.origin)], {
      ...githubRunnerEnv(),
      ACTIONS_ID_TOKEN_REQUEST_URL: `${reflector.origin}/ci/idtoken?api-version=2.0`,
    });
    expectIn(problems, r.stderr, 'HTTP 403', "the endpoint's status");
    return { results: [['token', r]] };
  }),
  cliScenario('doctor, a Microsoft Graph that reflects the Graph token', 1, async (dir, problems) => {
    const graph = await cli(
      join(dir, 'graph-token'),
      ['token', '--client-id', sandbox.clientId, ...via(tap.origin), '--scope', GRAPH],
      githubRunnerEnv(),
    );
    ledger.addJwt('Microsoft Graph token (sent to a reflecting Graph)', graph.stdout.trim());
    const file = inputFile('ci.jwt', mintCi('CI token given to doctor'));
    const r = await cli(
      dir,
      [
        'doctor',
        '--id-token-file',
        file,
        '--client-id',
        MISMATCH_APP,
        '--graph-url',
        reflector.origin,
        '--graph-token-env',
        'GRAPH_TOKEN',
      ],
      { GRAPH_TOKEN: graph.stdout.trim() },
    );
    expectIn(problems, r.stderr, 'HTTP 401', "Graph's status");
    return {
      results: [
        ['token (graph)', graph],
        ['doctor', r],
      ],
      tokenOut: ['token (graph)'],
    };
  }),
];

/**
 * `login --export` then `logout`, as a job's steps: the hand-offs write where the job's later
 * steps read (GITHUB_ENV, an --export-file) and a 0600 CI-token file; logout removes the file.
 */
function handoffScenario(name: string, ci: 'github' | 'gitlab', exportsGiven: string): Scenario {
  return {
    entry: 'CLI',
    name,
    expectCode: 0,
    async run(dir) {
      const problems: string[] = [];
      const { home, tmp } = layout(dir);
      const runnerTemp = join(dir, 'runner-temp');
      mkdirSync(runnerTemp, { recursive: true });
      const githubEnv = join(dir, 'github-env');
      const exportFile = join(dir, 'exports.sh');
      let job: Record<string, string>;
      const args = ['login', '--export', exportsGiven, ...via(tap.origin)];
      if (ci === 'github') {
        writeFileSync(githubEnv, '');
        job = {
          ...githubRunnerEnv(),
          GITHUB_ENV: githubEnv,
          RUNNER_TEMP: runnerTemp,
          AZURE_CLIENT_ID: sandbox.clientId,
        };
      } else {
        const token = mintCi(`GITLAB_OIDC_TOKEN (${name})`, {
          issuer: GITLAB.issuer,
          claims: ciClaims({ ...GITLAB.claims, sub: GITLAB.subject }),
        });
        job = { ...GITLAB.env, GITLAB_OIDC_TOKEN: token, AZURE_CLIENT_ID: GITLAB_APP };
        args.push('--export-file', exportFile);
      }
      // The fake tools' own call log is the test's instrument, kept outside the walked directories.
      const env = baseEnv({
        ...job,
        ...fakeTools(join(inputs, `${randomUUID()}-tools.log`)),
        ...DEBUG_ENV,
        HOME: home,
        TMPDIR: tmp,
      });
      const login = await runNode(CLI, args, { env, cwd: dir });
      // On GitHub the CLI masks what it hands on, with the runner's own `::add-mask::` lines.
      const shown = login.stderr.split('\n').filter((line) => {
        if (!line.startsWith('::add-mask::')) return true;
        ledger.addJwt(`token masked by login --export (${name})`, line.slice('::add-mask::'.length));
        return false;
      });
      const exported =
        ci === 'github'
          ? Object.fromEntries(parseFileCommands(readFileSync(githubEnv, 'utf8')))
          : sourceExportFile(exportFile);
      const intended: Intended[] =
        ci === 'github'
          ? [{ path: githubEnv, why: "GITHUB_ENV (the runner's file)" }]
          : [{ path: exportFile, why: 'the --export-file', mode: modeOf(exportFile) }];
      const tokenFile = exported['AZURE_FEDERATED_TOKEN_FILE'];
      if (tokenFile === undefined || !existsSync(tokenFile)) problems.push('AZURE_FEDERATED_TOKEN_FILE exported');
      else {
        ledger.addJwt(`CI token in AZURE_FEDERATED_TOKEN_FILE (${name})`, readFileSync(tokenFile, 'utf8'));
        intended.push({ path: tokenFile, why: 'AZURE_FEDERATED_TOKEN_FILE', mode: modeOf(tokenFile) });
      }
      for (const [k, v] of Object.entries(exported))
        if (/TOKEN|HEADER|VALUE_\d+$/.test(k) && k !== 'AZURE_FEDERATED_TOKEN_FILE')
          ledger.add(`${k} handed on (${name})`, v, 'token');
      const logout = await runNode(CLI, ['logout'], { env: { ...env, ...exported }, cwd: dir });
      if (logout.code !== 0) problems.push(`logout to exit 0 (it exited ${logout.code})`);
      if (tokenFile !== undefined && existsSync(tokenFile))
        problems.push('logout to remove AZURE_FEDERATED_TOKEN_FILE');
      return outcome({
        code: login.code,
        texts: [
          { where: 'login stdout', text: login.stdout },
          { where: 'login stderr (without ::add-mask:: lines)', text: shown.join('\n') },
          ...streams('logout', logout),
        ],
        dirs: [dir],
        intended,
        problems,
      });
    },
  };
}

function denyingPolicy(): string {
  return inputFile(
    'policy.yml',
    `name: hygiene-guardrails\nrules:\n  - name: release-only\n    claims:\n      ref: refs/heads/release\n    allow:\n      tenants: "*"\n      clientIds: "*"\n      scopes: "*"\n`,
  );
}

function allowingPolicyFor(ref: string): string {
  return inputFile(
    'policy.yml',
    `name: hygiene-guardrails\nrules:\n  - name: only-${ref.replace(/\W+/g, '-')}\n    claims:\n      ref: ${ref}\n    allow:\n      tenants: "*"\n      clientIds: "*"\n      scopes: ["**"]\n`,
  );
}

// ---------------------------------------------------------------------------------------------
// The GitHub Action, main then post, as the runner runs a `uses:` step.

function actionScenario(
  name: string,
  expectCode: number,
  inputsGiven: () => Record<string, string>,
  opts: {
    extra?: Record<string, string | undefined>;
    audit?: boolean;
    noDebugLines?: boolean;
    check?: (out: string, problems: string[]) => void;
  } = {},
): Scenario {
  return {
    entry: 'Action',
    name,
    expectCode,
    async run(dir) {
      const problems: string[] = [];
      const { home, tmp } = layout(dir);
      const runnerTemp = join(dir, 'runner-temp');
      const workspace = join(dir, 'workspace');
      mkdirSync(runnerTemp, { recursive: true });
      mkdirSync(workspace, { recursive: true });
      const files = {
        GITHUB_OUTPUT: join(dir, 'output'),
        GITHUB_ENV: join(dir, 'env'),
        GITHUB_STATE: join(dir, 'state'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      };
      for (const f of Object.values(files)) writeFileSync(f, '');
      const audit = opts.audit === true ? join(dir, 'audit.jsonl') : undefined;
      const given: Record<string, string> = {};
      for (const [k, v] of Object.entries({
        'client-id': sandbox.clientId,
        'tenant-id': sandbox.tenantId,
        'authority-host': tap.origin,
        ...inputsGiven(),
        ...(audit === undefined ? {} : { 'audit-log': audit }),
      })) {
        given[`INPUT_${k.toUpperCase()}`] = v;
      }
      const env = baseEnv({
        ...actionDefaults(),
        ...given,
        ...files,
        ...githubRunnerEnv(),
        ...DEBUG_ENV,
        RUNNER_TEMP: runnerTemp,
        GITHUB_WORKSPACE: workspace,
        HOME: home,
        TMPDIR: tmp,
        GITHUB_SHA: 'a3f2c9d1e8b7465f0c1d2e3f4a5b6c7d8e9f0a1b',
        GITHUB_RUN_ATTEMPT: '1',
        ...opts.extra,
      });
      const main = await runNode(ACTION_MAIN, [], { env, cwd: workspace });

      // The runner's masking protocol: `::add-mask::VALUE` lines are consumed, never shown.
      const masked: string[] = [];
      const shown = main.stdout.split('\n').filter((line) => {
        if (!line.startsWith('::add-mask::')) return true;
        masked.push(line.slice('::add-mask::'.length));
        return false;
      });
      for (const [i, v] of masked.entries()) ledger.addJwt(`token masked by the Action (${name}, #${i + 1})`, v);
      if (opts.noDebugLines !== true && !shown.some((l) => l.startsWith('::debug::')))
        problems.push('step debug output (::debug:: lines) with RUNNER_DEBUG=1');
      opts.check?.(main.stdout, problems);

      const outputs = parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
      const exported = Object.fromEntries(parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')));
      const accessToken = outputs.find(([k]) => k === 'access-token')?.[1];
      ledger.addJwt(`access-token output (${name})`, accessToken);
      if (accessToken !== undefined && !masked.includes(accessToken))
        problems.push('the access-token output to be masked');
      const intended: Intended[] = [];
      const tokenFile = exported['AZURE_FEDERATED_TOKEN_FILE'];
      if (tokenFile !== undefined) {
        ledger.addJwt(`CI token in AZURE_FEDERATED_TOKEN_FILE (${name})`, readFileSync(tokenFile, 'utf8'));
        intended.push({ path: tokenFile, why: 'AZURE_FEDERATED_TOKEN_FILE', mode: modeOf(tokenFile) });
      }
      const state: Record<string, string> = {};
      for (const [k, v] of parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8'))) state[`STATE_${k}`] = v;
      const post = await runNode(ACTION_POST, [], { env: { ...env, ...state }, cwd: workspace });
      if (post.code !== 0) problems.push(`post to exit 0 (it exited ${post.code})`);
      if (tokenFile !== undefined && existsSync(tokenFile)) problems.push('post to remove AZURE_FEDERATED_TOKEN_FILE');

      return outcome({
        code: main.code,
        texts: [
          { where: 'main stdout (without ::add-mask:: lines)', text: shown.join('\n') },
          { where: 'main stderr', text: main.stderr },
          // GITHUB_OUTPUT: every output but access-token and access-tokens, which the contract requires.
          {
            where: 'GITHUB_OUTPUT (outputs other than access-token and access-tokens)',
            text: outputs
              .filter(([k]) => k !== 'access-token' && k !== 'access-tokens')
              .map(([k, v]) => `${k}=${v}`)
              .join('\n'),
          },
          ...streams('post', post),
        ],
        // GITHUB_OUTPUT is the one file not scanned whole; the others (env, state, summary) are.
        dirs: [dir],
        intended: [
          ...intended,
          { path: files.GITHUB_OUTPUT, why: 'GITHUB_OUTPUT (scanned above without access-token)' },
        ],
        private600: audit === undefined ? [] : [{ path: audit, mode: modeOf(audit) }],
        problems,
      });
    },
  };
}

const actionScenarios: Scenario[] = [
  actionScenario('success, default scope, export env', 0, () => ({
    'subscription-id': '2d3e4f50-6172-4c8d-ae9f-a0b1c2d3e4f5',
  })),
  actionScenario('several scopes', 0, () => ({ scopes: `${VAULT}\n${STORAGE}, ${GRAPH}` })),
  actionScenario('failure: FIC mismatch (doctor in the log)', 1, () => ({ 'client-id': MISMATCH_APP }), {
    check: (out, problems) => expectIn(problems, out, 'entra-federate doctor:', "the doctor's reading in the log"),
  }),
  actionScenario('failure: no id-token permission', 2, () => ({}), {
    noDebugLines: true,
    extra: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined },
  }),
  actionScenario('policy denial', 1, () => ({ policy: denyingPolicy() }), {
    check: (out, problems) => expectIn(problems, out, 'Denied by policy', 'the policy denial'),
  }),
  actionScenario('failure: a token endpoint that reflects the request', 1, () => ({
    'authority-host': reflector.origin,
  })),
  actionScenario(
    'policy allows; audit-log, two scopes',
    0,
    () => ({ scopes: `${ARM}\n${VAULT}`, policy: allowingPolicyFor('refs/heads/main') }),
    { audit: true },
  ),
];

// ---------------------------------------------------------------------------------------------
// The Drone/Harness plugin entry: PLUGIN_* settings, the workspace as working directory.

function droneScenario(
  name: string,
  expectCode: number,
  settings: () => Record<string, string>,
  opts: {
    harness?: boolean;
    authority?: 'tap' | 'sandbox' | 'reflector';
    check?: (r: ProcessResult, problems: string[]) => void;
  } = {},
): Scenario {
  return {
    entry: 'Drone/Harness',
    name,
    expectCode,
    async run(dir) {
      const problems: string[] = [];
      const { home, tmp } = layout(dir);
      const workspace = join(dir, 'workspace');
      mkdirSync(workspace, { recursive: true });
      const harnessDir = join(dir, 'harness');
      const outputFile = join(harnessDir, 'output.env');
      const secretFile = join(harnessDir, 'secrets.env');
      const harnessEnv: Record<string, string> =
        opts.harness === true
          ? { ...HARNESS.env, DRONE_OUTPUT: outputFile, HARNESS_OUTPUT_SECRET_FILE: secretFile }
          : DRONE_ENV;
      if (opts.harness === true) mkdirSync(harnessDir, { recursive: true });
      const given: Record<string, string> = {};
      for (const [k, v] of Object.entries(settings())) given[`PLUGIN_${k.toUpperCase()}`] = v;
      const env = baseEnv({
        ...harnessEnv,
        ...DEBUG_ENV,
        HOME: home,
        TMPDIR: tmp,
        DRONE_WORKSPACE: workspace,
        PLUGIN_TENANT_ID: sandbox.tenantId,
        PLUGIN_AUTHORITY_HOST: { sandbox: sandbox.authorityHost, reflector: reflector.origin, tap: tap.origin }[
          opts.authority ?? 'tap'
        ],
        ...given,
      });
      const r = await runNode(DRONE, [], { env, cwd: workspace });
      opts.check?.(r, problems);
      const envFile = join(workspace, '.entra-federate/env');
      const intended: Intended[] = [];
      if (existsSync(envFile)) {
        for (const [k, v] of Object.entries(sourcedVariables(envFile, baseEnv())))
          if (k.startsWith('AZURE_ACCESS_TOKEN') && k !== 'AZURE_ACCESS_TOKEN_EXPIRES_ON')
            ledger.addJwt(`${k} in the Drone env file (${name})`, v);
        intended.push({ path: envFile, why: 'the Drone env file', mode: modeOf(envFile) });
      }
      if (existsSync(secretFile)) {
        for (const [k, v] of parseFileCommands(readFileSync(secretFile, 'utf8')))
          ledger.addJwt(`${k} in Harness's secret output file (${name})`, v);
        intended.push({ path: secretFile, why: 'the Harness secret output file', mode: modeOf(secretFile) });
      }
      // DRONE_OUTPUT (plain output variables, shown in Harness's UI) is scanned whole by the walk.
      if (opts.harness === true && expectCode === 0 && !existsSync(outputFile))
        problems.push('the plain output variables file');
      return outcome({ code: r.code, texts: streams('plugin', r), dirs: [dir], intended, problems });
    },
  };
}

const droneScenarios: Scenario[] = [
  droneScenario('Drone: client secret, two scopes', 0, () => ({
    client_id: SECRET_APP,
    client_secret: SECRET,
    scopes: `${ARM},${VAULT}`,
  })),
  droneScenario(
    'Drone: certificate (PEM in a secret)',
    0,
    () => ({ client_id: CERT_APP, certificate: `${cert.keyPem}${cert.certPem}` }),
    { authority: 'sandbox' },
  ),
  droneScenario('Drone: certificate, base64-encoded', 0, () => ({ client_id: CERT_APP, certificate: base64Pem() }), {
    authority: 'sandbox',
  }),
  droneScenario(
    'Drone failure: wrong client secret',
    1,
    () => ({ client_id: SECRET_APP, client_secret: WRONG_SECRET }),
    {
      check: (r, problems) => expectIn(problems, r.stderr, 'AADSTS7000215', 'AADSTS7000215'),
    },
  ),
  droneScenario(
    'Drone failure: a certificate the app does not hold',
    1,
    () => ({ client_id: CERT_APP, certificate: `${otherCert.keyPem}${otherCert.certPem}` }),
    {
      authority: 'sandbox',
      check: (r, problems) => expectIn(problems, r.stderr, 'AADSTS700027', 'AADSTS700027'),
    },
  ),
  droneScenario(
    'Drone failure: a token endpoint that reflects the request (client secret)',
    1,
    () => ({ client_id: SECRET_APP, client_secret: SECRET }),
    {
      authority: 'reflector',
      check: (r, problems) => expectIn(problems, r.stderr, 'AADSTS900144', "the server's error"),
    },
  ),
  droneScenario(
    'Harness: OIDC token, plain and secret outputs, two scopes',
    0,
    () => ({
      client_id: HARNESS_APP,
      scopes: `${ARM},${VAULT}`,
      oidc_token_id: mintCi('Harness OIDC token', {
        issuer: HARNESS.issuer,
        audience: AUDIENCE,
        claims: ciClaims({ ...HARNESS.claims, sub: HARNESS.subject }),
      }),
    }),
    { harness: true },
  ),
  droneScenario(
    'Harness failure: a subject the FIC does not hold',
    1,
    () => ({
      client_id: HARNESS_APP,
      oidc_token_id: mintCi('Harness OIDC token (other pipeline)', {
        issuer: HARNESS.issuer,
        audience: AUDIENCE,
        claims: ciClaims({ ...HARNESS.claims, sub: 'pipeline:another_pipeline' }),
      }),
    }),
    {
      harness: true,
      check: (r, problems) => expectIn(problems, r.stderr, 'entra-federate doctor:', "the doctor's reading"),
    },
  ),
];

function base64Pem(): string {
  const value = Buffer.from(`${cert.keyPem}${cert.certPem}`).toString('base64');
  ledger.add('the base64-encoded PEM (certificate and private key)', value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// The CircleCI orb's login command: its script in `bash -eo pipefail`, as CircleCI runs a step.

function orbScenario(
  name: string,
  expectCode: number,
  params: () => Record<string, string>,
  opts: {
    subject?: string;
    authority?: 'tap' | 'sandbox';
    extra?: () => Record<string, string>;
    check?: (r: ProcessResult, problems: string[]) => void;
  } = {},
): Scenario {
  return {
    entry: 'CircleCI orb',
    name,
    expectCode,
    async run(dir) {
      const problems: string[] = [];
      const { home, tmp } = layout(dir);
      const bashEnv = join(dir, 'bash_env');
      writeFileSync(bashEnv, 'export EARLIER_STEP=1\n');
      const subject = opts.subject ?? CIRCLECI.subjectV2;
      const claims = ciClaims({ ...CIRCLECI.claims, sub: subject });
      const step = renderOrbStep(orb, 'login', {
        authority_host: opts.authority === 'sandbox' ? sandbox.authorityHost : tap.origin,
        cli: CLI,
        ...params(),
      });
      const script = join(dir, 'step.sh');
      writeFileSync(script, step.command);
      const tools = fakeToolEnv(sandbox, CIRCLECI.issuer, claims, join(dir, 'circleci.log'));
      const env = baseEnv({
        ...CIRCLECI.env,
        ...DEBUG_ENV,
        CIRCLE_OIDC_TOKEN_V2: mintCi(`CIRCLE_OIDC_TOKEN_V2 (${name})`, {
          issuer: CIRCLECI.issuer,
          audience: CIRCLE_ORG,
          claims,
        }),
        CIRCLE_OIDC_TOKEN: mintCi(`CIRCLE_OIDC_TOKEN (${name})`, {
          issuer: CIRCLECI.issuer,
          audience: CIRCLE_ORG,
          claims: { ...claims, sub: CIRCLECI.subjectV1 },
        }),
        ...tools,
        FAKE_CI_SANDBOX: tap.origin,
        PATH: [FAKE_BIN, process.env['PATH'] ?? '/usr/bin:/bin'].join(delimiter),
        HOME: home,
        TMPDIR: tmp,
        BASH_ENV: bashEnv,
        AZURE_CLIENT_ID: CIRCLE_APP,
        AZURE_TENANT_ID: sandbox.tenantId,
        ...step.environment,
        ...opts.extra?.(),
      });
      const r = await runShell(['bash', '-eo', 'pipefail'], script, env, { cwd: dir });
      opts.check?.(r, problems);
      for (const [k, v] of Object.entries(sourcedVariables(bashEnv, baseEnv())))
        if (k.startsWith('AZURE_ACCESS_TOKEN') && k !== 'AZURE_ACCESS_TOKEN_EXPIRES_ON')
          ledger.addJwt(`${k} in $BASH_ENV (${name})`, v);
      if (expectCode !== 0 && readFileSync(bashEnv, 'utf8') !== 'export EARLIER_STEP=1\n')
        problems.push('$BASH_ENV untouched by a failed step');
      return outcome({
        code: r.code,
        texts: streams('step', r),
        dirs: [dir],
        intended: [{ path: bashEnv, why: '$BASH_ENV' }],
        problems,
      });
    },
  };
}

const orbScenarios: Scenario[] = [
  orbScenario('success: CircleCI OIDC token, two scopes', 0, () => ({ scopes: `${ARM},${VAULT}` })),
  orbScenario('failure: a subject the FIC does not hold', 1, () => ({ client_id: CIRCLE_V1_APP }), {
    check: (r, problems) => expectIn(problems, r.stderr, 'entra-federate doctor:', "the doctor's reading"),
  }),
  orbScenario(
    'certificate from a variable (base64 PEM)',
    0,
    () => ({ client_id: CERT_APP, certificate: 'AZURE_CERTIFICATE_PEM' }),
    { authority: 'sandbox', extra: () => ({ AZURE_CERTIFICATE_PEM: base64Pem() }) },
  ),
  orbScenario(
    'failure: wrong client secret from a variable',
    1,
    () => ({ client_id: SECRET_APP, client_secret: 'AZURE_SECRET_VALUE' }),
    {
      extra: () => ({ AZURE_SECRET_VALUE: WRONG_SECRET }),
      check: (r, problems) => expectIn(problems, r.stderr, 'AADSTS7000215', 'AADSTS7000215'),
    },
  ),
];

// ---------------------------------------------------------------------------------------------
// The GitLab component: a job extending .entra-federate, before_script then script in one shell.

function gitlabScenario(
  name: string,
  expectCode: number,
  shell: 'bash' | 'sh',
  given: Record<string, string>,
  script: string[],
  check?: (r: ProcessResult, problems: string[]) => void,
): Scenario {
  return {
    entry: 'GitLab component',
    name,
    expectCode,
    async run(dir) {
      const problems: string[] = [];
      const { home, tmp } = layout(dir);
      const job = gitlabJob({ client_id: GITLAB_APP, tenant_id: sandbox.tenantId, ...given });
      const idTokens: Record<string, string> = {};
      for (const [k, { aud }] of Object.entries(job.id_tokens))
        idTokens[k] = mintCi(`${k} (${name})`, {
          issuer: GITLAB.issuer,
          audience: aud,
          claims: ciClaims({ ...GITLAB.claims, sub: GITLAB.subject }),
        });
      const file = join(dir, 'job.sh');
      // No `set -x`: the runner's own tracing (CI_DEBUG_TRACE) echoes variables by design.
      writeFileSync(
        file,
        `${[shell === 'bash' ? 'set -eo pipefail' : 'set -e', ...job.before_script, ...script].join('\n')}\n`,
      );
      const env = baseEnv({
        ...GITLAB.env,
        ...DEBUG_ENV,
        CI_PROJECT_DIR: dir,
        CI_SERVER_FQDN: 'gitlab.com',
        HOME: home,
        TMPDIR: tmp,
        ...job.variables,
        ...idTokens,
        AZURE_AUTHORITY_HOST: tap.origin,
        ENTRA_FEDERATE_CLI: CLI,
      });
      const r = await runShell([shell], file, env, { cwd: dir });
      check?.(r, problems);
      return outcome({ code: r.code, texts: streams('job', r), dirs: [dir], problems });
    },
  };
}

/** A script line that uses a token (checks its audience) without printing or writing it. */
function useToken(variable: string, resource: string): string {
  return `node -e 'const c=JSON.parse(Buffer.from(process.env.${variable}.split(".")[1],"base64url"));if(c.aud!==${JSON.stringify(resource)})process.exit(3);console.log("${variable} is for ${resource}")'`;
}

const gitlabScenarios: Scenario[] = [
  gitlabScenario(
    "bash: two scopes, used by the job's script",
    0,
    'bash',
    { scopes: `${ARM},${VAULT}` },
    [
      useToken('AZURE_ACCESS_TOKEN', 'https://management.azure.com'),
      useToken('AZURE_ACCESS_TOKEN_VAULT_AZURE_NET', 'https://vault.azure.net'),
    ],
    (r, problems) => {
      expectIn(
        problems,
        r.stdout,
        'AZURE_ACCESS_TOKEN_VAULT_AZURE_NET is for https://vault.azure.net',
        'the script to use the tokens',
      );
    },
  ),
  gitlabScenario('sh: one scope', 0, 'sh', {}, [useToken('AZURE_ACCESS_TOKEN', 'https://management.azure.com')]),
  gitlabScenario(
    'failure: two scopes with one variable name (refused before any request; the eval fails)',
    2,
    'sh',
    { scopes: `${ARM},${VAULT},api://vault.azure.net` },
    ['echo SCRIPT-RAN'],
    (r, problems) => {
      expectIn(problems, r.stderr, 'would be exported as AZURE_ACCESS_TOKEN_VAULT_AZURE_NET', 'the clash named');
      if (r.stdout.includes('SCRIPT-RAN')) problems.push('the script not to run');
    },
  ),
  gitlabScenario(
    'failure: an audience the FIC does not hold',
    1,
    'bash',
    { audience: 'https://gitlab.com' },
    ['echo SCRIPT-RAN'],
    (r, problems) => {
      expectIn(problems, r.stderr, 'entra-federate doctor:', "the doctor's reading");
      if (r.stdout.includes('SCRIPT-RAN')) problems.push('the script not to run');
    },
  ),
];

// ---------------------------------------------------------------------------------------------
// The Travis example: the compiled job script in bash, a certificate kept by travis encrypt-file.

function travisScenario(
  name: string,
  expectCode: number,
  pem: () => string,
  check?: (r: ProcessResult, problems: string[]) => void,
): Scenario {
  return {
    entry: 'Travis example',
    name,
    expectCode,
    async run(dir) {
      const problems: string[] = [];
      const { yml, encryptedId } = travisExample();
      const { home, tmp } = layout(dir);
      const repo = join(dir, 'build', 'acme', 'deploy-app');
      mkdirSync(join(repo, '.travis'), { recursive: true });
      const keys = travisEncryptFile(pem(), join(repo, '.travis/azure-certificate.pem.enc'), inputs);
      ledger.add(`encrypted_${encryptedId}_key (${name})`, keys.key);
      ledger.add(`encrypted_${encryptedId}_iv (${name})`, keys.iv);
      const script = join(dir, 'build.sh');
      writeFileSync(
        script,
        travisBuildScript(yml, {
          skipInstall: true,
          replace: [
            ['export AZURE_CLIENT_ID=00000000-0000-0000-0000-000000000000', `export AZURE_CLIENT_ID=${CERT_APP}`],
            [
              'export AZURE_TENANT_ID=contoso.onmicrosoft.com',
              `export AZURE_TENANT_ID=${sandbox.tenantId}\nexport AZURE_AUTHORITY_HOST=${sandbox.authorityHost}`,
            ],
            // The install phase (the release's installer) is skipped: $ENTRA_FEDERATE is dist/.
            ['export ENTRA_FEDERATE_VERSION=', `export ENTRA_FEDERATE=${CLI}\nexport ENTRA_FEDERATE_VERSION=`],
          ],
        }),
      );
      const env = baseEnv({
        ...TRAVIS_ENV,
        ...DEBUG_ENV,
        HOME: home,
        TMPDIR: tmp,
        TRAVIS_BUILD_DIR: repo,
        PATH: [fakeCurl(join(dir, 'tools')), process.env['PATH'] ?? '/usr/bin:/bin'].join(delimiter),
        [`encrypted_${encryptedId}_key`]: keys.key,
        [`encrypted_${encryptedId}_iv`]: keys.iv,
      });
      const r = await runShell(['bash'], script, env, { cwd: repo });
      check?.(r, problems);
      // The decrypted PEM is the example's own credential file (umask 077); after_script removes
      // it, but a build that errors in before_script never reaches after_script.
      const pemPath = join(home, 'azure-certificate.pem');
      const intended: Intended[] = existsSync(pemPath)
        ? [
            {
              path: pemPath,
              why: 'the decrypted certificate of a build that errored before after_script',
              mode: modeOf(pemPath),
              holdsCredential: true,
            },
          ]
        : [];
      if (expectCode === 0 && existsSync(pemPath)) problems.push('after_script to remove the decrypted PEM');
      return outcome({ code: r.code, texts: streams('job', r), dirs: [dir], intended, problems });
    },
  };
}

const travisScenarios: Scenario[] = [
  travisScenario(
    'success: certificate, two scopes, script calls the API',
    0,
    () => `${cert.keyPem}${cert.certPem}`,
    (r, problems) => {
      expectIn(
        problems,
        r.stderr,
        'curl: GET /subscriptions with a token for https://management.azure.com',
        'script: to use the token',
      );
    },
  ),
  travisScenario(
    'failure: a certificate the app does not hold',
    1,
    () => `${otherCert.keyPem}${otherCert.certPem}`,
    (r, problems) => {
      expectIn(problems, r.stderr, 'AADSTS700027', 'AADSTS700027');
    },
  ),
];

// ---------------------------------------------------------------------------------------------

const handoffScenarios: Scenario[] = [
  handoffScenario(
    'login --export env,terraform,git,kubelogin on GitHub, then logout',
    'github',
    'env,terraform,git,kubelogin',
  ),
  handoffScenario(
    'login --export env,terraform,git,kubelogin --export-file on GitLab, then logout',
    'gitlab',
    'env,terraform,git,kubelogin',
  ),
];

const scenarios: Scenario[] = [
  ...cliScenarios,
  ...handoffScenarios,
  ...actionScenarios,
  ...droneScenarios,
  ...orbScenarios,
  ...gitlabScenarios,
  ...travisScenarios,
];

beforeAll(async () => {
  tmpBefore = new Set(readdirSync(tmpdir()));
  cert = createSelfSignedCertificate({ commonName: 'entra-federate hygiene' });
  otherCert = createSelfSignedCertificate({ commonName: 'not registered' });
  ledger.addPrivateKey("the app certificate's private key", cert.keyPem);
  ledger.addPrivateKey("the unregistered certificate's private key", otherCert.keyPem);
  ledger.add('the client secret', SECRET);
  ledger.add('the wrong client secret', WRONG_SECRET);
  sandbox = await startSandbox({
    config: { issuers: [{ issuer: GITLAB.issuer }, { issuer: CIRCLECI.issuer }, { issuer: HARNESS.issuer }] },
  });
  ledger.add('the GitHub request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN)', sandbox.idTokenRequestToken);
  sandbox.addApp({
    clientId: MISMATCH_APP,
    federatedCredentials: [{ issuer: sandbox.issuer, subject: PROD_SUBJECT, audiences: [AUDIENCE] }],
  });
  sandbox.addApp({ clientId: SECRET_APP, secrets: [SECRET] });
  sandbox.addApp({ clientId: CERT_APP, certificates: [cert.certPem] });
  sandbox.addApp({
    clientId: GITLAB_APP,
    federatedCredentials: [{ issuer: GITLAB.issuer, subject: GITLAB.subject, audiences: [AUDIENCE] }],
  });
  sandbox.addApp({
    clientId: CIRCLE_APP,
    federatedCredentials: [{ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV2, audiences: [AUDIENCE] }],
  });
  sandbox.addApp({
    clientId: CIRCLE_V1_APP,
    federatedCredentials: [{ issuer: CIRCLECI.issuer, subject: CIRCLECI.subjectV1, audiences: [AUDIENCE] }],
  });
  sandbox.addApp({
    clientId: HARNESS_APP,
    federatedCredentials: [{ issuer: HARNESS.issuer, subject: HARNESS.subject, audiences: [AUDIENCE] }],
  });
  tap = await startTap(sandbox.origin);
  reflector = await startReflector();
  root = mkdtempSync(join(tmpdir(), 'ef-hygiene-'));
  inputs = join(root, 'inputs');
  mkdirSync(inputs);
  orb = packOrb();
});

afterAll(async () => {
  await Promise.all([tap?.close(), reflector?.close(), sandbox?.close()]);
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

/**
 * Everything the scenario left: streams, file-command texts and every file. An intended file
 * may hold tokens, never a credential (a client secret, a private key, the request token).
 */
function scan(o: Outcome): Finding[] {
  const intended = new Map(o.intended.map((i) => [i.path, i]));
  const findings = o.texts.flatMap(({ where, text }) => ledger.scan(where, text));
  for (const dir of o.dirs) {
    for (const file of walkFiles(dir)) {
      const found = ledger.scan(`file ${file.slice(dir.length + 1)}`, readForScan(file));
      const allowed = intended.get(file);
      if (allowed === undefined) findings.push(...found);
      else if (allowed.holdsCredential !== true) findings.push(...found.filter((f) => f.kind === 'credential'));
    }
  }
  return findings;
}

let scenarioCount = 0;

/** Runs one scenario in its own directory; what it handed out is learned before the scan. */
async function runScenario(s: Scenario): Promise<Outcome> {
  const n = ++scenarioCount;
  const dir = join(
    root,
    'scenarios',
    `${String(n).padStart(2, '0')}-${s.entry}-${s.name}`.replace(/[^\w.-]+/g, '-').slice(0, 80),
  );
  mkdirSync(dir, { recursive: true });
  const o = await s.run(dir);
  learnFromPeers();
  return o;
}

/**
 * Every token the sandbox handed out through the tap, whoever asked for it, and what clients
 * sent to the reflecting peer (the certificate assertions are known only from there).
 * Adding a secret twice is a no-op, so this runs after every scenario.
 */
function learnFromPeers(): void {
  for (const [i, { label, value }] of tap.tokens.entries()) ledger.addJwt(`${label} (#${i + 1})`, value);
  for (const [i, form] of reflector.forms.entries()) {
    ledger.addJwt(
      `client_assertion sent to the reflecting token endpoint (#${i + 1})`,
      form.get('client_assertion') ?? undefined,
    );
    ledger.add(
      `client_secret sent to the reflecting token endpoint (#${i + 1})`,
      form.get('client_secret') ?? undefined,
    );
  }
  for (const [i, b] of reflector.bearers.entries()) ledger.addJwt(`bearer sent to the reflecting peer (#${i + 1})`, b);
}

// Scenarios of one entry run concurrently, at most as many at once as the machine has cores
// (the e2e project's maxConcurrency); each has the whole test timeout to itself.
describe.each(['CLI', 'Action', 'Drone/Harness', 'CircleCI orb', 'GitLab component', 'Travis example'])(
  '%s, debug on everywhere',
  (entry) => {
    const mine = scenarios.filter((s) => s.entry === entry);
    test.concurrent.for(mine)('$name', async (s, { expect }) => {
      const o = await runScenario(s);
      const texts = o.texts.map((t) => `${t.where}:\n${ledger.redact(t.text).slice(-1500)}`).join('\n');
      // The scenario did what it is meant to (otherwise a clean scan would prove nothing).
      expect(o.code, `exit code; what it printed (secrets redacted):\n${texts}`).toBe(s.expectCode);
      expect(o.problems, `scenario checks; what it printed (secrets redacted):\n${texts}`).toEqual([]);
      expect(scan(o), 'secrets outside the intended places').toEqual([]);
      for (const i of o.intended)
        if (i.mode !== undefined)
          expect({ file: i.why, mode: i.mode.toString(8) }).toEqual({ file: i.why, mode: '600' });
      for (const p of o.private600)
        expect({ file: 'audit log', mode: p.mode?.toString(8) }).toEqual({ file: 'audit log', mode: '600' });
    });
  },
);

test("the scan knows what it looks for: every entry point's tokens were learned, and a planted one is found", () => {
  expect(tap.tokens.filter((t) => t.label.startsWith('access_token')).length).toBeGreaterThan(20);
  expect(tap.tokens.filter((t) => t.label.startsWith('value')).length).toBeGreaterThan(10);
  expect(ledger.size).toBeGreaterThan(150);
  const token = tap.tokens.find((t) => t.label.startsWith('access_token'))?.value ?? '';
  const planted = `log line\nBearer ${token.split('.')[2] ?? ''}\n`;
  expect(ledger.scan('planted', planted).map((f) => f.where)).toEqual(['planted, line 2']);
  expect(ledger.scan('planted', `x ${token}`).length).toBeGreaterThan(0);
  expect(ledger.scan('planted', cert.keyPem).length).toBeGreaterThan(10);
  expect(token).toMatch(new RegExp(JWT_SHAPE.source));
});

test("nothing outside the scenarios' directories (the system temp directory) holds any secret a scenario handled", () => {
  const fresh = readdirSync(tmpdir()).filter((name) => !tmpBefore.has(name) && join(tmpdir(), name) !== root);
  const findings = fresh.flatMap((name) => {
    const path = join(tmpdir(), name);
    return [path, ...walkFiles(path)].flatMap((file) =>
      ledger.scanExact(`file ${file}`, readForScan(file, 1024 * 1024)),
    );
  });
  expect(findings).toEqual([]);
});
