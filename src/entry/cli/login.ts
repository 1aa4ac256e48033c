/** `entra-federate login`: every --scope, a summary on stderr (or JSON on stdout), never a token. */
import { FederationError, usageError } from '../../core/errors.js';
import { exitCodeOf } from '../shared/failure.js';
import type { EntryIo } from '../shared/io.js';
import { credentialFrom, guardFrom, optionsFrom } from '../shared/login-values.js';
import { loginSummary, renderLoginSummary } from '../shared/render.js';
import { signIn } from '../shared/sign-in.js';
import { FEDERATION_FLAGS, FEDERATION_HELP, helpRequested, parseCommand } from './common.js';
import { EXPORT_FLAGS, EXPORT_HELP, prepareExports } from './export-flags.js';
import { GUARD_FLAGS, GUARD_HELP } from './guard-flags.js';

const HELP = `Usage: entra-federate login [options]

Exchanges the CI's OIDC token for an access token per --scope (concurrently) and prints a
summary: who asked (the CI token's issuer, subject, audience) and when each token expires.
Tokens are never printed.

${FEDERATION_HELP}
  --json                  print the summary as JSON on stdout
${GUARD_HELP}
${EXPORT_HELP}`;

const FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS, ...EXPORT_FLAGS, json: { type: 'boolean' } } as const;

/**
 * `--export shell` without --export-file: stdout is for `eval`. Read from the raw arguments, so
 * that a command line that does not even parse still fails the eval.
 */
function exportsToStdout(argv: readonly string[]): boolean {
  let shell = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--export-file' || arg.startsWith('--export-file=')) return false;
    const value = arg === '--export' ? argv[++i] : arg.startsWith('--export=') ? arg.slice(9) : undefined;
    if (value?.split(/[\n,]/).some((name) => name.trim().toLowerCase() === 'shell')) shell = true;
  }
  return shell;
}

export async function run(argv: string[], io: EntryIo): Promise<number> {
  if (!exportsToStdout(argv)) return signInAndExport(argv, io);
  try {
    return await signInAndExport(argv, io);
  } catch (err) {
    // `eval "$(...)"` takes the status of what it evaluates, not of the command: a failed login
    // prints a subshell that fails with the same code, or a `set -e` script would go on without
    // tokens (a subshell, so that an interactive shell is not closed).
    io.stdout.write(`(exit ${err instanceof FederationError ? exitCodeOf(err) : 1})\n`);
    throw err;
  }
}

async function signInAndExport(argv: string[], io: EntryIo): Promise<number> {
  const { values } = parseCommand('login', argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if (values.json === true && exportsToStdout(argv))
    throw usageError(
      'INVALID_ARGUMENTS',
      '--json and --export shell both want stdout.',
      'Add --export-file FILE for the `export` lines, or drop --json.',
      'json',
    );
  const { env } = io;
  // Everything the exports need is checked before the login sends anything.
  const exports = await prepareExports(values, io, optionsFrom(values, env));
  const http = io.http();
  const credential = credentialFrom(values, env, http);
  await signIn(
    {
      options: exports.options,
      credential,
      guard: guardFrom(values, env),
      onSignedIn(result) {
        if (values.json === true)
          io.stdout.write(`${JSON.stringify(loginSummary(result, credential.provider?.context()), null, 2)}\n`);
        else io.stderr.write(renderLoginSummary(result, io.now()));
      },
      ...(exports.handoffs === undefined ? {} : { handoffs: exports.handoffs }),
    },
    { http, env, now: io.now },
  );
  exports.finish();
  return 0;
}
