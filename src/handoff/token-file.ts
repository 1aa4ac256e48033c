/**
 * The CI token file that env, kubelogin and terraform hand to their readers. One login writes
 * at most one: a hand-off that needs it reuses the file an earlier one exported, so that the
 * identity endpoint has one file to keep fresh.
 */
import { FederationError } from '../core/errors.js';
import { decodeJwt, numericClaim } from '../core/jwt.js';
import { isoTime } from '../core/text.js';
import { TOKEN_FILE_PREFIX, TOKEN_FILE_SUFFIX } from './env.js';
import { writeSecureFile } from './secure-file.js';
import type { CiSink, HandoffRequest } from './types.js';

/** Variables that name a CI token file; the identity endpoint keeps each such file fresh. */
export const TOKEN_FILE_VARIABLES = ['AZURE_FEDERATED_TOKEN_FILE', 'ARM_OIDC_TOKEN_FILE_PATH'] as const;

export async function ciTokenFile(request: HandoffRequest, sink: CiSink): Promise<{ path: string; created: boolean }> {
  for (const name of TOKEN_FILE_VARIABLES) {
    const existing = request.exported.get(name);
    if (existing !== undefined) return { path: existing, created: false };
  }
  const token = await request.idToken(request.result.audience);
  try {
    // No trailing newline: some readers take the file's bytes as they are.
    return { path: writeSecureFile(sink.tempDir, TOKEN_FILE_PREFIX, TOKEN_FILE_SUFFIX, token), created: true };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new FederationError(
      'TOKEN_FILE_WRITE_FAILED',
      `Could not create the federated token file in ${sink.tempDir}${typeof code === 'string' ? ` (${code})` : ''}.`,
      {
        remedy:
          "The temporary directory (RUNNER_TEMP, or TMPDIR outside GitHub) must exist and be writable by the job's user.",
        cause: err,
      },
    );
  }
}

/** A CI token's expiry (epoch milliseconds), when it says. */
export function ciTokenExpiry(token: string): number | undefined {
  try {
    const exp = numericClaim(decodeJwt(token).claims, 'exp');
    return exp === undefined ? undefined : exp * 1000;
  } catch {
    return undefined;
  }
}

/** What the summary says of a CI token file: kept fresh by the identity endpoint, or valid until its expiry. */
export function tokenFileRenewal(
  request: HandoffRequest,
  token: string | undefined,
): { renews: boolean; until: string; words: string } {
  if (request.identity !== undefined)
    return {
      renews: true,
      until: 'the identity endpoint stops (with the job)',
      words: 'renews: the identity endpoint keeps the token file fresh for the rest of the job',
    };
  const expiry = token === undefined ? undefined : ciTokenExpiry(token);
  const until = expiry === undefined ? 'the CI token expires' : isoTime(expiry);
  return {
    renews: false,
    until,
    words: `does not renew: the token file holds a CI token valid until ${until} (each sign-in with it gives about an hour); export identity-endpoint too for long jobs`,
  };
}
