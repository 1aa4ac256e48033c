/**
 * The `entra-federate` CLI: one invocation, from its arguments to its exit code. Each command's
 * code is loaded only when it runs: a cold `token` must cost little more than Node itself (bench/).
 */
import { printableAscii } from '../../core/text.js';
import type { EntryIo } from '../shared/io.js';
import { runCommand } from './common.js';

const USAGE = `Usage: entra-federate <command> [options]

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

export interface Command {
  run(argv: string[], io: EntryIo): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  token: () => import('./token.js'),
  login: () => import('./login.js'),
  logout: () => import('./logout.js'),
  doctor: () => import('./doctor.js'),
  verify: () => import('./verify.js'),
  policy: () => import('./policy.js'),
  setup: () => import('./setup.js'),
  sandbox: () => import('./sandbox.js'),
  demo: () => import('./demo.js'),
  'git-credential': () => import('./git-credential.js'),
  'docker-credential': () => import('./docker-credential.js'),
};

/** Runs one CLI invocation; returns its exit code. */
export async function main(argv: readonly string[], io: EntryIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    // A long "command" is likely a pasted token: its length is shown, never its bytes.
    const shown = name.length > 32 ? `of ${name.length} characters (not shown)` : `"${printableAscii(name)}"`;
    io.stderr.write(`entra-federate: unknown command ${shown}.\n\n${USAGE}\n`);
    return 2;
  }
  return runCommand(async () => (await load()).run(rest, io), io, { json: () => rest.includes('--json') });
}
