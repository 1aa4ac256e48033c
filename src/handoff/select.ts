/**
 * Which hand-offs a login runs: `--export` values (CLI) or the `export` input (Action), checked
 * before anything is sent, run in a fixed order whatever order they were given in (the token
 * file is written once and reused; the identity endpoint goes last so it knows that file), and
 * the scopes they need added to the login so that policy and audit see them.
 */
import { usageError } from '../core/errors.js';
import type { FederationOptions } from '../core/options.js';
import { quote } from '../core/options.js';
import { identityEndpointHandoff } from './identity-endpoint.js';
import { acrHandoff, parseRegistry } from './acr.js';
import { azHandoff } from './az.js';
import { envHandoff } from './env.js';
import { gitHandoff } from './git.js';
import { kubeloginHandoff } from './kubelogin.js';
import { shellHandoff } from './shell.js';
import { terraformHandoff, terraformUsesRequestUrl } from './terraform.js';
import type { Handoff } from './types.js';

/** Export names; `acr:<registry>` is the one with an argument. */
export const EXPORT_NAMES = [
  'shell',
  'env',
  'terraform',
  'az',
  'acr:<registry>',
  'git',
  'kubelogin',
  'identity-endpoint',
] as const;

const FIXED: Readonly<Record<string, Handoff>> = {
  env: envHandoff,
  kubelogin: kubeloginHandoff,
  terraform: terraformHandoff,
  az: azHandoff,
  git: gitHandoff,
  'identity-endpoint': identityEndpointHandoff(),
};
/**
 * The access tokens first (shell), then the token file (env, kubelogin), so that the endpoint knows it and keeps it fresh; the
 * endpoint next, so that terraform, az, acr and git renew through it.
 */
const ORDER = ['shell', 'env', 'kubelogin', 'identity-endpoint', 'terraform', 'az', 'acr', 'git'];

function rank(handoff: Handoff): number {
  return ORDER.indexOf(handoff.name.startsWith('acr:') ? 'acr' : handoff.name);
}

/** Where export names come from, for messages. */
export interface ExportSource {
  /** The flag or input: "export". */
  field: string;
  /** How a remedy starts: "Pass --export with". */
  fix: string;
}

/**
 * Parses export names (each may itself be a comma- or newline-separated list). `none` alone
 * means nothing. `scopes` are the login's own (the shell export names a variable for each).
 */
export function selectHandoffs(values: readonly string[], how: ExportSource, scopes: readonly string[]): Handoff[] {
  const names = values
    .flatMap((v) => v.split(/[\n,]/))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (names.length === 1 && names[0]?.toLowerCase() === 'none') return [];
  const out: Handoff[] = [];
  for (const raw of names) {
    const lower = raw.toLowerCase();
    let handoff: Handoff | undefined;
    if (lower === 'shell') handoff = shellHandoff(scopes);
    else if (lower.startsWith('acr:')) handoff = acrHandoff(parseRegistry(raw.slice(4), how.field));
    else handoff = FIXED[lower];
    if (handoff === undefined) {
      throw usageError(
        'INVALID_EXPORT',
        `${quote(raw)} is not something entra-federate can export.`,
        `${how.fix} one of ${EXPORT_NAMES.join(', ')}.`,
        how.field,
      );
    }
    if (!out.some((h) => h.name === handoff.name)) out.push(handoff);
  }
  // The IMDS capability URL is served only for a terraform export that will use it.
  const endpointAt = out.findIndex((h) => h.name === 'identity-endpoint');
  if (endpointAt >= 0 && out.some((h) => h.name === 'terraform'))
    out[endpointAt] = identityEndpointHandoff({ imds: (request) => !terraformUsesRequestUrl(request) });
  return out.sort((a, b) => rank(a) - rank(b));
}

/** The login's scopes plus the hand-offs', the user's first (the Action's access-token output is the first). */
export function withHandoffScopes(options: FederationOptions, handoffs: readonly Handoff[]): FederationOptions {
  const scopes = [...options.scopes];
  for (const scope of handoffs.flatMap((h) => h.scopes ?? []))
    if (!scopes.some((s) => s.scope === scope)) scopes.push({ scope });
  return { ...options, scopes };
}
