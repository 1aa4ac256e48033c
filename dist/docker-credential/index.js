#!/usr/bin/env node
import {
  runCommand
} from "./chunks/chunk-6BWHT4TF.js";
import "./chunks/chunk-6O2JB3KQ.js";
import "./chunks/chunk-GZL7BT54.js";
import "./chunks/chunk-ZRLSFQUU.js";
import {
  createNodeHttpClient,
  proxyConfigFrom
} from "./chunks/chunk-5MT7EPN6.js";
import "./chunks/chunk-K4KDMNMQ.js";
import "./chunks/chunk-JMXU6O7H.js";
import "./chunks/chunk-Y33T5NR3.js";
import {
  printableAscii
} from "./chunks/chunk-5ICNF3XL.js";
import "./chunks/chunk-NBRUGERP.js";

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
  token: () => import("./chunks/token-GZ7S37EY.js"),
  login: () => import("./chunks/login-DPGE4NJD.js"),
  logout: () => import("./chunks/logout-BDJRQ4Q4.js"),
  doctor: () => import("./chunks/doctor-CQ4ML7T3.js"),
  verify: () => import("./chunks/verify-RJIAIKF6.js"),
  policy: () => import("./chunks/policy-KEEAHJCO.js"),
  setup: () => import("./chunks/setup-5MYFA2P7.js"),
  sandbox: () => import("./chunks/sandbox-JPASQFBC.js"),
  demo: () => import("./chunks/demo-B6N4DCEN.js"),
  "git-credential": () => import("./chunks/git-credential-3JDUQQFK.js"),
  "docker-credential": () => import("./chunks/docker-credential-WLRLZGEF.js")
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

// src/entry/shared/closed-output.ts
function tolerateClosedOutput(...streams) {
  for (const stream of streams) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      throw err;
    });
  }
}

// src/entry/shared/io.ts
function lazyHttpClient(userAgent, env) {
  let http;
  return () => {
    http ??= createNodeHttpClient({ userAgent, proxy: proxyConfigFrom(env) });
    return http;
  };
}
function processIo(userAgent) {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => process.stdin,
    http: lazyHttpClient(userAgent, process.env),
    now: Date.now
  };
}

// src/entry/docker-credential.ts
tolerateClosedOutput(process.stdout, process.stderr);
void main(["docker-credential", ...process.argv.slice(2)], processIo("entra-federate")).then((code) => {
  process.exitCode = code;
});
