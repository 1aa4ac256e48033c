import {
  expectedSubject
} from "./chunk-OSSP5VWG.js";
import {
  azCommand,
  graphHost,
  suggestFic
} from "./chunk-OFLDU6RS.js";
import {
  helpRequested,
  parseCommand,
  renderError
} from "./chunk-JBQKFYAT.js";
import "./chunk-B6W3JQ5B.js";
import "./chunk-SPCUGHDY.js";
import {
  runCommand
} from "./chunk-VBMGHPDA.js";
import {
  classifyStatus,
  fetchWithRetry
} from "./chunk-LW6ORXIP.js";
import {
  redact
} from "./chunk-GJATYHHP.js";
import {
  decodeJwt
} from "./chunk-TDYDODI2.js";
import {
  CLOUDS,
  FederationError,
  quote,
  usageError,
  validateAudience,
  validateAuthorityHost,
  validateClientId,
  validateCloud,
  validateServiceUrl,
  validateTenantId
} from "./chunk-LOAEJ2BM.js";
import {
  collapseControlCharacters,
  hasControlCharacter,
  isGuid,
  shellQuote
} from "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";

// src/setup/api.ts
var SERVICE_TITLE = {
  graph: "Microsoft Graph",
  arm: "Azure Resource Manager"
};
function errorOf(body) {
  try {
    const error = JSON.parse(body).error;
    return { code: String(error?.code ?? ""), message: String(error?.message ?? "") };
  } catch {
    return { code: "", message: "" };
  }
}
function notReplicatedYet(res) {
  if (res.status === 404) return true;
  if (res.status !== 400) return false;
  const { code, message } = errorOf(res.body);
  return code === "PrincipalNotFound" || /does not reference a valid application object/i.test(message);
}
function classifyCreate(res) {
  return res.status === 429 ? "retry" : "final";
}
var ServiceClient = class {
  constructor(service, token, opts) {
    this.service = service;
    this.token = token;
    this.opts = opts;
  }
  service;
  token;
  opts;
  async send(method, url, body, call) {
    const token = await this.token.get();
    const title = SERVICE_TITLE[this.service];
    const classify = (res) => {
      if (call.justCreated === true && notReplicatedYet(res)) return "retry";
      return method === "POST" ? classifyCreate(res) : classifyStatus(res);
    };
    const { response } = await fetchWithRetry(
      this.opts.http,
      () => ({
        method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...body === void 0 ? {} : { "content-type": "application/json" }
        },
        ...body === void 0 ? {} : { body: JSON.stringify(body) }
      }),
      {
        deadlineAt: (this.opts.clock?.now() ?? Date.now()) + this.opts.timeoutMs,
        what: title,
        classify,
        maxAttempts: call.justCreated === true ? 7 : 4,
        ...this.opts.clock === void 0 ? {} : { clock: this.opts.clock }
      }
    );
    if (response.status >= 200 && response.status < 300 || call.accept?.includes(response.status)) {
      let json;
      try {
        json = response.body === "" ? void 0 : JSON.parse(response.body);
      } catch {
        json = void 0;
      }
      return { status: response.status, json };
    }
    throw this.failure(response, token, call);
  }
  failure(response, token, call) {
    const title = SERVICE_TITLE[this.service];
    const { code, message } = errorOf(response.body);
    const said = collapseControlCharacters(redact(message, [token]), " ").slice(0, 300);
    const shown = `HTTP ${response.status}${code === "" ? "" : ` ${printable(code)}`}${said === "" ? "" : `: ${said}`}`;
    const prefix = this.service === "graph" ? "GRAPH" : "ARM";
    if (response.status === 401)
      return new FederationError(
        `${prefix}_TOKEN_REJECTED`,
        `${title} refused the token from ${this.token.origin} (${shown}).`,
        {
          remedy: `The token is expired or for another resource: ${this.token.howToRenew}`,
          status: 401
        }
      );
    if (response.status === 403)
      return new FederationError(`${prefix}_FORBIDDEN`, `${title} refused to ${call.what} (${shown}).`, {
        remedy: `The signed-in identity needs ${call.permission}; ask an administrator to grant it, then run the same command again.`,
        status: 403
      });
    return new FederationError(`${prefix}_REQUEST_FAILED`, `${title} could not ${call.what} (${shown}).`, {
      remedy: response.status >= 500 || response.status === 429 ? "The service is busy or failing; run the same command again in a minute: it continues where it stopped." : "Check the values given; run with --dry-run to see each request.",
      status: response.status
    });
  }
};
function printable(code) {
  return code.replace(/[^A-Za-z0-9_.-]/g, "").slice(0, 80);
}

