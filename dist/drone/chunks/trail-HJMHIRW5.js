import {
  UnsafeFileError,
  login,
  openOwnFile,
  presentedClaims
} from "./chunk-XUAMFZNU.js";
import {
  FederationError,
  decodeJwt,
  quote,
  usageError
} from "./chunk-H5WV2LXT.js";
import {
  isoTime,
  replaceControlCharacters,
  showClaim,
  unreadableFileReason
} from "./chunk-G2IA36S4.js";
import "./chunk-F7M5GUK3.js";

// src/policy/glob.ts
function escapeRegExp(text2) {
  return text2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function compilePattern(source) {
  if (!/[*?]/.test(source)) return { source, test: (value) => value === source };
  let body = "";
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "*" && source[i + 1] === "*") {
      body += ".*";
      i++;
    } else if (ch === "*") {
      body += "[^/]*";
    } else if (ch === "?") {
      body += "[^/]";
    } else {
      body += escapeRegExp(ch);
    }
  }
  const re = new RegExp(`^${body}$`, "s");
  return { source, test: (value) => re.test(value) };
}
function claimText(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
function wrongClaimType(value) {
  if (value === void 0 || claimText(value) !== void 0) return void 0;
  return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
}
function claimMatches(value, patterns) {
  const text2 = claimText(value);
  return text2 !== void 0 && patterns.some((p) => p.test(text2));
}

// src/policy/evaluate.ts
function failedCondition(rule, claims) {
  return rule.claims.find((c) => !claimMatches(own(claims, c.claim), c.patterns));
}
function own(claims, name) {
  return Object.hasOwn(claims, name) ? claims[name] : void 0;
}
function sources(patterns) {
  return patterns.map((p) => p.source);
}
function list(values) {
  return values.map((v) => JSON.stringify(v)).join(" or ");
}
function matchingRules(policy, claims) {
  return policy.rules.filter((rule) => failedCondition(rule, claims) === void 0);
}
function claimDenial(policy, claims) {
  let best = policy.rules[0];
  let bestScore = -1;
  for (const rule of policy.rules) {
    const score = rule.claims.filter((c) => claimMatches(own(claims, c.claim), c.patterns)).length / rule.claims.length;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  const failed = failedCondition(best, claims);
  const value = own(claims, failed.claim);
  const expected = sources(failed.patterns);
  const wrongType = wrongClaimType(value);
  const found = value === void 0 ? "the CI token has no such claim" : wrongType !== void 0 ? `the CI token's ${failed.claim} has the wrong type: ${wrongType} (${showClaim(value)}), and only a single string, number or boolean can match` : `the CI token has ${showClaim(value)}`;
  return {
    ruleSet: policy.name,
    field: "claim",
    claim: failed.claim,
    value,
    rules: [best.name],
    expected,
    reason: `no rule of policy "${policy.name}" matches this CI token: claim ${failed.claim} must be ${list(expected)} (closest rule "${best.name}"), but ${found}.`
  };
}
function requestDenial(policy, rules, field, value, expected) {
  const names = rules.map((r) => r.name);
  const what = field === "tenant" ? "tenant" : field === "clientId" ? "client id" : "scope";
  const ruleText = names.length === 1 ? `rule "${names[0]}"` : `rules ${names.map((n) => `"${n}"`).join(", ")}`;
  const allowed = [...new Set(sources(expected))];
  return {
    ruleSet: policy.name,
    field,
    value,
    rules: names,
    expected: allowed,
    reason: `policy "${policy.name}" does not allow ${what} ${showClaim(value)} for this CI token: ${ruleText} matched it and allow${names.length === 1 ? "s" : ""} ${list(allowed)}.`
  };
}
function evaluatePolicy(policy, claims, request) {
  const matched = matchingRules(policy, claims);
  if (matched.length === 0) return { allowed: false, ruleSet: policy.name, denial: claimDenial(policy, claims) };
  const tenant = request.tenantId.toLowerCase();
  const forTenant = matched.filter((r) => r.tenants.some((p) => p.test(tenant)));
  if (forTenant.length === 0) {
    return {
      allowed: false,
      ruleSet: policy.name,
      denial: requestDenial(
        policy,
        matched,
        "tenant",
        request.tenantId,
        matched.flatMap((r) => r.tenants)
      )
    };
  }
  const client = request.clientId.toLowerCase();
  const forClient = forTenant.filter((r) => r.clientIds.some((p) => p.test(client)));
  if (forClient.length === 0) {
    return {
      allowed: false,
      ruleSet: policy.name,
      denial: requestDenial(
        policy,
        forTenant,
        "clientId",
        request.clientId,
        forTenant.flatMap((r) => r.clientIds)
      )
    };
  }
  const grants = [];
  for (const scope of request.scopes) {
    const rule = forClient.find((r) => r.scopes.some((p) => p.test(scope)));
    if (rule === void 0) {
      return {
        allowed: false,
        ruleSet: policy.name,
        denial: requestDenial(
          policy,
          forClient,
          "scope",
          scope,
          forClient.flatMap((r) => r.scopes)
        )
      };
    }
    grants.push({ scope, rule: rule.name });
  }
  return { allowed: true, ruleSet: policy.name, grants };
}

// src/policy/guard.ts
var POLICY_REMEDY = "Run the job from a branch, environment or repository a rule allows, or change the policy file (a change its reviewers must approve).";
var PolicyDeniedError = class extends FederationError {
  denial;
  constructor(denial, message, details2) {
    super("POLICY_DENIED", message, details2);
    this.denial = denial;
  }
};
function policyDeniedError(denial, idToken) {
  const field = denial.field === "claim" ? denial.claim ?? "claim" : denial.field === "clientId" ? "client-id" : denial.field === "tenant" ? "tenant-id" : "scope";
  const err = new PolicyDeniedError(denial, `Denied by policy: ${denial.reason}`, {
    remedy: POLICY_REMEDY,
    field,
    expected: denial.expected.join(" | "),
    actual: showClaim(denial.value, "when-needed"),
    ...denial.field === "scope" && typeof denial.value === "string" ? { scope: denial.value } : {}
  });
  const presented = presentedClaims(idToken);
  if (presented !== void 0) err.presented = presented;
  return err;
}
function enforcePolicy(policy, idToken, options) {
  if (idToken === void 0) {
    throw new FederationError(
      "POLICY_DENIED",
      `Denied by policy "${policy.name}": the policy matches CI token claims, and this login has no CI token.`,
      { remedy: "Use a policy only with federated (CI token) logins." }
    );
  }
  const decision = evaluatePolicy(policy, idToken.claims, {
    tenantId: options.tenantId,
    clientId: options.clientId,
    scopes: options.scopes.map((s) => s.scope)
  });
  if (!decision.allowed) throw policyDeniedError(decision.denial, idToken);
  return decision;
}

// src/policy/load.ts
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";

// src/policy/json-keys.ts
function firstDuplicateKey(text2) {
  const open = [];
  let keyNext = false;
  let line = 1;
  for (let i = 0; i < text2.length; i++) {
    const ch = text2[i];
    if (ch === "\n") line++;
    else if (ch === '"') {
      let end = i + 1;
      while (text2[end] !== '"') end += text2[end] === "\\" ? 2 : 1;
      if (keyNext) {
        const key = JSON.parse(text2.slice(i, end + 1));
        const keys = open.at(-1);
        if (keys.has(key)) return { key, line };
        keys.add(key);
        keyNext = false;
      }
      i = end;
    } else if (ch === "{") {
      open.push(/* @__PURE__ */ new Set());
      keyNext = true;
    } else if (ch === "[") {
      open.push(null);
    } else if (ch === "}" || ch === "]") {
      open.pop();
      keyNext = false;
    } else if (ch === ",") {
      keyNext = open.at(-1) instanceof Set;
    }
  }
  return void 0;
}

// src/policy/parse.ts
var ANY = { source: "*", test: () => true };
var RULE_KEYS = /* @__PURE__ */ new Set(["name", "claims", "allow"]);
var ALLOW_KEYS = ["tenants", "clientIds", "scopes"];
var TOP_KEYS = /* @__PURE__ */ new Set(["name", "version", "rules"]);
function invalid(where, why, remedy = 'See the README section "Policy guardrails" for the file format.') {
  return usageError("POLICY_INVALID", `The policy ${where} ${why}`, remedy, "policy");
}
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function scalars(value, where) {
  const list2 = Array.isArray(value) ? value : [value];
  if (list2.length === 0)
    throw invalid(where, "is an empty list, which would match nothing.", 'Give at least one value, or "*" for any.');
  return list2.map((item) => {
    if (typeof item === "string" && item !== "") return item;
    if (typeof item === "number" || typeof item === "boolean") return String(item);
    throw invalid(
      where,
      `holds ${JSON.stringify(item) ?? String(item)}, which is not a non-empty string, number or boolean.`
    );
  });
}
function unknownKeys(obj, allowed, where) {
  const extra = Object.keys(obj).find((k) => !allowed.has(k));
  if (extra !== void 0)
    throw invalid(where, `has an unknown key ${JSON.stringify(extra)}.`, `Use only ${[...allowed].join(", ")}.`);
}
function parseRule(raw, index, ruleSet) {
  const label = `rule ${index + 1}`;
  if (!isObject(raw)) throw invalid(`"${ruleSet}" ${label}`, "is not a mapping with claims and allow.");
  const name = raw["name"] === void 0 ? label : raw["name"];
  if (typeof name !== "string" || name.trim() === "")
    throw invalid(`"${ruleSet}" ${label}`, "has a name that is not a non-empty string.");
  const where = `"${ruleSet}" rule "${name}"`;
  unknownKeys(raw, RULE_KEYS, where);
  const claimsRaw = raw["claims"];
  if (!isObject(claimsRaw) || Object.keys(claimsRaw).length === 0) {
    throw invalid(
      where,
      "has no claims: a rule must say which CI tokens it is for.",
      'Add claims such as repository, ref or environment; use "**" as a value to accept any.'
    );
  }
  const claims = Object.entries(claimsRaw).map(([claim, value]) => ({
    claim,
    patterns: scalars(value, `${where} claim ${JSON.stringify(claim)}`).map(compilePattern)
  }));
  const allow = raw["allow"];
  if (!isObject(allow))
    throw invalid(where, "has no allow mapping.", 'Add allow: with tenants, clientIds and scopes ("*" allows any).');
  unknownKeys(allow, new Set(ALLOW_KEYS), `${where} allow`);
  const lists = {};
  for (const key of ALLOW_KEYS) {
    if (allow[key] === void 0)
      throw invalid(`${where} allow`, `has no ${key}.`, `List the ${key} this rule allows, or "*" for any.`);
    const values = scalars(allow[key], `${where} allow.${key}`);
    lists[key] = values.map((v) => v === "*" ? ANY : compilePattern(key === "scopes" ? v : v.toLowerCase()));
  }
  return { name, claims, ...lists };
}
function parsePolicy(doc, defaultName) {
  if (!isObject(doc)) throw invalid("file", "is not a mapping with name and rules.");
  const name = doc["name"] === void 0 ? defaultName : doc["name"];
  if (typeof name !== "string" || name.trim() === "")
    throw invalid("file", "has a name that is not a non-empty string.");
  unknownKeys(doc, TOP_KEYS, `"${name}"`);
  if (doc["version"] !== void 0 && doc["version"] !== 1)
    throw invalid(`"${name}"`, `has version ${JSON.stringify(doc["version"])}; this entra-federate reads version 1.`);
  const rules = doc["rules"];
  if (!Array.isArray(rules) || rules.length === 0)
    throw invalid(`"${name}"`, "has no rules: with a policy, anything no rule allows is denied.", "Add a rules: list.");
  return { name, rules: rules.map((rule, i) => parseRule(rule, i, name)) };
}

// src/policy/load.ts
var MAX_POLICY_BYTES = 1024 * 1024;
var MAX_ALIAS_COUNT = 100;
async function loadPolicy(path) {
  if (path.trim() === "")
    throw usageError(
      "POLICY_UNREADABLE",
      "The policy file path is empty.",
      "Pass --policy FILE with a .json, .yml or .yaml file.",
      "policy"
    );
  let text2;
  try {
    text2 = await readFile(path, "utf8");
  } catch (err) {
    const why = unreadableFileReason(err);
    throw usageError(
      "POLICY_UNREADABLE",
      `The policy file ${quote(path)} ${why}.`,
      "Pass --policy with the path of your policy file (JSON or YAML).",
      "policy"
    );
  }
  if (Buffer.byteLength(text2) > MAX_POLICY_BYTES)
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is larger than 1 MiB.`,
      "A policy holds a few rules; check that --policy points at the right file.",
      "policy"
    );
  const ext = extname(path).toLowerCase();
  const defaultName = basename(path, extname(path));
  return parsePolicy(
    ext === ".yml" || ext === ".yaml" ? await parseYaml(text2, path) : parseJson(text2, path),
    defaultName
  );
}
function parseJson(text2, path) {
  let doc;
  try {
    doc = JSON.parse(text2);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is not valid JSON: ${why}.`,
      "Fix the JSON, or write the policy as YAML in a .yml/.yaml file.",
      "policy"
    );
  }
  const duplicate = firstDuplicateKey(text2);
  if (duplicate !== void 0) {
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} repeats the key ${quote(duplicate.key)} in one object (line ${duplicate.line}): JSON would keep only the last one, which a reviewer reading the first would miss.`,
      "Keep one of the two; to allow several values for a claim, give a list (any of them matches).",
      "policy"
    );
  }
  return doc;
}
async function parseYaml(text2, path) {
  const { parseDocument } = await import("./browser-ZDXFQFXT.js");
  const doc = parseDocument(text2, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== void 0) {
    const line = first.linePos?.[0]?.line;
    const why = first.message.split("\n")[0] ?? first.code;
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is not valid YAML${line === void 0 ? "" : ` (line ${line})`}: ${why}`,
      "Fix the YAML syntax; the README shows a complete example.",
      "policy"
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} expands its YAML aliases more than ${MAX_ALIAS_COUNT} times, as an alias bomb does.`,
      "Write the values out, or use fewer aliases (*name); a policy needs only a few rules.",
      "policy"
    );
  }
}

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
