/**
 * The error catalogue is the one list of codes: every code src/ can throw is in it (the type
 * union enforces that at compile time; this reads the source to make sure nothing slips past
 * as a string), every entry is thrown somewhere, and docs/errors.md is what it renders to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { renderErrorsDoc } from '../../../scripts/render-errors-doc.js';
import { lookupAadsts, TRANSIENT_AADSTS } from '../../../src/core/aadsts.js';
import {
  AADSTS_CATALOGUE,
  catalogueEntries,
  catalogueEntry,
  ERROR_CATALOGUE,
  ERROR_CODE_PATTERNS,
  ERROR_TOPICS,
} from '../../../src/core/error-catalogue.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Every catalogued code (patterns aside). */
const entries = catalogueEntries().filter(([code]) => !code.includes('<'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return full.endsWith(join('src', 'sandbox')) ? [] : sourceFiles(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('error-catalogue.ts') ? [full] : [];
  });
}

/** Error codes of Node and jose (ENOENT, ERR_JWS_...) belong to causes, never to our errors. */
const FOREIGN_CODE = /^(E[A-Z]+|ERR_[A-Z0-9_]+)$/;
const CODE_TYPES = /\b(FederationErrorCode|UsageErrorCode|FailureErrorCode|CataloguedErrorCode|AadstsErrorCode)\b/;

interface Found {
  codes: Map<string, string[]>;
  templates: string[];
}

/**
 * The codes src/ throws, read from the syntax: string literals given to a parameter typed as an
 * error code (FederationError's constructor, usageError, and every helper that passes a code
 * on), and literals under a `code:` property.
 */
