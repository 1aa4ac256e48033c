#!/usr/bin/env node
/**
 * `docker-credential-entra-federate` (dist/docker-credential/index.js): docker runs credential
 * helpers by that name; it is the CLI's `docker-credential` command (cli/docker-credential.ts).
 */
import { main } from './cli/main.js';
import { tolerateClosedOutput } from './shared/closed-output.js';
import { processIo } from './shared/io.js';

tolerateClosedOutput(process.stdout, process.stderr);
void main(['docker-credential', ...process.argv.slice(2)], processIo('entra-federate')).then((code) => {
  process.exitCode = code;
});
