import {
  GUARD_FLAGS,
  GUARD_HELP
} from "./chunk-QZCNB7ZJ.js";
import {
  signIn
} from "./chunk-KBQYDYER.js";
import {
  credentialFrom,
  guardFrom,
  optionsFrom
} from "./chunk-NNCEQJ7M.js";
import {
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  exitCodeOf,
  helpRequested,
  loginSummary,
  parseCommand,
  renderLoginSummary
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import "./chunk-KKJBLYBX.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-6I7DYRWY.js";
import {
  FederationError,
  usageError
} from "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/export-flags.ts
var EXPORT_FLAGS = {
  export: { type: "string", multiple: true },
  "export-file": { type: "string" },
  "subscription-id": { type: "string" }
};
var EXPORT_HELP = `  --export NAME           hand credentials to the job's later tools; repeatable: shell | env |
                          terraform | az | acr:<registry> | git | kubelogin | identity-endpoint
                          shell: AZURE_ACCESS_TOKEN[_<RESOURCE>] and friends as \`export\` lines
                          on stdout, for eval "$(entra-federate login --export shell)"
  --export-file FILE      append the exported variables to FILE as \`export\` lines to source
                          [default: stdout with shell, else GITHUB_ENV on GitHub, $BASH_ENV on
                          CircleCI]
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
  const { planExports } = await import("./exports-IDNG3QLV.js");
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
function exportsToStdout(argv) {
  let shell = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") break;
    if (arg === "--export-file" || arg.startsWith("--export-file=")) return false;
    const value = arg === "--export" ? argv[++i] : arg.startsWith("--export=") ? arg.slice(9) : void 0;
    if (value?.split(/[\n,]/).some((name) => name.trim().toLowerCase() === "shell")) shell = true;
  }
  return shell;
}
async function run(argv, io) {
  if (!exportsToStdout(argv)) return signInAndExport(argv, io);
  try {
    return await signInAndExport(argv, io);
  } catch (err) {
    io.stdout.write(`(exit ${err instanceof FederationError ? exitCodeOf(err) : 1})
`);
    throw err;
  }
}
async function signInAndExport(argv, io) {
  const { values } = parseCommand("login", argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if (values.json === true && exportsToStdout(argv))
    throw usageError(
      "INVALID_ARGUMENTS",
      "--json and --export shell both want stdout.",
      "Add --export-file FILE for the `export` lines, or drop --json.",
      "json"
    );
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
