/**
 * A policy file's shape, checked strictly: a typo in a guardrail must fail loudly instead of
 * silently allowing (or denying) more than its author meant.
 *
 *   name: deploy-guardrails            # the rule set, named in every denial
 *   rules:
 *     - name: production-deploys
 *       claims:                          # all must match; a list means any of
 *         repository: octo-org/octo-repo
 *         environment: production
 *         ref: [refs/heads/main, "refs/tags/v*"]
 *       allow:                           # each list is required; "*" allows any
 *         tenants: [00000000-0000-0000-0000-000000000000]
 *         clientIds: [11111111-1111-1111-1111-111111111111]
 *         scopes: ["https://management.azure.com/.default"]
 */
import { usageError } from '../core/errors.js';
import type { FederationError } from '../core/errors.js';
import type { ClaimPattern } from './glob.js';
import { compilePattern } from './glob.js';

export interface ClaimCondition {
  claim: string;
  patterns: ClaimPattern[];
}

export interface PolicyRule {
  name: string;
  claims: ClaimCondition[];
  tenants: ClaimPattern[];
  clientIds: ClaimPattern[];
  scopes: ClaimPattern[];
}

export interface Policy {
  /** The rule set's name: `name`, else the file name. */
  name: string;
  rules: PolicyRule[];
}

/**
 * A lone "*" in an allow list allows any value, as the format promises; as a glob it would stop
 * at the first "/" and so deny every real scope (https://vault.azure.net/.default).
 */
const ANY: ClaimPattern = { source: '*', test: () => true };

const RULE_KEYS = new Set(['name', 'claims', 'allow']);
const ALLOW_KEYS = ['tenants', 'clientIds', 'scopes'] as const;
const TOP_KEYS = new Set(['name', 'version', 'rules']);

function invalid(
  where: string,
  why: string,
  remedy = 'See the README section "Policy guardrails" for the file format.',
): FederationError {
  return usageError('POLICY_INVALID', `The policy ${where} ${why}`, remedy, 'policy');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function scalars(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0)
    throw invalid(where, 'is an empty list, which would match nothing.', 'Give at least one value, or "*" for any.');
  return list.map((item) => {
    if (typeof item === 'string' && item !== '') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw invalid(
      where,
      `holds ${JSON.stringify(item) ?? String(item)}, which is not a non-empty string, number or boolean.`,
    );
  });
}

function unknownKeys(obj: Record<string, unknown>, allowed: ReadonlySet<string>, where: string): void {
  const extra = Object.keys(obj).find((k) => !allowed.has(k));
  if (extra !== undefined)
    throw invalid(where, `has an unknown key ${JSON.stringify(extra)}.`, `Use only ${[...allowed].join(', ')}.`);
}

function parseRule(raw: unknown, index: number, ruleSet: string): PolicyRule {
  const label = `rule ${index + 1}`;
  if (!isObject(raw)) throw invalid(`"${ruleSet}" ${label}`, 'is not a mapping with claims and allow.');
  const name = raw['name'] === undefined ? label : raw['name'];
  if (typeof name !== 'string' || name.trim() === '')
    throw invalid(`"${ruleSet}" ${label}`, 'has a name that is not a non-empty string.');
  const where = `"${ruleSet}" rule "${name}"`;
  unknownKeys(raw, RULE_KEYS, where);
  const claimsRaw = raw['claims'];
  if (!isObject(claimsRaw) || Object.keys(claimsRaw).length === 0) {
    throw invalid(
      where,
      'has no claims: a rule must say which CI tokens it is for.',
      'Add claims such as repository, ref or environment; use "**" as a value to accept any.',
    );
  }
  const claims = Object.entries(claimsRaw).map(([claim, value]) => ({
    claim,
    patterns: scalars(value, `${where} claim ${JSON.stringify(claim)}`).map(compilePattern),
  }));
  const allow = raw['allow'];
  if (!isObject(allow))
    throw invalid(where, 'has no allow mapping.', 'Add allow: with tenants, clientIds and scopes ("*" allows any).');
  unknownKeys(allow, new Set(ALLOW_KEYS), `${where} allow`);
  const lists = {} as Record<(typeof ALLOW_KEYS)[number], ClaimPattern[]>;
  for (const key of ALLOW_KEYS) {
    if (allow[key] === undefined)
      throw invalid(`${where} allow`, `has no ${key}.`, `List the ${key} this rule allows, or "*" for any.`);
    // Tenant and client ids are GUIDs or domains, which Entra compares case-insensitively.
    const values = scalars(allow[key], `${where} allow.${key}`);
    lists[key] = values.map((v) => (v === '*' ? ANY : compilePattern(key === 'scopes' ? v : v.toLowerCase())));
  }
  return { name, claims, ...lists };
}

/** Checks a parsed JSON or YAML document and compiles its patterns once. */
export function parsePolicy(doc: unknown, defaultName: string): Policy {
  if (!isObject(doc)) throw invalid('file', 'is not a mapping with name and rules.');
  const name = doc['name'] === undefined ? defaultName : doc['name'];
  if (typeof name !== 'string' || name.trim() === '')
    throw invalid('file', 'has a name that is not a non-empty string.');
  unknownKeys(doc, TOP_KEYS, `"${name}"`);
  if (doc['version'] !== undefined && doc['version'] !== 1)
    throw invalid(`"${name}"`, `has version ${JSON.stringify(doc['version'])}; this entra-federate reads version 1.`);
  const rules = doc['rules'];
  if (!Array.isArray(rules) || rules.length === 0)
    throw invalid(`"${name}"`, 'has no rules: with a policy, anything no rule allows is denied.', 'Add a rules: list.');
  return { name, rules: rules.map((rule, i) => parseRule(rule, i, name)) };
}
