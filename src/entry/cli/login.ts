/** `entra-federate login`: every --scope, a summary on stderr (or JSON on stdout), never a token. */
import {
  credentialFrom,
  FEDERATION_FLAGS,
  FEDERATION_HELP,
  helpRequested,
  httpClient,
  optionsFrom,
  parseCommand,
} from './common.js';
import { EXPORT_FLAGS, EXPORT_HELP, prepareExports } from './export-flags.js';
import { GUARD_FLAGS, GUARD_HELP, guardedLogin } from './guard-flags.js';
import { loginSummary, renderLoginSummary } from '../shared/render.js';

const HELP = `Usage: entra-federate login [options]

Exchanges the CI's OIDC token for an access token per --scope (concurrently) and prints a
summary: who asked (the CI token's issuer, subject, audience) and when each token expires.
Tokens are never printed.

${FEDERATION_HELP}
  --json                  print the summary as JSON on stdout
${GUARD_HELP}
${EXPORT_HELP}`;

const FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS, ...EXPORT_FLAGS, json: { type: 'boolean' } } as const;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand('login', argv, FLAGS);
  if (helpRequested(values, HELP)) return 0;
  const env = process.env;
  const exports = await prepareExports(values, env, optionsFrom(values, env));
  const { options } = exports;
  const http = httpClient();
  const credential = credentialFrom(values, env, http);
  const { provider } = credential;
  const result = await guardedLogin(values, env, options, credential, http);
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(loginSummary(result, provider?.context()), null, 2)}\n`);
  } else {
    process.stderr.write(renderLoginSummary(result, Date.now()));
  }
  await exports.run(result, credential, http);
  return 0;
}
