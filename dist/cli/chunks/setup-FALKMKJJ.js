import {
  ServiceClient,
  SetupStopped,
  doctorCommand,
  endpointsFor,
  genericTarget,
  githubTarget,
  gitlabTarget,
  renderReport,
  runSetup,
  snippetFor
} from "./chunk-3B4PGVO5.js";
import {
  helpRequested,
  parseCommand,
  renderError
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import {
  runCommand
} from "./chunk-LYCLW4XY.js";
import "./chunk-OSSP5VWG.js";
import "./chunk-DXLEYKMA.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  CLOUDS,
  decodeJwt,
  quote,
  validateAuthorityHost,
  validateClientId,
  validateCloud,
  validateTenantId
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  hasControlCharacter,
  isGuid
} from "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/setup/roles.ts
var SEGMENT = /^[\p{L}\p{N}_.()~-]{1,260}$/u;
var RESOURCE_GROUP = /^[\p{L}\p{N}_.()-]{1,90}$/u;
var NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/;
function armScopeProblem(scope) {
  if (!scope.startsWith("/")) return "it does not start with '/'";
  const parts = scope.slice(1).split("/");
  if (parts.some((p) => p === "")) return "it has an empty segment ('//' or a trailing '/')";
  const [first, second, third, fourth, ...rest] = parts;
  if (first?.toLowerCase() === "providers") {
    if (second?.toLowerCase() === "microsoft.management" && third?.toLowerCase() === "managementgroups" && fourth !== void 0 && SEGMENT.test(fourth) && rest.length === 0)
      return void 0;
    return "the only scope under /providers is /providers/Microsoft.Management/managementGroups/<id>";
  }
  if (first?.toLowerCase() !== "subscriptions") return "it starts neither with /subscriptions/ nor with /providers/";
  if (second === void 0 || !isGuid(second)) return "the subscription id is not a GUID";
  if (third === void 0) return void 0;
  if (third.toLowerCase() !== "resourcegroups") return `'${third}' is not 'resourceGroups'`;
  if (fourth === void 0 || !RESOURCE_GROUP.test(fourth) || fourth.endsWith("."))
    return "the resource group name is missing or not valid";
  if (rest.length === 0) return void 0;
  const [providers, namespace, ...path] = rest;
  if (providers?.toLowerCase() !== "providers") return `'${providers ?? ""}' is not 'providers'`;
  if (namespace === void 0 || !NAMESPACE.test(namespace))
    return "the resource provider namespace (e.g. Microsoft.KeyVault) is missing or not valid";
  if (path.length === 0 || path.length % 2 !== 0) return "a resource id needs type/name pairs after the namespace";
  if (!path.every((p) => SEGMENT.test(p))) return "a resource type or name holds characters ARM does not allow";
  return void 0;
}
function roleRequests(roles = [], scopes = []) {
  if (roles.length !== scopes.length)
    throw usageError(
      roles.length > scopes.length ? "MISSING_ROLE_SCOPE" : "MISSING_ROLE",
      roles.length > scopes.length ? `${roles.length} --role but ${scopes.length} --role-scope: each role needs the scope it applies to.` : `${scopes.length} --role-scope but ${roles.length} --role: each scope needs the role to assign there.`,
      "Give them in pairs: --role Contributor --role-scope /subscriptions/<id>/resourceGroups/<group> (repeat the pair for more).",
      roles.length > scopes.length ? "role-scope" : "role"
    );
  const out = [];
  for (const [i, rawRole] of roles.entries()) {
    const role = rawRole.trim();
    const rawScope = scopes[i] ?? "";
    if (role === "" || role.length > 512 || hasControlCharacter(role))
      throw usageError(
        "INVALID_ROLE",
        `The role ${quote(rawRole)} is empty, too long or holds control characters.`,
        'Give a built-in role name such as Contributor or "Key Vault Secrets User", or a role definition GUID.',
        "role"
      );
    const scope = rawScope.trim().replace(/(?<=.)\/+$/, "");
    const problem = hasControlCharacter(scope) ? "it holds control characters" : armScopeProblem(scope);
    if (problem !== void 0)
      throw usageError(
        "INVALID_ROLE_SCOPE",
        `The role scope ${quote(rawScope)} is not an Azure Resource Manager id: ${problem}.`,
        "Give a subscription, resource group or resource id, e.g. /subscriptions/<subscription-id>/resourceGroups/<group> (az group show -n <group> --query id -o tsv prints it).",
        "role-scope"
      );
    if (!out.some((r) => r.role.toLowerCase() === role.toLowerCase() && r.scope.toLowerCase() === scope.toLowerCase()))
      out.push({ role, scope });
  }
  return out;
}

