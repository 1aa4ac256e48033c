/**
 * What every CLI command shares: the common flags and their help, argument parsing that refuses
 * secrets on the command line, and exit codes. The flags become options and a credential in
 * shared/login-values.ts. Nothing here prints a token: commands decide what goes to stdout.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { providerNames } from '../../ci/detect.js';
import { usageError } from '../../core/errors.js';
import { reportFailure } from '../shared/failure.js';
import type { EntryIo } from '../shared/io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** The flags shared by token, login and doctor (docs/cli.md lists them for users). */
export const FEDERATION_FLAGS = {
  'client-id': { type: 'string' },
  'tenant-id': { type: 'string' },
  scope: { type: 'string', multiple: true },
  audience: { type: 'string' },
  cloud: { type: 'string' },
  'authority-host': { type: 'string' },
  provider: { type: 'string' },
  'id-token-file': { type: 'string' },
  'id-token-env': { type: 'string' },
  certificate: { type: 'string' },
  'certificate-alg': { type: 'string' },
  timeout: { type: 'string' },
  credential: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/** Joins names with " | ", breaking lines before `width` characters. */
function wrapList(names: string[], width: number, breakWith: string): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line === '' ? name : `${line} | ${name}`;
    if (next.length > width && line !== '') {
      lines.push(`${line} |`);
      line = name;
    } else line = next;
  }
  return [...lines, line].join(breakWith);
}

export const FEDERATION_HELP = `Options:
  --client-id GUID        app (client) id              [env AZURE_CLIENT_ID]
  --tenant-id ID          tenant GUID or domain        [env AZURE_TENANT_ID]
  --scope SCOPE           resource/.default; repeatable or comma-separated; a bare resource
                          URI gets /.default appended  [default https://management.azure.com/.default]
  --audience AUD          audience of the CI token     [default from --cloud: api://AzureADTokenExchange]
  --cloud NAME            AzureCloud | AzureUSGovernment | AzureChinaCloud
  --authority-host URL    https URL (http only to loopback) [env AZURE_AUTHORITY_HOST]
  --provider NAME         ${wrapList(providerNames(), 66, '\n                          ')}
  --id-token-file FILE    read the CI token from a file [env AZURE_FEDERATED_TOKEN_FILE]
  --id-token-env NAME     read the CI token from an environment variable
  --certificate FILE      for CIs without OIDC: a PEM with the app's private key and
                          certificate                  [env AZURE_CLIENT_CERTIFICATE_PATH]
  --certificate-alg ALG   PS256 (default, x5t#S256) | RS256 (x5t)
                          a client secret is read only from the environment: AZURE_CLIENT_SECRET
  --credential KIND       managed-identity: the machine's own identity (IMDS, or
                          AZURE_POD_IDENTITY_AUTHORITY_HOST / IMDS_ENDPOINT); no CI token, no
                          exchange; --client-id names a user-assigned identity [default auto]
  --timeout SECONDS       overall deadline              [default 60]
  -h, --help              this help`;

/** Flags people try that must never exist: secrets on argv end up in process lists and logs. */
const SECRET_FLAGS: Record<string, string> = {
  'client-secret': 'AZURE_CLIENT_SECRET',
  secret: 'AZURE_CLIENT_SECRET',
  password: 'AZURE_CLIENT_SECRET',
  'id-token': 'AZURE_FEDERATED_TOKEN_FILE or --id-token-env',
  token: '--id-token-env or --id-token-file',
};

/** Where each command reads a token from: said instead of echoing an argument that may be one. */
function tokenSources(command: string): string {
  return command === 'verify'
    ? '--id-token-file, --id-token-env or standard input'
    : '--id-token-file, --id-token-env or AZURE_FEDERATED_TOKEN_FILE';
}

/** Longer than any flag we have: an unknown "flag" this long may be a pasted token. */
const LONGEST_ECHOED_FLAG = 40;

/**
 * An argument that is not a flag's value is never printed: it is often a token pasted after a
 * flag that takes none. Its length and place say enough to find it.
 */
function unexpectedArgument(command: string, positional: { index: number; value: string }): never {
  const at = positional.index + 1;
  const length = positional.value.length;
  throw usageError(
    'UNEXPECTED_ARGUMENT',
    `\`entra-federate ${command}\` takes no positional arguments, but argument ${at} after the command is one (${length} character${length === 1 ? '' : 's'}; not shown, in case it is a token).`,
    `Give every value right after its flag (--flag VALUE). Tokens are read only from ${tokenSources(command)}, never from the command line.`,
  );
}

export function parseCommand<T extends OptionSpec>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /^Unknown option '([^']*)'/.exec(message)?.[1];
    if (unknown !== undefined && unknown.length > LONGEST_ECHOED_FLAG)
      throw usageError(
        'INVALID_ARGUMENTS',
        `Unknown option of ${unknown.length} characters (not shown, in case it is a token).`,
        `Run \`entra-federate ${command} --help\` for the flags it takes. Tokens are read only from ${tokenSources(command)}.`,
      );
    const flag = /'(--?[^' ]+)/.exec(message)?.[1]?.replace(/^-+/, '').split('=')[0];
    if (flag !== undefined && SECRET_FLAGS[flag] !== undefined) {
      throw usageError(
        'SECRET_ON_COMMAND_LINE',
        `--${flag} is not accepted: secrets and tokens are never taken as command-line arguments.`,
        `Put it in ${SECRET_FLAGS[flag]} instead.`,
        flag,
      );
    }
    // parseArgs messages name the flag and the problem; drop its advice about '--'.
    const first = message.split('. To specify')[0]?.replace(/\.$/, '') ?? message;
    throw usageError(
      'INVALID_ARGUMENTS',
      `${first}.`,
      `Run \`entra-federate ${command} --help\` for the flags it takes.`,
    );
  }
  const positional = parsed.tokens.find((token) => token.kind === 'positional');
  if (!allowPositionals && positional !== undefined) unexpectedArgument(command, positional);
  return parsed;
}

/**
 * Runs a command and maps failures to exit codes: 2 for bad usage or input, 1 for a failed
 * exchange or check (see shared/failure.ts).
 */
export async function runCommand(
  body: () => Promise<number | undefined>,
  io: EntryIo,
  opts: { json?: () => boolean } = {},
): Promise<number> {
  try {
    const code = await body();
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    return reportFailure(err, io, { json: opts.json?.() === true });
  }
}

export function helpRequested(values: { help?: boolean | undefined }, text: string, io: EntryIo): boolean {
  if (values.help !== true) return false;
  io.stdout.write(`${text}\n`);
  return true;
}
