/**
 * A token pasted where a flag's value was expected (`verify --issuer X --audience Y "$TOKEN"`)
 * must never be echoed: the error says how long the argument was and where tokens are read from.
 */
import { describe, expect, test } from 'vitest';
import { main } from '../../../../src/entry/cli/main.js';
import { captureIo } from '../../../helpers/entry-io.js';

const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${'eyJzdWIiOiJyZXBvOm9jdG8tb3JnL29jdG8tcmVwbyJ9'.repeat(4)}.c2lnbmF0dXJl`;

describe('a positional argument', () => {
  test.each([
    ['verify', ['verify', '--issuer', 'https://issuer.example', '--audience', 'api://x', TOKEN]],
    ['token', ['token', TOKEN]],
    ['login', ['login', '--scope', 'https://vault.azure.net/.default', TOKEN]],
    ['doctor', ['doctor', TOKEN]],
  ])('given to %s is described, never shown', async (_name, argv) => {
    const { io, stdout, stderr } = captureIo({});
    const code = await main(argv, io);
    expect(code).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).not.toContain(TOKEN.slice(0, 20));
    expect(stderr()).not.toContain('eyJ');
    expect(stderr()).toContain(`${TOKEN.length} characters`);
    expect(stderr()).toMatch(/--id-token-file/);
  });

  test('verify names standard input among the places a token comes from', async () => {
    const { io, stderr } = captureIo({});
    await main(['verify', '--issuer', 'https://issuer.example', '--audience', 'api://x', TOKEN], io);
    expect(stderr()).toMatch(/standard input/);
  });

  test('a long unknown flag is not echoed either', async () => {
    const { io, stderr } = captureIo({});
    const code = await main(['token', `--${TOKEN}`], io);
    expect(code).toBe(2);
    expect(stderr()).not.toContain('eyJ');
  });

  test('a short unknown flag is still named', async () => {
    const { io, stderr } = captureIo({});
    const code = await main(['token', '--scopes', 'x'], io);
    expect(code).toBe(2);
    expect(stderr()).toContain("'--scopes'");
  });
});

test('a token given as the command is described, never shown', async () => {
  const { io, stderr } = captureIo({});
  expect(await main([TOKEN], io)).toBe(2);
  expect(stderr()).not.toContain('eyJ');
  expect(stderr()).toContain(`${TOKEN.length} characters`);
});