// src/setup/endpoints.ts
var ARM_HOSTS = {
  AzureCloud: "https://management.azure.com",
  AzureUSGovernment: "https://management.usgovcloudapi.net",
  AzureChinaCloud: "https://management.chinacloudapi.cn"
};
function endpointsFor(cloud, graphOverride, armOverride) {
  return {
    graph: graphOverride === void 0 ? graphHost(cloud) : validateServiceUrl(graphOverride, "graph-endpoint", "Graph endpoint", "https://graph.microsoft.com"),
    arm: armOverride === void 0 ? ARM_HOSTS[cloud] : validateServiceUrl(armOverride, "arm-endpoint", "ARM endpoint", "https://management.azure.com"),
    graphResource: graphHost(cloud),
    armResource: ARM_HOSTS[cloud]
  };
}

// src/setup/render.ts
var STATUS = {
  found: "found, kept",
  created: "created",
  replaced: "overwritten (--replace)",
  "would-create": "would be created",
  "would-replace": "would be overwritten (--replace)",
  conflict: "CONFLICT, left alone",
  pending: "not reached"
};
function describeTarget(report) {
  const t = report.target;
  if (t.provider === "generic") return `issuer ${t.issuer}, subject ${t.subject}`;
  const where = t.provider === "github" ? `GitHub repository ${t.repository}` : `GitLab project ${t.repository}`;
  const what = t.kind === "pull-request" ? "pull requests" : `${t.kind} ${t.name}`;
  return `${where}, ${what}`;
}
function row(label, text) {
  return `  ${label.padEnd(22)}${text}`;
}
var more = (text) => `  ${"".padEnd(22)}${text}`;
function renderWrite(w, index) {
  const lines = [`  ${index}. ${w.what}`, `     ${w.method} ${w.url}`];
  if (w.body !== void 0) lines.push(`     ${JSON.stringify(w.body)}`);
  lines.push(`     ${w.az}`);
  return lines.join("\n");
}
function renderReport(report, extras) {
  const out = [];
  out.push(
    `entra-federate setup${report.dryRun ? " --dry-run" : ""}: ${describeTarget(report)}${report.dryRun ? " (reads only; nothing was written)" : ""}`
  );
  for (const note of report.notes) out.push(`  note: ${note}`);
  out.push("");
  const app = report.app;
  out.push(
    row(
      "application",
      `${app.displayName === void 0 ? "" : `${JSON.stringify(app.displayName)} `}${STATUS[app.status]}`
    )
  );
  if (app.clientId !== void 0) out.push(more(`client id ${app.clientId}, object id ${app.objectId ?? "?"}`));
  if (extras.tenantId !== void 0) out.push(more(`tenant id ${extras.tenantId}`));
  const sp = report.servicePrincipal;
  out.push(
    row("service principal", `${STATUS[sp.status]}${sp.objectId === void 0 ? "" : `, object id ${sp.objectId}`}`)
  );
  const fic = report.federatedCredential;
  out.push(row("federated credential", `${JSON.stringify(fic.name)} ${STATUS[fic.status]}`));
  out.push(more(`issuer    ${fic.issuer}`));
  out.push(more(`subject   ${fic.subject}`));
  out.push(more(`audience  ${fic.audiences.join(", ")}`));
  if (fic.reason !== void 0) out.push(more(fic.reason));
  for (const r of report.roleAssignments)
    out.push(row("role assignment", `${r.roleName ?? r.role} at ${r.scope}: ${STATUS[r.status]}`));
  if (report.roleAssignments.length === 0)
    out.push(row("role assignments", "none asked for (--role NAME --role-scope ID)"));
  out.push("");
  if (report.dryRun) {
    if (report.writes.length === 0) out.push("Nothing to write: everything is in place.");
    else {
      out.push(
        `Writes it would make (${report.writes.length}), each as the request and as the Azure CLI command; run the az lines in order to make them by hand:`
      );
      report.writes.forEach((w, i) => {
        out.push(renderWrite(w, i + 1));
      });
    }
  } else {
    const done = report.writes.filter((w) => w.done);
    out.push(
      done.length === 0 ? "Nothing written: everything was already in place." : `Written: ${done.map((w) => w.what).join("; ")}.`
    );
  }
  if (extras.snippet !== void 0) {
    out.push("");
    out.push(`Use it in ${extras.snippet.where}:`);
    out.push("");
    out.push(
      extras.snippet.text.split("\n").map((l) => `    ${l}`).join("\n")
    );
  }
  if (extras.doctor !== void 0) {
    out.push("");
    out.push("Check a job's token against what was set up (run it in the CI job; it prints claims, never the token):");
    out.push(`    ${extras.doctor}`);
  }
  return `${out.join("\n")}
`;
}

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

// src/setup/run.ts
import { randomUUID } from "node:crypto";

