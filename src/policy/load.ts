/** Reads a policy file: JSON, or YAML for .yml/.yaml (the parser is loaded only then). */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import { unreadableFileReason } from '../core/text.js';
import { firstDuplicateKey } from './json-keys.js';
import type { Policy } from './parse.js';
import { parsePolicy } from './parse.js';

const MAX_POLICY_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

export async function loadPolicy(path: string): Promise<Policy> {
  if (path.trim() === '')
    throw usageError(
      'POLICY_UNREADABLE',
      'The policy file path is empty.',
      'Pass --policy FILE with a .json, .yml or .yaml file.',
      'policy',
    );
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const why = unreadableFileReason(err);
    throw usageError(
      'POLICY_UNREADABLE',
      `The policy file ${quote(path)} ${why}.`,
      'Pass --policy with the path of your policy file (JSON or YAML).',
      'policy',
    );
  }
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES)
    throw usageError(
      'POLICY_INVALID',
      `The policy file ${quote(path)} is larger than 1 MiB.`,
      'A policy holds a few rules; check that --policy points at the right file.',
      'policy',
    );
  const ext = extname(path).toLowerCase();
  const defaultName = basename(path, extname(path));
  return parsePolicy(
    ext === '.yml' || ext === '.yaml' ? await parseYaml(text, path) : parseJson(text, path),
    defaultName,
  );
}

function parseJson(text: string, path: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw usageError(
      'POLICY_INVALID',
      `The policy file ${quote(path)} is not valid JSON: ${why}.`,
      'Fix the JSON, or write the policy as YAML in a .yml/.yaml file.',
      'policy',
    );
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) {
    throw usageError(
      'POLICY_INVALID',
      `The policy file ${quote(path)} repeats the key ${quote(duplicate.key)} in one object (line ${duplicate.line}): JSON would keep only the last one, which a reviewer reading the first would miss.`,
      'Keep one of the two; to allow several values for a claim, give a list (any of them matches).',
      'policy',
    );
  }
  return doc;
}

async function parseYaml(text: string, path: string): Promise<unknown> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0]?.line;
    const why = first.message.split('\n')[0] ?? first.code;
    throw usageError(
      'POLICY_INVALID',
      `The policy file ${quote(path)} is not valid YAML${line === undefined ? '' : ` (line ${line})`}: ${why}`,
      'Fix the YAML syntax; the README shows a complete example.',
      'policy',
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The parser's only refusal here is an alias expansion past the limit: a billion-laughs file.
    throw usageError(
      'POLICY_INVALID',
      `The policy file ${quote(path)} expands its YAML aliases more than ${MAX_ALIAS_COUNT} times, as an alias bomb does.`,
      'Write the values out, or use fewer aliases (*name); a policy needs only a few rules.',
      'policy',
    );
  }
}