// src/setup/tokens.ts
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var AZ_TIMEOUT_MS = 12e4;
function tokenFromEnv(name, flag, env, resource) {
  if (!ENV_NAME.test(name))
    throw usageError(
      "INVALID_TOKEN_ENV",
      // Not echoed: people paste the token itself here.
      `The value of --${flag} is not an environment variable name (letters, digits and '_').`,
      "Pass the name of the variable that holds the token, not the token itself.",
      flag
    );
  const value = env[name]?.trim() ?? "";
  if (value === "")
    throw usageError(
      "INVALID_TOKEN_ENV",
      `The variable ${name} (--${flag}) is empty or not set.`,
      `Put an access token for ${resource} in it: export ${name}=$(az account get-access-token --resource ${resource} --query accessToken -o tsv)`,
      flag
    );
  return {
    origin: `the variable ${name}`,
    howToRenew: `export ${name}=$(az account get-access-token --resource ${resource} --query accessToken -o tsv)`,
    get: async () => value
  };
}
function tokenFromAz(resource, tenantId, env, run2 = runCommand) {
  const argv = ["az", "account", "get-access-token", "--resource", resource, "--output", "json"];
  if (tenantId !== void 0) argv.push("--tenant", tenantId);
  const shown = argv.join(" ");
  let pending;
  const get = async () => {
    const result = await run2(argv, { env, timeoutMs: AZ_TIMEOUT_MS, maxBytes: 64 * 1024 });
    if (!result.ok) {
      const why = result.reason === "not-found" ? "`az` was not found on PATH" : result.reason === "timeout" ? `\`${shown}\` did not finish in ${AZ_TIMEOUT_MS / 1e3} s` : `\`${shown}\` failed${result.exitCode === void 0 ? "" : ` (exit ${result.exitCode})`}${result.stderr === "" ? "" : `: ${result.stderr}`}`;
      throw new FederationError("SETUP_TOKEN_UNAVAILABLE", `Could not get a token for ${resource}: ${why}.`, {
        remedy: result.reason === "not-found" ? `Install the Azure CLI and run \`az login\`, or pass a token in a variable with --${resource.includes("graph") ? "graph" : "arm"}-token-env NAME.` : "Run `az login` (with --tenant <id> for another tenant), or pass tokens with --graph-token-env / --arm-token-env."
      });
    }
    let token;
    try {
      token = JSON.parse(result.stdout).accessToken;
    } catch {
      token = void 0;
    }
    if (typeof token !== "string" || token.trim() === "")
      throw new FederationError("SETUP_TOKEN_UNAVAILABLE", `\`${shown}\` printed no accessToken.`, {
        remedy: "Check the Azure CLI (az version), or pass tokens with --graph-token-env / --arm-token-env."
      });
    return token.trim();
  };
  return {
    origin: `\`${shown}\``,
    howToRenew: `run \`az login\` again${tenantId === void 0 ? "" : ` --tenant ${tenantId}`}.`,
    get: () => {
      pending ??= get();
      return pending;
    }
  };
}
function tenantOfToken(token) {
  try {
    const tid = decodeJwt(token, "the set-up token").claims["tid"];
    return typeof tid === "string" && isGuid(tid) ? tid.toLowerCase() : void 0;
  } catch {
    return void 0;
  }
}

