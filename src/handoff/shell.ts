/**
 * `export: shell`: the access tokens themselves, as the variables a shell script reads:
 * AZURE_ACCESS_TOKEN (the first scope), AZURE_ACCESS_TOKEN_<RESOURCE> (each further scope),
 * AZURE_ACCESS_TOKEN_EXPIRES_ON (of the first), AZURE_CLIENT_ID, AZURE_TENANT_ID and
 * AZURE_AUTHORITY_HOST. The CLI prints them as `export NAME='value'` lines on stdout, for
 * `eval "$(entra-federate login --export shell)"`, or appends them to --export-file; the Drone
 * plugin writes the same lines to its env file. This file holds the one naming rule and the one
 * line format that every adapter uses (the orb and the GitLab component run the CLI instead of
 * repeating them).
 */
import { usageError } from '../core/errors.js';
import type { LoginResult } from '../core/login.js';
import { quote } from '../core/options.js';
import { isoTime, shellQuote } from '../core/text.js';
import type { Handoff } from './types.js';

export const ACCESS_TOKEN_VARIABLE = 'AZURE_ACCESS_TOKEN';
export const EXPIRES_ON_VARIABLE = 'AZURE_ACCESS_TOKEN_EXPIRES_ON';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The variable for a scope after the first: AZURE_ACCESS_TOKEN_ followed by the resource with
 * its scheme ("https://", "api://") and "/.default" removed, ASCII letters upper-cased, and
 * every run of other characters turned into one "_", trimmed at both ends.
 *   https://vault.azure.net/.default -> AZURE_ACCESS_TOKEN_VAULT_AZURE_NET
 */
export function scopeVariable(scope: string): string {
  let name = scope.replace(/\/\.default$/, '');
  const scheme = name.indexOf('://');
  if (scheme >= 0) name = name.slice(scheme + 3);
  name = name
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${ACCESS_TOKEN_VARIABLE}_${name}`;
}

/**
 * Names for every scope, checked before any request: two resources that map to one name, or a
 * name that is another variable's, would silently hand a tool the wrong token.
 */
export function scopeVariables(scopes: readonly string[]): string[] {
  const names = scopes.map((scope, i) => (i === 0 ? ACCESS_TOKEN_VARIABLE : scopeVariable(scope)));
  const reserved = new Map<string, string>([
    [EXPIRES_ON_VARIABLE, 'the expiry'],
    [`${ACCESS_TOKEN_VARIABLE}_`, 'no resource'],
  ]);
  names.forEach((name, i) => {
    const clash = reserved.get(name) ?? names.slice(0, i).indexOf(name);
    if (clash === -1) return;
    const what = typeof clash === 'string' ? clash : `the scope ${quote(scopes[clash] ?? '')}`;
    throw usageError(
      'SCOPE_VARIABLE_CLASH',
      `The scope ${quote(scopes[i] ?? '')} would be exported as ${name}, which is already ${what}.`,
      'Give scopes of different resources (one per resource; each further scope becomes AZURE_ACCESS_TOKEN_<RESOURCE>).',
      'scope',
    );
  });
  return names;
}

export interface ShellVariable {
  name: string;
  value: string;
  /** A token: masked, and never in a plain output. */
  secret: boolean;
}

/** The variables of a login for `names` (from scopeVariables), first scope first. */
export function shellVariables(
  result: LoginResult,
  scopes: readonly string[],
  names: readonly string[],
): ShellVariable[] {
  const token = (scope: string) => {
    const found = result.tokens.find((t) => t.scope === scope);
    if (found === undefined) throw new Error(`no token for ${scope} in the login's result`);
    return found;
  };
  const first = token(scopes[0] ?? '');
  const out: ShellVariable[] = [
    { name: ACCESS_TOKEN_VARIABLE, value: first.accessToken, secret: true },
    { name: EXPIRES_ON_VARIABLE, value: isoTime(first.expiresOn), secret: false },
    { name: 'AZURE_CLIENT_ID', value: result.clientId, secret: false },
    { name: 'AZURE_TENANT_ID', value: result.tenantId, secret: false },
    { name: 'AZURE_AUTHORITY_HOST', value: result.authorityHost, secret: false },
  ];
  scopes.slice(1).forEach((scope, i) => {
    out.push({ name: names[i + 1] ?? scopeVariable(scope), value: token(scope).accessToken, secret: true });
  });
  return out;
}

/** One POSIX `export` line: the value single-quoted, so that nothing in it is expanded. */
export function exportLine(name: string, value: string): string {
  // Names come from this code, never from input; a bad one is a bug.
  if (!NAME.test(name)) throw new Error(`invalid variable name ${JSON.stringify(name)}`);
  return `export ${name}=${shellQuote(value)}\n`;
}

/**
 * The hand-off for the login's own scopes (not those other hand-offs add), named and checked
 * now, before the login sends anything.
 */
export function shellHandoff(scopes: readonly string[]): Handoff {
  const names = scopeVariables(scopes);
  return {
    name: 'shell',
    async export({ result }, sink) {
      const variables = shellVariables(result, scopes, names);
      for (const v of variables) if (v.secret) sink.mask(v.value);
      for (const v of variables) sink.setEnv(v.name, v.value);
      sink.info(`shell scripts: ${variables.map((v) => v.name).join(', ')}`);
      return { files: [] };
    },
  };
}