// src/setup/az.ts
function shellWord(value) {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : shellQuote(value);
}
function ref(id) {
  return "value" in id ? shellWord(id.value) : `"$${id.variable}"`;
}
function azAppCreate(displayName, captureAs) {
  const command = `az ad app create --display-name ${shellWord(displayName)}`;
  return captureAs === void 0 ? command : `${captureAs}=$(${command} --query appId -o tsv)`;
}
function azSpCreate(appId, captureAs) {
  const command = `az ad sp create --id ${ref(appId)}`;
  return captureAs === void 0 ? command : `${captureAs}=$(${command} --query id -o tsv)`;
}
function azFicCreate(fic, appId) {
  return azCommand(fic, ref(appId));
}
function azFicUpdate(fic, appId, ficId) {
  const parameters = JSON.stringify({
    name: fic.name,
    issuer: fic.issuer,
    subject: fic.subject,
    audiences: fic.audiences,
    description: fic.description
  });
  return `az ad app federated-credential update --id ${ref(appId)} --federated-credential-id ${shellWord(ficId)} --parameters ${shellQuote(parameters)}`;
}
function azRoleAssignmentCreate(principalObjectId, role, scope) {
  return `az role assignment create --assignee-object-id ${ref(principalObjectId)} --assignee-principal-type ServicePrincipal --role ${shellWord(role)} --scope ${shellWord(scope)}`;
}

