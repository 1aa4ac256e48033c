/**
 * The docs, checked: every shell and CI example in README.md and docs/*.md is run against the
 * sandbox, in the environment its CI gives a job, and must end with a credential in use; every
 * page is linked from the README; every relative link (and heading anchor) resolves.
 *
 * How an example is marked (CONTRIBUTING.md): the nearest line above a fenced block is
 * `<!-- example: ENV [exit=N] [environment=NAME] -->` (run it), `<!-- file: PATH -->` (write it
 * into the page's working directory), or `<!-- not-run: REASON -->`. A page's blocks run in
 * order, in one working directory, against one sandbox (a "world", test/helpers/docs-ci.ts).
 * The README starts from an empty Entra directory and its set-up commands create the app, its
 * federated credentials and its certificate, which its quick starts then use; every other page
 * starts where the README's set-up leaves off, with the credentials `<!-- examples-setup -->`
 * names.
 *
 * What is replaced, and nothing else (the examples' own lines run unchanged):
 *
 * | the docs say                                   | the test runs                                         |
 * |------------------------------------------------|-------------------------------------------------------|
 * | `npx entra-federate`, `entra-federate`         | `node dist/cli/index.js` (stand-ins `npx` and         |
 * |                                                | `entra-federate` on PATH, test/fixtures/docs-bin)     |
 * | `uses: entra-federate/entra-federate@v1`       | `dist/action/index.js`, then `dist/action/post.js`,   |
 * |                                                | with INPUT_* as the runner sets them                  |
 * | `image: entra-federate/drone-plugin:…`         | `dist/drone/index.js` with PLUGIN_* from `settings:`  |
 * | the orb's `entra-federate/login`               | orbs/src/commands/login.yml rendered, its script run; |
 * |                                                | ENTRA_FEDERATE_CLI=dist/cli (the orb's own override)  |
 * | `component: …/entra-federate/login@…`          | templates/login.yml with the inputs interpolated;     |
 * |                                                | ENTRA_FEDERATE_CLI=dist/cli (the component's override)|
 * | Entra (login.microsoftonline.com)              | the sandbox: AZURE_AUTHORITY_HOST in the job, the     |
 * |                                                | Action's `authority-host` input, the plugin's         |
 * |                                                | PLUGIN_AUTHORITY_HOST, when the example gives none    |
 * | the ids 00000000-… (tenant), 11111111-…        | unchanged: each page's sandbox holds that tenant,     |
 * | (client), 22222222-… (subscription),           | that domain and (after the set-up) that app           |
 * | contoso.onmicrosoft.com                        |                                                       |
 * | `curl https://management.azure.com/…` and any  | a stand-in curl: records the claims of the bearer it  |
 * | non-loopback URL; `az`; `terraform`            | is given (never the token), answers 401 without a     |
 * |                                                | valid one; az and terraform exchange the CI token at  |
 * |                                                | the sandbox as they would at Entra; `az ad`/`az role` |
 * |                                                | keep a directory and register apps, federated         |
 * |                                                | credentials and certificates in the sandbox           |
 * | `circleci run oidc get`, `buildkite-agent oidc | stand-ins that mint the CI's token in the sandbox     |
 * | request-token`                                 | (test/fixtures/fake-ci.cjs)                           |
 * | `${{ fromJSON(steps.ID.outputs.NAME)['KEY'] }}`| evaluated as GitHub does: the output parsed as JSON,   |
 * |                                                | then indexed                                          |
 * | `${{ vars.AZURE_* }}`, CircleCI context        | the docs' ids; Drone secret `azure_app_pem`: the      |
 * | `azure`, `from_secret`, `$(System.AccessToken)`| page's app.pem; Travis secure variables: the key and  |
 * | Travis `encrypted_3f1c5a7e9b2d_*`              | iv of the page's `travis encrypt-file`; the job token |
 * | verify: https://token.actions.githubusercontent.com | the sandbox's own CI issuer (whose discovery and  |
 * |                                                | keys are reachable); TOKEN_FILE holds its token       |
 * | `$APP_ID` in `az` examples after the README's  | the docs' client id, as the README's set-up leaves it |
 * | set-up                                         |                                                       |
 * | `image:`, `docker:`, `executor:`, `checkout`,  | ignored: this machine's tools stand in for the image  |
 * | `actions/checkout`                             |                                                       |
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import type { Run, World } from '../helpers/docs-ci.js';
import {
  DOC,
  GITHUB_ISSUER,
  createWorld,
  runAzurePipeline,
  runBitbucketPipeline,
  runBuildkitePipeline,
  runCircleciConfig,
  runDronePipeline,
  runGithubWorkflow,
  runGitlabPipeline,
  runJenkinsfile,
  runPlainShell,
  runShellStep,
  runTravisJob,
} from '../helpers/docs-ci.js';
import type { CodeBlock } from '../helpers/markdown.js';
import { anchors, codeBlocks, examplesSetup, links } from '../helpers/markdown.js';
import { ROOT } from './run.js';

/** Pages other work provides; until they land, a link to one of them is allowed to dangle. */
const PROVIDED_ELSEWHERE = new Set(['docs/install.md', 'docs/sandbox-setup-apis.md', 'docs/errors.md']);
const README_BUDGET = 25 * 1024;
/** Languages of blocks that are examples: each needs a directive. */
const EXAMPLE_LANGS = new Set(['sh', 'bash', 'shell', 'yaml', 'yml', 'groovy']);
const CI_ENVS = [
  'github',
  'gitlab',
  'circleci',
  'drone',
  'harness',
  'buildkite',
  'bitbucket',
  'azure-pipelines',
  'jenkins',
  'travis',
];
const ENVS = new Set([...CI_ENVS, 'az', 'shell', 'verify']);
/** A command that uses a credential; a CI example's last command (cleanup aside) must be one. */
const CONSUMER = /^(?:[A-Z_]+=\$\(\s*)?(curl|az|terraform)\b/;
const CLEANUP = /^(rm|kill|(npx )?entra-federate logout)\b/;
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g;
const RUN_TIMEOUT_MS = 300_000;

const docsDir = join(ROOT, 'docs');
const PAGES = [
  'README.md',
  ...readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
].sort();
const text = (page: string) => readFileSync(join(ROOT, page), 'utf8');

interface ToolCall {
  tool: string;
  command: string;
  url?: string;
  token?: {
    present: boolean;
    jwt?: boolean;
    claims?: { aud?: unknown; tid?: unknown; appid?: unknown; exp?: unknown };
  };
}

/**
 * The audiences an Azure API's URL accepts. ARM takes its classic resource name too, which is
 * what the Azure CLI asks a managed identity for (active_directory_resource_id).
 */
function audiencesOf(url: string): string[] {
  const host = new URL(url).hostname;
  if (host === 'management.azure.com') return ['https://management.azure.com', 'https://management.core.windows.net'];
  if (host.endsWith('.vault.azure.net')) return ['https://vault.azure.net'];
  if (host === 'graph.microsoft.com') return ['https://graph.microsoft.com'];
  throw new Error(`no audience known for ${url}`);
}

/** Outputs for a failure message, with anything token-shaped blanked. */
function detail(run: Run): string {
  return run.steps
    .map((s) => `--- ${s.step} (exit ${s.code})\n${s.stdout}${s.stderr}`)
    .join('\n')
    .replace(JWT, '[jwt]');
}

/** What a job's log shows: runner commands (`::add-mask::` lines) are consumed by the runner, not shown. */
function logText(run: Run): string {
  return run.steps
    .map((s) => `${s.stdout}\n${s.stderr}`)
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

async function runBlock(world: World, block: CodeBlock): Promise<Run> {
  const env = block.directive?.value ?? '';
  const opts =
    block.directive?.options.environment === undefined ? {} : { environment: block.directive.options.environment };
  if (block.lang === 'groovy') {
    if (env !== 'jenkins') throw new Error('a groovy example is a Jenkinsfile');
    return runJenkinsfile(world, block.content);
  }
  if (block.lang === 'yaml' || block.lang === 'yml') {
    switch (env) {
      case 'github':
        return runGithubWorkflow(world, block.content, opts);
      case 'gitlab':
        return runGitlabPipeline(world, block.content);
      case 'circleci':
        return runCircleciConfig(world, block.content);
      case 'drone':
        return runDronePipeline(world, block.content);
      case 'buildkite':
        return runBuildkitePipeline(world, block.content);
      case 'bitbucket':
        return runBitbucketPipeline(world, block.content);
      case 'azure-pipelines':
        return runAzurePipeline(world, block.content);
      case 'travis':
        return runTravisJob(world, block.content);
      default:
        throw new Error(`no runner for a YAML example in "${env}"`);
    }
  }
  if (env === 'az') return runPlainShell(world, block.content, { APP_ID: DOC.clientId });
  if (env === 'shell') return runPlainShell(world, block.content, {});
  if (env === 'verify') {
    const token = world.sandbox.mintIdToken({
      audience: 'https://deploy.octo.example',
      claims: { repository: 'octo-org/octo-repo', environment: 'production' },
    });
    world.minted.push(token);
    const tokenFile = join(world.tmp, 'ci-token');
    writeFileSync(tokenFile, token, { mode: 0o600 });
    return runPlainShell(world, block.content.replaceAll(GITHUB_ISSUER, world.sandbox.issuer), {
      TOKEN_FILE: tokenFile,
    });
  }
  return runShellStep(world, env, block.content, opts);
}

function toolCallsSince(world: World, offset: number): ToolCall[] {
  return readFileSync(world.toolLog, 'utf8')
    .slice(offset)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ToolCall);
}

function checkRun(world: World, block: CodeBlock, run: Run, calls: ToolCall[]): void {
  const env = block.directive?.value ?? '';
  const expectedExit = Number(block.directive?.options.exit ?? 0);
  expect(run.code, `exit code\n${detail(run)}`).toBe(expectedExit);

  // Nothing secret in what the job logs.
  const log = logText(run);
  expect(log.match(JWT) ?? [], `token-shaped text in the log\n${detail(run)}`).toEqual([]);
  expect(log).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  for (const token of world.minted) {
    const signature = token.includes('.') ? (token.split('.')[2] ?? token) : token;
    if (signature.length >= 16) expect(log.includes(signature), 'a minted token appears in the log').toBe(false);
  }

  // Every credential a tool was handed is a sandbox access token for the API it called.
  for (const call of calls.filter((c) => c.token !== undefined)) {
    const where = `${call.tool} ${call.command} ${call.url ?? ''}`;
    expect(call.token?.jwt, `${where}: no valid bearer token`).toBe(true);
    const claims = call.token?.claims ?? {};
    if (call.url !== undefined)
      expect(audiencesOf(call.url), `${where}: audience`).toContain(String(claims.aud).replace(/\/$/, ''));
    expect(Number(claims.exp) * 1000, `${where}: expired`).toBeGreaterThan(Date.now());
    if (env !== 'shell') {
      expect(claims.tid, `${where}: tenant`).toBe(DOC.tenantId);
      expect(claims.appid, `${where}: app`).toBe(DOC.clientId);
    }
  }

  // A CI example ends with the credential in use by its last command.
  if (CI_ENVS.includes(env) && expectedExit === 0) {
    const last = run.commands.filter((c) => !CLEANUP.test(c)).at(-1) ?? '';
    const tool = CONSUMER.exec(last)?.[1];
    expect(tool, `the example's last command uses no credential: ${last}`).toBeDefined();
    const used = calls.filter((c) => c.token !== undefined);
    expect(used.at(-1)?.tool, `${last}: the last credential used came from ${used.at(-1)?.tool ?? 'nowhere'}`).toBe(
      tool,
    );
  }
}

describe('the docs', () => {
  test('the README is at most 25 KB and starts with the offline demo', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_BUDGET);
    expect(codeBlocks(text('README.md'))[0]?.content).toMatch(/^npm ci && npm run demo\b/);
  });

  test('every page under docs/ is linked from the README', () => {
    const linked = new Set(links(text('README.md')).map((l) => normalize(l.target.split('#')[0] ?? '')));
    for (const page of PAGES.filter((p) => p.startsWith('docs/'))) expect(linked, page).toContain(page);
    for (const page of PROVIDED_ELSEWHERE) expect(linked, page).toContain(page);
  });

  test('every relative link and anchor in the README and docs/ resolves', () => {
    const checked: string[] = [];
    for (const page of [...PAGES, 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md']) {
      for (const { target, line } of links(text(page))) {
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? page : normalize(join(dirname(page), path));
        const where = `${page}:${line} → ${target}`;
        expect(relative(ROOT, join(ROOT, file)).startsWith('..'), `${where} leaves the repository`).toBe(false);
        if (!existsSync(join(ROOT, file))) {
          expect(PROVIDED_ELSEWHERE.has(file), `${where}: no such file`).toBe(true);
          continue;
        }
        if (anchor !== undefined && anchor !== '' && file.endsWith('.md'))
          expect(anchors(text(file)).has(anchor), `${where}: no such heading`).toBe(true);
        checked.push(where);
      }
    }
    expect(checked.length).toBeGreaterThan(50);
  });

  test('every shell, YAML and Jenkinsfile block is marked; YAML and JSON blocks parse', () => {
    const envs = new Set<string>();
    for (const page of PAGES) {
      for (const block of codeBlocks(text(page))) {
        const where = `${page}:${block.line}`;
        if (block.lang === 'yaml' || block.lang === 'yml')
          for (const doc of parseAllDocuments(block.content)) expect(doc.errors, where).toEqual([]);
        if (block.lang === 'json') expect(() => JSON.parse(block.content), where).not.toThrow();
        if (!EXAMPLE_LANGS.has(block.lang)) continue;
        expect(
          block.directive,
          `${where}: mark it <!-- example: ENV -->, <!-- file: PATH --> or <!-- not-run: REASON -->`,
        ).toBeDefined();
        if (block.directive?.kind === 'not-run')
          expect(block.directive.value.length, `${where}: say why`).toBeGreaterThan(10);
        if (block.directive?.kind === 'example') {
          expect(ENVS.has(block.directive.value), `${where}: unknown environment ${block.directive.value}`).toBe(true);
          envs.add(block.directive.value);
        }
      }
    }
    // Every CI the docs cover has a runnable example.
    expect([...envs].sort()).toEqual([...ENVS].sort());
  });
});

