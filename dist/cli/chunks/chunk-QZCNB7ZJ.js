// src/entry/cli/guard-flags.ts
var GUARD_FLAGS = {
  policy: { type: "string" },
  "audit-log": { type: "string" }
};
var GUARD_HELP = `  --policy FILE           JSON or YAML rules: which CI tokens may ask for which tenants,
                          client ids and scopes; a denied run sends no request to Entra
  --audit-log FILE        append one JSON line per token (created 0600; no token bytes);
                          in GitHub Actions also a row per token to the step summary`;

export {
  GUARD_FLAGS,
  GUARD_HELP
};
