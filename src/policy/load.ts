/** Reads a policy file: JSON, or YAML for .yml/.yaml (the parser is loaded only then). */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { usageError } from '../core/errors.js';
import { quote } from '../core/options.js';
import type { Policy } from './parse.js';
import { parsePolicy } from './parse.js';

const MAX_POLICY_BYTES = 1024 * 1024;

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
    const code = (err as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'is not readable'
            : `cannot be read (${code ?? 'error'})`;
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
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw usageError(
      'POLICY_INVALID',
      `The policy file ${quote(path)} is not valid JSON: ${why}.`,
      'Fix the JSON, or write the policy as YAML in a .yml/.yaml file.',
      'policy',
    );
  }
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
  return doc.toJS({ maxAliasCount: 100 });
}
