/**
 * `setup`'s report for a person: what was found or created, what was left alone and why, each
 * write (and with --dry-run, each write it would make as the request and as the az command),
 * then the snippet to paste and the doctor line. Ids only; never a token.
 */
import type { PlannedWrite, SetupReport, Status } from './run.js';
import type { Snippet } from './snippet.js';

const STATUS: Record<Status, string> = {
  found: 'found, kept',
  created: 'created',
  replaced: 'overwritten (--replace)',
  'would-create': 'would be created',
  'would-replace': 'would be overwritten (--replace)',
  conflict: 'CONFLICT, left alone',
  pending: 'not reached',
};

function describeTarget(report: SetupReport): string {
  const t = report.target;
  if (t.provider === 'generic') return `issuer ${t.issuer}, subject ${t.subject}`;
  const where = t.provider === 'github' ? `GitHub repository ${t.repository}` : `GitLab project ${t.repository}`;
  const what = t.kind === 'pull-request' ? 'pull requests' : `${t.kind} ${t.name}`;
  return `${where}, ${what}`;
}

function row(label: string, text: string): string {
  return `  ${label.padEnd(22)}${text}`;
}

const more = (text: string): string => `  ${''.padEnd(22)}${text}`;

export function renderWrite(w: PlannedWrite, index: number): string {
  const lines = [`  ${index}. ${w.what}`, `     ${w.method} ${w.url}`];
  if (w.body !== undefined) lines.push(`     ${JSON.stringify(w.body)}`);
  lines.push(`     ${w.az}`);
  return lines.join('\n');
}

export interface RenderExtras {
  snippet?: Snippet;
  doctor?: string;
  tenantId?: string;
}

export function renderReport(report: SetupReport, extras: RenderExtras): string {
  const out: string[] = [];
  out.push(
    `entra-federate setup${report.dryRun ? ' --dry-run' : ''}: ${describeTarget(report)}${report.dryRun ? ' (reads only; nothing was written)' : ''}`,
  );
  for (const note of report.notes) out.push(`  note: ${note}`);
  out.push('');
  const app = report.app;
  out.push(
    row(
      'application',
      `${app.displayName === undefined ? '' : `${JSON.stringify(app.displayName)} `}${STATUS[app.status]}`,
    ),
  );
  if (app.clientId !== undefined) out.push(more(`client id ${app.clientId}, object id ${app.objectId ?? '?'}`));
  if (extras.tenantId !== undefined) out.push(more(`tenant id ${extras.tenantId}`));
  const sp = report.servicePrincipal;
  out.push(
    row('service principal', `${STATUS[sp.status]}${sp.objectId === undefined ? '' : `, object id ${sp.objectId}`}`),
  );
  const fic = report.federatedCredential;
  out.push(row('federated credential', `${JSON.stringify(fic.name)} ${STATUS[fic.status]}`));
  out.push(more(`issuer    ${fic.issuer}`));
  out.push(more(`subject   ${fic.subject}`));
  out.push(more(`audience  ${fic.audiences.join(', ')}`));
  if (fic.reason !== undefined) out.push(more(fic.reason));
  for (const r of report.roleAssignments)
    out.push(row('role assignment', `${r.roleName ?? r.role} at ${r.scope}: ${STATUS[r.status]}`));
  if (report.roleAssignments.length === 0)
    out.push(row('role assignments', 'none asked for (--role NAME --role-scope ID)'));
  out.push('');

  if (report.dryRun) {
    if (report.writes.length === 0) out.push('Nothing to write: everything is in place.');
    else {
      out.push(
        `Writes it would make (${report.writes.length}), each as the request and as the Azure CLI command; run the az lines in order to make them by hand:`,
      );
      report.writes.forEach((w, i) => {
        out.push(renderWrite(w, i + 1));
      });
    }
  } else {
    const done = report.writes.filter((w) => w.done);
    out.push(
      done.length === 0
        ? 'Nothing written: everything was already in place.'
        : `Written: ${done.map((w) => w.what).join('; ')}.`,
    );
  }
  if (extras.snippet !== undefined) {
    out.push('');
    out.push(`Use it in ${extras.snippet.where}:`);
    out.push('');
    out.push(
      extras.snippet.text
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  }
  if (extras.doctor !== undefined) {
    out.push('');
    out.push("Check a job's token against what was set up (run it in the CI job; it prints claims, never the token):");
    out.push(`    ${extras.doctor}`);
  }
  return `${out.join('\n')}\n`;
}
