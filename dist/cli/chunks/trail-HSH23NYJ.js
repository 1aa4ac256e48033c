import {
  PolicyDeniedError,
  enforcePolicy
} from "./chunk-OHEYMCKN.js";
import "./chunk-HNTMPMT5.js";
import {
  loadPolicy
} from "./chunk-UVJCTFDH.js";
import {
  login
} from "./chunk-KKJBLYBX.js";
import {
  UnsafeFileError,
  openOwnFile
} from "./chunk-W4LGXFMS.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  decodeJwt,
  quote
} from "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  isoTime,
  replaceControlCharacters
} from "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/audit/log.ts
import { closeSync, writeSync } from "node:fs";
async function openAppendOnly(path, what, field, owner = "effective") {
  if (path.trim() === "")
    throw usageError("AUDIT_LOG_UNWRITABLE", `The path of ${what} is empty.`, `Pass --${field} FILE.`, field);
  let fd;
  try {
    fd = openOwnFile(path, { access: "append", owner });
  } catch (err) {
    const why = err instanceof UnsafeFileError ? err.reason : `cannot be opened (${String(err)})`;
    const unsafe = err instanceof UnsafeFileError && ["UNSAFE_FILE", "ELOOP", "ENXIO"].includes(err.code);
    throw usageError(
      "AUDIT_LOG_UNWRITABLE",
      `${what.charAt(0).toUpperCase()}${what.slice(1)} ${quote(path)} ${why}.`,
      unsafe ? `Pass --${field} with a regular file of this user that no one else can write, or a path that does not exist yet (it is created 0600).` : `Pass --${field} with a writable regular file path (it is created 0600 if missing).`,
      field
    );
  }
  return new AppendFile(fd, path, what);
}
var AppendFile = class {
  constructor(fd, path, what) {
    this.fd = fd;
    this.path = path;
    this.what = what;
  }
  fd;
  path;
  what;
  closed = false;
  /** One write() of the whole text: with O_APPEND the kernel places it at the end as a unit. */
  async append(text2) {
    const data = Buffer.from(text2, "utf8");
    try {
      let offset = 0;
      while (offset < data.length) offset += writeSync(this.fd, data, offset, data.length - offset);
    } catch (err) {
      throw new FederationError(
        "AUDIT_LOG_WRITE_FAILED",
        `Could not write to ${this.what} ${quote(this.path)}: ${err instanceof Error ? err.message : String(err)}.`,
        { remedy: "Check the disk space and permissions of the audit log file.", cause: err }
      );
    }
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
};
function auditLines(records) {
  return records.map((r) => `${JSON.stringify(r)}
`).join("");
}

// src/audit/markdown.ts
var AUDIT_MARKDOWN_HEADER = "| time | outcome | subject | tenant | client id | scope | expires | uti | details |\n|---|---|---|---|---|---|---|---|---|\n";
function cell(value) {
  if (value === void 0 || value === "") return "";
  const escaped = replaceControlCharacters(value, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_[\]|!#~])/g, "\\$1");
  return escaped.length > 200 ? `${escaped.slice(0, 197)}...` : escaped;
}
function details(record) {
  if (record.outcome === "ok")
    return record.policy === void 0 ? void 0 : `policy ${record.policy.ruleSet}${record.policy.rule === void 0 ? "" : ` / ${record.policy.rule}`}`;
  const e = record.error;
  if (e === void 0) return void 0;
  const parts = [e.aadsts === void 0 ? e.code : `AADSTS${e.aadsts}`];
  if (record.policy?.claim !== void 0) parts.push(`${record.policy.claim} = ${record.policy.value ?? "(missing)"}`);
  if (e.traceId !== void 0) parts.push(`trace ${e.traceId}`);
  if (e.correlationId !== void 0) parts.push(`correlation ${e.correlationId}`);
  return parts.join(", ");
}
function auditMarkdownRow(record) {
  const cells = [
    record.time,
    record.outcome === "ok" ? "ok" : record.outcome,
    record.ciToken?.sub,
    record.tenantId,
    record.clientId,
    record.scope ?? record.requestedScopes?.join(" "),
    record.expiresOn,
    record.accessToken?.uti,
    details(record)
  ];
  return `| ${cells.map(cell).join(" | ")} |
`;
}
function renderAuditMarkdown(records) {
  return `### entra-federate

${AUDIT_MARKDOWN_HEADER}${records.map(auditMarkdownRow).join("")}
`;
}

// src/audit/record.ts
import { createHash } from "node:crypto";
var AUDIT_RECORD_VERSION = 1;
var CONTEXT_CLAIMS = [
  ["repository", ["repository", "project_path", "oidc.circleci.com/project-id"]],
  ["ref", ["ref"]],
  ["sha", ["sha"]],
  ["actor", ["actor", "user_login"]],
  ["workflow", ["workflow", "ci_config_ref_uri"]],
  ["runId", ["run_id", "pipeline_id", "oidc.circleci.com/pipeline-id"]],
  ["runAttempt", ["run_attempt"]],
  ["jobId", ["job_id", "oidc.circleci.com/job-id"]],
  ["environment", ["environment"]],
  ["eventName", ["event_name", "pipeline_source"]]
];
function text(value) {
  if (typeof value === "string" && value !== "") return value.length > 512 ? `${value.slice(0, 509)}...` : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return void 0;
}
function fingerprint(token) {
  return `sha256:${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
}
function auditContext(claims, ci) {
  const out = {};
  for (const [field, names] of CONTEXT_CLAIMS) {
    const fromClaims = claims === void 0 ? void 0 : names.map((n) => Object.hasOwn(claims, n) ? text(claims[n]) : void 0).find((v) => v !== void 0);
    const value = fromClaims ?? text(ci?.[field]);
    if (value !== void 0) out[field] = value;
  }
  const runUrl = text(ci?.runUrl);
  if (runUrl !== void 0) out.runUrl = runUrl;
  return Object.keys(out).length === 0 ? void 0 : out;
}
function ciToken(idToken) {
  if (idToken === void 0) return void 0;
  const out = {};
  if (idToken.iss !== void 0) out.iss = idToken.iss;
  if (idToken.sub !== void 0) out.sub = idToken.sub;
  if (idToken.aud !== void 0) out.aud = idToken.aud;
  const jti = text(idToken.claims["jti"]);
  if (jti !== void 0) out.jti = jti;
  if (idToken.exp !== void 0) out.expiresOn = isoTime(idToken.exp * 1e3);
  return out;
}
function accessTokenIds(token) {
  const out = { fingerprint: fingerprint(token.accessToken) };
  let claims;
  try {
    claims = decodeJwt(token.accessToken, "the access token").claims;
  } catch {
    return out;
  }
  for (const name of ["uti", "oid", "appid", "azp", "xms_mirid", "tid"]) {
    const value = text(claims[name]);
    if (value !== void 0) out[name] = value;
  }
  return out;
}
function base(subject, outcome, tenantId, clientId) {
  const record = {
    version: AUDIT_RECORD_VERSION,
    time: isoTime(subject.time),
    outcome,
    provider: subject.provider,
    tenantId,
    clientId
  };
  const token = ciToken(subject.idToken);
  if (token !== void 0) record.ciToken = token;
  const context = auditContext(subject.idToken?.claims, subject.ci);
  if (context !== void 0) record.context = context;
  return record;
}
function successRecords(result, subject, decision) {
  return result.tokens.map((token) => {
    const record = base(subject, "ok", result.tenantId, result.clientId);
    record.scope = token.scope;
    record.expiresOn = isoTime(token.expiresOn);
    record.accessToken = accessTokenIds(token);
    record.correlationId = result.correlationId;
    if (decision?.allowed === true) {
      const grant = decision.grants.find((g) => g.scope === token.scope);
      record.policy = { ruleSet: decision.ruleSet, ...grant === void 0 ? {} : { rule: grant.rule } };
    }
    return record;
  });
}
function failureRecord(err, options, subject) {
  const fe = err instanceof FederationError ? err : void 0;
  const denied = fe !== void 0 && (fe.code === "POLICY_DENIED" || fe.aadsts !== void 0 || fe.oauthError !== void 0);
  const record = base(subject, denied ? "denied" : "error", options.tenantId, options.clientId);
  if (fe?.scope !== void 0) record.scope = fe.scope;
  record.requestedScopes = options.scopes.map((s) => s.scope);
  if (fe?.correlationId !== void 0) record.correlationId = fe.correlationId;
  if (err instanceof PolicyDeniedError) {
    const d = err.denial;
    const value = d.value === void 0 ? void 0 : typeof d.value === "string" ? d.value : JSON.stringify(d.value);
    record.policy = {
      ruleSet: d.ruleSet,
      field: d.field,
      ...d.rules.length === 1 ? { rule: d.rules[0] } : {},
      ...d.claim === void 0 ? {} : { claim: d.claim },
      ...value === void 0 ? {} : { value: value.length > 512 ? `${value.slice(0, 509)}...` : value }
    };
  }
  const error = {
    code: fe?.code ?? "UNEXPECTED_ERROR",
    message: err instanceof Error ? err.message : String(err)
  };
  if (fe?.aadsts !== void 0) error.aadsts = fe.aadsts;
  if (fe?.traceId !== void 0) error.traceId = fe.traceId;
  if (fe?.correlationId !== void 0) error.correlationId = fe.correlationId;
  if (fe?.timestamp !== void 0) error.timestamp = fe.timestamp;
  if (fe?.status !== void 0) error.status = fe.status;
  record.error = error;
  return record;
}

// src/audit/trail.ts
async function write(trail, records) {
  await trail.auditLog?.append(auditLines(records));
  await trail.summary?.append(renderAuditMarkdown(records));
}
async function loginWithTrail(options, source, http, trail) {
  let idToken;
  let decision;
  const subject = () => ({
    time: trail.now(),
    provider: trail.provider,
    ...trail.ci === void 0 ? {} : { ci: trail.ci },
    ...idToken === void 0 ? {} : { idToken }
  });
  let result;
  try {
    result = await login(options, source, {
      http,
      beforeExchange: (token, opts) => {
        idToken = token;
        if (trail.guard !== void 0) decision = trail.guard(token, opts);
      }
    });
  } catch (err) {
    await write(trail, [failureRecord(err, options, subject())]).catch(() => void 0);
    throw err;
  }
  await write(trail, successRecords(result, subject(), decision));
  return result;
}
async function loginWithGuardFiles(options, source, http, files) {
  const trail = {
    provider: files.provider,
    now: files.now,
    ...files.ci === void 0 ? {} : { ci: files.ci }
  };
  const policy = files.policy ?? (files.policyPath === void 0 ? void 0 : await loadPolicy(files.policyPath));
  if (policy !== void 0) {
    trail.guard = (idToken, opts) => enforcePolicy(policy, idToken, opts);
  }
  try {
    if (files.auditLogPath !== void 0) {
      trail.auditLog = await openAppendOnly(files.auditLogPath, "the audit log", "audit-log");
      if (files.summaryPath !== void 0 && files.summaryPath !== "")
        trail.summary = await openAppendOnly(files.summaryPath, "the step summary file", "audit-log", "any");
    }
    return await loginWithTrail(options, source, http, trail);
  } finally {
    await trail.auditLog?.close();
    await trail.summary?.close();
  }
}
export {
  loginWithGuardFiles,
  loginWithTrail
};
