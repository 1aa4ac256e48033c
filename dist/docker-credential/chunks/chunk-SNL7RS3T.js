import {
  expectedSubject
} from "./chunk-34Z7CBK4.js";
import {
  azCommand,
  graphHost,
  suggestFic
} from "./chunk-BQTLZMAU.js";
import {
  classifyStatus,
  fetchWithRetry
} from "./chunk-5MT7EPN6.js";
import {
  redact
} from "./chunk-K4KDMNMQ.js";
import {
  quote,
  validateAudience,
  validateServiceUrl
} from "./chunk-JMXU6O7H.js";
import {
  FederationError,
  usageError
} from "./chunk-Y33T5NR3.js";
import {
  collapseControlCharacters,
  hasControlCharacter,
  shellQuote
} from "./chunk-5ICNF3XL.js";

// src/setup/api.ts
var SERVICE_TITLE = {
  graph: "Microsoft Graph",
  arm: "Azure Resource Manager"
};
function errorOf(body) {
  try {
    const error = JSON.parse(body).error;
    return { serviceCode: String(error?.code ?? ""), message: String(error?.message ?? "") };
  } catch {
    return { serviceCode: "", message: "" };
  }
}
function notReplicatedYet(res) {
  if (res.status === 404) return true;
  if (res.status !== 400) return false;
  const { serviceCode, message } = errorOf(res.body);
  return serviceCode === "PrincipalNotFound" || /does not reference a valid application object/i.test(message);
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
    const { serviceCode, message } = errorOf(response.body);
    const said = collapseControlCharacters(redact(message, [token]), " ").slice(0, 300);
    const shown = `HTTP ${response.status}${serviceCode === "" ? "" : ` ${printable(serviceCode)}`}${said === "" ? "" : `: ${said}`}`;
    const graph = this.service === "graph";
    if (response.status === 401)
      return new FederationError(
        graph ? "GRAPH_TOKEN_REJECTED" : "ARM_TOKEN_REJECTED",
        `${title} refused the token from ${this.token.origin} (${shown}).`,
        {
          remedy: `The token is expired or for another resource: ${this.token.howToRenew}`,
          status: 401
        }
      );
    if (response.status === 403)
      return new FederationError(
        graph ? "GRAPH_FORBIDDEN" : "ARM_FORBIDDEN",
        `${title} refused to ${call.what} (${shown}).`,
        {
          remedy: `The signed-in identity needs ${call.permission}; ask an administrator to grant it, then run the same command again.`,
          status: 403
        }
      );
    return new FederationError(
      graph ? "GRAPH_REQUEST_FAILED" : "ARM_REQUEST_FAILED",
      `${title} could not ${call.what} (${shown}).`,
      {
        remedy: response.status >= 500 || response.status === 429 ? "The service is busy or failing; run the same command again in a minute: it continues where it stopped." : "Check the values given; run with --dry-run to see each request.",
        status: response.status
      }
    );
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
        "SETUP_APP_NOT_FOUND",
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

export {
  ServiceClient,
  endpointsFor,
  renderReport,
  SetupStopped,
  runSetup,
  snippetFor,
  doctorCommand,
  githubTarget,
  gitlabTarget,
  genericTarget
};
