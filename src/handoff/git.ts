/**
 * `git`: configures entra-federate as git's credential helper for Azure DevOps
 * (https://dev.azure.com and the legacy https://*.visualstudio.com hosts), so that every git
 * command of the job gets a fresh token (resource 499b84ac-1321-427f-aa17-267ca6975798): from
 * the identity endpoint when the job runs one, else from a fresh exchange with the job's CI
 * token. The configuration travels in git's environment configuration (GIT_CONFIG_COUNT /
 * GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n, git 2.31+): nothing is written to a .git/config, and no
 * token is in any variable. https://git-scm.com/docs/git-config#ENVIRONMENT
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FederationError, usageError } from '../core/errors.js';
import { shellQuote } from '../core/text.js';
import { selfCommand } from './self.js';
import type { Handoff, HandoffRequest } from './types.js';

export const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';
/** URL-scoped: the helper is asked for Azure DevOps and nothing else. */
export const GIT_CREDENTIAL_URLS = ['https://dev.azure.com', 'https://*.visualstudio.com'];

/** The CLI's script, next to the entry that runs this (dist/cli/index.js). */
export function cliEntry(from: string = import.meta.url): string {
  for (const relative of ['../cli/index.js', '../../cli/index.js']) {
    const path = fileURLToPath(new URL(relative, from));
    if (existsSync(path)) return path;
  }
  throw new FederationError(
    'CLI_UNAVAILABLE',
    "entra-federate's CLI (dist/cli/index.js) is missing from this installation.",
    {
      remedy: 'Reinstall entra-federate, or use a release whose dist/ includes cli/index.js.',
    },
  );
}

/** The login's flags (no secrets), from which a credential helper rebuilds the same sign-in. */
export function loginFlags(request: HandoffRequest): string[] {
  const { result } = request;
  const flags = [
    '--client-id',
    result.clientId,
    '--tenant-id',
    result.tenantId,
    '--authority-host',
    result.authorityHost,
    '--audience',
    result.audience,
    '--cloud',
    result.cloud,
  ];
  if (request.provider !== undefined) flags.push('--provider', request.provider);
  if (result.managedIdentity !== undefined) {
    // The machine's identity: a user-assigned one by its client id, the system-assigned one by none.
    const id = result.managedIdentity.userAssignedClientId;
    return [
      '--credential',
      'managed-identity',
      ...(id === undefined ? [] : ['--client-id', id]),
      // Everything but the leading --client-id pair.
      ...flags.slice(2),
    ];
  }
  return flags;
}

/**
 * `!node cli.js git-credential --client-id ...` (the standalone executable: `!entra-federate-linux-x64
 * git-credential ...`): git runs it with sh and appends the action.
 */
export function helperCommand(
  request: HandoffRequest,
  command: readonly string[] = selfCommand('cli', () => cliEntry()),
): string {
  return `!${[...command, 'git-credential', ...loginFlags(request)].map(shellQuote).join(' ')}`;
}

export const gitHandoff: Handoff = {
  name: 'git',
  // Asked for at login too, so that policy and audit see Azure DevOps before any git command.
  scopes: [AZURE_DEVOPS_SCOPE],
  async export(request, sink) {
    // Entries the job already has stay: ours are appended after them.
    const raw = (request.exported.get('GIT_CONFIG_COUNT') ?? request.env['GIT_CONFIG_COUNT'] ?? '').trim();
    const count = raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(count) || count < 0 || count > 1000) {
      throw usageError(
        'INVALID_GIT_CONFIG_COUNT',
        `GIT_CONFIG_COUNT is ${JSON.stringify(raw)}, not a count, so git itself would refuse to run.`,
        'Fix or unset GIT_CONFIG_COUNT in the job before this step.',
        'GIT_CONFIG_COUNT',
      );
    }
    const helper = helperCommand(request);
    const entries: [string, string][] = [];
    for (const url of GIT_CREDENTIAL_URLS) {
      // An empty value first resets the helper list for these URLs: ours is the one git asks.
      entries.push([`credential.${url}.helper`, ''], [`credential.${url}.helper`, helper]);
    }
    entries.forEach(([key, value], i) => {
      sink.setEnv(`GIT_CONFIG_KEY_${count + i}`, key);
      sink.setEnv(`GIT_CONFIG_VALUE_${count + i}`, value);
    });
    sink.setEnv('GIT_CONFIG_COUNT', String(count + entries.length));
    const running = request.endpoint.running;
    sink.renewal?.({
      handoff: 'git',
      renews: true,
      until:
        running === undefined ? 'the CI stops giving the job tokens' : `the identity endpoint stops ${running.ends}`,
    });
    sink.info(
      running === undefined
        ? 'git: entra-federate is the credential helper for https://dev.azure.com in GIT_CONFIG_* (not in any .git/config); renews: each git command gets a fresh token by a fresh exchange, for as long as the CI gives the job a valid token.'
        : `git: entra-federate is the credential helper for https://dev.azure.com in GIT_CONFIG_* (not in any .git/config); renews: each git command gets a fresh token from the identity endpoint until it stops ${running.ends}.`,
    );
    return { files: [] };
  },
};
