import {
  GUARD_FLAGS,
  GUARD_HELP,
  signIn
} from "./chunk-EPOHXA6C.js";
import {
  credentialFrom,
  guardFrom,
  optionsFrom
} from "./chunk-ZZG5ZLTA.js";
import {
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  helpRequested,
  loginSummary,
  parseCommand,
  renderLoginSummary
} from "./chunk-44WRPODA.js";
import "./chunk-V247KCL3.js";
import "./chunk-YE5USGSE.js";
import "./chunk-4HSEYTWS.js";
import "./chunk-C6UCYURL.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-WGEYNPZE.js";
import {
  usageError
} from "./chunk-H7K5LTQY.js";
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
async function prepareExports(values, io, options) {
  if (values.export === void 0 || values.export.length === 0) {
    if (values["export-file"] !== void 0 || values["subscription-id"] !== void 0) {
      throw usageError(
        "INVALID_ARGUMENTS",
        `--${values["export-file"] !== void 0 ? "export-file" : "subscription-id"} only applies to --export.`,
        "Add --export NAME (e.g. --export env), or drop the flag.",
        "export"
      );
    }
    return { options, finish: () => void 0 };
  }
  const { planExports } = await import("./exports-BKVLZCSR.js");
  return planExports(values, io, options);
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
async function run(argv, io) {
  const { values } = parseCommand("login", argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  const { env } = io;
  const exports = await prepareExports(values, io, optionsFrom(values, env));
  const http = io.http();
  const credential = credentialFrom(values, env, http);
  await signIn(
    {
      options: exports.options,
      credential,
      guard: guardFrom(values, env),
      onSignedIn(result) {
        if (values.json === true)
          io.stdout.write(`${JSON.stringify(loginSummary(result, credential.provider?.context()), null, 2)}
`);
        else io.stderr.write(renderLoginSummary(result, io.now()));
      },
      ...exports.handoffs === void 0 ? {} : { handoffs: exports.handoffs }
    },
    { http, env, now: io.now }
  );
  exports.finish();
  return 0;
}
export {
  run
};
