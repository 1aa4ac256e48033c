/**
 * Federated identity credentials as Entra holds them, read from what users have at hand:
 * `az ad app federated-credential list` output, a Microsoft Graph response, or --expect-* flags.
 */
import { usageError } from '../core/errors.js';

export interface Fic {
  name?: string;
  issuer?: string;
  /** Absent or null on a flexible FIC, which matches by expression instead. */
  subject?: string;
  audiences?: string[];
  claimsMatchingExpression?: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** One FIC object in either az's or Graph's shape (they are the same shape; Graph nests in value). */
export function parseFic(raw: unknown, where: string): Fic {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw usageError(
      'INVALID_FIC_FILE',
      `${where} is not a federated credential object.`,
      'Use the JSON that `az ad app federated-credential list --id <client-id>` prints.',
    );
  }
  const o = raw as Record<string, unknown>;
  const fic: Fic = {};
  const name = str(o['name']);
  const issuer = str(o['issuer']);
  const subject = str(o['subject']);
  if (name !== undefined) fic.name = name;
  if (issuer !== undefined) fic.issuer = issuer;
  if (subject !== undefined) fic.subject = subject;
  const audiences = o['audiences'];
  if (Array.isArray(audiences)) fic.audiences = audiences.filter((a): a is string => typeof a === 'string');
  const expression = o['claimsMatchingExpression'];
  const value =
    expression !== null && typeof expression === 'object'
      ? str((expression as Record<string, unknown>)['value'])
      : str(expression);
  if (value !== undefined) fic.claimsMatchingExpression = value;
  if (fic.issuer === undefined && fic.subject === undefined && fic.claimsMatchingExpression === undefined) {
    throw usageError(
      'INVALID_FIC_FILE',
      `${where} has neither issuer nor subject.`,
      'Use the JSON that `az ad app federated-credential list --id <client-id>` prints.',
    );
  }
  return fic;
}

export function parseFicDocument(text: string, where: string): Fic[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw usageError(
      'INVALID_FIC_FILE',
      `${where} is not JSON.`,
      'Save the output of `az ad app federated-credential list --id <client-id>` (or of the Graph request) as it is.',
    );
  }
  const list = Array.isArray(doc)
    ? doc
    : doc !== null && typeof doc === 'object' && Array.isArray((doc as { value?: unknown }).value)
      ? (doc as { value: unknown[] }).value
      : [doc];
  return list.map((item, i) => parseFic(item, `${where} item ${i + 1}`));
}

/** Flexible FIC wildcards: `*` any run, `?` one character; everything else literal. */
function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/**
 * Evaluates the claimsMatchingExpression language (version 1): terms
 * `claims['name'] matches 'pattern'` or `claims['name'] eq 'value'`, joined by `and`.
 * Returns undefined when the expression uses something outside that language.
 */
export function matchesExpression(expression: string, claims: Record<string, unknown>): boolean | undefined {
  const terms = expression.split(/\s+and\s+/i);
  for (const term of terms) {
    const m = /^\s*claims\[\s*'([^']+)'\s*\]\s+(matches|eq)\s+'((?:[^'\\]|\\.)*)'\s*$/i.exec(term);
    if (m === null) return undefined;
    const value = claims[m[1] ?? ''];
    if (typeof value !== 'string') return false;
    const operand = (m[3] ?? '').replace(/\\(.)/g, '$1');
    const ok = (m[2] ?? '').toLowerCase() === 'eq' ? value === operand : wildcard(operand).test(value);
    if (!ok) return false;
  }
  return true;
}
