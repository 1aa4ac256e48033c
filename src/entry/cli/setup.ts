/**
 * `entra-federate setup github|gitlab|generic`: from nothing to a working federated login.
 * Translates flags into a set-up request (every check before any request), runs it with the
 * user's own Graph/ARM tokens, and prints what was found or created, the snippet to paste and
 * the doctor line. Exit 0 done; 1 a refusal or a conflict left alone; 2 bad input.
 */
import { FederationError, usageError } from '../../core/errors.js';
import {
  CLOUDS,
  quote,
  validateAuthorityHost,
  validateClientId,
  validateCloud,
  validateTenantId,
} from '../../core/options.js';
import { hasControlCharacter } from '../../core/text.js';
import { ServiceClient } from '../../setup/api.js';
import { endpointsFor } from '../../setup/endpoints.js';
import { renderReport } from '../../setup/render.js';
import { roleRequests } from '../../setup/roles.js';
import type { Identity, SetupReport } from '../../setup/run.js';
import { runSetup, SetupStopped } from '../../setup/run.js';
import { doctorCommand, snippetFor } from '../../setup/snippet.js';
import type { SetupTarget } from '../../setup/target.js';
import { genericTarget, githubTarget, gitlabTarget } from '../../setup/target.js';
import { tenantOfToken, tokenFromAz, tokenFromEnv } from '../../setup/tokens.js';
import { renderError } from '../shared/render.js';
import type { EntryIo } from '../shared/io.js';
import { helpRequested, parseCommand } from './common.js';

const HELP = `Usage:
  entra-federate setup github  --repo OWNER/NAME (--branch B | --environment E | --tag T | --pull-request) [options]
  entra-federate setup gitlab  --project GROUP/PROJECT [--server URL] (--branch B | --tag T | --environment E) [options]
  entra-federate setup generic --issuer URL --subject SUB [--audience AUD] [options]

Creates (or finds) what a CI job needs to sign in to Microsoft Entra ID with its OIDC token:
the app registration, its service principal, the federated credential holding exactly the
issuer, subject and audience the CI will present, and role assignments; then prints the
workflow snippet and the doctor line that checks a job's token against it. Runs again
safely: what exists is found and kept, so a second run writes nothing and a stopped run
continues where it stopped.

Which jobs (exactly one):
  --branch NAME           jobs on this branch (git's branch name rules)
  --tag NAME              jobs for this tag
  --environment NAME      GitHub: jobs that deploy to this environment (GitLab subjects do not
                          name the environment: use the protected branch that deploys to it)
  --pull-request          GitHub: pull_request jobs
GitHub:  --repo OWNER/NAME       the repository, as GitHub spells it (subjects are case-sensitive)
GitLab:  --project GROUP/PROJECT the project's full path; --server URL  the GitLab instance
                                 (its issuer)                  [default https://gitlab.com]
Generic: --issuer URL, --subject SUB   the CI token's iss and sub, exactly
         --audience AUD                its aud                  [default from --cloud]

The app:
  --client-id GUID        use this existing app registration
  --app-name NAME         find the app with this display name, or create it
                          [default entra-federate-<owner>-<repo> / -<group>-<project>]
Roles (repeat the pair for more):
  --role ROLE             a role name (Contributor, "Key Vault Secrets User") or definition GUID
  --role-scope ARM_ID     where it applies: /subscriptions/<id>[/resourceGroups/<group>[/providers/...]]
Where and as whom:
  --cloud NAME            AzureCloud | AzureUSGovernment | AzureChinaCloud  [default AzureCloud]
  --tenant-id ID          the tenant (passed to az; shown in the snippet) [default the token's]
  --authority-host URL    the Entra authority the snippet signs in at (https; http only to loopback)
  --graph-endpoint URL    Microsoft Graph base                [default from --cloud]
  --arm-endpoint URL      Azure Resource Manager base         [default from --cloud]
  --graph-token-env NAME  variable holding a Microsoft Graph token for the set-up
                          (Application.ReadWrite.All)  [default az account get-access-token]
  --arm-token-env NAME    variable holding an ARM token for the set-up (roleAssignments/write
                          at the scope)                [default az account get-access-token]
What to do:
  --replace               overwrite a federated credential of the same name (or the same issuer
                          and subject) that holds other values; without it, it is left alone
  --dry-run               send only reads; print each write as the request and as the az command
  --json                  print the report as JSON on stdout
  -h, --help              this help

Tokens for the set-up come from your own sign-in and are never printed or written.
Exit codes: 0 done (or nothing to do); 1 a refusal (the message names the permission) or a
conflicting credential left alone; 2 bad usage or input (nothing written).`;

