/** `entra-federate logout`: undoes what `login --export` did in this job. */
import { unlinkSync } from 'node:fs';
import { isEmptyCleanup, performCleanup } from '../../handoff/cleanup.js';
import { readSession, SESSION_VARIABLE } from '../../handoff/session.js';
import type { EntryIo } from '../shared/io.js';
import { helpRequested, parseCommand } from './common.js';

const HELP = `Usage: entra-federate logout [--session FILE]

Undoes what \`entra-federate login --export\` did in this job: stops the identity endpoint,
signs az out (\`az account clear\` in its private AZURE_CONFIG_DIR) and docker out of each
registry (\`docker logout\`), and removes the token files and directories it wrote. Safe to
run twice, or when nothing was exported.

Options:
  --session FILE          the record login wrote     [env ${SESSION_VARIABLE}]
  -h, --help              this help`;

const FLAGS = {
  session: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const { values } = parseCommand('logout', argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  const { env } = io;
  const path = values.session ?? (env[SESSION_VARIABLE] === '' ? undefined : env[SESSION_VARIABLE]);
  if (path === undefined) {
    io.stderr.write(
      `entra-federate: nothing to log out of (${SESSION_VARIABLE} is not set and no --session was given).\n`,
    );
    return 0;
  }
  const cleanup = readSession(path);
  if (isEmptyCleanup(cleanup)) {
    io.stderr.write('entra-federate: nothing to log out of.\n');
  } else {
    const report = await performCleanup(cleanup, env, {
      info: (m) => io.stderr.write(`${m}\n`),
      warn: (m) => io.stderr.write(`${m}\n`),
      debug: () => undefined,
    });
    io.stderr.write(
      `entra-federate: logged out: stopped ${plural(report.endpointsStopped, 'identity endpoint')}, signed out ${plural(report.signedOut, 'tool')}, removed ${plural(report.filesRemoved, 'file')} and ${plural(report.dirsRemoved, 'directory', 'directories')}.\n`,
    );
  }
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
  return 0;
}
