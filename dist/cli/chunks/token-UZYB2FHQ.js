import {
  formatCommand
} from "./chunk-EKSA5DY3.js";
import {
  GUARD_FLAGS,
  GUARD_HELP
} from "./chunk-QZCNB7ZJ.js";
import {
  guardedLogin
} from "./chunk-KBQYDYER.js";
import {
  credentialFrom,
  guardFrom,
  optionsFrom
} from "./chunk-NNCEQJ7M.js";
import {
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  helpRequested,
  parseCommand
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import "./chunk-KKJBLYBX.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import "./chunk-6I7DYRWY.js";
import {
  usageError
} from "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/token.ts
var HELP = `Usage: entra-federate token [options]

Exchanges the CI's OIDC token for one access token and prints only the token on stdout,
for use as  TOKEN=$(entra-federate token --scope https://vault.azure.net/.default).
In GitHub Actions the token is masked (::add-mask:: on stderr) before it is printed.

${FEDERATION_HELP}
${GUARD_HELP}`;
var FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS };
async function run(argv, io) {
  const { values } = parseCommand("token", argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if ((values.scope?.length ?? 0) > 1) {
    throw usageError(
      "INVALID_ARGUMENTS",
      "`token` prints one token, but several --scope flags were given.",
      "Give one --scope, or use `entra-federate login` with --export for several.",
      "scope"
    );
  }
  const { env } = io;
  const options = optionsFrom(values, env);
  const http = io.http();
  const credential = credentialFrom(values, env, http);
  const result = await guardedLogin(options, credential, guardFrom(values, env), { http, env, now: io.now });
  const token = result.tokens[0];
  if (token === void 0) return 1;
  if (env["GITHUB_ACTIONS"] === "true") io.stderr.write(`${formatCommand("add-mask", {}, token.accessToken)}
`);
  io.stdout.write(`${token.accessToken}
`);
  for (const note of result.notes) io.stderr.write(`entra-federate: note: ${note}
`);
  return 0;
}
export {
  run
};
