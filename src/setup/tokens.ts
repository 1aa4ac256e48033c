/**
 * The tokens `setup` itself uses are the user's own: from a variable they name, or from their
 * signed-in Azure CLI (`az account get-access-token --resource R`,
 * https://learn.microsoft.com/cli/azure/account#az-account-get-access-token). Held in memory
 * only: never printed, logged or written.
 */
import { runCommand } from '../ci/exec.js';
import type { Env } from '../ci/types.js';
import { FederationError, usageError } from '../core/errors.js';
import { decodeJwt } from '../core/jwt.js';
import { isGuid } from '../core/text.js';
import type { ServiceToken } from './api.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `az` starts a Python interpreter and may refresh its own tokens: give it time. */
const AZ_TIMEOUT_MS = 120_000;

export type AzRunner = typeof runCommand;

/** A token from the variable `name` (checked now, before any request). */
export function tokenFromEnv(name: string, flag: string, env: Env, resource: string): ServiceToken {
  if (!ENV_NAME.test(name))
    throw usageError(
      'INVALID_TOKEN_ENV',
      // Not echoed: people paste the token itself here.
      `The value of --${flag} is not an environment variable name (letters, digits and '_').`,
      'Pass the name of the variable that holds the token, not the token itself.',
      flag,
    );
  const value = env[name]?.trim() ?? '';
  if (value === '')
    throw usageError(
      'INVALID_TOKEN_ENV',
      `The variable ${name} (--${flag}) is empty or not set.`,
      `Put an access token for ${resource} in it: export ${name}=$(az account get-access-token --resource ${resource} --query accessToken -o tsv)`,
      flag,
    );
  return {
    origin: `the variable ${name}`,
    howToRenew: `export ${name}=$(az account get-access-token --resource ${resource} --query accessToken -o tsv)`,
    get: async () => value,
  };
}

/** A token from the user's Azure CLI, asked for on first use. */
export function tokenFromAz(
  resource: string,
  tenantId: string | undefined,
  env: Env,
  run: AzRunner = runCommand,
): ServiceToken {
  const argv: [string, ...string[]] = ['az', 'account', 'get-access-token', '--resource', resource, '--output', 'json'];
  if (tenantId !== undefined) argv.push('--tenant', tenantId);
  const shown = argv.join(' ');
  let pending: Promise<string> | undefined;
  const get = async (): Promise<string> => {
    const result = await run(argv, { env, timeoutMs: AZ_TIMEOUT_MS, maxBytes: 64 * 1024 });
    if (!result.ok) {
      const why =
        result.reason === 'not-found'
          ? '`az` was not found on PATH'
          : result.reason === 'timeout'
            ? `\`${shown}\` did not finish in ${AZ_TIMEOUT_MS / 1000} s`
            : `\`${shown}\` failed${result.exitCode === undefined ? '' : ` (exit ${result.exitCode})`}${result.stderr === '' ? '' : `: ${result.stderr}`}`;
      throw new FederationError('SETUP_TOKEN_UNAVAILABLE', `Could not get a token for ${resource}: ${why}.`, {
        remedy:
          result.reason === 'not-found'
            ? `Install the Azure CLI and run \`az login\`, or pass a token in a variable with --${resource.includes('graph') ? 'graph' : 'arm'}-token-env NAME.`
            : 'Run `az login` (with --tenant <id> for another tenant), or pass tokens with --graph-token-env / --arm-token-env.',
      });
    }
    let token: unknown;
    try {
      token = (JSON.parse(result.stdout) as { accessToken?: unknown }).accessToken;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token.trim() === '')
      throw new FederationError('SETUP_TOKEN_UNAVAILABLE', `\`${shown}\` printed no accessToken.`, {
        remedy: 'Check the Azure CLI (az version), or pass tokens with --graph-token-env / --arm-token-env.',
      });
    return token.trim();
  };
  return {
    origin: `\`${shown}\``,
    howToRenew: `run \`az login\` again${tenantId === undefined ? '' : ` --tenant ${tenantId}`}.`,
    get: () => {
      pending ??= get();
      return pending;
    },
  };
}

/** The tenant a token was issued in (its tid claim), for the snippet; read, not verified. */
export function tenantOfToken(token: string): string | undefined {
  try {
    const tid = decodeJwt(token, 'the set-up token').claims['tid'];
    return typeof tid === 'string' && isGuid(tid) ? tid.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
