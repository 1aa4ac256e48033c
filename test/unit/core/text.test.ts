/** The shared text rules: one definition each, so every layer agrees on them. */
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import {
  collapseControlCharacters,
  hasControlCharacter,
  isGuid,
  isoTime,
  printableAscii,
  replaceControlCharacters,
  shellQuote,
} from '../../../src/core/text.js';

test('a GUID is the 8-4-4-4-12 hex form, any case, and nothing around it', () => {
  expect(isGuid('5a4db0c5-c11e-4000-8000-00000000000A')).toBe(true);
  expect(isGuid(' 5a4db0c5-c11e-4000-8000-000000000002')).toBe(false);
  expect(isGuid('5a4db0c5c11e40008000000000000002')).toBe(false);
  expect(isGuid('{5a4db0c5-c11e-4000-8000-000000000002}')).toBe(false);
});

test('control characters: found, replaced one by one, or a run at a time', () => {
  expect(hasControlCharacter('a\u007fb')).toBe(true);
  expect(hasControlCharacter('tab\there')).toBe(true);
  expect(hasControlCharacter('plain é text')).toBe(false);
  expect(replaceControlCharacters('a\r\nb', ' ')).toBe('a  b');
  expect(collapseControlCharacters('a\r\nb\u0000', ' ')).toBe('a b ');
  expect(printableAscii('ok\u202econtrol é')).toBe('ok?control ?');
});

test('times are ISO 8601 UTC to the second', () => {
  expect(isoTime(Date.UTC(2025, 5, 2, 9, 14, 7, 999))).toBe('2025-06-02T09:14:07Z');
});

test('a shell-quoted value reaches the shell byte for byte', () => {
  const nasty = `it's $(rm -rf /) \`x\` "q" \\ \n end`;
  expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(nasty)}`], { encoding: 'utf8' })).toBe(nasty);
  expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
});

test('edit distance counts insertions, deletions and substitutions', async () => {
  const { editDistance } = await import('../../../src/core/text.js');
  expect(editDistance('clientid', 'client_id')).toBe(1);
  expect(editDistance('tennant_id', 'tenant_id')).toBe(1);
  expect(editDistance('', 'abc')).toBe(3);
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('same', 'same')).toBe(0);
});
