#!/usr/bin/env node
import {
  processIo,
  tolerateClosedOutput
} from "./chunks/chunk-FFR73B44.js";
import {
  IDENTITY_ENDPOINT_ARGUMENT,
  isStandalone
} from "./chunks/chunk-IVFXZQ6R.js";
import {
  runCommand
} from "./chunks/chunk-SAJ3KRIM.js";
import "./chunks/chunk-7MCQKBCW.js";
import "./chunks/chunk-YE5USGSE.js";
import "./chunks/chunk-LYCLW4XY.js";
import "./chunks/chunk-KEKUR6VN.js";
import "./chunks/chunk-CXUPN4HS.js";
import "./chunks/chunk-6I7DYRWY.js";
import "./chunks/chunk-H7K5LTQY.js";
import {
  printableAscii
} from "./chunks/chunk-3XWB6HIK.js";
import "./chunks/chunk-Z53PL5H4.js";

// src/entry/cli/main.ts
var USAGE = `Usage: entra-federate <command> [options]

Commands:
  login     exchange the CI's OIDC token for access tokens (one per --scope) and print a summary;
            --export hands credentials to later tools (env, terraform, az, acr, git, ...)
  logout    undo what login --export did: stop the identity endpoint, sign az/docker out
  token     exchange for one --scope and print only the access token
  doctor    explain why the CI token does (not) match the app's federated credentials
  verify    verify an OIDC JWT (issuer keys, algorithm, iss, aud, time, claims) and print its claims
  policy    \`policy test\`: evaluate a policy file against CI token claims
  setup     \`setup github|gitlab|generic\`: create (or find) the app, service principal, federated
            credential and role assignments a CI job needs, and print the snippet that uses them
  sandbox   serve a local Entra-compatible token service and CI issuer until stopped
  demo      run the whole flow offline against an in-process sandbox
  git-credential  git's credential helper for Azure Repos (configured by login --export git)
  docker-credential  docker's credential helper for ACR (configured by login --export acr:<registry>;
            installed as docker-credential-entra-federate too)

Run \`entra-federate <command> --help\` for a command's options.
Exit codes: 0 success; 1 the exchange or a check failed; 2 bad usage or input.`;
var COMMANDS = {
  token: () => import("./chunks/token-MLOUSI6A.js"),
  login: () => import("./chunks/login-CYHTSJPR.js"),
  logout: () => import("./chunks/logout-MOGZRWYG.js"),
  doctor: () => import("./chunks/doctor-YMKBW3ZW.js"),
  verify: () => import("./chunks/verify-4OYWQGL7.js"),
  policy: () => import("./chunks/policy-3TTQDTNT.js"),
  setup: () => import("./chunks/setup-QTWJ4GTL.js"),
  sandbox: () => import("./chunks/sandbox-IGIDHGTX.js"),
  demo: () => import("./chunks/demo-Q7VTL3JC.js"),
  "git-credential": () => import("./chunks/git-credential-WTQLPL3Y.js"),
  "docker-credential": () => import("./chunks/docker-credential-ZBS2Y5FI.js")
};
async function main(argv, io) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${USAGE}
`);
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${"0.1.0"}
`);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === void 0) {
    const shown = name.length > 32 ? `of ${name.length} characters (not shown)` : `"${printableAscii(name)}"`;
    io.stderr.write(`entra-federate: unknown command ${shown}.

${USAGE}
`);
    return 2;
  }
  return runCommand(async () => (await load()).run(rest, io), io, { json: () => rest.includes("--json") });
}

// src/entry/cli.ts
if (isStandalone() && process.argv[2] === IDENTITY_ENDPOINT_ARGUMENT) {
  void import("./chunks/process-PULYV3L7.js").then((endpoint) => endpoint.runIdentityEndpointProcess());
} else {
  tolerateClosedOutput(process.stdout, process.stderr);
  void main(process.argv.slice(2), processIo("entra-federate")).then((code) => {
    process.exitCode = code;
  });
}
