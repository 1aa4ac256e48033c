#!/usr/bin/env node
/** The `entra-federate` CLI's process (dist/cli/index.js): see cli/main.ts. */
import { main } from './cli/main.js';
import { processIo } from './shared/io.js';
import { tolerateClosedOutput } from './shared/closed-output.js';

tolerateClosedOutput(process.stdout, process.stderr);
void main(process.argv.slice(2), processIo('entra-federate')).then((code) => {
  process.exitCode = code;
});
