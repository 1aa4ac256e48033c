import {
  quote
} from "./chunk-JMXU6O7H.js";
import {
  usageError
} from "./chunk-Y33T5NR3.js";
import {
  showClaim,
  unreadableFileReason
} from "./chunk-5ICNF3XL.js";

// src/policy/glob.ts
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
  const text = claimText(value);
  return text !== void 0 && patterns.some((p) => p.test(text));
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

// src/policy/load.ts
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";

// src/policy/json-keys.ts
function firstDuplicateKey(text) {
  const open = [];
  let keyNext = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") line++;
    else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (keyNext) {
        const key = JSON.parse(text.slice(i, end + 1));
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
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const why = unreadableFileReason(err);
    throw usageError(
      "POLICY_UNREADABLE",
      `The policy file ${quote(path)} ${why}.`,
      "Pass --policy with the path of your policy file (JSON or YAML).",
      "policy"
    );
  }
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES)
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is larger than 1 MiB.`,
      "A policy holds a few rules; check that --policy points at the right file.",
      "policy"
    );
  const ext = extname(path).toLowerCase();
  const defaultName = basename(path, extname(path));
  return parsePolicy(
    ext === ".yml" || ext === ".yaml" ? await parseYaml(text, path) : parseJson(text, path),
    defaultName
  );
}
function parseJson(text, path) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw usageError(
      "POLICY_INVALID",
      `The policy file ${quote(path)} is not valid JSON: ${why}.`,
      "Fix the JSON, or write the policy as YAML in a .yml/.yaml file.",
      "policy"
    );
  }
  const duplicate = firstDuplicateKey(text);
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
async function parseYaml(text, path) {
  const { parseDocument } = await import("./browser-3GFU5WXU.js");
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
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

export {
  compilePattern,
  wrongClaimType,
  claimMatches,
  matchingRules,
  evaluatePolicy,
  loadPolicy
};
