#!/usr/bin/env node
/**
 * The `entra-federate` CLI. Each command's code is loaded only when it runs: a cold `token`
 * must cost little more than Node itself (bench/).
 */
import { runCommand } from './cli/common.js';
import { tolerateClosedOutput } from './shared/closed-output.js';
import { printableAscii } from '../core/text.js';

const USAGE = `Usage: entra-federate <command> [options]

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

type Command = () => Promise<{ run(argv: string[]): Promise<number> }>;

const COMMANDS: Record<string, Command> = {
  token: () => import('./cli/token.js'),
  login: () => import('./cli/login.js'),
  logout: () => import('./cli/logout.js'),
  doctor: () => import('./cli/doctor.js'),
  verify: () => import('./cli/verify.js'),
  policy: () => import('./cli/policy.js'),
  setup: () => import('./cli/setup.js'),
  sandbox: () => import('./cli/sandbox.js'),
  demo: () => import('./cli/demo.js'),
};

/** Runs one CLI invocation in this process; sets `process.exitCode`. */
export async function main(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = name === undefined ? 2 : 0;
  } else if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
  } else {
    const load = COMMANDS[name];
    if (load === undefined) {
      process.stderr.write(`entra-federate: unknown command "${printableAscii(name).slice(0, 40)}".\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      await runCommand(async () => (await load()).run(rest), { json: () => rest.includes('--json') });
    }
  }
}

tolerateClosedOutput(process.stdout, process.stderr);
void main(process.argv.slice(2));
