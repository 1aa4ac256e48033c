/**
 * The identity endpoint as this process: its configuration from stdin, its ready line on stdout,
 * then it serves until it stops. Run by dist/identity/index.js, and by the standalone executable
 * when it is started with its hidden identity-endpoint argument (handoff/self.ts).
 */
import { tolerateClosedOutput } from '../shared/closed-output.js';
import { lazyHttpClient } from '../shared/io.js';
import type { RunningEndpoint } from './main.js';
import { main } from './main.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runIdentityEndpointProcess(): Promise<void> {
  tolerateClosedOutput(process.stdout, process.stderr);
  let running: RunningEndpoint | undefined;
  // Nobody sees this process's errors: whatever goes wrong ends it, and with it the state file.
  const fail = (): void => (running === undefined ? process.exit(1) : running.shutdown(1));
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  running = await main({
    config: await readStdin(),
    env: process.env,
    http: lazyHttpClient('entra-federate', process.env),
    now: Date.now,
    pid: process.pid,
    entry: process.argv[1] ?? '',
    answer: (line) => process.stdout.write(`${JSON.stringify(line)}\n`),
    // A failed start exits once its answer is out: the launcher reads it before it lets go of the pipe.
    exit: (code) =>
      process.stdout.writableEnded ? process.exit(code) : process.stdout.write('', () => process.exit(code)),
  });
  if (running !== undefined) {
    // Nothing is written after the ready line: the launcher has gone and so has the pipe.
    process.stdout.on('error', () => undefined);
    process.stdout.end();
  }
}
