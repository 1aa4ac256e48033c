import {
  login
} from "./chunks/chunk-EJCGVO4O.js";
import {
  cleanupRecorder,
  githubRunner,
  tolerateClosedOutput
} from "./chunks/chunk-TKKR7BP6.js";
import {
  githubContext,
  githubProvider
} from "./chunks/chunk-GCX5CGBI.js";
import {
  createNodeHttpClient,
  fetchWithRetry,
  proxyConfigFrom,
  systemClock
} from "./chunks/chunk-ESQY2JLS.js";
import {
  envHandoff
} from "./chunks/chunk-Y32HUGCH.js";
import {
  decodeJwt,
  isLoopbackHost,
  quote,
  resolveOptions,
  splitList,
  validateClientId
} from "./chunks/chunk-ZHH3QR7C.js";
import "./chunks/chunk-NVALJV73.js";
import "./chunks/chunk-YTNC6CMW.js";
import {
  isGuid,
  isoTime,
  replaceControlCharacters,
  showClaim
} from "./chunks/chunk-4Z7CLUDL.js";
import {
  FederationError,
  usageError
} from "./chunks/chunk-O2OTSBQM.js";
import "./chunks/chunk-WNTXV5YL.js";

// src/core/managed-identity.ts
var IMDS_HOST = "http://169.254.169.254";
var IMDS_TOKEN_PATH = "/metadata/identity/oauth2/token";
var IMDS_API_VERSION = "2018-02-01";
function imdsEndpoint(raw, origin) {
  if (raw === void 0 || raw.trim() === "") return IMDS_HOST;
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError(
      "INVALID_IMDS_ENDPOINT",
      `${origin} is ${quote(raw)}, which is not a URL.`,
      `Set ${origin} to the metadata endpoint's origin, e.g. http://169.254.169.254, or unset it.`,
      origin
    );
  }
  const linkLocal = url.hostname === "169.254.169.254";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (linkLocal || isLoopbackHost(url.hostname))))
    throw usageError(
      "INVALID_IMDS_ENDPOINT",
      `${origin} is ${quote(raw)}: plain http is allowed only to 169.254.169.254 and loopback.`,
      `Set ${origin} to http://169.254.169.254 (or an https URL), or unset it.`,
      origin
    );
  return url.origin;
}
async function managedIdentityToken(request, deps) {
  const url = new URL(IMDS_TOKEN_PATH, request.endpoint);
  url.searchParams.set("api-version", IMDS_API_VERSION);
  url.searchParams.set("resource", request.resource);
  if (request.clientId !== void 0) url.searchParams.set("client_id", request.clientId);
  const which = request.clientId === void 0 ? "system-assigned identity" : `identity ${request.clientId}`;
  let result;
  try {
    result = await fetchWithRetry(
      deps.http,
      () => ({ method: "GET", url: url.toString(), headers: { metadata: "true", accept: "application/json" } }),
      { deadlineAt: request.deadlineAt, what: "the managed identity endpoint (IMDS)", clock: deps.clock }
    );
  } catch (err) {
    throw new FederationError(
      "MANAGED_IDENTITY_UNAVAILABLE",
      `The managed identity endpoint ${request.endpoint} did not answer before the deadline: ${err instanceof Error ? err.message : String(err)}`,
      {
        remedy: "--credential managed-identity works on Azure VMs, scale sets and AKS nodes with a managed identity (IMDS at 169.254.169.254), or where IMDS_ENDPOINT / AZURE_POD_IDENTITY_AUTHORITY_HOST names one; elsewhere sign in with the CI token.",
        cause: err
      }
    );
  }
  const { response, attempts } = result;
  let body = {};
  try {
    const parsed = JSON.parse(response.body);
    if (parsed !== null && typeof parsed === "object") body = parsed;
  } catch {
    body = {};
  }
  const token = body["access_token"];
  if (response.status !== 200 || typeof token !== "string" || token === "") {
    const said = typeof body["error_description"] === "string" ? body["error_description"] : "";
    const shown = /^[\w .,:'()/-]{1,200}$/.test(said) ? `: ${said}` : "";
    const notFound = /identity not found/i.test(said);
    throw new FederationError(
      "MANAGED_IDENTITY_FAILED",
      `The managed identity endpoint gave no token for ${request.resource} to the ${which} (HTTP ${response.status}${shown}).`,
      {
        remedy: notFound ? request.clientId === void 0 ? "Enable the system-assigned identity of the VM or scale set, or pass --client-id with a user-assigned identity assigned to it." : `Assign the user-assigned identity ${request.clientId} to the VM or scale set, or pass the client id of one that is.` : "Check that the identity may have tokens for that resource, and the resource name.",
        status: response.status
      }
    );
  }
  const now = deps.clock.now();
  const expiresOnSeconds = Number(body["expires_on"]);
  const expiresInSeconds = Number(body["expires_in"]);
  const expiresOn = Number.isFinite(expiresOnSeconds) ? expiresOnSeconds * 1e3 : now + (Number.isFinite(expiresInSeconds) ? expiresInSeconds * 1e3 : 0);
  return {
    scope: request.scope,
    accessToken: token,
    tokenType: typeof body["token_type"] === "string" ? body["token_type"] : "Bearer",
    expiresOn,
    attempts
  };
}

// src/ci/credential.ts
function wantsManagedIdentity(raw) {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "auto") return false;
  if (value === "managed-identity") return true;
  throw usageError(
    "INVALID_CREDENTIAL_KIND",
    `--credential ${quote(raw ?? "")} is not a credential kind entra-federate knows.`,
    "Pass --credential managed-identity for the runner's own identity (Azure VMs, scale sets, AKS), or leave it out to sign in with the CI token.",
    "credential"
  );
}
function managedIdentityCredential(input, env, http) {
  const podHost = nonBlank(env["AZURE_POD_IDENTITY_AUTHORITY_HOST"]);
  const endpoint = podHost !== void 0 ? imdsEndpoint(podHost, "AZURE_POD_IDENTITY_AUTHORITY_HOST") : imdsEndpoint(env["IMDS_ENDPOINT"], "IMDS_ENDPOINT");
  const raw = nonBlank(input.clientId ?? env["AZURE_CLIENT_ID"]);
  const clientId = raw === void 0 ? void 0 : validateClientId(raw);
  const which = clientId === void 0 ? "the system-assigned managed identity" : `the managed identity ${clientId}`;
  return {
    origin: "managed-identity",
    source: {
      kind: "managed-identity",
      description: `${which} of this machine (${endpoint})`,
      token: ({ resource, scope, deadlineAt }) => managedIdentityToken(
        { endpoint, resource, scope, deadlineAt, ...clientId === void 0 ? {} : { clientId } },
        { http, clock: systemClock }
      )
    }
  };
}
function nonBlank(value) {
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
var MAX_CERTIFICATE_BYTES = 256 * 1024;

// src/entry/shared/handoffs.ts
import { tmpdir } from "node:os";
async function planHandoffs(names, how, options) {
  if (names.every((name) => name === "env")) return { handoffs: names.length === 0 ? [] : [envHandoff], options };
  const { selectHandoffs, withHandoffScopes } = await import("./chunks/select-AJLUTV5R.js");
  const handoffs = selectHandoffs(
    names,
    how,
    options.scopes.map((s) => s.scope)
  );
  return { handoffs, options: withHandoffScopes(options, handoffs) };
}
async function identityIdleSeconds(handoffs, env) {
  if (!handoffs.some((h) => h.name === "identity-endpoint")) return void 0;
  return (await import("./chunks/identity-endpoint-J57HLIOS.js")).identityIdleTimeout(env);
}
function jobTempDir(env) {
  const runnerTemp = env["RUNNER_TEMP"];
  return runnerTemp !== void 0 && runnerTemp !== "" ? runnerTemp : tmpdir();
}
function toolRunner(env) {
  return async (argv, opts) => (await import("./chunks/tool-TUWNQZEW.js")).runTool(argv, env, { ...opts, timeoutMs: 12e4 });
}

// src/entry/shared/render.ts
function row(label, value) {
  return `  ${`${label}:`.padEnd(16)}${value}
`;
}
function claim(value) {
  return value === void 0 ? "(none)" : showClaim(value, "when-needed");
}
function audText(aud) {
  if (aud === void 0) return "(none)";
  return Array.isArray(aud) ? aud.map((a) => showClaim(a, "when-needed")).join(", ") : claim(aud);
}
function renderError(err, wording = (text) => text) {
  let out = `entra-federate: ${wording(err.message)}
`;
  out += row("code", err.aadsts === void 0 ? err.code : `${err.code} (AADSTS${err.aadsts})`);
  if (err.scope !== void 0) out += row("scope", err.scope);
  if (err.presented !== void 0) {
    out += row("issuer", claim(err.presented.iss));
    out += row("subject", claim(err.presented.sub));
    out += row("audience", audText(err.presented.aud));
  }
  if (err.field !== void 0 && err.expected !== void 0)
    out += row("expected", `${err.field} = ${claim(err.expected)}`);
  if (err.field !== void 0 && err.actual !== void 0) out += row("found", `${err.field} = ${claim(err.actual)}`);
  if (err.traceId !== void 0) out += row("trace id", err.traceId);
  if (err.correlationId !== void 0) out += row("correlation id", err.correlationId);
  if (err.timestamp !== void 0) out += row("timestamp", err.timestamp);
  out += row("what to do", wording(err.remedy));
  return out;
}
function loginSummary(result, ci) {
  const summary = {
    tenantId: result.tenantId,
    clientId: result.clientId,
    cloud: result.cloud,
    authorityHost: result.authorityHost,
    credential: result.credential,
    correlationId: result.correlationId,
    tokens: result.tokens.map((t) => ({ scope: t.scope, expiresOn: isoTime(t.expiresOn) })),
    notes: result.notes
  };
  if (result.idToken !== void 0) {
    const { iss, sub, aud, exp } = result.idToken;
    summary.idToken = {
      ...iss === void 0 ? {} : { iss },
      ...sub === void 0 ? {} : { sub },
      ...aud === void 0 ? {} : { aud },
      ...exp === void 0 ? {} : { expiresOn: isoTime(exp * 1e3) }
    };
  }
  if (ci !== void 0 && Object.keys(ci).length > 1) summary.ci = ci;
  return summary;
}

// src/handoff/run.ts
async function runHandoffs(handoffs, context, sink, onCleanup) {
  const exported = /* @__PURE__ */ new Map();
  const endpoint = {};
  const recording = {
    setEnv: (name, value) => {
      sink.setEnv(name, value);
      exported.set(name, value);
    },
    mask: (value) => sink.mask(value),
    tempDir: sink.tempDir,
    run: (argv, opts) => sink.run(argv, opts),
    info: (message) => sink.info(message),
    warn: (message) => sink.warn(message),
    renewal: (entry) => sink.renewal?.(entry)
  };
  const accessToken = (scope) => {
    const token = context.result.tokens.find((t) => t.scope === scope);
    if (token === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return token;
  };
  for (const handoff of handoffs) {
    const cleanup = await handoff.export({ ...context, exported, accessToken, endpoint }, recording);
    onCleanup(cleanup);
  }
}
function noIdToken(credential) {
  return () => Promise.reject(
    usageError(
      "NO_CI_TOKEN_TO_EXPORT",
      `This login used a ${credential === "managed-identity" ? "managed identity" : credential}, so there is no CI token to hand on.`,
      "The env, terraform, kubelogin and az exports pass a CI token on: sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint.",
      "export"
    )
  );
}

// src/entry/shared/sign-in.ts
async function signIn(request, deps) {
  const result = await guardedLogin(request.options, request.credential, request.guard, deps);
  await request.onSignedIn?.(result);
  const plan = request.handoffs;
  if (plan !== void 0 && plan.handoffs.length > 0) await handOff(result, request.credential, plan, deps);
  return result;
}
async function guardedLogin(options, credential, guard, deps) {
  if (guard?.policyPath === void 0 && guard?.policy === void 0 && guard?.auditLogPath === void 0)
    return login(options, credential.source, { http: deps.http });
  const { loginWithGuardFiles } = await import("./chunks/trail-VT3GPLXI.js");
  return loginWithGuardFiles(options, credential.source, deps.http, {
    policyPath: guard.policyPath,
    policy: guard.policy,
    auditLogPath: guard.auditLogPath,
    summaryPath: guard.summaryPath,
    provider: credential.origin ?? credential.provider?.name ?? credential.source.kind,
    ci: credential.provider?.context(),
    now: () => deps.now()
  });
}
async function handOff(result, credential, plan, deps) {
  const source = credential.source;
  const federated = source.kind === "federated" ? source : void 0;
  const idToken = plan.idToken ?? (federated === void 0 ? noIdToken(source.kind) : async (audience) => {
    const token = await federated.idToken(audience);
    plan.sink.mask(token);
    return token;
  });
  const done = [];
  try {
    await runHandoffsOf(plan, result, idToken, credential, deps, done);
  } catch (err) {
    await rollBack(done, plan, deps.env);
    throw err;
  }
}
async function rollBack(done, plan, env) {
  const log = { info: () => void 0, debug: () => void 0, warn: (message) => plan.sink.warn(message) };
  const { performCleanup } = await import("./chunks/cleanup-T3TKZ4F4.js");
  for (const cleanup of [...done].reverse()) {
    try {
      await performCleanup(cleanup, env, log);
    } catch {
    }
  }
  plan.onRollback?.();
  plan.sink.warn("a hand-off failed, so what this login had exported was rolled back.");
}
async function runHandoffsOf(plan, result, idToken, credential, deps, done) {
  const source = credential.source;
  const federated = source.kind === "federated" ? source : void 0;
  await runHandoffs(
    plan.handoffs,
    {
      result,
      idToken,
      ...plan.subscriptionId === void 0 ? {} : { subscriptionId: plan.subscriptionId },
      env: deps.env,
      ...federated !== void 0 && credential.provider !== void 0 ? { provider: credential.provider.name } : {},
      http: deps.http,
      ...plan.identity === void 0 ? {} : { identity: plan.identity }
    },
    plan.sink,
    (cleanup) => {
      done.push(cleanup);
      plan.onCleanup(cleanup);
    }
  );
}

// src/entry/shared/failure.ts
async function doctorReading(err, now) {
  if (err.request === void 0 || err.claims === void 0) return void 0;
  const { failureReading } = await import("./chunks/explain-JBY7UEQZ.js");
  const reading = failureReading(err, now);
  if (reading === void 0) return void 0;
  const { diagnosisMarkdown, renderDiagnosis } = await import("./chunks/render-6I7MJUXS.js");
  return {
    diagnosis: reading.diagnosis,
    text: renderDiagnosis(reading.diagnosis, reading.ctx),
    markdown: diagnosisMarkdown(reading.diagnosis, reading.ctx)
  };
}
function exitCodeOf(err) {
  return err.usage ? 2 : 1;
}

// src/entry/github/summary.ts
function cell(value) {
  return replaceControlCharacters(value, " ").replace(/([\\`[\]])/g, "\\$1").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;");
}
function table(rows) {
  const kept = rows.filter((row2) => row2[1] !== void 0 && row2[1] !== "");
  return `| | |
|---|---|
${kept.map(([label, value]) => `| ${label} | ${value} |`).join("\n")}
`;
}
function audienceText(aud) {
  if (aud === void 0) return void 0;
  return cell(Array.isArray(aud) ? aud.join(", ") : aud);
}
function runCell(ci) {
  if (ci.runId === void 0) return void 0;
  const text = cell(ci.runAttempt === void 0 ? ci.runId : `${ci.runId} (attempt ${ci.runAttempt})`);
  if (ci.runUrl === void 0) return text;
  let href;
  try {
    href = new URL(ci.runUrl).href.replace(/\(/g, "%28").replace(/\)/g, "%29");
  } catch {
    return text;
  }
  return `[${text}](${href})`;
}
function whoAsked(ci) {
  const c = (value) => value === void 0 ? void 0 : cell(value);
  return [
    ["Repository", c(ci.repository)],
    ["Ref", c(ci.ref)],
    ["Workflow", c(ci.workflow)],
    ["Run", runCell(ci)],
    ["Actor", c(ci.actor)]
  ];
}
function successSummary(summary, ci, exported, renewals = []) {
  const id = summary.idToken;
  const c = (value) => value === void 0 ? void 0 : cell(value);
  let out = "### entra-federate: signed in to Microsoft Entra ID\n\n";
  out += table([
    ...whoAsked(ci),
    ["CI token issuer", c(id?.iss)],
    ["CI token subject", c(id?.sub)],
    ["CI token audience", audienceText(id?.aud)],
    ["Tenant", cell(summary.tenantId)],
    ["Client", cell(summary.clientId)],
    ["Cloud", cell(`${summary.cloud} (${summary.authorityHost})`)],
    ["Exported", exported.length === 0 ? "nothing" : cell(exported.join(", "))]
  ]);
  out += "\n| Scope | Expires (UTC) |\n|---|---|\n";
  for (const token of summary.tokens) out += `| ${cell(token.scope)} | ${cell(token.expiresOn)} |
`;
  if (renewals.length > 0) {
    out += "\n| Hand-off | Renews | Until |\n|---|---|---|\n";
    for (const r of renewals) out += `| ${cell(r.handoff)} | ${r.renews ? "yes" : "no"} | ${cell(r.until)} |
`;
  }
  return `${out}
`;
}
function failureSummary(err, ci) {
  const c = (value) => value === void 0 ? void 0 : cell(value);
  let out = "### entra-federate: sign-in failed\n\n";
  out += table([
    ...whoAsked(ci),
    ["Error", cell(err.aadsts === void 0 ? err.code : `${err.code} (AADSTS${err.aadsts})`)],
    ["Message", cell(err.message)],
    ["CI token issuer", c(err.presented?.iss)],
    ["CI token subject", c(err.presented?.sub)],
    ["CI token audience", audienceText(err.presented?.aud)],
    ["Scope", c(err.scope)],
    ["Trace id", c(err.traceId)],
    ["Correlation id", c(err.correlationId)],
    ["What to do", cell(err.remedy)]
  ]);
  return `${out}
`;
}

// src/entry/github/failure.ts
var INPUT_FOR_FLAG = {
  "client-id": "client-id",
  "tenant-id": "tenant-id",
  scope: "scopes",
  audience: "audience",
  cloud: "cloud",
  "authority-host": "authority-host",
  timeout: "timeout-seconds",
  export: "export",
  policy: "policy",
  "audit-log": "audit-log"
};
function inActionTerms(text) {
  return text.replace(/--([a-z][a-z-]*[a-z])/g, (flag, name) => {
    const input = INPUT_FOR_FLAG[name];
    return input === void 0 ? flag : `\`${input}\``;
  });
}
function failureText(err) {
  return renderError(err, inActionTerms).replace(/\n$/, "");
}
function causeChain(err) {
  const out = [];
  let current = err instanceof Error ? err.cause : void 0;
  for (let depth = 0; current !== void 0 && depth < 5; depth++) {
    const code = current.code;
    const message = current instanceof Error ? current.message : String(current);
    out.push(typeof code === "string" ? `${message} (${code})` : message);
    current = current instanceof Error ? current.cause : void 0;
  }
  return out;
}
async function reportFailure(err, runner, ci, now) {
  if (err instanceof FederationError) {
    runner.error(failureText(err));
    for (const cause of causeChain(err)) runner.debug(`cause: ${cause}`);
    const reading = await doctorReading(err, now);
    if (reading !== void 0) {
      runner.info("entra-federate doctor:");
      for (const line of reading.text.trimEnd().split("\n")) runner.info(line);
    }
    try {
      runner.appendSummary(failureSummary(err, ci) + (reading === void 0 ? "" : `
${reading.markdown}`));
    } catch {
    }
    return exitCodeOf(err);
  }
  const message = err instanceof Error ? err.message : String(err);
  runner.error(
    `entra-federate: unexpected error: ${message}. This is a bug; please report it with the step's debug log (it contains no tokens).`
  );
  if (err instanceof Error && err.stack !== void 0) runner.debug(err.stack);
  return 1;
}

// src/entry/github/inputs.ts
var EXPORTS = ["env", "terraform", "az", "acr:<registry>", "git", "kubelogin", "identity-endpoint"];
function required(runner, name, what) {
  const value = runner.input(name);
  if (value === "") {
    throw usageError(
      name === "client-id" ? "MISSING_CLIENT_ID" : "MISSING_TENANT_ID",
      `The \`${name}\` input is empty.`,
      `Set \`${name}:\` under \`with:\` to ${what}, e.g. \${{ vars.AZURE_${name.replace(/-/g, "_").toUpperCase()} }}.`,
      name
    );
  }
  return value;
}
function subscription(raw) {
  if (raw === "") return void 0;
  if (!isGuid(raw)) {
    throw usageError(
      "INVALID_SUBSCRIPTION_ID",
      `The subscription id ${quote(raw)} is not a GUID.`,
      "Use the subscription id GUID shown on the subscription's overview page, or leave `subscription-id` empty.",
      "subscription-id"
    );
  }
  return raw.toLowerCase();
}
function exportsFrom(raw) {
  const names = splitList(raw).map((name) => name.toLowerCase());
  if (names.length === 1 && names[0] === "none") return [];
  const out = [];
  for (const name of names) {
    const known = name.startsWith("acr:") ? name : EXPORTS.find((e) => e === name && e !== "acr:<registry>");
    if (known === void 0) {
      throw usageError(
        "INVALID_EXPORT",
        `The Action cannot export ${quote(name)}.`,
        `Set \`export\` to one of ${EXPORTS.join(", ")} or none.`,
        "export"
      );
    }
    if (!out.includes(known)) out.push(known);
  }
  return out;
}
function readInputs(runner) {
  const managedIdentity = wantsManagedIdentity(runner.input("credential"));
  const clientId = managedIdentity ? runner.input("client-id") : required(runner, "client-id", "the application (client) id of the app registration or managed identity");
  const tenantId = managedIdentity ? runner.input("tenant-id") : required(runner, "tenant-id", "the directory (tenant) id");
  const options = resolveOptions(
    {
      clientId,
      tenantId,
      scopes: splitList(runner.input("scopes")),
      cloud: runner.input("cloud"),
      authorityHost: runner.input("authority-host"),
      audience: runner.input("audience"),
      timeoutSeconds: runner.input("timeout-seconds")
    },
    { managedIdentity }
  );
  const subscriptionId = subscription(runner.input("subscription-id"));
  const exports = exportsFrom(runner.input("export"));
  const policyPath = runner.input("policy");
  const auditLogPath = runner.input("audit-log");
  return {
    options,
    managedIdentity,
    exports,
    ...subscriptionId === void 0 ? {} : { subscriptionId },
    ...policyPath === "" ? {} : { policyPath },
    ...auditLogPath === "" ? {} : { auditLogPath }
  };
}

// src/entry/github/main.ts
var REUSE_ID_TOKEN_MS = 3e4;
async function main(io) {
  const seen = {};
  try {
    await signInStep(io, seen);
    return 0;
  } catch (err) {
    return await reportFailure(err, io.runner, githubContext(io.env), io.now());
  } finally {
    debugClaims(io.runner, seen);
  }
}
async function signInStep(io, seen) {
  const { runner, env, now } = io;
  const http = io.http();
  const inputs = readInputs(runner);
  runner.requireFiles(["GITHUB_OUTPUT", "GITHUB_STATE", ...inputs.exports.length > 0 ? ["GITHUB_ENV"] : []]);
  const { handoffs, options } = await planHandoffs(
    inputs.exports,
    { field: "export", fix: "Set `export` to" },
    inputs.options
  );
  const idleTimeoutSeconds = await identityIdleSeconds(handoffs, env);
  const provider = githubProvider({ env, http, timeoutMs: inputs.options.timeoutMs });
  const fetchIdToken = async (audience) => {
    const token = await provider.idToken(audience);
    runner.mask(token);
    seen.latest = { audience, token, at: now() };
    return token;
  };
  const recentIdToken = async (audience) => {
    const latest = seen.latest;
    return latest !== void 0 && latest.audience === audience && now() - latest.at < REUSE_ID_TOKEN_MS ? latest.token : fetchIdToken(audience);
  };
  const credential = inputs.managedIdentity ? managedIdentityCredential(
    {
      ...inputs.options.clientId === "" ? {} : { clientId: inputs.options.clientId },
      timeout: String(inputs.options.timeoutMs / 1e3)
    },
    // AZURE_CLIENT_ID in the runner's environment must not pick the identity: the input does.
    { ...env, AZURE_CLIENT_ID: void 0 },
    http
  ) : { provider, source: { kind: "federated", description: provider.description, idToken: fetchIdToken } };
  const notes = [];
  const renewals = [];
  const sink = {
    setEnv: (name, value) => runner.exportVariable(name, value),
    mask: (value) => runner.mask(value),
    tempDir: jobTempDir(env),
    run: toolRunner(env),
    // Shown after the sign-in lines, under "exported".
    info: (message) => notes.push(message),
    warn: (message) => runner.warning(`entra-federate: ${message}`),
    renewal: (entry) => renewals.push(entry)
  };
  const result = await signIn(
    {
      options,
      credential,
      guard: {
        policyPath: inputs.policyPath,
        auditLogPath: inputs.auditLogPath,
        summaryPath: env["GITHUB_STEP_SUMMARY"]
      },
      onSignedIn(result2) {
        for (const token of result2.tokens) runner.mask(token.accessToken);
        const first = result2.tokens[0];
        if (first === void 0) throw new Error("the login returned no token");
        runner.setOutput("access-token", first.accessToken);
        runner.setOutput("access-tokens", JSON.stringify(accessTokens(result2, inputs.options.scopes)));
        runner.setOutput("expires-on", isoTime(first.expiresOn));
        runner.setOutput("issuer", result2.idToken?.iss ?? "");
        runner.setOutput("subject", result2.idToken?.sub ?? "");
      },
      handoffs: {
        handoffs,
        sink,
        onCleanup: cleanupRecorder(runner),
        ...inputs.managedIdentity ? {} : { idToken: recentIdToken },
        ...inputs.subscriptionId === void 0 ? {} : { subscriptionId: inputs.subscriptionId },
        ...idleTimeoutSeconds === void 0 ? {} : {
          identity: {
            // The endpoint rebuilds this login from these (the environment holds the runner's token request variables).
            values: {
              ...options.clientId === "" ? {} : { "client-id": options.clientId },
              ...options.tenantId === "" ? {} : { "tenant-id": options.tenantId },
              ...inputs.managedIdentity ? { credential: "managed-identity" } : {},
              cloud: options.cloud,
              "authority-host": options.authorityHost,
              audience: options.audience,
              timeout: String(options.timeoutMs / 1e3),
              ...inputs.managedIdentity ? {} : { provider: "github" },
              ...inputs.policyPath === void 0 ? {} : { policy: inputs.policyPath },
              ...inputs.auditLogPath === void 0 ? {} : { "audit-log": inputs.auditLogPath }
            },
            ...io.jobPid === void 0 ? {} : { watchPid: io.jobPid },
            idleTimeoutSeconds
          }
        }
      }
    },
    { http, env, now }
  );
  logResult(runner, result);
  for (const note of notes) runner.info(`  exported:          ${note}`);
  runner.debug(
    `correlation id ${result.correlationId}; attempts per scope: ${result.tokens.map((t) => `${t.scope} ${t.attempts}`).join(", ")}`
  );
  try {
    runner.appendSummary(successSummary(loginSummary(result), provider.context(), inputs.exports, renewals));
  } catch (err) {
    runner.warning(
      `entra-federate: could not write the step summary (${err.code ?? String(err)}).`
    );
  }
}
function accessTokens(result, requested) {
  const out = {};
  for (const { scope } of requested) {
    const token = result.tokens.find((t) => t.scope === scope);
    if (token !== void 0) out[scope] = token.accessToken;
  }
  return out;
}
function clean(value) {
  return value === void 0 ? "(none)" : showClaim(value, "when-needed");
}
function logResult(runner, result) {
  const id = result.idToken;
  runner.info(
    `entra-federate: signed in as client ${result.clientId} in tenant ${result.tenantId} (${result.cloud}, ${result.authorityHost})`
  );
  runner.info(`  CI token issuer:   ${clean(id?.iss)}`);
  runner.info(`  CI token subject:  ${clean(id?.sub)}`);
  runner.info(`  CI token audience: ${Array.isArray(id?.aud) ? id.aud.map(clean).join(", ") : clean(id?.aud)}`);
  for (const token of result.tokens)
    runner.info(`  token:             ${token.scope}, expires ${isoTime(token.expiresOn)}`);
  for (const note of result.notes) runner.info(`  note:              ${note}`);
}
function debugClaims(runner, seen) {
  if (!runner.debugEnabled || seen.latest === void 0) return;
  try {
    runner.debug(`CI token claims: ${JSON.stringify(decodeJwt(seen.latest.token).claims)}`);
  } catch {
    runner.debug("The CI token is not a JWT; its claims cannot be shown.");
  }
}

// src/entry/shared/io.ts
function lazyHttpClient(userAgent, env) {
  let http;
  return () => {
    http ??= createNodeHttpClient({ userAgent, proxy: proxyConfigFrom(env) });
    return http;
  };
}

// src/entry/action.ts
tolerateClosedOutput(process.stdout, process.stderr);
process.exitCode = await main({
  env: process.env,
  runner: githubRunner(process.env),
  http: lazyHttpClient(`entra-federate-action/${"0.1.0"}`, process.env),
  now: Date.now,
  // The runner's worker: it lives as long as the job.
  ...process.ppid > 1 ? { jobPid: process.ppid } : {}
});