for (const page of PAGES) {
  const markdown = text(page);
  const blocks = codeBlocks(markdown).filter((b) => b.directive?.kind === 'example' || b.directive?.kind === 'file');
  if (blocks.length === 0) continue;

  describe.sequential(page, () => {
    let world: World;
    beforeAll(async () => {
      world = await createWorld({ emptyDirectory: page === 'README.md', setup: examplesSetup(markdown) });
    });
    afterAll(async () => {
      await world?.close();
    });

    for (const block of blocks) {
      const directive = block.directive;
      if (directive?.kind === 'file') {
        test(`line ${block.line}: writes ${directive.value}`, () => {
          if (block.lang === 'yaml' || block.lang === 'yml') parseYaml(block.content);
          const file = join(world.dir, directive.value);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, block.content);
        });
        continue;
      }
      const label = [directive?.value, ...Object.entries(directive?.options ?? {}).map(([k, v]) => `${k}=${v}`)].join(
        ' ',
      );
      test(
        `line ${block.line}: ${block.lang} in ${label}`,
        async () => {
          const offset = readFileSync(world.toolLog, 'utf8').length;
          const run = await runBlock(world, block);
          checkRun(world, block, run, toolCallsSince(world, offset));
          if (directive?.value === 'verify') {
            // verify printed the verified claims, which the next step reads.
            const claims = JSON.parse(readFileSync(join(world.dir, 'claims.json'), 'utf8')) as Record<string, unknown>;
            expect(claims).toMatchObject({ repository: 'octo-org/octo-repo', environment: 'production' });
          }
        },
        RUN_TIMEOUT_MS,
      );
    }
  });
}
