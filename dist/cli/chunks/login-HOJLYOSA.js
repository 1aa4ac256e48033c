import {
  GUARD_FLAGS,
  GUARD_HELP,
  guardedLogin
} from "./chunk-NXCDRCHT.js";
import {
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  credentialFrom,
  helpRequested,
  httpClient,
  loginSummary,
  optionsFrom,
  parseCommand,
  renderLoginSummary
} from "./chunk-72BYTR4Y.js";
import "./chunk-4FOMRYVF.js";
import "./chunk-E4FLCOSY.js";
import "./chunk-3CM6PUYR.js";
import {
  usageError
} from "./chunk-YN2HISOE.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/export-flags.ts
var EXPORT_FLAGS = {
  export: { type: "string", multiple: true },
  "export-file": { type: "string" },
  "subscription-id": { type: "string" }
};
var EXPORT_HELP = `  --export NAME           hand credentials to the job's later tools; repeatable: env |
                          terraform | az | acr:<registry> | git | kubelogin | identity-endpoint
  --export-file FILE      append the exported variables to FILE as \`export\` lines to source
                          [default: GITHUB_ENV on GitHub, $BASH_ENV on CircleCI]
  --subscription-id GUID  subscription for az and terraform [env AZURE_SUBSCRIPTION_ID]
                          (\`entra-federate logout\` undoes the exports)`;
async function prepareExports(values, env, options) {
  if (values.export === void 0 || values.export.length === 0) {
    if (values["export-file"] !== void 0 || values["subscription-id"] !== void 0) {
      throw usageError(
        "INVALID_ARGUMENTS",
        `--${values["export-file"] !== void 0 ? "export-file" : "subscription-id"} only applies to --export.`,
        "Add --export NAME (e.g. --export env), or drop the flag.",
        "export"
      );
    }
    return { options, run: async () => void 0 };
  }
  const { planExports, runExports } = await import("./exports-XK3XLOFH.js");
  const { withHandoffScopes } = await import("./select-FDUDWQTL.js");
  const plan = planExports(values, env);
  return {
    options: withHandoffScopes(options, plan.handoffs),
    run: (result, credential, http) => runExports(plan, { result, credential, values, env, http })
  };
}

// src/entry/cli/login.ts
var HELP = `Usage: entra-federate login [options]

Exchanges the CI's OIDC token for an access token per --scope (concurrently) and prints a
summary: who asked (the CI token's issuer, subject, audience) and when each token expires.
Tokens are never printed.

${FEDERATION_HELP}
  --json                  print the summary as JSON on stdout
${GUARD_HELP}
${EXPORT_HELP}`;
var FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS, ...EXPORT_FLAGS, json: { type: "boolean" } };
async function run(argv) {
  const { values } = parseCommand("login", argv, FLAGS);
  if (helpRequested(values, HELP)) return 0;
  const env = process.env;
  const exports = await prepareExports(values, env, optionsFrom(values, env));
  const { options } = exports;
  const http = httpClient();
  const credential = credentialFrom(values, env, http);
  const { provider } = credential;
  const result = await guardedLogin(values, env, options, credential, http);
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(loginSummary(result, provider?.context()), null, 2)}
`);
  } else {
    process.stderr.write(renderLoginSummary(result, Date.now()));
  }
  await exports.run(result, credential, http);
  return 0;
}
export {
  run
};
