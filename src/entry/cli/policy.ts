/** `entra-federate policy test`: try a policy file against a set of claims while writing it. */
import { readFile } from 'node:fs/promises';
import { usageError } from '../../core/errors.js';
import { decodeJwt } from '../../core/jwt.js';
import { normalizeScopes, quote, validateClientId, validateTenantId } from '../../core/options.js';
import { evaluateClaims } from '../../policy/claims-only.js';
import type { PolicyDecision } from '../../policy/evaluate.js';
import { evaluatePolicy } from '../../policy/evaluate.js';
import { loadPolicy } from '../../policy/load.js';
import type { EntryIo } from '../shared/io.js';
import { helpRequested, parseCommand } from './common.js';

const HELP = `Usage: entra-federate policy test --claims FILE --policy FILE [--tenant-id ID --client-id GUID --scope SCOPE ...]

Evaluates a policy file against CI token claims, to author and review rules. FILE for
--claims holds the claims as a JSON object (e.g. what \`entra-federate verify\` prints), or a
JWT whose payload is read without verification.
With --tenant-id and --client-id (and --scope, default https://management.azure.com/.default)
the whole request is evaluated, as \`login --policy\` does; without them, only which rules
match the claims.
Prints the decision as JSON on stdout. Exit 0 allowed, 1 denied, 2 bad usage or input.

Options:
  --claims FILE           the CI token's claims (JSON object or JWT)
  --policy FILE           the policy (.json, .yml or .yaml)
  --tenant-id ID          the tenant the login would ask for
  --client-id GUID        the client id the login would use
  --scope SCOPE           a scope the login would request; repeatable
  -h, --help              this help`;

const FLAGS = {
  claims: { type: 'string' },
  policy: { type: 'string' },
  'tenant-id': { type: 'string' },
  'client-id': { type: 'string' },
  scope: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

async function readClaims(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw usageError(
      'CLAIMS_UNREADABLE',
      `The claims file ${quote(path)} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}.`,
      'Pass --claims with a JSON file of claims, or a file holding a JWT.',
      'claims',
    );
  }
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text))
    return decodeJwt(text, `the file ${quote(path)}`).claims;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw usageError(
      'CLAIMS_INVALID',
      `The claims file ${quote(path)} is neither a JSON object nor a JWT.`,
      'Save the claims as a JSON object, e.g. the output of `entra-federate verify`.',
      'claims',
    );
  }
  return parsed as Record<string, unknown>;
}

function describe(decision: PolicyDecision | ReturnType<typeof evaluateClaims>): string {
  if (!decision.allowed) return `entra-federate: denied: ${decision.denial.reason}\n`;
  if ('grants' in decision)
    return decision.grants
      .map((g) => `entra-federate: allowed: ${g.scope} by rule "${g.rule}" of policy "${decision.ruleSet}"\n`)
      .join('');
  return `entra-federate: the claims match rule${decision.rules.length === 1 ? '' : 's'} ${decision.rules.map((r) => `"${r}"`).join(', ')} of policy "${decision.ruleSet}"\n`;
}

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'test')
    throw usageError(
      'INVALID_ARGUMENTS',
      `Unknown policy subcommand ${quote(sub)}.`,
      'Use `entra-federate policy test --claims FILE --policy FILE`.',
    );
  const { values } = parseCommand('policy test', rest, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if (values.claims === undefined || values.policy === undefined) {
    throw usageError(
      'INVALID_ARGUMENTS',
      `policy test needs ${values.claims === undefined ? '--claims FILE' : '--policy FILE'}.`,
      'Run `entra-federate policy test --claims claims.json --policy policy.yml`.',
      values.claims === undefined ? 'claims' : 'policy',
    );
  }
  const policy = await loadPolicy(values.policy);
  const claims = await readClaims(values.claims);
  const hasRequest =
    values['tenant-id'] !== undefined || values['client-id'] !== undefined || values.scope !== undefined;
  const decision = hasRequest
    ? evaluatePolicy(policy, claims, {
        tenantId: validateTenantId(values['tenant-id']),
        clientId: validateClientId(values['client-id']),
        scopes: normalizeScopes(values.scope).map((s) => s.scope),
      })
    : evaluateClaims(policy, claims);
  io.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
  io.stderr.write(describe(decision));
  return decision.allowed ? 0 : 1;
}