// src/setup/run.ts
var ARM_API_VERSION = "2022-04-01";
var MAX_FICS_PER_APP = 20;
var SetupStopped = class extends Error {
  constructor(report, error) {
    super(error.message);
    this.report = report;
    this.error = error;
  }
  report;
  error;
  name = "SetupStopped";
};
var odata = (value) => `'${value.replace(/'/g, "''")}'`;
var filter = (expression) => `$filter=${encodeURIComponent(expression)}`;
function objects(json) {
  const value = json?.value;
  return Array.isArray(value) ? value.filter((v) => v !== null && typeof v === "object") : [];
}
function str(o, key) {
  const v = o?.[key];
  return typeof v === "string" ? v : void 0;
}
function asApp(o) {
  const id = str(o, "id");
  const appId = str(o, "appId");
  if (id === void 0 || appId === void 0) return void 0;
  const displayName = str(o, "displayName");
  return { id, appId, ...displayName === void 0 ? {} : { displayName } };
}
function asFic(o) {
  const audiences = Array.isArray(o["audiences"]) ? o["audiences"].filter((a) => typeof a === "string") : [];
  return {
    id: str(o, "id") ?? "",
    name: str(o, "name") ?? "",
    issuer: str(o, "issuer") ?? "",
    subject: str(o, "subject") ?? "",
    audiences
  };
}
var sameAudiences = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
var definitionGuid = (id) => (id.split("/").pop() ?? "").toLowerCase();
var GRAPH_WRITE = "Application.ReadWrite.All (or the Application Administrator role)";
var GRAPH_READ = "Application.Read.All";
var FIC_WRITE = "Application.ReadWrite.All, or to own the application";
var ASSIGN = "Microsoft.Authorization/roleAssignments/write at the scope (Owner, User Access Administrator or Role Based Access Control Administrator)";
var ASSIGN_READ = "Microsoft.Authorization/roleAssignments/read and roleDefinitions/read at the scope (Reader)";
async function runSetup(req, clients) {
  const { target } = req;
  const graph = clients.graph;
  const g = `${req.graphBase}/v1.0`;
  const fic = suggestFic(
    { iss: target.issuer, sub: target.subject },
    target.provider === "generic" ? void 0 : target.provider,
    target.audience,
    "created by entra-federate setup"
  );
  const report = {
    dryRun: req.dryRun,
    target: {
      provider: target.provider,
      issuer: target.issuer,
      subject: target.subject,
      audience: target.audience,
      ...target.repository === void 0 ? {} : { repository: target.repository },
      ...target.kind === void 0 ? {} : { kind: target.kind },
      ...target.name === void 0 ? {} : { name: target.name }
    },
    app: { status: "pending" },
    servicePrincipal: { status: "pending" },
    federatedCredential: {
      name: fic.name,
      issuer: fic.issuer,
      subject: fic.subject,
      audiences: fic.audiences,
      description: fic.description,
      status: "pending"
    },
    roleAssignments: req.roles.map((r) => ({ role: r.role, scope: r.scope, status: "pending" })),
    writes: [],
    notes: [...target.notes]
  };
  let app;
  if ("clientId" in req.identity) {
    const { clientId } = req.identity;
    const res = await graph.send("GET", `${g}/applications(appId='${encodeURIComponent(clientId)}')`, void 0, {
      what: "read the application",
      permission: GRAPH_READ,
      accept: [404]
    });
    app = res.status === 404 ? void 0 : asApp(res.json);
    if (app === void 0)
      throw usageError(
        "APP_NOT_FOUND",
        `No application with client id ${clientId} in the tenant of the Graph token.`,
        "Check --client-id (a managed identity is not an application: its credentials live in Azure Resource Manager), or pass --app-name to find or create the app by name.",
        "client-id"
      );
  } else {
    const { appName } = req.identity;
    const res = await graph.send(
      "GET",
      `${g}/applications?${filter(`displayName eq ${odata(appName)}`)}&$select=id,appId,displayName`,
      void 0,
      { what: "look the application up by name", permission: GRAPH_READ }
    );
    const found = objects(res.json).map(asApp).filter((a2) => a2 !== void 0);
    if (found.length > 1)
      throw usageError(
        "AMBIGUOUS_APP_NAME",
        `${found.length} applications are named ${quote(appName)} (client ids ${found.map((a2) => a2.appId).join(", ")}).`,
        "Pass --client-id with the one to use, or another --app-name.",
        "app-name"
      );
    app = found[0];
    if (app === void 0) report.app = { displayName: appName, status: "pending" };
  }
  if (app !== void 0)
    report.app = {
      ...app.displayName === void 0 ? {} : { displayName: app.displayName },
      clientId: app.appId,
      objectId: app.id,
      status: "found"
    };
  let spId;
  let fics = [];
  if (app !== void 0) {
    const sp = await graph.send(
      "GET",
      `${g}/servicePrincipals?${filter(`appId eq ${odata(app.appId)}`)}&$select=id,appId`,
      void 0,
      { what: "look up the application's service principal", permission: GRAPH_READ }
    );
    spId = str(objects(sp.json)[0], "id");
    const list = await graph.send("GET", `${g}/applications/${app.id}/federatedIdentityCredentials`, void 0, {
      what: "list the application's federated credentials",
      permission: GRAPH_READ
    });
    fics = objects(list.json).map(asFic);
  }
  if (spId !== void 0) report.servicePrincipal = { objectId: spId, status: "found" };
  const sameSubject = fics.find((f) => f.issuer === fic.issuer && f.subject === fic.subject);
  const sameName = fics.find((f) => f.name.toLowerCase() === fic.name.toLowerCase());
  let ficAction;
  let ficExisting;
  if (sameSubject !== void 0 && sameAudiences(sameSubject.audiences, fic.audiences)) {
    ficAction = "keep";
    report.federatedCredential = {
      ...report.federatedCredential,
      name: sameSubject.name,
      id: sameSubject.id,
      status: "found"
    };
  } else if (sameSubject !== void 0 || sameName !== void 0) {
    ficExisting = sameSubject ?? sameName;
    ficAction = req.replace ? "replace" : "conflict";
  } else {
    ficAction = "create";
    if (fics.length >= MAX_FICS_PER_APP)
      throw new FederationError(
        "FIC_LIMIT_REACHED",
        `The application ${app?.appId ?? ""} already holds ${fics.length} federated credentials, the most Entra allows (${MAX_FICS_PER_APP}); nothing was written.`,
        {
          remedy: "Remove credentials no pipeline uses (az ad app federated-credential list/delete --id <client-id>), or give this pipeline its own app with --app-name."
        }
      );
  }
  if (ficExisting !== void 0) {
    const existing = ficExisting;
    const differs = [
      existing.issuer !== fic.issuer ? `issuer ${quote(existing.issuer)}` : "",
      existing.subject !== fic.subject ? `subject ${quote(existing.subject)}` : "",
      !sameAudiences(existing.audiences, fic.audiences) ? `audiences ${JSON.stringify(existing.audiences)}` : ""
    ].filter((s) => s !== "");
    report.federatedCredential = {
      ...report.federatedCredential,
      name: existing.name,
      id: existing.id,
      existing,
      status: ficAction === "conflict" ? "conflict" : "pending",
      reason: `The federated credential ${quote(existing.name)} holds ${differs.join(", ")}${ficAction === "conflict" ? "; left alone (--replace overwrites it)" : ""}.`
    };
  }
  const arm = clients.arm;
  const a = req.armBase;
  for (const [i, role] of req.roles.entries()) {
    if (arm === void 0) throw new Error("roles need the ARM client");
    const entry = report.roleAssignments[i];
    if (entry === void 0) continue;
    const base = `${a}${role.scope}/providers/Microsoft.Authorization`;
    const byGuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(role.role);
    const res = await arm.send(
      "GET",
      byGuid ? `${base}/roleDefinitions/${role.role}?api-version=${ARM_API_VERSION}` : `${base}/roleDefinitions?${filter(`roleName eq ${odata(role.role)}`)}&api-version=${ARM_API_VERSION}`,
      void 0,
      { what: `read the role definitions at ${role.scope}`, permission: ASSIGN_READ, accept: [404] }
    );
    if (res.status === 404 && !byGuid)
      throw usageError(
        "ROLE_SCOPE_NOT_FOUND",
        `Azure Resource Manager does not know the scope ${role.scope} (${String(res.json?.error?.code ?? "HTTP 404")}).`,
        "Check the subscription and resource group in --role-scope (az group show -n <group> --query id -o tsv prints the id), and that the token is for the right tenant.",
        "role-scope"
      );
    const definition = byGuid ? res.status === 404 ? void 0 : res.json : objects(res.json)[0];
    const definitionId = str(definition, "id");
    if (definition === void 0 || definitionId === void 0)
      throw usageError(
        "ROLE_NOT_FOUND",
        `No role ${byGuid ? "definition with id" : "named"} ${quote(role.role)} at ${role.scope}.`,
        'Use a role name exactly as Azure lists it, e.g. Contributor, Reader, "Key Vault Secrets User" (az role definition list --query "[].roleName" -o tsv).',
        "role"
      );
    entry.roleDefinitionId = definitionId;
    const roleName = str(definition["properties"], "roleName");
    if (roleName !== void 0) entry.roleName = roleName;
    if (spId !== void 0) {
      const list = await arm.send(
        "GET",
        `${base}/roleAssignments?${filter(`principalId eq ${odata(spId)}`)}&api-version=${ARM_API_VERSION}`,
        void 0,
        { what: `list the role assignments at ${role.scope}`, permission: ASSIGN_READ }
      );
      const existing = objects(list.json).find((assignment) => {
        const p = assignment["properties"];
        return (str(p, "scope") ?? "").toLowerCase() === role.scope.toLowerCase() && definitionGuid(str(p, "roleDefinitionId") ?? "") === definitionGuid(definitionId) && (str(p, "principalId") ?? "").toLowerCase() === spId.toLowerCase();
      });
      const id = str(existing, "id");
      if (existing !== void 0) Object.assign(entry, { status: "found", ...id === void 0 ? {} : { id } });
    }
  }
  const write = async (service, method, url, body, az, what, call) => {
    const planned = { service, method, url, body, az, what, done: false };
    report.writes.push(planned);
    if (req.dryRun) return void 0;
    const client = service === "graph" ? graph : arm;
    if (client === void 0) throw new Error("no client for the write");
    try {
      const answer = await client.send(method, url, body, { what, ...call });
      planned.done = true;
      return answer;
    } catch (err) {
      if (err instanceof FederationError) throw new SetupStopped(report, err);
      throw err;
    }
  };
  const created = { app: false, sp: false };
  let appRef = app === void 0 ? { variable: "APP_ID" } : { value: app.appId };
  let objectId = app?.id;
  if (app === void 0) {
    const displayName = "appName" in req.identity ? req.identity.appName : target.defaultAppName;
    const res = await write(
      "graph",
      "POST",
      `${g}/applications`,
      { displayName },
      azAppCreate(displayName, "APP_ID"),
      `create the application ${quote(displayName)}`,
      { permission: GRAPH_WRITE }
    );
    const made = asApp(res?.json);
    if (res !== void 0 && made === void 0)
      throw new SetupStopped(report, unexpected("Microsoft Graph", "the new application"));
    if (made !== void 0) {
      created.app = true;
      appRef = { value: made.appId };
      objectId = made.id;
      report.app = { displayName, clientId: made.appId, objectId: made.id, status: "created" };
    } else report.app = { displayName, status: "would-create" };
  }
  let spRef = spId === void 0 ? { variable: "SP_ID" } : { value: spId };
  if (spId === void 0) {
    const res = await write(
      "graph",
      "POST",
      `${g}/servicePrincipals`,
      { appId: "value" in appRef ? appRef.value : "<appId of the new application>" },
      azSpCreate(appRef, "SP_ID"),
      "create the service principal of the application",
      { permission: GRAPH_WRITE, justCreated: created.app }
    );
    const id = str(res?.json, "id");
    if (res !== void 0 && id === void 0)
      throw new SetupStopped(report, unexpected("Microsoft Graph", "the new service principal"));
    if (id !== void 0) {
      created.sp = true;
      spRef = { value: id };
      report.servicePrincipal = { objectId: id, status: "created" };
    } else report.servicePrincipal = { status: "would-create" };
  }
  const ficsUrl = `${g}/applications/${objectId ?? "<object id of the new application>"}/federatedIdentityCredentials`;
  if (ficAction === "create") {
    const body = {
      name: fic.name,
      issuer: fic.issuer,
      subject: fic.subject,
      audiences: fic.audiences,
      description: fic.description
    };
    const res = await write(
      "graph",
      "POST",
      ficsUrl,
      body,
      azFicCreate(fic, appRef),
      `add the federated credential ${quote(fic.name)}`,
      {
        permission: FIC_WRITE,
        justCreated: created.app
      }
    );
    const id = str(res?.json, "id");
    report.federatedCredential = {
      ...report.federatedCredential,
      ...id === void 0 ? {} : { id },
      status: req.dryRun ? "would-create" : "created"
    };
  } else if (ficAction === "replace" && ficExisting !== void 0) {
    const body = { issuer: fic.issuer, subject: fic.subject, audiences: fic.audiences, description: fic.description };
    const named = { ...fic, name: ficExisting.name };
    await write(
      "graph",
      "PATCH",
      `${ficsUrl}/${ficExisting.id}`,
      body,
      azFicUpdate(named, appRef, ficExisting.id),
      `overwrite the federated credential ${quote(ficExisting.name)}`,
      { permission: FIC_WRITE }
    );
    report.federatedCredential.status = req.dryRun ? "would-replace" : "replaced";
  }
  const newGuid = clients.newGuid ?? randomUUID;
  for (const [i, role] of req.roles.entries()) {
    const entry = report.roleAssignments[i];
    if (entry === void 0 || entry.status === "found" || entry.roleDefinitionId === void 0) continue;
    const name = newGuid();
    const url = `${a}${role.scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${ARM_API_VERSION}`;
    const body = {
      properties: {
        roleDefinitionId: entry.roleDefinitionId,
        principalId: "value" in spRef ? spRef.value : "<object id of the new service principal>",
        // Given, so that ARM does not look a brand-new principal up in a directory replica that has not seen it.
        principalType: "ServicePrincipal"
      }
    };
    const res = await write(
      "arm",
      "PUT",
      url,
      body,
      azRoleAssignmentCreate(spRef, entry.roleName ?? role.role, role.scope),
      `assign ${quote(entry.roleName ?? role.role)} at ${role.scope}`,
      { permission: ASSIGN, accept: [409], justCreated: created.sp }
    );
    const code = res?.json?.error?.code;
    if (res === void 0) entry.status = "would-create";
    else if (res.status === 409 && code === "RoleAssignmentExists") entry.status = "found";
    else if (res.status === 409)
      throw new SetupStopped(
        report,
        new FederationError(
          "ARM_REQUEST_FAILED",
          `Azure Resource Manager could not assign ${quote(role.role)} at ${role.scope} (HTTP 409 ${String(code ?? "")}).`,
          {
            remedy: "Another change to this scope may be in progress; run the same command again in a minute.",
            status: 409
          }
        )
      );
    else {
      const id = str(res.json, "id");
      Object.assign(entry, { status: "created", ...id === void 0 ? {} : { id } });
    }
  }
  return report;
}
function unexpected(service, what) {
  return new FederationError("UNEXPECTED_RESPONSE", `${service} answered without the id of ${what}.`, {
    remedy: "Check that --graph-endpoint / --arm-endpoint point at the real service (or a proxy that passes bodies on), then run again."
  });
}

