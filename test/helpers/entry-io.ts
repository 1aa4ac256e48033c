/**
 * An in-process EntryIo for unit tests of the entries' `main`: the environment is exactly what
 * the test gives (nothing of the test process leaks in), output is captured, and the HTTP
 * client is the real one, talking to the in-process sandbox on loopback.
 */
import { Readable } from 'node:stream';
import { createNodeHttpClient } from '../../src/core/http.js';
import type { EntryIo } from '../../src/entry/shared/io.js';

export interface CapturedIo {
  io: EntryIo;
  stdout(): string;
  stderr(): string;
}

export function captureIo(env: Record<string, string>, opts: { stdin?: string; now?: () => number } = {}): CapturedIo {
  let out = '';
  let err = '';
  const http = createNodeHttpClient({ userAgent: 'entra-federate-unit-test' });
  return {
    io: {
      env,
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      stdin: () => Readable.from([Buffer.from(opts.stdin ?? '')]),
      http: () => http,
      now: opts.now ?? Date.now,
    },
    stdout: () => out,
    stderr: () => err,
  };
}
