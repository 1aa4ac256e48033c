/**
 * Audit records as Markdown table rows, for CI step summaries (GitHub's GITHUB_STEP_SUMMARY).
 * Claim values come from branch names and the like, which anyone who can push controls, so
 * every cell is escaped: no table breaks, no HTML, no emphasis or images.
 */
import type { AuditRecord } from './record.js';
import { replaceControlCharacters } from '../core/text.js';

export const AUDIT_MARKDOWN_HEADER =
  '| time | outcome | subject | tenant | client id | scope | expires | uti | details |\n|---|---|---|---|---|---|---|---|---|\n';

function cell(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const escaped = replaceControlCharacters(value, ' ')

    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|!#~])/g, '\\$1');
  return escaped.length > 200 ? `${escaped.slice(0, 197)}...` : escaped;
}

function details(record: AuditRecord): string | undefined {
  if (record.outcome === 'ok')
    return record.policy === undefined
      ? undefined
      : `policy ${record.policy.ruleSet}${record.policy.rule === undefined ? '' : ` / ${record.policy.rule}`}`;
  const e = record.error;
  if (e === undefined) return undefined;
  const parts = [e.aadsts === undefined ? e.code : `AADSTS${e.aadsts}`];
  if (record.policy?.claim !== undefined) parts.push(`${record.policy.claim} = ${record.policy.value ?? '(missing)'}`);
  if (e.traceId !== undefined) parts.push(`trace ${e.traceId}`);
  if (e.correlationId !== undefined) parts.push(`correlation ${e.correlationId}`);
  return parts.join(', ');
}

export function auditMarkdownRow(record: AuditRecord): string {
  const cells = [
    record.time,
    record.outcome === 'ok' ? 'ok' : record.outcome,
    record.ciToken?.sub,
    record.tenantId,
    record.clientId,
    record.scope ?? record.requestedScopes?.join(' '),
    record.expiresOn,
    record.accessToken?.uti,
    details(record),
  ];
  return `| ${cells.map(cell).join(' | ')} |\n`;
}

/** A heading, the table header and one row per record. */
export function renderAuditMarkdown(records: readonly AuditRecord[]): string {
  return `### entra-federate\n\n${AUDIT_MARKDOWN_HEADER}${records.map(auditMarkdownRow).join('')}\n`;
}
