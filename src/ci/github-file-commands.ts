/**
 * File commands: outputs, exported variables and saved state are appended to the files the
 * runner names in GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE, as `key<<DELIMITER` heredocs.
 * The delimiter is random per entry and checked against the value, so no value (a newline in
 * an input, say) can close the heredoc early and smuggle in a variable of its own.
 */
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/** Output, variable and state names we write: fixed by us, so this only guards mistakes. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

// globalThis.crypto rather than node:crypto: the post step, which writes no file command,
// then does not load the crypto module at start-up.
export function keyValueEntry(
  key: string,
  value: string,
  delimiter = `ghadelimiter_${globalThis.crypto.randomUUID()}`,
): string {
  if (!KEY.test(key)) throw new Error(`invalid file-command key ${JSON.stringify(key)}`);
  // A random UUID cannot appear by chance; if it does, someone is trying to guess it.
  if (value.includes(delimiter)) throw new Error(`the value of ${key} contains the heredoc delimiter`);
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

/** Appends one entry to a runner file; the runner reads these files after the step ends. */
export function appendEntry(file: string, key: string, value: string): void {
  appendFileSync(file, keyValueEntry(key, value), { encoding: 'utf8' });
}
