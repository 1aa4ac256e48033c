/**
 * The job's CI token as the identity endpoint hands it on: refused once expired, with what to do
 * for that CI, since Entra would answer AADSTS700024, which says less. GitLab and CircleCI give a
 * job one token; GitHub mints a fresh one on every request, so there it never comes to this.
 */
import { FederationError } from '../../core/errors.js';
import { decodeJwt, numericClaim } from '../../core/jwt.js';
import { isoTime } from '../../core/text.js';

/** What to do when a CI that issues one token per job has let it expire. */
export function expiredRemedy(provider: string): string {
  switch (provider) {
    case 'gitlab':
      return "GitLab sets an ID token's expiry to the job's timeout: raise the job's `timeout:`, or split the work into jobs that each sign in.";
    case 'circleci':
      return "CircleCI's job token lasts one hour: sign in again in a later step, or use an audience other than the organization id so that fresh tokens are minted with `circleci run oidc get`.";
    default:
      return 'The CI gives this job one token and cannot renew it: sign in again with a fresh token (`entra-federate login`), or split the job.';
  }
}

/** Wraps a CI token source so that an expired token fails with ID_TOKEN_EXPIRED before any request. */
export function unexpired(
  provider: string | undefined,
  description: string,
  idToken: (audience: string) => Promise<string>,
  now: () => number,
): (audience: string) => Promise<string> {
  return async (audience) => {
    const token = await idToken(audience);
    let exp: number | undefined;
    try {
      exp = numericClaim(decodeJwt(token, description).claims, 'exp');
    } catch {
      exp = undefined;
    }
    if (exp !== undefined && exp * 1000 <= now()) {
      throw new FederationError(
        'ID_TOKEN_EXPIRED',
        `The CI token from ${description} expired at ${isoTime(exp * 1000)}, and this CI does not issue a new one during the job.`,
        {
          remedy: expiredRemedy(provider ?? ''),
        },
      );
    }
    return token;
  };
}