// src/setup/snippet.ts
function yaml(value) {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|~|[0-9.]+)$/i.test(value) ? value : JSON.stringify(value);
}
function githubWorkflow(report, ctx) {
  const { kind, name } = report.target;
  const trigger = kind === "branch" ? ["on:", "  push:", `    branches: [${yaml(name ?? "")}]`] : kind === "tag" ? ["on:", "  push:", `    tags: [${yaml(name ?? "")}]`] : kind === "pull-request" ? ["on: pull_request"] : ["on: workflow_dispatch"];
  return [
    ...trigger,
    "permissions:",
    "  id-token: write   # lets the job request its OIDC token",
    "  contents: read",
    "jobs:",
    "  deploy:",
    "    runs-on: ubuntu-latest",
    ...kind === "environment" ? [`    environment: ${yaml(name ?? "")}   # the subject names it`] : [],
    "    steps:",
    "      - uses: entra-federate/entra-federate@v1",
    "        with:",
    `          client-id: ${ctx.clientId}`,
    `          tenant-id: ${ctx.tenantId}`,
    ...ctx.cloud === "AzureCloud" ? [] : [`          cloud: ${ctx.cloud}`],
    ...ctx.authorityHost === void 0 ? [] : [`          authority-host: ${yaml(ctx.authorityHost)}`]
  ].join("\n");
}
function gitlabCi(report, ctx) {
  const { kind, name } = report.target;
  const rule = kind === "tag" ? `$CI_COMMIT_TAG == ${JSON.stringify(name ?? "")}` : `$CI_COMMIT_BRANCH == ${JSON.stringify(name ?? "")}`;
  return [
    "include:",
    `  - component: $CI_SERVER_FQDN/<group>/entra-federate/login@${ctx.version}`,
    "    inputs:",
    `      client_id: ${ctx.clientId}`,
    `      tenant_id: ${ctx.tenantId}`,
    ...ctx.cloud === "AzureCloud" ? [] : [`      cloud: ${ctx.cloud}`],
    "deploy:",
    "  extends: .entra-federate",
    "  rules:",
    `    - if: ${rule}`,
    "  script:",
    `    - 'curl -fsS -H "Authorization: Bearer $AZURE_ACCESS_TOKEN" "https://management.azure.com/subscriptions?api-version=2022-12-01"'`
  ].join("\n");
}
function commonFlags(report, ctx, audienceDefault) {
  return [
    `--client-id ${ctx.clientId}`,
    `--tenant-id ${ctx.tenantId}`,
    ...ctx.cloud === "AzureCloud" ? [] : [`--cloud ${ctx.cloud}`],
    ...ctx.authorityHost === void 0 ? [] : [`--authority-host ${shellWord(ctx.authorityHost)}`],
    ...report.target.audience === audienceDefault ? [] : [`--audience ${shellWord(report.target.audience)}`]
  ];
}
function snippetFor(report, ctx, audienceDefault) {
  if (report.target.provider === "github")
    return { kind: "github-workflow", where: ".github/workflows/<name>.yml", text: githubWorkflow(report, ctx) };
  if (report.target.provider === "gitlab")
    return { kind: "gitlab-ci", where: ".gitlab-ci.yml", text: gitlabCi(report, ctx) };
  return {
    kind: "cli",
    where: "the CI job's script",
    text: `entra-federate login ${commonFlags(report, ctx, audienceDefault).join(" ")} --id-token-env <VARIABLE_HOLDING_THE_CI_TOKEN>`
  };
}
function doctorCommand(report, ctx, audienceDefault) {
  const f = report.federatedCredential;
  return [
    "entra-federate doctor",
    ...commonFlags(report, ctx, audienceDefault),
    `--expect-issuer ${shellWord(f.issuer)}`,
    `--expect-subject ${shellWord(f.subject)}`,
    `--expect-audience ${shellWord(f.audiences[0] ?? report.target.audience)}`,
    ...report.target.provider === "generic" ? ["--id-token-env <VARIABLE_HOLDING_THE_CI_TOKEN>"] : []
  ].join(" ");
}

