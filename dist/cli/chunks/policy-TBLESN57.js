import {
  evaluateClaims
} from "./chunk-QEELHJIB.js";
import {
  helpRequested,
  parseCommand
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import {
  evaluatePolicy
} from "./chunk-HNTMPMT5.js";
import {
  loadPolicy
} from "./chunk-UVJCTFDH.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  decodeJwt,
  normalizeScopes,
  quote,
  validateClientId,
  validateTenantId
} from "./chunk-6I7DYRWY.js";
import {
  usageError
} from "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/policy.ts
import { readFile } from "node:fs/promises";
var HELP = `Usage: entra-federate policy test --claims FILE --policy FILE [--tenant-id ID --client-id GUID --scope SCOPE ...]

Evaluates a policy file against CI token claims, to author and review rules. FILE for
--claims holds the claims as a JSON object (e.g. what \`entra-federate verify\` prints), or a
JWT whose payload is read without verification.
With --tenant-id and --client-id (and --scope, default https://management.azure.com/.default)
the whole request is evaluated, as \`login --policy\` does; without them, only which rules
match the claims.
Prints the decision as JSON on stdout. Exit 0 allowed, 1 denied, 2 bad usage or input.

Options:
  --claims FILE           the CI token's claims (JSON object or JWT)
  --policy FILE           the policy (.json, .yml or .yaml)
  --tenant-id ID          the tenant the login would ask for
  --client-id GUID        the client id the login would use
  --scope SCOPE           a scope the login would request; repeatable
  -h, --help              this help`;
var FLAGS = {
  claims: { type: "string" },
  policy: { type: "string" },
  "tenant-id": { type: "string" },
  "client-id": { type: "string" },
  scope: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" }
};
async function readClaims(path) {
  let text;
  try {
    text = (await readFile(path, "utf8")).trim();
  } catch (err) {
    const code = err.code;
    throw usageError(
      "CLAIMS_UNREADABLE",
      `The claims file ${quote(path)} ${code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? "error"})`}.`,
      "Pass --claims with a JSON file of claims, or a file holding a JWT.",
      "claims"
    );
  }
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text))
    return decodeJwt(text, `the file ${quote(path)}`).claims;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = void 0;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw usageError(
      "CLAIMS_INVALID",
      `The claims file ${quote(path)} is neither a JSON object nor a JWT.`,
      "Save the claims as a JSON object, e.g. the output of `entra-federate verify`.",
      "claims"
    );
  }
  return parsed;
}
function describe(decision) {
  if (!decision.allowed) return `entra-federate: denied: ${decision.denial.reason}
`;
  if ("grants" in decision)
    return decision.grants.map((g) => `entra-federate: allowed: ${g.scope} by rule "${g.rule}" of policy "${decision.ruleSet}"
`).join("");
  return `entra-federate: the claims match rule${decision.rules.length === 1 ? "" : "s"} ${decision.rules.map((r) => `"${r}"`).join(", ")} of policy "${decision.ruleSet}"
`;
}
async function run(argv, io) {
  const [sub, ...rest] = argv;
  if (sub === void 0 || sub === "--help" || sub === "-h") {
    io.stdout.write(`${HELP}
`);
    return sub === void 0 ? 2 : 0;
  }
  if (sub !== "test")
    throw usageError(
      "INVALID_ARGUMENTS",
      `Unknown policy subcommand ${quote(sub)}.`,
      "Use `entra-federate policy test --claims FILE --policy FILE`."
    );
  const { values } = parseCommand("policy test", rest, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if (values.claims === void 0 || values.policy === void 0) {
    throw usageError(
      "INVALID_ARGUMENTS",
      `policy test needs ${values.claims === void 0 ? "--claims FILE" : "--policy FILE"}.`,
      "Run `entra-federate policy test --claims claims.json --policy policy.yml`.",
      values.claims === void 0 ? "claims" : "policy"
    );
  }
  const policy = await loadPolicy(values.policy);
  const claims = await readClaims(values.claims);
  const hasRequest = values["tenant-id"] !== void 0 || values["client-id"] !== void 0 || values.scope !== void 0;
  const decision = hasRequest ? evaluatePolicy(policy, claims, {
    tenantId: validateTenantId(values["tenant-id"]),
    clientId: validateClientId(values["client-id"]),
    scopes: normalizeScopes(values.scope).map((s) => s.scope)
  }) : evaluateClaims(policy, claims);
  io.stdout.write(`${JSON.stringify(decision, null, 2)}
`);
  io.stderr.write(describe(decision));
  return decision.allowed ? 0 : 1;
}
export {
  run
};
