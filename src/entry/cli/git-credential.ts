/**
 * `entra-federate git-credential get|store|erase`: git's credential helper (see
 * handoff/git-credential.ts), configured by `login --export git`. `get` answers Azure DevOps
 * hosts with a fresh token: from the identity endpoint when the job runs one (IDENTITY_ENDPOINT,
 * IDENTITY_HEADER), else from a fresh exchange with the login's flags (given on the helper's
 * command line) and the job's CI token. Every other host, and `store` and `erase`, get no answer.
 * Nothing but the answer is written: git shows a helper's stderr to the user.
 */
import { usageError } from '../../core/errors.js';
import { tokenFromEndpoint } from '../../handoff/identity-endpoint/client.js';
import {
  AZURE_DEVOPS_RESOURCE,
  credentialAnswer,
  parseCredentialRequest,
  servesGitHost,
} from '../../handoff/git-credential.js';
import type { EntryIo } from '../shared/io.js';
import { credentialFrom, guardFrom, optionsFrom } from '../shared/login-values.js';
import { guardedLogin } from '../shared/sign-in.js';
import { FEDERATION_FLAGS, FEDERATION_HELP, helpRequested, parseCommand } from './common.js';
import { GUARD_FLAGS } from './guard-flags.js';

const HELP = `Usage: entra-federate git-credential get|store|erase [options]

git's credential helper for Azure Repos (dev.azure.com, *.visualstudio.com): \`login --export git\`
configures it through GIT_CONFIG_* for https://dev.azure.com and https://*.visualstudio.com.
\`get\` prints username= and password= (a fresh Azure DevOps token) for those hosts, from the
identity endpoint when the job runs one, else from a fresh exchange; nothing for other hosts.

${FEDERATION_HELP}`;

const FLAGS = { ...FEDERATION_FLAGS, ...GUARD_FLAGS } as const;
const MAX_INPUT = 64 * 1024;

async function readInput(io: EntryIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin()) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.length > MAX_INPUT || text.includes('\n\n') || text.startsWith('\n')) break;
  }
  return text;
}

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const { values, positionals } = parseCommand('git-credential', argv, FLAGS, true);
  if (helpRequested(values, HELP, io)) return 0;
  const action = positionals[0];
  if (positionals.length !== 1 || !['get', 'store', 'erase'].includes(action ?? '')) {
    throw usageError(
      'INVALID_ARGUMENTS',
      'git-credential takes one action: get, store or erase.',
      'Configure it as a git credential helper (login --export git does); git adds the action.',
    );
  }
  const request = parseCredentialRequest(await readInput(io));
  // git stores what a helper gave only in other helpers; nothing to store or erase here.
  if (action !== 'get' || !servesGitHost(request)) return 0;
  const { env } = io;
  const http = io.http();
  const endpoint = env['IDENTITY_ENDPOINT'];
  const secret = env['IDENTITY_HEADER'];
  let token: string;
  if (endpoint !== undefined && endpoint !== '' && secret !== undefined && secret !== '') {
    token = (await tokenFromEndpoint(http, { url: endpoint, secret }, AZURE_DEVOPS_RESOURCE, io.now)).accessToken;
  } else {
    const options = optionsFrom({ ...values, scope: [`${AZURE_DEVOPS_RESOURCE}/.default`] }, env);
    const credential = credentialFrom(values, env, http);
    const result = await guardedLogin(options, credential, guardFrom(values, env), { http, env, now: io.now });
    const first = result.tokens[0];
    if (first === undefined) return 1;
    token = first.accessToken;
  }
  io.stdout.write(credentialAnswer(token));
  return 0;
}
