#!/usr/bin/env node
/** The `entra-federate` CLI's process (dist/cli/index.js, and the standalone executable): see cli/main.ts. */
import { IDENTITY_ENDPOINT_ARGUMENT, isStandalone } from '../handoff/self.js';
import { main } from './cli/main.js';
import { processIo } from './shared/io.js';
import { tolerateClosedOutput } from './shared/closed-output.js';

if (isStandalone() && process.argv[2] === IDENTITY_ENDPOINT_ARGUMENT) {
  // The standalone executable carries the identity endpoint too: login --export identity-endpoint
  // starts it as this same file with that argument (handoff/self.ts).
  void import('./identity/process.js').then((endpoint) => endpoint.runIdentityEndpointProcess());
} else {
  tolerateClosedOutput(process.stdout, process.stderr);
  void main(process.argv.slice(2), processIo('entra-federate')).then((code) => {
    process.exitCode = code;
  });
}
