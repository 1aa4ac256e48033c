import {
  GUARD_FLAGS,
  GUARD_HELP,
  guardedLogin
} from "./chunk-MGZGKVMW.js";
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
} from "./chunk-PSXZLHS5.js";
import "./chunk-R7O37OBN.js";
import "./chunk-BWZ23OC2.js";
import "./chunk-LNFOVBUP.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/login.ts
var HELP = `Usage: entra-federate login [options]

Exchanges the CI's OIDC token for an access token per --scope (concurrently) and prints a
summary: who asked (the CI token's issuer, subject, audience) and when each token expires.
Tokens are never printed.

${FEDERATION_HELP}
  --json                  print the summary as JSON on stdout
${GUARD_HELP}`;
var FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS, json: { type: "boolean" } };
async function run(argv) {
  const { values } = parseCommand("login", argv, FLAGS);
  if (helpRequested(values, HELP)) return 0;
  const env = process.env;
  const options = optionsFrom(values, env);
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
  return 0;
}
export {
  run
};
