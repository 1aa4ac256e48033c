/**
 * `entra-federate doctor`: the CI token's claims beside what the app's federated credentials
 * hold, a verdict per field, and the FIC that would match this run. Exit 0 when it matches,
 * 1 when it does not, 2 for bad input.
 */
import { readFile } from 'node:fs/promises';
import { usageError } from '../../core/errors.js';
import { decodeJwt } from '../../core/jwt.js';
import {
  CLOUDS,
  quote,
  validateAudience,
  validateClientId,
  validateCloud,
  validateTimeout,
} from '../../core/options.js';
import { diagnose } from '../../doctor/diagnose.js';
import type { Fic } from '../../doctor/fic.js';
import { parseFicDocument } from '../../doctor/fic.js';
import { fetchFics } from '../../doctor/graph.js';
import { renderDiagnosis } from '../../doctor/render.js';
import { graphHost } from '../../doctor/suggest.js';
import type { EntryIo } from '../shared/io.js';
import { credentialFrom } from '../shared/login-values.js';
import { FEDERATION_FLAGS, FEDERATION_HELP, helpRequested, parseCommand } from './common.js';

const HELP = `Usage: entra-federate doctor [options]

Shows the CI token's claims (never the token) beside what the app's federated identity
credentials (FICs) hold, says for each field why it differs (case, trailing slash,
environment vs branch subject, pull_request, tag, immutable ids, custom subject template,
another cloud's audience, CircleCI's org-id audience, expiry), and prints the FIC that would
match this run for the Azure CLI, Microsoft Graph and Terraform.

What the FICs hold, from any of:
  --expect-issuer URL, --expect-subject SUB, --expect-audience AUD   one expected FIC
  --fic-file FILE           JSON as \`az ad app federated-credential list --id <client-id>\` prints it
  --graph-token-env NAME    read the FICs from Microsoft Graph with the token in this variable
                            (needs --client-id; Application.Read.All or app ownership)
  --graph-url URL           Graph's base URL                [default from --cloud]

${FEDERATION_HELP}
  --json                  print the diagnosis as JSON on stdout

Exit codes: 0 a FIC matches (or nothing to compare and the token is valid); 1 it does not;
2 bad usage or input.`;

const FLAGS = {
  ...FEDERATION_FLAGS,
  'expect-issuer': { type: 'string' },
  'expect-subject': { type: 'string' },
  'expect-audience': { type: 'string' },
  'fic-file': { type: 'string' },
  'graph-token-env': { type: 'string' },
  'graph-url': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function run(argv: string[], io: EntryIo): Promise<number> {
  const { values } = parseCommand('doctor', argv, FLAGS);
  if (helpRequested(values, HELP, io)) return 0;
  const { env } = io;
  const cloud = validateCloud(values.cloud);
  const audience = validateAudience(values.audience, cloud);
  const timeoutMs = validateTimeout(values.timeout);
  const rawClientId = values['client-id'] ?? env['AZURE_CLIENT_ID'];
  const clientId = rawClientId === undefined || rawClientId === '' ? undefined : validateClientId(rawClientId);
  const http = io.http();

  const fics: Fic[] = [];
  if (
    values['expect-issuer'] !== undefined ||
    values['expect-subject'] !== undefined ||
    values['expect-audience'] !== undefined
  ) {
    const fic: Fic = {};
    if (values['expect-issuer'] !== undefined) fic.issuer = values['expect-issuer'];
    if (values['expect-subject'] !== undefined) fic.subject = values['expect-subject'];
    if (values['expect-audience'] !== undefined) fic.audiences = [values['expect-audience']];
    fics.push(fic);
  }
  if (values['fic-file'] !== undefined) {
    const path = values['fic-file'];
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw usageError(
        'INVALID_FIC_FILE',
        `Cannot read the FIC file ${quote(path)}.`,
        'Save `az ad app federated-credential list --id <client-id>` output to a file and pass its path.',
        'fic-file',
      );
    }
    fics.push(...parseFicDocument(text, `The FIC file ${quote(path)}`));
  }
  const graphEnv = values['graph-token-env'];
  // Read the Graph token before any request, so a usage mistake costs nothing.
  let graphToken: string | undefined;
  if (graphEnv !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(graphEnv))
      throw usageError(
        'INVALID_GRAPH_TOKEN_ENV',
        `${quote(graphEnv)} is not an environment variable name.`,
        'Pass the name of the variable that holds the Graph token, not the token.',
        'graph-token-env',
      );
    graphToken = env[graphEnv];
    if (graphToken === undefined || graphToken.trim() === '')
      throw usageError(
        'INVALID_GRAPH_TOKEN_ENV',
        `The variable ${graphEnv} is empty or not set.`,
        'Put a Microsoft Graph access token in it, e.g. GRAPH_TOKEN=$(az account get-access-token --resource-type ms-graph --query accessToken -o tsv).',
        'graph-token-env',
      );
    if (clientId === undefined)
      throw usageError(
        'MISSING_CLIENT_ID',
        'Reading FICs from Graph needs the client id.',
        'Pass --client-id (or set AZURE_CLIENT_ID).',
        'client-id',
      );
  }
  const graphBase = values['graph-url'] ?? graphHost(cloud);
  if (
    values['graph-url'] !== undefined &&
    !/^https:\/\/|^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(graphBase)
  ) {
    throw usageError(
      'INVALID_GRAPH_URL',
      `The Graph URL ${quote(graphBase)} is not https.`,
      'Use https (plain http only to a loopback host).',
      'graph-url',
    );
  }

  const { provider } = credentialFrom(values, env, http);
  if (provider === undefined)
    throw usageError(
      'NO_CI_TOKEN',
      'The doctor needs a CI token to examine.',
      'Run it in the CI job, or pass --id-token-file / --id-token-env.',
    );
  const token = await provider.idToken(audience);
  const { claims } = decodeJwt(token, provider.description);
  if (graphToken !== undefined && clientId !== undefined)
    fics.push(...(await fetchFics(http, graphBase, clientId, graphToken.trim(), timeoutMs)));

  const diagnosis = diagnose(claims, fics, { now: io.now(), audience, cloud });
  if (values.json === true) {
    io.stdout.write(
      `${JSON.stringify({ ...diagnosis, cloud, expectedAudience: audience, defaultAudience: CLOUDS[cloud].audience }, null, 2)}\n`,
    );
  } else {
    io.stdout.write(renderDiagnosis(diagnosis, { cloud, ...(clientId === undefined ? {} : { clientId }) }));
  }
  return diagnosis.ok ? 0 : 1;
}
