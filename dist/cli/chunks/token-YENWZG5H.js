import {
  formatCommand
} from "./chunk-EKSA5DY3.js";
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
  optionsFrom,
  parseCommand
} from "./chunk-72BYTR4Y.js";
import "./chunk-4FOMRYVF.js";
import "./chunk-E4FLCOSY.js";
import "./chunk-3CM6PUYR.js";
import {
  usageError
} from "./chunk-YN2HISOE.js";
import "./chunk-2F2SCBCB.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/token.ts
var HELP = `Usage: entra-federate token [options]

Exchanges the CI's OIDC token for one access token and prints only the token on stdout,
for use as  TOKEN=$(entra-federate token --scope https://vault.azure.net/.default).
In GitHub Actions the token is masked (::add-mask:: on stderr) before it is printed.

${FEDERATION_HELP}
${GUARD_HELP}`;
var FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS };
async function run(argv) {
  const { values } = parseCommand("token", argv, FLAGS);
  if (helpRequested(values, HELP)) return 0;
  if ((values.scope?.length ?? 0) > 1) {
    throw usageError(
      "INVALID_ARGUMENTS",
      "`token` prints one token, but several --scope flags were given.",
      "Give one --scope, or use `entra-federate login` with --export for several.",
      "scope"
    );
  }
  const env = process.env;
  const options = optionsFrom(values, env);
  const http = httpClient();
  const credential = credentialFrom(values, env, http);
  const result = await guardedLogin(values, env, options, credential, http);
  const token = result.tokens[0];
  if (token === void 0) return 1;
  if (env["GITHUB_ACTIONS"] === "true") process.stderr.write(`${formatCommand("add-mask", {}, token.accessToken)}
`);
  process.stdout.write(`${token.accessToken}
`);
  for (const note of result.notes) process.stderr.write(`entra-federate: note: ${note}
`);
  return 0;
}
export {
  run
};
