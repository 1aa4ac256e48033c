/**
 * A failed step as the runner shows it: one `::error::` annotation holding what happened,
 * the fields support needs (code, the CI token's iss/sub/aud, trace and correlation ids) and
 * what to change. Remedies are written for the CLI's flags; here they name the inputs.
 */
import type { FederationError } from '../../core/errors.js';
import { renderError } from '../shared/render.js';

const INPUT_FOR_FLAG: Readonly<Record<string, string>> = {
  'client-id': 'client-id',
  'tenant-id': 'tenant-id',
  scope: 'scopes',
  audience: 'audience',
  cloud: 'cloud',
  'authority-host': 'authority-host',
  timeout: 'timeout-seconds',
  export: 'export',
  policy: 'policy',
  'audit-log': 'audit-log',
};

/** `--scope` becomes `scopes`: the Action's user sets inputs, not flags. */
export function inActionTerms(text: string): string {
  return text.replace(/--([a-z][a-z-]*[a-z])/g, (flag, name: string) => {
    const input = INPUT_FOR_FLAG[name];
    return input === undefined ? flag : `\`${input}\``;
  });
}

/** The annotation's text (several lines; the runner command escapes the line breaks). */
export function failureText(err: FederationError): string {
  return renderError(err, inActionTerms).replace(/\n$/, '');
}

/** The causes behind an error (network failures, file system codes), for debug logging only. */
export function causeChain(err: unknown): string[] {
  const out: string[] = [];
  let current: unknown = err instanceof Error ? err.cause : undefined;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    const message = current instanceof Error ? current.message : String(current);
    out.push(typeof code === 'string' ? `${message} (${code})` : message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return out;
}
