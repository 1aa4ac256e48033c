/**
 * `git`: an Entra token for Azure DevOps (resource 499b84ac-1321-427f-aa17-267ca6975798) as an
 * `Authorization: bearer` header that git sends to https://dev.azure.com (and the legacy
 * *.visualstudio.com hosts) only. It travels in git's environment configuration
 * (GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n, git 2.31+), so it is never
 * written to a .git/config that could be committed, cached or left on a self-hosted runner.
 *
 * That puts the token in an environment variable of every later step: that is the mechanism
 * git offers for configuration that is not a file. It is masked where the CI can mask, and it
 * lasts as long as the token (about an hour); nothing refreshes a variable.
 */
import { usageError } from '../core/errors.js';
import type { Handoff } from './types.js';
import { isoTime } from '../core/text.js';

export const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';
/** URL-scoped keys: the header goes to Azure DevOps and nowhere else. */
export const GIT_HEADER_KEYS = [
  'http.https://dev.azure.com/.extraheader',
  'http.https://*.visualstudio.com/.extraheader',
];

export const gitHandoff: Handoff = {
  name: 'git',
  scopes: [AZURE_DEVOPS_SCOPE],
  async export(request, sink) {
    const token = request.accessToken(AZURE_DEVOPS_SCOPE);
    sink.mask(token.accessToken);
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
    const header = `AUTHORIZATION: bearer ${token.accessToken}`;
    GIT_HEADER_KEYS.forEach((key, i) => {
      sink.setEnv(`GIT_CONFIG_KEY_${count + i}`, key);
      sink.setEnv(`GIT_CONFIG_VALUE_${count + i}`, header);
    });
    sink.setEnv('GIT_CONFIG_COUNT', String(count + GIT_HEADER_KEYS.length));
    const until = isoTime(token.expiresOn);
    sink.info(
      `git: a bearer header for https://dev.azure.com in GIT_CONFIG_* (not in any .git/config), valid until ${until}.`,
    );
    return { files: [] };
  },
};
