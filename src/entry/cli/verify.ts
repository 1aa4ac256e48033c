/** `entra-federate verify`: check an OIDC JWT before a privileged step; print its claims. */
import { readFile } from 'node:fs/promises';
import { FederationError, usageError } from '../../core/errors.js';
import { quote, validateTimeout } from '../../core/options.js';
import { loadPolicy } from '../../policy/load.js';
import type { VerifyAlgorithm } from '../../verify/issuer-keys.js';
import { createVerifier } from '../../verify/verify.js';
import type { VerifyOptions } from '../../verify/verify.js';
import type { EntryIo } from '../shared/io.js';
import { helpRequested, parseCommand } from './common.js';

const HELP = `Usage: entra-federate verify --issuer URL --audience AUD [options] < token

Verifies an OIDC JWT (such as a CI job's ID token) before a privileged step: the signature
with the issuer's keys (OIDC discovery, then its JWKS; never keys the token points at), the
algorithm (RS256, PS256, ES256 only), the exact issuer, the audience, exp/nbf/iat with a
bounded clock skew, and the claims you require.
Exit 0 prints the verified claims as JSON on stdout; exit 1 says why the token was rejected.

The token is read from --id-token-file, --id-token-env or standard input, never from the
command line.

Options:
  --issuer URL            the expected iss, compared exactly; its discovery document names the keys
  --audience AUD          the expected aud; repeatable (any of)
  --claim NAME=PATTERN    the claim must match: exact, or globs (* within a path segment, ** across,
                          ? one character); repeatable, the same NAME twice means any of
  --require-claim NAME    the claim must be present; repeatable
  --policy FILE           the claims of some rule in this policy file (JSON or YAML) must match
  --algorithm ALG         RS256 | PS256 | ES256; repeatable   [default all three]
  --clock-skew SECONDS    tolerance for exp, nbf and iat, at most 300   [default 60]
  --max-age SECONDS       refuse tokens issued longer ago than this
  --typ TYP               the typ header the token must have   [default: JWT, when present]
  --jwks-uri URL          take the keys from this JWKS instead of discovery
  --id-token-file FILE    read the token from a file
  --id-token-env NAME     read the token from an environment variable
  --timeout SECONDS       for the discovery and JWKS requests   [default 60]
  -h, --help              this help`;

const FLAGS = {
  issuer: { type: 'string' },
  audience: { type: 'string', multiple: true },
  claim: { type: 'string', multiple: true },
  'require-claim': { type: 'string', multiple: true },
  policy: { type: 'string' },
  algorithm: { type: 'string', multiple: true },
  'clock-skew': { type: 'string' },
  'max-age': { type: 'string' },
  typ: { type: 'string' },
  'jwks-uri': { type: 'string' },
  'id-token-file': { type: 'string' },
  'id-token-env': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function seconds(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw usageError(
      'INVALID_ARGUMENTS',
      `--${flag} ${quote(raw)} is not a number of seconds.`,
      `Pass --${flag} as whole seconds, e.g. --${flag} 60.`,
      flag,
    );
  }
  return value;
}

function claimPatterns(raw: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const entry of raw) {
    const at = entry.indexOf('=');
    const name = at < 0 ? '' : entry.slice(0, at).trim();
    const pattern = at < 0 ? '' : entry.slice(at + 1);
    if (name === '' || pattern === '') {
      throw usageError(
        'INVALID_CLAIM_PATTERN',
        `--claim ${quote(entry)} is not NAME=PATTERN.`,
        'Write e.g. --claim repository=octo-org/octo-repo --claim ref=refs/heads/main; use --require-claim NAME for presence only.',
        'claim',
      );
    }
    out[name] = [...(out[name] ?? []), pattern];
  }
  return out;
}

async function readToken(
  values: { 'id-token-file'?: string | undefined; 'id-token-env'?: string | undefined },
  io: EntryIo,
): Promise<string> {
  let raw: string;
  let where: string;
  if (values['id-token-file'] !== undefined) {
    where = `the file ${quote(values['id-token-file'])}`;
    try {
      raw = await readFile(values['id-token-file'], 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw usageError(
        'TOKEN_UNAVAILABLE',
        `Cannot read ${where} (${code === 'ENOENT' ? 'it does not exist' : (code ?? 'error')}).`,
        'Pass --id-token-file with the path of a file holding the token.',
        'id-token-file',
      );
    }
  } else if (values['id-token-env'] !== undefined) {
    const name = values['id-token-env'];
    where = `the environment variable ${quote(name)}`;
    raw = io.env[name] ?? '';
  } else {
    where = 'standard input';
    const stdin = io.stdin();
    if (stdin.isTTY === true) {
      throw usageError(
        'TOKEN_UNAVAILABLE',
        'No token given.',
        'Pipe the token to standard input, or pass --id-token-file FILE or --id-token-env NAME.',
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    raw = Buffer.concat(chunks).toString('utf8');
  }
  const token = raw.trim();
  if (token === '')
    throw usageError(
      'TOKEN_UNAVAILABLE',
      `No token in ${where}: it is empty.`,
      'Give the OIDC JWT to verify via standard input, --id-token-file or --id-token-env.',
    );
  return token;
}

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const { values } = parseCommand('verify', argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  if (values.issuer === undefined) {
    throw usageError(
      'MISSING_ISSUER',
      'No --issuer given.',
      "Pass --issuer with the issuer URL exactly as the token's iss claim has it, e.g. https://token.actions.githubusercontent.com.",
      'issuer',
    );
  }
  const options: VerifyOptions = {
    issuer: values.issuer,
    audience: values.audience ?? [],
    http: io.http(),
    timeoutMs: validateTimeout(values.timeout),
  };
  if (values.algorithm !== undefined)
    options.algorithms = values.algorithm.map((a) => a.trim().toUpperCase() as VerifyAlgorithm);
  const skew = seconds(values['clock-skew'], 'clock-skew');
  if (skew !== undefined) options.clockSkewSeconds = skew;
  const maxAge = seconds(values['max-age'], 'max-age');
  if (maxAge !== undefined) options.maxTokenAgeSeconds = maxAge;
  if (values.typ !== undefined) options.typ = values.typ;
  if (values['jwks-uri'] !== undefined) options.jwksUri = values['jwks-uri'];
  if (values['require-claim'] !== undefined) options.requiredClaims = values['require-claim'];
  if (values.claim !== undefined) options.claims = claimPatterns(values.claim);
  if (values.policy !== undefined) options.policy = await loadPolicy(values.policy);
  // Options are checked before the token is read: a usage error never waits on stdin.
  const verifier = createVerifier(options);
  const token = await readToken(values, io);
  let verified;
  try {
    verified = await verifier.verify(token);
  } catch (err) {
    if (err instanceof FederationError && !err.usage) err.message = `Token rejected: ${err.message}`;
    throw err;
  }
  io.stdout.write(`${JSON.stringify(verified.claims, null, 2)}\n`);
  const sub = typeof verified.claims['sub'] === 'string' ? verified.claims['sub'] : '(no sub)';
  io.stderr.write(
    `entra-federate: verified ${verified.header.alg} token from ${values.issuer} for ${JSON.stringify(sub)}\n`,
  );
  return 0;
}