// src/entry/cli/setup.ts
var HELP = `Usage:
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
var FLAGS = {
  repo: { type: "string" },
  project: { type: "string" },
  server: { type: "string" },
  issuer: { type: "string" },
  subject: { type: "string" },
  audience: { type: "string" },
  branch: { type: "string" },
  tag: { type: "string" },
  environment: { type: "string" },
  "pull-request": { type: "boolean" },
  "client-id": { type: "string" },
  "app-name": { type: "string" },
  role: { type: "string", multiple: true },
  "role-scope": { type: "string", multiple: true },
  cloud: { type: "string" },
  "tenant-id": { type: "string" },
  "authority-host": { type: "string" },
  "graph-endpoint": { type: "string" },
  "arm-endpoint": { type: "string" },
  "graph-token-env": { type: "string" },
  "arm-token-env": { type: "string" },
  replace: { type: "boolean" },
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
var ONLY_FOR = {
  github: ["repo", "pull-request"],
  gitlab: ["project", "server"],
  generic: ["issuer", "subject", "audience"]
};
var REF_FLAGS = ["branch", "tag", "environment"];
var PER_CALL_TIMEOUT_MS = 6e4;
function checkFlagsFit(ci, values) {
  for (const [owner, flags] of Object.entries(ONLY_FOR)) {
    if (owner === ci) continue;
    for (const flag of flags)
      if (values[flag] !== void 0)
        throw usageError(
          "FLAG_NOT_FOR_THIS_CI",
          `--${flag} belongs to \`setup ${owner}\`, not \`setup ${ci}\`.`,
          `Run \`entra-federate setup ${ci} --help\` for its flags.`,
          flag
        );
  }
  if (ci === "generic") {
    for (const flag of REF_FLAGS)
      if (values[flag] !== void 0)
        throw usageError(
          "FLAG_NOT_FOR_THIS_CI",
          `--${flag} is for \`setup github\` and \`setup gitlab\`; \`setup generic\` takes the subject as it is.`,
          "Pass --subject with the exact sub claim your CI presents.",
          flag
        );
  }
}
function targetOf(ci, values, cloud) {
  const jobs = {
    branch: values.branch,
    tag: values.tag,
    environment: values.environment,
    "pull-request": values["pull-request"]
  };
  if (ci === "github") return githubTarget(values.repo, jobs, cloud);
  if (ci === "gitlab") return gitlabTarget(values.project, values.server, jobs, cloud);
  return genericTarget(values.issuer, values.subject, values.audience, cloud);
}
function identityOf(values, target) {
  const clientId = values["client-id"];
  const appName = values["app-name"];
  if (clientId !== void 0 && appName !== void 0)
    throw usageError(
      "CLIENT_ID_WITH_APP_NAME",
      "--client-id and --app-name both name the app: give one.",
      "--client-id uses an existing app registration; --app-name finds or creates one by display name.",
      "app-name"
    );
  if (clientId !== void 0) return { clientId: validateClientId(clientId) };
  const name = appName ?? target.defaultAppName;
  if (name.trim() === "" || name.length > 120 || hasControlCharacter(name))
    throw usageError(
      "INVALID_APP_NAME",
      `The app name ${quote(name)} is empty, longer than 120 characters or holds control characters.`,
      "Pass a short display name, e.g. --app-name deploy-octo-repo.",
      "app-name"
    );
  return { appName: name.trim() };
}
async function run(argv, io) {
  const { values, positionals } = parseCommand("setup", argv, FLAGS, true);
  if (helpRequested(values, HELP, io)) return 0;
  const [ci, ...extra] = positionals;
  if (ci === void 0 || !["github", "gitlab", "generic"].includes(ci) || extra.length > 0)
    throw usageError(
      "INVALID_SETUP_KIND",
      ci === void 0 ? "`setup` needs the kind of CI: github, gitlab or generic." : extra.length > 0 ? `Unexpected argument ${quote(extra[0] ?? "")} after \`setup ${ci}\`.` : `Unknown CI ${quote(ci)}: setup knows github, gitlab and generic.`,
      "Run `entra-federate setup --help`."
    );
  checkFlagsFit(ci, values);
  const cloud = validateCloud(values.cloud);
  const target = targetOf(ci, values, cloud);
  const identity = identityOf(values, target);
  const roles = roleRequests(values.role, values["role-scope"]);
  const tenantFlag = values["tenant-id"] === void 0 ? void 0 : validateTenantId(values["tenant-id"]);
  const authorityHost = values["authority-host"] === void 0 ? void 0 : validateAuthorityHost(values["authority-host"]);
  const endpoints = endpointsFor(cloud, values["graph-endpoint"], values["arm-endpoint"]);
  const { env } = io;
  const graphToken = values["graph-token-env"] === void 0 ? tokenFromAz(endpoints.graphResource, tenantFlag, env) : tokenFromEnv(values["graph-token-env"], "graph-token-env", env, endpoints.graphResource);
  const armToken = roles.length === 0 ? void 0 : values["arm-token-env"] === void 0 ? tokenFromAz(endpoints.armResource, tenantFlag, env) : tokenFromEnv(values["arm-token-env"], "arm-token-env", env, endpoints.armResource);
  const http = io.http();
  const options = { http, timeoutMs: PER_CALL_TIMEOUT_MS };
  const clients = {
    graph: new ServiceClient("graph", graphToken, options),
    ...armToken === void 0 ? {} : { arm: new ServiceClient("arm", armToken, options) }
  };
  const request = {
    target,
    identity,
    roles,
    graphBase: endpoints.graph,
    armBase: endpoints.arm,
    replace: values.replace === true,
    dryRun: values["dry-run"] === true
  };
  let report;
  let stopped;
  try {
    report = await runSetup(request, clients);
  } catch (err) {
    if (!(err instanceof SetupStopped)) throw err;
    report = err.report;
    stopped = withProgress(err.error, err.report);
  }
  const tenantId = tenantFlag ?? tenantOfToken(await graphToken.get().catch(() => ""));
  const clientId = report.app.clientId;
  const context = clientId === void 0 ? void 0 : {
    clientId,
    tenantId: tenantId ?? "<tenant-id>",
    cloud,
    version: "0.1.0",
    ...authorityHost === void 0 ? {} : { authorityHost }
  };
  const audienceDefault = CLOUDS[cloud].audience;
  const snippet = context === void 0 || stopped !== void 0 ? void 0 : snippetFor(report, context, audienceDefault);
  const doctor = context === void 0 || report.dryRun || stopped !== void 0 ? void 0 : doctorCommand(report, context, audienceDefault);
  const conflict = report.federatedCredential.status === "conflict";
  const ok = stopped === void 0 && !conflict;
  if (values.json === true) {
    io.stdout.write(
      `${JSON.stringify(
        {
          ok,
          ...report,
          cloud,
          ...tenantId === void 0 ? {} : { tenantId },
          graphEndpoint: endpoints.graph,
          ...roles.length === 0 ? {} : { armEndpoint: endpoints.arm },
          ...snippet === void 0 ? {} : { snippet },
          ...doctor === void 0 ? {} : { doctorCommand: doctor },
          ...stopped === void 0 ? {} : { error: stopped.toJSON() }
        },
        null,
        2
      )}
`
    );
  } else {
    io.stdout.write(
      renderReport(report, {
        ...snippet === void 0 ? {} : { snippet },
        ...doctor === void 0 ? {} : { doctor },
        ...tenantId === void 0 ? {} : { tenantId }
      })
    );
  }
  if (stopped !== void 0) {
    io.stderr.write(renderError(stopped));
    return 1;
  }
  if (conflict) {
    io.stderr.write(
      renderError(
        new FederationError("FIC_CONFLICT", report.federatedCredential.reason ?? "A federated credential conflicts.", {
          remedy: `Rerun with --replace to overwrite it with subject ${report.federatedCredential.subject}, or remove it (az ad app federated-credential delete --id ${clientId ?? "<client-id>"} --federated-credential-id ${report.federatedCredential.existing?.id ?? "<id>"}).`
        })
      )
    );
    return 1;
  }
  return 0;
}
function withProgress(err, report) {
  const done = report.writes.filter((w) => w.done).map((w) => w.what);
  const inPlace = [
    report.app.clientId === void 0 ? "" : `the application (client id ${report.app.clientId}, ${report.app.status})`,
    report.servicePrincipal.objectId === void 0 ? "" : `its service principal (${report.servicePrincipal.status})`,
    ["found", "created", "replaced"].includes(report.federatedCredential.status) ? `the federated credential ${JSON.stringify(report.federatedCredential.name)} (${report.federatedCredential.status})` : "",
    ...report.roleAssignments.filter((r) => r.status === "found" || r.status === "created").map((r) => `${r.roleName ?? r.role} at ${r.scope} (${r.status})`)
  ].filter((s) => s !== "");
  const message = `${err.message} ${inPlace.length === 0 ? "Nothing is in place yet." : `Already in place: ${inPlace.join("; ")}.`}${done.length === 0 ? " This run wrote nothing." : ""}`;
  return FederationError.restate(err, message, {
    remedy: `${err.remedy} Running the same command again finds what exists and continues from there.`,
    ...err.status === void 0 ? {} : { status: err.status }
  });
}
export {
  run
};
