/**
 * The generic source: a token in a file (Kubernetes projected tokens, Jenkins, anything that
 * writes one) or in an environment variable. The file is read on every request so a rotating
 * writer is honoured.
 */
import { readFile } from 'node:fs/promises';
import { FederationError, usageError } from '../core/errors.js';
import { MAX_JWT_LENGTH } from '../core/jwt.js';
import { quote } from '../core/options.js';
import { unreadableFileReason } from '../core/text.js';
import type { CiProvider, Env } from './types.js';
import { compactContext } from './types.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function fileTokenProvider(path: string, origin: string): CiProvider {
  if (path.trim() === '')
    throw usageError(
      'INVALID_ID_TOKEN_FILE',
      `${origin} is empty.`,
      "Give the path of a file that holds the CI's OIDC token.",
      'id-token-file',
    );
  return {
    name: 'file',
    description: `the file ${path} (${origin})`,
    async idToken() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        const why = unreadableFileReason(err);
        throw new FederationError('ID_TOKEN_UNAVAILABLE', `The CI token file ${quote(path)} (${origin}) ${why}.`, {
          remedy: 'Point it at the file your CI writes the OIDC token to, or use --id-token-env.',
          usage: true,
          field: 'id-token-file',
        });
      }
      return checkToken(text, `the file ${quote(path)}`);
    },
    context: () => compactContext('file', {}),
  };
}

export function envTokenProvider(name: string, env: Env): CiProvider {
  if (!ENV_NAME.test(name)) {
    throw usageError(
      'INVALID_ID_TOKEN_ENV',
      `${quote(name)} is not an environment variable name.`,
      'Pass the name of the variable that holds the token (e.g. --id-token-env GITLAB_OIDC_TOKEN), not the token itself.',
      'id-token-env',
    );
  }
  return {
    name: 'env',
    description: `the environment variable ${name}`,
    async idToken() {
      const value = env[name];
      if (value === undefined || value.trim() === '') {
        throw new FederationError('ID_TOKEN_UNAVAILABLE', `The environment variable ${name} is not set or empty.`, {
          remedy: `Make your CI put its OIDC token in ${name}, or name the right variable with --id-token-env.`,
          usage: true,
          field: 'id-token-env',
        });
      }
      return checkToken(value, `the variable ${name}`);
    },
    context: () => compactContext('env', {}),
  };
}

function checkToken(raw: string, where: string): string {
  const token = raw.trim();
  if (token === '') {
    throw new FederationError('ID_TOKEN_UNAVAILABLE', `${where.charAt(0).toUpperCase()}${where.slice(1)} is empty.`, {
      remedy: 'The CI wrote no token there: check that the job is allowed to request OIDC tokens.',
      usage: true,
    });
  }
  if (token.length > MAX_JWT_LENGTH) {
    throw new FederationError(
      'MALFORMED_ID_TOKEN',
      `The token in ${where} is longer than ${MAX_JWT_LENGTH} characters.`,
      { remedy: 'Pass the raw OIDC ID token, nothing else.', usage: true },
    );
  }
  return token;
}
