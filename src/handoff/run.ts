/**
 * Runs the selected hand-offs one after another with one sink, telling each what the ones
 * before it exported, and reports each one's cleanup as soon as it is known: if a later
 * hand-off fails, what the earlier ones did is still undone.
 */
import { usageError } from '../core/errors.js';
import type { AccessToken } from '../core/exchange.js';
import type { CiSink, Cleanup, EndpointSlot, Handoff, HandoffRequest } from './types.js';

export type HandoffContext = Omit<HandoffRequest, 'exported' | 'accessToken' | 'endpoint'>;

export async function runHandoffs(
  handoffs: readonly Handoff[],
  context: HandoffContext,
  sink: CiSink,
  onCleanup: (cleanup: Cleanup) => void,
): Promise<void> {
  const exported = new Map<string, string>();
  const endpoint: EndpointSlot = {};
  const recording: CiSink = {
    setEnv: (name, value) => {
      sink.setEnv(name, value);
      exported.set(name, value);
    },
    mask: (value) => sink.mask(value),
    tempDir: sink.tempDir,
    run: (argv, opts) => sink.run(argv, opts),
    info: (message) => sink.info(message),
    warn: (message) => sink.warn(message),
    renewal: (entry) => sink.renewal?.(entry),
  };
  const accessToken = (scope: string): AccessToken => {
    const token = context.result.tokens.find((t) => t.scope === scope);
    // The entries add every hand-off's scopes to the login; a miss is a bug, not a user error.
    if (token === undefined) throw new Error(`no token for ${scope} in the login's result`);
    return token;
  };
  for (const handoff of handoffs) {
    const cleanup = await handoff.export({ ...context, exported, accessToken, endpoint }, recording);
    onCleanup(cleanup);
  }
}

/** The CI token source of a login that has none to give (certificate or secret). */
export function noIdToken(credential: string): (audience: string) => Promise<string> {
  return () =>
    Promise.reject(
      usageError(
        'NO_CI_TOKEN_TO_EXPORT',
        `This login used a ${credential === 'managed-identity' ? 'managed identity' : credential}, so there is no CI token to hand on.`,
        "The env, terraform, kubelogin and az exports pass a CI token on: sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint.",
        'export',
      ),
    );
}
