/**
 * The --policy and --audit-log flags that `login` and `token` share. Without them the login is
 * the plain core call: the policy and audit code load only when asked for (shared/sign-in.ts).
 */
import type { OptionSpec } from './common.js';

export const GUARD_FLAGS = {
  policy: { type: 'string' },
  'audit-log': { type: 'string' },
} as const satisfies OptionSpec;

export const GUARD_HELP = `  --policy FILE           JSON or YAML rules: which CI tokens may ask for which tenants,
                          client ids and scopes; a denied run sends no request to Entra
  --audit-log FILE        append one JSON line per token (created 0600; no token bytes);
                          in GitHub Actions also a row per token to the step summary`;
