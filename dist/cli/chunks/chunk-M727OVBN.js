import {
  runCommand
} from "./chunk-SAJ3KRIM.js";
import {
  printableAscii
} from "./chunk-3XWB6HIK.js";

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
  token: () => import("./token-UZYB2FHQ.js"),
  login: () => import("./login-BTAOWLEN.js"),
  logout: () => import("./logout-Z7UGJGO2.js"),
  doctor: () => import("./doctor-LCO4K2NN.js"),
  verify: () => import("./verify-FA6GFBKT.js"),
  policy: () => import("./policy-TBLESN57.js"),
  setup: () => import("./setup-FALKMKJJ.js"),
  sandbox: () => import("./sandbox-IGIDHGTX.js"),
  demo: () => import("./demo-BHPP5ZJV.js"),
  "git-credential": () => import("./git-credential-ALO564T2.js"),
  "docker-credential": () => import("./docker-credential-45YY7ZFB.js")
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

export {
  main
};
