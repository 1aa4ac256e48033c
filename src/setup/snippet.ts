/**
 * What to paste after `setup`: the GitHub workflow (with `permissions: id-token: write`), the
 * GitLab component include, or the CLI line for any other CI; and the `doctor` line that checks
 * a job's token against exactly what was created.
 */
import type { CloudName } from '../core/options.js';
import { shellWord } from './az.js';
import type { SetupReport } from './run.js';

export interface SnippetContext {
  clientId: string;
  tenantId: string;
  cloud: CloudName;
  /** Only when it differs from the cloud's (e.g. the sandbox). */
  authorityHost?: string;
  /** The package version: the GitLab component is released with it. */
  version: string;
}

export interface Snippet {
  kind: 'github-workflow' | 'gitlab-ci' | 'cli';
  /** Where it goes, for a person. */
  where: string;
  text: string;
}

/** A YAML scalar: bare when plainly safe, else a JSON string (which YAML reads as a double-quoted one). */
function yaml(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|~|[0-9.]+)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

function githubWorkflow(report: SetupReport, ctx: SnippetContext): string {
  const { kind, name } = report.target;
  const trigger =
    kind === 'branch'
      ? ['on:', '  push:', `    branches: [${yaml(name ?? '')}]`]
      : kind === 'tag'
        ? ['on:', '  push:', `    tags: [${yaml(name ?? '')}]`]
        : kind === 'pull-request'
          ? ['on: pull_request']
          : ['on: workflow_dispatch'];
  return [
    ...trigger,
    'permissions:',
    '  id-token: write   # lets the job request its OIDC token',
    '  contents: read',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    ...(kind === 'environment' ? [`    environment: ${yaml(name ?? '')}   # the subject names it`] : []),
    '    steps:',
    '      - uses: entra-federate/entra-federate@v1',
    '        with:',
    `          client-id: ${ctx.clientId}`,
    `          tenant-id: ${ctx.tenantId}`,
    ...(ctx.cloud === 'AzureCloud' ? [] : [`          cloud: ${ctx.cloud}`]),
    ...(ctx.authorityHost === undefined ? [] : [`          authority-host: ${yaml(ctx.authorityHost)}`]),
  ].join('\n');
}

function gitlabCi(report: SetupReport, ctx: SnippetContext): string {
  const { kind, name } = report.target;
  const rule =
    kind === 'tag'
      ? `$CI_COMMIT_TAG == ${JSON.stringify(name ?? '')}`
      : `$CI_COMMIT_BRANCH == ${JSON.stringify(name ?? '')}`;
  return [
    'include:',
    `  - component: $CI_SERVER_FQDN/<group>/entra-federate/login@${ctx.version}`,
    '    inputs:',
    `      client_id: ${ctx.clientId}`,
    `      tenant_id: ${ctx.tenantId}`,
    ...(ctx.cloud === 'AzureCloud' ? [] : [`      cloud: ${ctx.cloud}`]),
    'deploy:',
    '  extends: .entra-federate',
    '  rules:',
    `    - if: ${rule}`,
    '  script:',
    '    - \'curl -fsS -H "Authorization: Bearer $AZURE_ACCESS_TOKEN" "https://management.azure.com/subscriptions?api-version=2022-12-01"\'',
  ].join('\n');
}

function commonFlags(report: SetupReport, ctx: SnippetContext, audienceDefault: string): string[] {
  return [
    `--client-id ${ctx.clientId}`,
    `--tenant-id ${ctx.tenantId}`,
    ...(ctx.cloud === 'AzureCloud' ? [] : [`--cloud ${ctx.cloud}`]),
    ...(ctx.authorityHost === undefined ? [] : [`--authority-host ${shellWord(ctx.authorityHost)}`]),
    ...(report.target.audience === audienceDefault ? [] : [`--audience ${shellWord(report.target.audience)}`]),
  ];
}

export function snippetFor(report: SetupReport, ctx: SnippetContext, audienceDefault: string): Snippet {
  if (report.target.provider === 'github')
    return { kind: 'github-workflow', where: '.github/workflows/<name>.yml', text: githubWorkflow(report, ctx) };
  if (report.target.provider === 'gitlab')
    return { kind: 'gitlab-ci', where: '.gitlab-ci.yml', text: gitlabCi(report, ctx) };
  return {
    kind: 'cli',
    where: "the CI job's script",
    text: `entra-federate login ${commonFlags(report, ctx, audienceDefault).join(' ')} --id-token-env <VARIABLE_HOLDING_THE_CI_TOKEN>`,
  };
}

/** The doctor, told exactly what was created: run in the CI job, it reads the job's token. */
export function doctorCommand(report: SetupReport, ctx: SnippetContext, audienceDefault: string): string {
  const f = report.federatedCredential;
  return [
    'entra-federate doctor',
    ...commonFlags(report, ctx, audienceDefault),
    `--expect-issuer ${shellWord(f.issuer)}`,
    `--expect-subject ${shellWord(f.subject)}`,
    `--expect-audience ${shellWord(f.audiences[0] ?? report.target.audience)}`,
    ...(report.target.provider === 'generic' ? ['--id-token-env <VARIABLE_HOLDING_THE_CI_TOKEN>'] : []),
  ].join(' ');
}
