/**
 * A policy file a reviewer reads must mean what it says: duplicate keys in JSON are refused
 * (as YAML already refuses them) naming the key and its line, and a YAML alias bomb is an
 * invalid policy, not an unexpected error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FederationError } from '../../../src/core/errors.js';
import { loadPolicy } from '../../../src/policy/load.js';

const dir = mkdtempSync(join(tmpdir(), 'ef-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function file(name: string, text: string): string {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, text);
  return path;
}

async function refusal(path: string): Promise<FederationError> {
  const err = await loadPolicy(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FederationError);
  expect((err as FederationError).usage).toBe(true);
  expect((err as FederationError).code).toBe('POLICY_INVALID');
  return err as FederationError;
}

const rule = (claims: string) => `{
  "name": "deploys",
  "claims": ${claims},
  "allow": { "tenants": "*", "clientIds": "*", "scopes": "*" }
}`;

describe('duplicate keys in JSON', () => {
  test('a duplicate claim is refused, naming the key and its line', async () => {
    const text = `{
  "name": "guardrails",
  "rules": [
    ${rule(`{
      "repository": "octo-org/octo-repo",
      "ref": "refs/heads/main",
      "repository": "**"
    }`)}
  ]
}`;
    const err = await refusal(file('dup.json', text));
    expect(err.message).toContain('"repository"');
    expect(err.message).toMatch(/line 9\b/);
  });

  test('a duplicate at the top level is refused', async () => {
    const err = await refusal(file('top.json', `{"name": "a", "rules": [], "name": "b"}`));
    expect(err.message).toContain('"name"');
    expect(err.message).toMatch(/line 1\b/);
  });

  test('keys that differ only after escapes are the same key', async () => {
    const err = await refusal(
      file('escaped.json', `{"name": "a",\n"rules": [${rule('{"ref": "x", "r\\u0065f": "**"}')}]}`),
    );
    expect(err.message).toContain('"ref"');
  });

  test('the same key in two different objects is fine, and so are keys inside strings', async () => {
    const text = `{"name": "ok", "rules": [${rule('{"repository": "a/b", "ref": "\\"repository\\": x"}')}, ${rule('{"repository": "c/d"}')}]}`;
    const policy = await loadPolicy(file('ok.json', text));
    expect(policy.rules).toHaveLength(2);
  });
});

describe('YAML', () => {
  test('duplicate keys are still refused', async () => {
    const err = await refusal(
      file(
        'dup.yml',
        'name: a\nrules:\n  - claims:\n      ref: x\n      ref: y\n    allow: {tenants: "*", clientIds: "*", scopes: "*"}\n',
      ),
    );
    expect(err.message).toMatch(/line \d+/);
  });

  test('an alias bomb is an invalid policy', async () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `${levels.join('\n')}\nname: bomb\nrules:\n  - claims: {ref: "**"}\n    allow: {tenants: "*", clientIds: "*", scopes: "*"}\n`;
    const err = await refusal(file('bomb.yaml', text));
    expect(err.message).toMatch(/alias/i);
  });
});