// src/setup/ref-name.ts
function refNameProblem(name, kind) {
  if (name === "") return "it is empty";
  if (kind === "branch") {
    if (name.startsWith("-")) return "it begins with '-'";
    if (name === "HEAD") return "'HEAD' names the current commit, not a branch";
  }
  const bad = /[\u0000-\u0020\u007f~^:?*[\\]/.exec(name);
  if (bad !== null) {
    const ch = bad[0];
    const shown = ch === " " ? "a space" : /[\u0000-\u001f\u007f]/.test(ch) ? "a control character" : `'${ch}'`;
    return `it contains ${shown}`;
  }
  if (name.includes("..")) return "it contains '..'";
  if (name.includes("@{")) return "it contains '@{'";
  if (name.startsWith("/") || name.endsWith("/")) return "it begins or ends with '/'";
  if (name.includes("//")) return "it contains '//'";
  if (name.endsWith(".")) return "it ends with '.'";
  for (const component of name.split("/")) {
    if (component.startsWith(".")) return `its component '${component}' begins with '.'`;
    if (component.endsWith(".lock")) return `its component '${component}' ends with '.lock'`;
  }
  return void 0;
}

// src/setup/target.ts
var GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
var GITLAB_DEFAULT_SERVER = "https://gitlab.com";
var GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
var GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
var GITLAB_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
function kindOf(flags, allowed, command) {
  const given = [];
  if (flags.branch !== void 0) given.push({ kind: "branch", name: flags.branch });
  if (flags.tag !== void 0) given.push({ kind: "tag", name: flags.tag });
  if (flags.environment !== void 0) given.push({ kind: "environment", name: flags.environment });
  if (flags["pull-request"] === true) given.push({ kind: "pull-request" });
  const list = allowed.map((k) => k === "pull-request" ? "--pull-request" : `--${k} NAME`).join(", ");
  const [first] = given;
  if (first === void 0 || given.length > 1)
    throw usageError(
      given.length === 0 ? "MISSING_JOB_KIND" : "CONFLICTING_JOB_KIND",
      given.length === 0 ? `\`setup ${command}\` needs to know which jobs may sign in.` : `Give only one of ${list}: one federated credential matches one kind of job.`,
      `Pass exactly one of ${list} (run setup once per kind of job).`
    );
  return first;
}
function refName(raw, kind, notes) {
  const prefix = kind === "branch" ? "refs/heads/" : "refs/tags/";
  let name = raw;
  if (name.startsWith(prefix)) {
    name = name.slice(prefix.length);
    notes.push(`--${kind} ${quote(raw)} was read as the ${kind} ${quote(name)} (the subject adds ${prefix} itself).`);
  }
  const problem = refNameProblem(name, kind);
  if (problem !== void 0)
    throw usageError(
      kind === "branch" ? "INVALID_BRANCH" : "INVALID_TAG",
      `The ${kind} name ${quote(raw)} is not one git accepts: ${problem}.`,
      `Give the ${kind} exactly as git shows it (git check-ref-format rules), e.g. --${kind} ${kind === "branch" ? "main" : "v1.0.0"}.`,
      kind
    );
  return name;
}
function environmentName(raw) {
  if (raw.trim() === "" || raw.length > 255 || hasControlCharacter(raw))
    throw usageError(
      "INVALID_ENVIRONMENT",
      `The environment name ${quote(raw)} is empty, longer than 255 characters or holds control characters.`,
      "Give the environment exactly as the workflow names it (environment: production).",
      "environment"
    );
  return raw;
}
function githubTarget(repo, flags, cloud) {
  const [owner, name, ...rest] = (repo ?? "").split("/");
  if (repo === void 0 || owner === void 0 || name === void 0 || rest.length > 0 || !GITHUB_OWNER.test(owner) || !GITHUB_REPO.test(name) || name === "." || name === "..")
    throw usageError(
      "INVALID_REPO",
      repo === void 0 ? "`setup github` needs --repo." : `The repository ${quote(repo)} is not in OWNER/NAME form.`,
      "Pass --repo OWNER/NAME as GitHub shows it, e.g. --repo octo-org/octo-repo (the subject is case-sensitive).",
      "repo"
    );
  const notes = [];
  const job = kindOf(flags, ["branch", "environment", "tag", "pull-request"], "github");
  const repository = `${owner}/${name}`;
  let subject;
  let value;
  if (job.kind === "pull-request") subject = expectedSubject({ provider: "github", repository, kind: "pull-request" });
  else {
    value = job.kind === "environment" ? environmentName(job.name ?? "") : refName(job.name ?? "", job.kind, notes);
    subject = expectedSubject({ provider: "github", repository, kind: job.kind, name: value });
  }
  return {
    provider: "github",
    issuer: GITHUB_ISSUER,
    subject,
    audience: validateAudience(void 0, cloud),
    repository,
    kind: job.kind,
    ...value === void 0 ? {} : { name: value },
    defaultAppName: `entra-federate-${owner}-${name}`,
    notes
  };
}
function gitlabTarget(project, server, flags, cloud) {
  const segments = (project ?? "").split("/");
  if (project === void 0 || project.length > 255 || segments.length < 2 || !segments.every((s) => GITLAB_SEGMENT.test(s) && !/\.(git|atom)$/.test(s)))
    throw usageError(
      "INVALID_PROJECT",
      project === void 0 ? "`setup gitlab` needs --project." : `The project ${quote(project)} is not in GROUP/PROJECT form.`,
      "Pass --project with the full path as GitLab shows it, subgroups included, e.g. --project my-group/my-project.",
      "project"
    );
  const issuer = server === void 0 ? GITLAB_DEFAULT_SERVER : validateServiceUrl(server, "server", "GitLab server", "https://gitlab.example.com");
  const job = kindOf(flags, ["branch", "tag", "environment"], "gitlab");
  if (job.kind === "environment")
    throw usageError(
      "GITLAB_ENVIRONMENT_NOT_IN_SUBJECT",
      `GitLab ID tokens do not carry the environment ${quote(job.name ?? "")} in their subject (project_path:${project}:ref_type:<branch|tag>:ref:<ref>), and Entra matches only the subject.`,
      "Protect the branch or tag that deploys to this environment and pass --branch NAME or --tag NAME; the environment stays a GitLab rule (protected environments).",
      "environment"
    );
  const notes = [];
  const name = refName(job.name ?? "", job.kind === "tag" ? "tag" : "branch", notes);
  const kind = job.kind === "tag" ? "tag" : "branch";
  return {
    provider: "gitlab",
    issuer,
    subject: expectedSubject({ provider: "gitlab", project, kind, name }),
    audience: validateAudience(void 0, cloud),
    repository: project,
    kind,
    name,
    defaultAppName: `entra-federate-${segments.join("-")}`,
    notes
  };
}
function genericTarget(issuer, subject, audience, cloud) {
  if (issuer === void 0 || subject === void 0)
    throw usageError(
      "MISSING_ISSUER_OR_SUBJECT",
      "`setup generic` needs --issuer and --subject.",
      "Pass the iss and sub of the CI's tokens exactly, e.g. --issuer https://oidc.example.com --subject pipeline:42 (entra-federate verify shows them)."
    );
  validateServiceUrl(issuer, "issuer", "issuer", "https://oidc.example.com");
  const exactIssuer = issuer.trim();
  if (subject.trim() === "" || subject.length > 600 || hasControlCharacter(subject))
    throw usageError(
      "INVALID_SUBJECT",
      `The subject ${quote(subject)} is empty, longer than 600 characters or holds control characters.`,
      "Pass the CI token's sub claim exactly (entra-federate verify prints it).",
      "subject"
    );
  const slug = subject.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
  return {
    provider: "generic",
    issuer: exactIssuer,
    subject,
    audience: validateAudience(audience, cloud),
    defaultAppName: `entra-federate-${slug === "" ? "ci" : slug}`,
    notes: []
  };
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
  return new FederationError(err.code, message, {
    remedy: `${err.remedy} Running the same command again finds what exists and continues from there.`,
    ...err.status === void 0 ? {} : { status: err.status }
  });
}
export {
  run
};
