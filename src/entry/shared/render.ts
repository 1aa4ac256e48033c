/**
 * Human and JSON renderings of results and errors. Built from claims, names and times only:
 * there is no code path from an access token or a CI token to these strings.
 */
import type { CiContext } from '../../ci/types.js';
import type { FederationError } from '../../core/errors.js';
import type { LoginResult } from '../../core/login.js';
import { isoTime, showClaim } from '../../core/text.js';

function row(label: string, value: string): string {
  return `  ${`${label}:`.padEnd(16)}${value}\n`;
}

/** A claim on a line of ours: as it is, unless it could break or steer the line (core/text.ts). */
function claim(value: string | undefined): string {
  return value === undefined ? '(none)' : showClaim(value, 'when-needed');
}

function audText(aud: string | string[] | undefined): string {
  if (aud === undefined) return '(none)';
  return Array.isArray(aud) ? aud.map((a) => showClaim(a, 'when-needed')).join(', ') : claim(aud);
}

/** `wording` rewrites the message and remedy for another surface (the Action names inputs, not flags). */
export function renderError(err: FederationError, wording: (text: string) => string = (text) => text): string {
  let out = `entra-federate: ${wording(err.message)}\n`;
  out += row('code', err.aadsts === undefined ? err.code : `${err.code} (AADSTS${err.aadsts})`);
  if (err.scope !== undefined) out += row('scope', err.scope);
  if (err.presented !== undefined) {
    out += row('issuer', claim(err.presented.iss));
    out += row('subject', claim(err.presented.sub));
    out += row('audience', audText(err.presented.aud));
  }
  if (err.field !== undefined && err.expected !== undefined)
    out += row('expected', `${err.field} = ${claim(err.expected)}`);
  if (err.field !== undefined && err.actual !== undefined) out += row('found', `${err.field} = ${claim(err.actual)}`);
  if (err.traceId !== undefined) out += row('trace id', err.traceId);
  if (err.correlationId !== undefined) out += row('correlation id', err.correlationId);
  if (err.timestamp !== undefined) out += row('timestamp', err.timestamp);
  out += row('what to do', wording(err.remedy));
  return out;
}

function inMinutes(epochMs: number, now: number): string {
  const minutes = Math.round((epochMs - now) / 60_000);
  return minutes >= 120 ? `in ${Math.round(minutes / 60)} h` : `in ${minutes} min`;
}

export interface LoginSummary {
  tenantId: string;
  clientId: string;
  cloud: string;
  authorityHost: string;
  credential: string;
  correlationId: string;
  idToken?: { iss?: string; sub?: string; aud?: string | string[]; expiresOn?: string };
  ci?: CiContext;
  tokens: { scope: string; expiresOn: string }[];
  notes: string[];
}

/** The login summary: what `login --json` prints and audit records build on. */
export function loginSummary(result: LoginResult, ci?: CiContext): LoginSummary {
  const summary: LoginSummary = {
    tenantId: result.tenantId,
    clientId: result.clientId,
    cloud: result.cloud,
    authorityHost: result.authorityHost,
    credential: result.credential,
    correlationId: result.correlationId,
    tokens: result.tokens.map((t) => ({ scope: t.scope, expiresOn: isoTime(t.expiresOn) })),
    notes: result.notes,
  };
  if (result.idToken !== undefined) {
    const { iss, sub, aud, exp } = result.idToken;
    summary.idToken = {
      ...(iss === undefined ? {} : { iss }),
      ...(sub === undefined ? {} : { sub }),
      ...(aud === undefined ? {} : { aud }),
      ...(exp === undefined ? {} : { expiresOn: isoTime(exp * 1000) }),
    };
  }
  if (ci !== undefined && Object.keys(ci).length > 1) summary.ci = ci;
  return summary;
}

export function renderLoginSummary(result: LoginResult, now: number): string {
  let out = `entra-federate: signed in as client ${result.clientId} in tenant ${result.tenantId} (${result.cloud}, ${result.authorityHost})\n`;
  if (result.idToken !== undefined) {
    out += row('credential', `federated, from ${result.credentialSource}`);
    out += row('issuer', claim(result.idToken.iss));
    out += row('subject', claim(result.idToken.sub));
    out += row('audience', audText(result.idToken.aud));
  } else {
    out += row('credential', `${result.credential}, from ${result.credentialSource}`);
  }
  for (const token of result.tokens)
    out += row('token', `${token.scope}  expires ${isoTime(token.expiresOn)} (${inMinutes(token.expiresOn, now)})`);
  for (const note of result.notes) out += row('note', note);
  return out;
}
