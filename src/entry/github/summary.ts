/**
 * The step summary: who asked (the run and its CI token) and what they got (scopes and
 * expiry), as markdown for the run's summary page. Built from claims, names and times only;
 * no token reaches it. Every value is escaped: claims such as the subject carry branch and
 * environment names that the workflow's author chose.
 */
import type { CiContext } from '../../ci/types.js';
import type { FederationError } from '../../core/errors.js';
import type { Renewal } from '../../handoff/types.js';
import type { LoginSummary } from '../shared/render.js';
import { replaceControlCharacters } from '../../core/text.js';

/**
 * Text for a table cell: no line break or `|` that ends the cell, no HTML, no link or image
 * (`[`), no code span. `_` and `*` stay as they are: inside names they change nothing in GFM,
 * and subjects full of `\_` would be hard to copy into a federated credential.
 */
export function cell(value: string): string {
  return replaceControlCharacters(value, ' ')

    .replace(/([\\`[\]])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;');
}

function table(rows: [string, string | undefined][]): string {
  const kept = rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
  return `| | |\n|---|---|\n${kept.map(([label, value]) => `| ${label} | ${value} |`).join('\n')}\n`;
}

function audienceText(aud: string | string[] | undefined): string | undefined {
  if (aud === undefined) return undefined;
  return cell(Array.isArray(aud) ? aud.join(', ') : aud);
}

function runCell(ci: CiContext): string | undefined {
  if (ci.runId === undefined) return undefined;
  const text = cell(ci.runAttempt === undefined ? ci.runId : `${ci.runId} (attempt ${ci.runAttempt})`);
  if (ci.runUrl === undefined) return text;
  let href: string;
  try {
    href = new URL(ci.runUrl).href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return text;
  }
  return `[${text}](${href})`;
}

function whoAsked(ci: CiContext): [string, string | undefined][] {
  const c = (value: string | undefined): string | undefined => (value === undefined ? undefined : cell(value));
  return [
    ['Repository', c(ci.repository)],
    ['Ref', c(ci.ref)],
    ['Workflow', c(ci.workflow)],
    ['Run', runCell(ci)],
    ['Actor', c(ci.actor)],
  ];
}

export function successSummary(
  summary: LoginSummary,
  ci: CiContext,
  exported: readonly string[],
  renewals: readonly Renewal[] = [],
): string {
  const id = summary.idToken;
  const c = (value: string | undefined): string | undefined => (value === undefined ? undefined : cell(value));
  let out = '### entra-federate: signed in to Microsoft Entra ID\n\n';
  out += table([
    ...whoAsked(ci),
    ['CI token issuer', c(id?.iss)],
    ['CI token subject', c(id?.sub)],
    ['CI token audience', audienceText(id?.aud)],
    ['Tenant', cell(summary.tenantId)],
    ['Client', cell(summary.clientId)],
    ['Cloud', cell(`${summary.cloud} (${summary.authorityHost})`)],
    ['Exported', exported.length === 0 ? 'nothing' : cell(exported.join(', '))],
  ]);
  out += '\n| Scope | Expires (UTC) |\n|---|---|\n';
  for (const token of summary.tokens) out += `| ${cell(token.scope)} | ${cell(token.expiresOn)} |\n`;
  if (renewals.length > 0) {
    out += '\n| Hand-off | Renews | Until |\n|---|---|---|\n';
    for (const r of renewals) out += `| ${cell(r.handoff)} | ${r.renews ? 'yes' : 'no'} | ${cell(r.until)} |\n`;
  }
  return `${out}\n`;
}

export function failureSummary(err: FederationError, ci: CiContext): string {
  const c = (value: string | undefined): string | undefined => (value === undefined ? undefined : cell(value));
  let out = '### entra-federate: sign-in failed\n\n';
  out += table([
    ...whoAsked(ci),
    ['Error', cell(err.aadsts === undefined ? err.code : `${err.code} (AADSTS${err.aadsts})`)],
    ['Message', cell(err.message)],
    ['CI token issuer', c(err.presented?.iss)],
    ['CI token subject', c(err.presented?.sub)],
    ['CI token audience', audienceText(err.presented?.aud)],
    ['Scope', c(err.scope)],
    ['Trace id', c(err.traceId)],
    ['Correlation id', c(err.correlationId)],
    ['What to do', cell(err.remedy)],
  ]);
  return `${out}\n`;
}
