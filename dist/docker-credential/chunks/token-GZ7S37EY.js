import {
  formatCommand
} from "./chunk-TDEIUJMU.js";
import {
  GUARD_FLAGS,
  GUARD_HELP,
  guardedLogin
} from "./chunk-P7MVIJSJ.js";
import {
  credentialFrom,
  guardFrom,
  optionsFrom
} from "./chunk-IHUVETSR.js";
import {
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  helpRequested,
  parseCommand
} from "./chunk-6BWHT4TF.js";
import "./chunk-6O2JB3KQ.js";
import "./chunk-GZL7BT54.js";
import "./chunk-ZRLSFQUU.js";
import "./chunk-GPKOENMZ.js";
import "./chunk-5MT7EPN6.js";
import "./chunk-K4KDMNMQ.js";
import "./chunk-JMXU6O7H.js";
import {
  usageError
} from "./chunk-Y33T5NR3.js";
import "./chunk-5ICNF3XL.js";
import "./chunk-NBRUGERP.js";

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