const FLAGS = {
  repo: { type: 'string' },
  project: { type: 'string' },
  server: { type: 'string' },
  issuer: { type: 'string' },
  subject: { type: 'string' },
  audience: { type: 'string' },
  branch: { type: 'string' },
  tag: { type: 'string' },
  environment: { type: 'string' },
  'pull-request': { type: 'boolean' },
  'client-id': { type: 'string' },
  'app-name': { type: 'string' },
  role: { type: 'string', multiple: true },
  'role-scope': { type: 'string', multiple: true },
  cloud: { type: 'string' },
  'tenant-id': { type: 'string' },
  'authority-host': { type: 'string' },
  'graph-endpoint': { type: 'string' },
  'arm-endpoint': { type: 'string' },
  'graph-token-env': { type: 'string' },
  'arm-token-env': { type: 'string' },
  replace: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommand<typeof FLAGS>>['values'];

/** Flags that belong to one kind of CI only. */
const ONLY_FOR: Record<string, readonly string[]> = {
  github: ['repo', 'pull-request'],
  gitlab: ['project', 'server'],
  generic: ['issuer', 'subject', 'audience'],
};
const REF_FLAGS = ['branch', 'tag', 'environment'];

const PER_CALL_TIMEOUT_MS = 60_000;

function checkFlagsFit(ci: string, values: Values): void {
  for (const [owner, flags] of Object.entries(ONLY_FOR)) {
    if (owner === ci) continue;
    for (const flag of flags)
      if (values[flag as keyof Values] !== undefined)
        throw usageError(
          'FLAG_NOT_FOR_THIS_CI',
          `--${flag} belongs to \`setup ${owner}\`, not \`setup ${ci}\`.`,
          `Run \`entra-federate setup ${ci} --help\` for its flags.`,
          flag,
        );
  }
  if (ci === 'generic')
    for (const flag of REF_FLAGS)
      if (values[flag as keyof Values] !== undefined)
        throw usageError(
          'FLAG_NOT_FOR_THIS_CI',
          `--${flag} is for \`setup github\` and \`setup gitlab\`; \`setup generic\` takes the subject as it is.`,
          'Pass --subject with the exact sub claim your CI presents.',
          flag,
        );
}

function targetOf(ci: string, values: Values, cloud: ReturnType<typeof validateCloud>): SetupTarget {
  const jobs = {
    branch: values.branch,
    tag: values.tag,
    environment: values.environment,
    'pull-request': values['pull-request'],
  };
  if (ci === 'github') return githubTarget(values.repo, jobs, cloud);
  if (ci === 'gitlab') return gitlabTarget(values.project, values.server, jobs, cloud);
  return genericTarget(values.issuer, values.subject, values.audience, cloud);
}

function identityOf(values: Values, target: SetupTarget): Identity {
  const clientId = values['client-id'];
  const appName = values['app-name'];
  if (clientId !== undefined && appName !== undefined)
    throw usageError(
      'CLIENT_ID_WITH_APP_NAME',
      '--client-id and --app-name both name the app: give one.',
      '--client-id uses an existing app registration; --app-name finds or creates one by display name.',
      'app-name',
    );
  if (clientId !== undefined) return { clientId: validateClientId(clientId) };
  const name = appName ?? target.defaultAppName;
  if (name.trim() === '' || name.length > 120 || hasControlCharacter(name))
    throw usageError(
      'INVALID_APP_NAME',
      `The app name ${quote(name)} is empty, longer than 120 characters or holds control characters.`,
      'Pass a short display name, e.g. --app-name deploy-octo-repo.',
      'app-name',
    );
  return { appName: name.trim() };
}

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const { values, positionals } = parseCommand('setup', argv, FLAGS, true);
  if (helpRequested(values, HELP, io)) return 0;
  const [ci, ...extra] = positionals;
  if (ci === undefined || !['github', 'gitlab', 'generic'].includes(ci) || extra.length > 0)
    throw usageError(
      'INVALID_SETUP_KIND',
      ci === undefined
        ? '`setup` needs the kind of CI: github, gitlab or generic.'
        : extra.length > 0
          ? `Unexpected argument ${quote(extra[0] ?? '')} after \`setup ${ci}\`.`
          : `Unknown CI ${quote(ci)}: setup knows github, gitlab and generic.`,
      'Run `entra-federate setup --help`.',
    );
  checkFlagsFit(ci, values);

  // Every input is checked here, before any token is asked for or any request sent.
  const cloud = validateCloud(values.cloud);
  const target = targetOf(ci, values, cloud);
  const identity = identityOf(values, target);
  const roles = roleRequests(values.role, values['role-scope']);
  const tenantFlag = values['tenant-id'] === undefined ? undefined : validateTenantId(values['tenant-id']);
  const authorityHost =
    values['authority-host'] === undefined ? undefined : validateAuthorityHost(values['authority-host']);
  const endpoints = endpointsFor(cloud, values['graph-endpoint'], values['arm-endpoint']);
  const { env } = io;
  const graphToken =
    values['graph-token-env'] === undefined
      ? tokenFromAz(endpoints.graphResource, tenantFlag, env)
      : tokenFromEnv(values['graph-token-env'], 'graph-token-env', env, endpoints.graphResource);
  const armToken =
    roles.length === 0
      ? undefined
      : values['arm-token-env'] === undefined
        ? tokenFromAz(endpoints.armResource, tenantFlag, env)
        : tokenFromEnv(values['arm-token-env'], 'arm-token-env', env, endpoints.armResource);

  const http = io.http();
  const options = { http, timeoutMs: PER_CALL_TIMEOUT_MS };
  const clients = {
    graph: new ServiceClient('graph', graphToken, options),
    ...(armToken === undefined ? {} : { arm: new ServiceClient('arm', armToken, options) }),
  };
  const request = {
    target,
    identity,
    roles,
    graphBase: endpoints.graph,
    armBase: endpoints.arm,
    replace: values.replace === true,
    dryRun: values['dry-run'] === true,
  };

  let report: SetupReport;
  let stopped: FederationError | undefined;
  try {
    report = await runSetup(request, clients);
  } catch (err) {
    if (!(err instanceof SetupStopped)) throw err;
    report = err.report;
    stopped = withProgress(err.error, err.report);
  }

  const tenantId = tenantFlag ?? tenantOfToken(await graphToken.get().catch(() => ''));
  const clientId = report.app.clientId;
  const context =
    clientId === undefined
      ? undefined
      : {
          clientId,
          tenantId: tenantId ?? '<tenant-id>',
          cloud,
          version: VERSION,
          ...(authorityHost === undefined ? {} : { authorityHost }),
        };
  const audienceDefault = CLOUDS[cloud].audience;
  const snippet =
    context === undefined || stopped !== undefined ? undefined : snippetFor(report, context, audienceDefault);
  const doctor =
    context === undefined || report.dryRun || stopped !== undefined
      ? undefined
      : doctorCommand(report, context, audienceDefault);
  const conflict = report.federatedCredential.status === 'conflict';
  const ok = stopped === undefined && !conflict;

  if (values.json === true) {
    io.stdout.write(
      `${JSON.stringify(
        {
          ok,
          ...report,
          cloud,
          ...(tenantId === undefined ? {} : { tenantId }),
          graphEndpoint: endpoints.graph,
          ...(roles.length === 0 ? {} : { armEndpoint: endpoints.arm }),
          ...(snippet === undefined ? {} : { snippet }),
          ...(doctor === undefined ? {} : { doctorCommand: doctor }),
          ...(stopped === undefined ? {} : { error: stopped.toJSON() }),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout.write(
      renderReport(report, {
        ...(snippet === undefined ? {} : { snippet }),
        ...(doctor === undefined ? {} : { doctor }),
        ...(tenantId === undefined ? {} : { tenantId }),
      }),
    );
  }
  if (stopped !== undefined) {
    io.stderr.write(renderError(stopped));
    return 1;
  }
  if (conflict) {
    io.stderr.write(
      renderError(
        new FederationError('FIC_CONFLICT', report.federatedCredential.reason ?? 'A federated credential conflicts.', {
          remedy: `Rerun with --replace to overwrite it with subject ${report.federatedCredential.subject}, or remove it (az ad app federated-credential delete --id ${clientId ?? '<client-id>'} --federated-credential-id ${report.federatedCredential.existing?.id ?? '<id>'}).`,
        }),
      ),
    );
    return 1;
  }
  return 0;
}

/** The refusal, plus what is already in place, so that the user knows a rerun continues from there. */
function withProgress(err: FederationError, report: SetupReport): FederationError {
  const done = report.writes.filter((w) => w.done).map((w) => w.what);
  const inPlace = [
    report.app.clientId === undefined ? '' : `the application (client id ${report.app.clientId}, ${report.app.status})`,
    report.servicePrincipal.objectId === undefined ? '' : `its service principal (${report.servicePrincipal.status})`,
    ['found', 'created', 'replaced'].includes(report.federatedCredential.status)
      ? `the federated credential ${JSON.stringify(report.federatedCredential.name)} (${report.federatedCredential.status})`
      : '',
    ...report.roleAssignments
      .filter((r) => r.status === 'found' || r.status === 'created')
      .map((r) => `${r.roleName ?? r.role} at ${r.scope} (${r.status})`),
  ].filter((s) => s !== '');
  const message = `${err.message} ${inPlace.length === 0 ? 'Nothing is in place yet.' : `Already in place: ${inPlace.join('; ')}.`}${done.length === 0 ? ' This run wrote nothing.' : ''}`;
  return FederationError.restate(err, message, {
    remedy: `${err.remedy} Running the same command again finds what exists and continues from there.`,
    ...(err.status === undefined ? {} : { status: err.status }),
  });
}
