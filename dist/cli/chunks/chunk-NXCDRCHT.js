import {
  login
} from "./chunk-4FOMRYVF.js";

// src/entry/cli/guard-flags.ts
var GUARD_FLAGS = {
  policy: { type: "string" },
  "audit-log": { type: "string" }
};
var GUARD_HELP = `  --policy FILE           JSON or YAML rules: which CI tokens may ask for which tenants,
                          client ids and scopes; a denied run sends no request to Entra
  --audit-log FILE        append one JSON line per token (created 0600; no token bytes);
                          in GitHub Actions also a row per token to the step summary`;
async function guardedLogin(values, env, options, credential, http, policy) {
  if (values.policy === void 0 && values["audit-log"] === void 0 && policy === void 0)
    return login(options, credential.source, { http });
  const { loginWithGuardFiles } = await import("./trail-K2HV23JH.js");
  return loginWithGuardFiles(options, credential.source, http, {
    policyPath: values.policy,
    policy,
    auditLogPath: values["audit-log"],
    summaryPath: env["GITHUB_STEP_SUMMARY"],
    provider: credential.provider?.name ?? credential.source.kind,
    ci: credential.provider?.context(),
    now: Date.now
  });
}

export {
  GUARD_FLAGS,
  GUARD_HELP,
  guardedLogin
};
