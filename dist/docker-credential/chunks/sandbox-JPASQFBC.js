import {
  loadSandboxConfig,
  startSandbox
} from "./chunk-7W6G54YL.js";
import {
  helpRequested,
  parseCommand
} from "./chunk-6BWHT4TF.js";
import "./chunk-6O2JB3KQ.js";
import "./chunk-GZL7BT54.js";
import "./chunk-ZRLSFQUU.js";
import "./chunk-5MT7EPN6.js";
import "./chunk-K4KDMNMQ.js";
import {
  quote
} from "./chunk-JMXU6O7H.js";
import {
  usageError
} from "./chunk-Y33T5NR3.js";
import "./chunk-5ICNF3XL.js";
import "./chunk-NBRUGERP.js";

// src/entry/cli/sandbox.ts
var HELP = `Usage: entra-federate sandbox [--port N] [--https] [--config FILE]

Serves, on 127.0.0.1 until SIGINT/SIGTERM, a local Entra-compatible token service (discovery,
keys, client-credentials token endpoint with federated, certificate and secret credentials) and
a GitHub-compatible CI issuer. Prints its coordinates as one JSON line on stdout:
authorityHost, tenantId, clientId, issuer, idTokenRequestUrl, idTokenRequestToken
(and caCertFile with --https: point NODE_EXTRA_CA_CERTS at it for Azure SDKs).

Options:
  --port N         port to listen on (default: any free port)
  --https          serve TLS with a self-signed loopback certificate made at start
  --config FILE    JSON: apps, federated credentials, secrets, certificates, lifetimes, faults
  -h, --help       this help`;
var FLAGS = {
  port: { type: "string" },
  https: { type: "boolean" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" }
};
async function run(argv, io) {
  const { values } = parseCommand("sandbox", argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  let port = 0;
  if (values.port !== void 0) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw usageError(
        "INVALID_PORT",
        `The port ${quote(values.port)} is not a number from 0 to 65535.`,
        "Pass --port with a free port number, or leave it out to pick one.",
        "port"
      );
    }
  }
  let config;
  if (values.config !== void 0) {
    try {
      config = loadSandboxConfig(values.config);
    } catch (err) {
      throw usageError(
        "INVALID_SANDBOX_CONFIG",
        `The sandbox config ${quote(values.config)} is not usable: ${err instanceof Error ? err.message : String(err)}`,
        'Fix the file; README "Sandbox" lists its fields.',
        "config"
      );
    }
  }
  let sandbox;
  try {
    sandbox = await startSandbox({ port, https: values.https === true, ...config === void 0 ? {} : { config } });
  } catch (err) {
    const code = err.code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      throw usageError(
        "PORT_UNAVAILABLE",
        `Cannot listen on port ${port} (${code}).`,
        "Pick another --port, or leave it out to use any free port.",
        "port"
      );
    }
    throw err;
  }
  io.stdout.write(`${JSON.stringify(sandbox.coordinates())}
`);
  io.stderr.write(
    `entra-federate sandbox: serving ${sandbox.origin} (tenant ${sandbox.tenantId}, client ${sandbox.clientId}); stop with Ctrl-C.
`
  );
  await new Promise((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await sandbox.close();
  return 0;
}
export {
  run
};