function thrownCodes(): Found {
  const files = sourceFiles(join(root, 'src')).map((path) =>
    ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  // Which functions take a code, and at which position (-1: a function that takes none). A
  // file's own functions shadow those of other files (two files each have an `invalid`).
  const declared = new Map<ts.SourceFile, Map<string, number>>();
  const takers = new Map<string, number>();
  for (const sf of files) {
    const local = new Map<string, number>();
    const note = (name: string | undefined, params: ts.NodeArray<ts.ParameterDeclaration>): void => {
      if (name === undefined) return;
      const at = params.findIndex((p) => p.type !== undefined && CODE_TYPES.test(p.type.getText(sf)));
      local.set(name, at);
      if (at >= 0) takers.set(name, at);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) note(node.name?.getText(sf), node.parameters);
      if (ts.isConstructorDeclaration(node) && ts.isClassDeclaration(node.parent))
        note(node.parent.name?.getText(sf), node.parameters);
      ts.forEachChild(node, visit);
    };
    visit(sf);
    declared.set(sf, local);
  }

  const found: Found = { codes: new Map(), templates: [] };
  for (const sf of files) {
    const where = relative(root, sf.fileName);
    const collect = (expr: ts.Expression): void => {
      if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
        if (FOREIGN_CODE.test(expr.text)) return;
        found.codes.set(expr.text, [...(found.codes.get(expr.text) ?? []), where]);
      } else if (ts.isTemplateExpression(expr)) found.templates.push(expr.head.text);
      else if (ts.isConditionalExpression(expr)) [expr.whenTrue, expr.whenFalse].forEach(collect);
      else if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
        collect(expr.right);
      else if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) collect(expr.expression);
      // Identifiers and property reads pass on a code typed elsewhere: the compiler checks those.
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments !== undefined) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText(sf);
        const at = declared.get(sf)?.get(name) ?? takers.get(name);
        const arg = at === undefined || at < 0 ? undefined : node.arguments[at];
        if (arg !== undefined) collect(arg);
      }
      if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'code') collect(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('the error catalogue', () => {
  const found = thrownCodes();

  test('reads codes from every kind of site (the scan itself works)', () => {
    // One of each: usageError, new FederationError, a helper (verify's rejected), a conditional,
    // a `code:` property, a code passed to a private method, the audit record's fallback.
    for (const code of [
      'INVALID_CLIENT_ID',
      'AUDIT_LOG_WRITE_FAILED',
      'KID_UNKNOWN',
      'SERVICE_UNAVAILABLE',
      'UNEXPECTED_RESPONSE',
      'EMBEDDED_JWK_IGNORED',
      'JWKS_UNAVAILABLE',
      'UNEXPECTED_ERROR',
    ])
      expect([...found.codes.keys()]).toContain(code);
  });

  test('every code thrown in src/ is catalogued', () => {
    // OAUTH_ERROR (a server's error that is not an OAuth code) is documented by the OAUTH_<error> pattern.
    const unknown = [...found.codes].filter(
      ([code]) => code !== 'OAUTH_ERROR' && !entries.some(([known]) => known === code),
    );
    expect(unknown.map(([code, where]) => `${code} (${where.join(', ')})`)).toEqual([]);
    // Codes built at run time are only the two documented patterns.
    expect([...new Set(found.templates)].sort()).toEqual(['AADSTS_', 'OAUTH_']);
  });

  test('every catalogued code is thrown somewhere (no stale entries)', () => {
    const stale = entries
      .filter(([code, entry]) => entry.aadsts === undefined && !found.codes.has(code))
      .map(([code]) => code);
    expect(stale).toEqual([]);
  });

  test('each entry says when, what to do, and the exit code', () => {
    for (const [code, entry] of catalogueEntries()) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*(<[a-z]+>)?$/);
      expect(Object.keys(ERROR_TOPICS)).toContain(entry.topic);
      expect([1, 2]).toContain(entry.exit);
      for (const text of [entry.when, entry.remedy]) {
        expect(text, code).toMatch(/^\S.{8,}[.)]$/);
        expect(text, code).not.toMatch(/[\r\n]/);
      }
    }
  });

  test('each AADSTS number has one code, which is a failure, and transient numbers are retried instead', () => {
    // Entra's failed fetch of the issuer's keys: retried, then reported with its own remedy.
    const RETRIED_WITH_OWN_CODE = [50166, 90061];
    const numbers = entries.flatMap(([, entry]) => entry.aadsts ?? []);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const [code, entry] of entries) {
      if (entry.aadsts === undefined) continue;
      expect(entry.exit, code).toBe(1);
      for (const n of entry.aadsts) {
        // Retried numbers have a code of their own only when it says more once retries run out.
        expect(TRANSIENT_AADSTS.has(n) && !RETRIED_WITH_OWN_CODE.includes(n)).toBe(false);
        expect(lookupAadsts(n)).toEqual({ code, remedy: entry.remedy });
      }
    }
  });

  test('the two meanings that once shared ISSUER_MISMATCH and AUDIENCE_MISMATCH have a code each', () => {
    expect(AADSTS_CATALOGUE.ISSUER_MISMATCH.aadsts).toEqual([700211]);
    expect(AADSTS_CATALOGUE.AUDIENCE_MISMATCH.aadsts).toEqual([700212]);
    expect(ERROR_CATALOGUE.UNEXPECTED_ISSUER.topic).toBe('verify');
    expect(found.codes.has('ISSUER_MISMATCH')).toBe(false);
    expect(found.codes.has('AUDIENCE_MISMATCH')).toBe(false);
    expect(found.codes.get('UNEXPECTED_ISSUER')).toEqual(['src/verify/claims.ts']);
    expect(found.codes.get('UNEXPECTED_AUDIENCE')).toEqual(['src/verify/claims.ts']);
  });

  test('patterns resolve for codes built from what Entra answered', () => {
    expect(catalogueEntry('AADSTS_12345')).toBe(ERROR_CODE_PATTERNS['AADSTS_<number>']);
    expect(catalogueEntry('OAUTH_INVALID_CLIENT')).toBe(ERROR_CODE_PATTERNS['OAUTH_<error>']);
    expect(catalogueEntry('NO_MATCHING_FIC')).toEqual({ topic: 'entra', exit: 1, ...AADSTS_CATALOGUE.NO_MATCHING_FIC });
    expect(catalogueEntry('TOOL_NOT_FOUND')).toBe(ERROR_CATALOGUE.TOOL_NOT_FOUND);
  });

  test('docs/errors.md is generated from the catalogue and up to date', () => {
    const committed = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
    const fresh = renderErrorsDoc();
    if (committed !== fresh) expect.fail('docs/errors.md is stale: run npm run docs:errors and commit the result');
    for (const [code] of entries) expect(committed).toContain(`| \`${code}\``);
    // Angle brackets outside code spans would be read as HTML and vanish.
    expect(committed).toContain('`AADSTS_<number>`');
    expect(committed).toContain('Look up AADSTS&lt;number&gt;');
  });
});
