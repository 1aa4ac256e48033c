#!/usr/bin/env node
import {
  runCommand
} from "./chunks/chunk-72BYTR4Y.js";
import "./chunks/chunk-E4FLCOSY.js";
import "./chunks/chunk-3CM6PUYR.js";
import "./chunks/chunk-YN2HISOE.js";
import {
  printableAscii
} from "./chunks/chunk-2F2SCBCB.js";
import "./chunks/chunk-Z53PL5H4.js";

// src/entry/shared/closed-output.ts
function tolerateClosedOutput(...streams) {
  for (const stream of streams) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      throw err;
    });
  }
}

// src/entry/cli.ts
var USAGE = `Usage: entra-federate <command> [options]

Commands:
  login     exchange the CI's OIDC token for access tokens (one per --scope) and print a summary;
            --export hands credentials to later tools (env, terraform, az, acr, git, ...)
  logout    undo what login --export did: stop the identity endpoint, sign az/docker out
  token     exchange for one --scope and print only the access token
  doctor    explain why the CI token does (not) match the app's federated credentials
  verify    verify an OIDC JWT (issuer keys, algorithm, iss, aud, time, claims) and print its claims
  policy    \`policy test\`: evaluate a policy file against CI token claims
  sandbox   serve a local Entra-compatible token service and CI issuer until stopped
  demo      run the whole flow offline against an in-process sandbox

Run \`entra-federate <command> --help\` for a command's options.
Exit codes: 0 success; 1 the exchange or a check failed; 2 bad usage or input.`;
var COMMANDS = {
  token: () => import("./chunks/token-YENWZG5H.js"),
  login: () => import("./chunks/login-HOJLYOSA.js"),
  logout: () => import("./chunks/logout-7DN2WP75.js"),
  doctor: () => import("./chunks/doctor-YSVJZFVL.js"),
  verify: () => import("./chunks/verify-XVL7IGH5.js"),
  policy: () => import("./chunks/policy-ZMWZAMLD.js"),
  sandbox: () => import("./chunks/sandbox-MV7ECJUH.js"),
  demo: () => import("./chunks/demo-DUBPUJP4.js")
};
async function main(argv) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${USAGE}
`);
    process.exitCode = name === void 0 ? 2 : 0;
  } else if (name === "--version" || name === "-v") {
    process.stdout.write(`${"0.1.0"}
`);
  } else {
    const load = COMMANDS[name];
    if (load === void 0) {
      process.stderr.write(`entra-federate: unknown command "${printableAscii(name).slice(0, 40)}".

${USAGE}
`);
      process.exitCode = 2;
    } else {
      await runCommand(async () => (await load()).run(rest), { json: () => rest.includes("--json") });
    }
  }
}
tolerateClosedOutput(process.stdout, process.stderr);
void main(process.argv.slice(2));
export {
  main
};
