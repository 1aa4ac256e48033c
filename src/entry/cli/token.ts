/** `entra-federate token`: one scope, and only the access token on stdout. */
import { formatCommand } from '../../ci/github-workflow-commands.js';
import { usageError } from '../../core/errors.js';
import type { EntryIo } from '../shared/io.js';
import { credentialFrom, guardFrom, optionsFrom } from '../shared/login-values.js';
import { guardedLogin } from '../shared/sign-in.js';
import { FEDERATION_FLAGS, FEDERATION_HELP, helpRequested, parseCommand } from './common.js';
import { GUARD_FLAGS, GUARD_HELP } from './guard-flags.js';

const HELP = `Usage: entra-federate token [options]

Exchanges the CI's OIDC token for one access token and prints only the token on stdout,
for use as  TOKEN=$(entra-federate token --scope https://vault.azure.net/.default).
In GitHub Actions the token is masked (::add-mask:: on stderr) before it is printed.

${FEDERATION_HELP}
${GUARD_HELP}`;

const FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS } as const;

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const { values } = parseCommand('token', argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if ((values.scope?.length ?? 0) > 1) {
    throw usageError(
      'INVALID_ARGUMENTS',
      '`token` prints one token, but several --scope flags were given.',
      'Give one --scope, or use `entra-federate login` with --export for several.',
      'scope',
    );
  }
  const { env } = io;
  const options = optionsFrom(values, env);
  const http = io.http();
  const credential = credentialFrom(values, env, http);
  const result = await guardedLogin(options, credential, guardFrom(values, env), { http, env, now: io.now });
  const token = result.tokens[0];
  if (token === undefined) return 1;
  // In a GitHub `run:` step the token usually lands in a shell variable: have the runner mask
  // it first (the runner reads workflow commands from stderr too), so no later echo shows it.
  if (env['GITHUB_ACTIONS'] === 'true') io.stderr.write(`${formatCommand('add-mask', {}, token.accessToken)}\n`);
  io.stdout.write(`${token.accessToken}\n`);
  for (const note of result.notes) io.stderr.write(`entra-federate: note: ${note}\n`);
  return 0;
}
