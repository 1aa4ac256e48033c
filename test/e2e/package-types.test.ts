/**
 * The library's type declarations, as a consumer gets them: a TypeScript file in its own
 * project imports `entra-federate` through the package's `exports` (types condition) and is
 * compiled with tsc. A wrong call must fail to compile, or the check would prove nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ROOT, runProcess } from './run.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ef-types-'));
  mkdirSync(join(dir, 'node_modules'));
  // As npm installs it: the package under its name (dist/, package.json with "exports").
  symlinkSync(ROOT, join(dir, 'node_modules', 'entra-federate'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        // A Node.js project has @types/node, as this one does.
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      files: ['consumer.ts'],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tsc(source: string): Promise<{ code: number | null; out: string }> {
  writeFileSync(join(dir, 'consumer.ts'), source);
  return runProcess(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
    cwd: dir,
  }).then((r) => ({ code: r.code, out: r.stdout + r.stderr }));
}

const CONSUMER = `
import { verifyIdToken, createVerifier, login, resolveOptions, FederationError, isFederationError, ERROR_CATALOGUE } from 'entra-federate';
import type { FederationErrorCode, LoginResult, VerifiedIdToken, VerifyOptions } from 'entra-federate';

const options: VerifyOptions = { issuer: 'https://token.actions.githubusercontent.com', audience: 'api://AzureADTokenExchange' };
export async function gate(token: string): Promise<string> {
  const verified: VerifiedIdToken = await verifyIdToken(token, options);
  const verifier = createVerifier(options);
  await verifier.verify(token);
  return String(verified.claims['sub']);
}
export function codeOf(err: unknown): FederationErrorCode | undefined {
  return isFederationError(err) ? err.code : err instanceof FederationError ? err.code : undefined;
}
export const when: string = ERROR_CATALOGUE.NO_CREDENTIAL.when;
export type Result = LoginResult;
export const run = login;
export const opts = resolveOptions({ clientId: '11111111-1111-1111-1111-111111111111', tenantId: 'contoso.onmicrosoft.com' });
`;

test('a consumer compiles against the declarations that package.json exports', async () => {
  const r = await tsc(CONSUMER);
  expect(r.out).toBe('');
  expect(r.code).toBe(0);
}, 120_000);

test('and a wrong use does not: the declarations carry real types', async () => {
  const r = await tsc(`${CONSUMER}\nexport const wrong: FederationErrorCode = 'NOT_A_CODE';\nverifyIdToken(42);\n`);
  expect(r.code).not.toBe(0);
  expect(r.out).toMatch(
    /consumer\.ts\(\d+,\d+\): error TS2322: Type '"NOT_A_CODE"' is not assignable to type 'FederationErrorCode'/,
  );
  expect(r.out).toMatch(/consumer\.ts\(\d+,\d+\): error TS2554/);
  // Only the consumer's two mistakes: the declarations themselves compile.
  expect(r.out.split('\n').filter((l) => l.includes('error TS'))).toHaveLength(2);
}, 120_000);
