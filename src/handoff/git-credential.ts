/**
 * git's credential-helper protocol, as `entra-federate git-credential` speaks it: git runs the
 * helper with `get`, `store` or `erase` and writes `key=value` lines (protocol, host, path, ...)
 * ending with a blank line; for `get` the helper answers `username=` and `password=` lines, or
 * nothing, and git then asks the next helper or the user.
 * https://git-scm.com/docs/gitcredentials#_custom_helpers
 * https://git-scm.com/docs/git-credential#IOFMT
 *
 * Only Azure DevOps hosts are answered (dev.azure.com, *.visualstudio.com), plus loopback for
 * local tests: a token is never offered to any other host. Azure DevOps takes an Entra access
 * token as the password of Basic authentication, as Git Credential Manager sends it.
 */
import { isLoopbackHost } from '../core/options.js';

export const AZURE_DEVOPS_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';
export const GIT_USERNAME = 'entra-federate';

export interface CredentialRequest {
  protocol?: string;
  host?: string;
  path?: string;
}

const MAX_LINE = 8192;

export function parseCredentialRequest(text: string): CredentialRequest {
  const out: CredentialRequest = {};
  for (const line of text.split('\n')) {
    if (line === '') break;
    if (line.length > MAX_LINE) continue;
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replace(/\r$/, '');
    if (key === 'protocol' || key === 'host' || key === 'path') out[key] = value;
  }
  return out;
}

/** Hosts whose git requests get an Azure DevOps token; everything else falls through. */
export function servesGitHost(request: CredentialRequest): boolean {
  const host = (request.host ?? '').toLowerCase();
  const name = host.replace(/:\d+$/, '');
  if (request.protocol === 'https' && (name === 'dev.azure.com' || /^[a-z0-9-]+\.visualstudio\.com$/.test(name)))
    return true;
  // Local tests only: plain http is acceptable on loopback, nowhere else.
  return (request.protocol === 'http' || request.protocol === 'https') && isLoopbackHost(name);
}

/** git's answer; a value with a newline or NUL would let a token inject lines, so none is written. */
export function credentialAnswer(password: string): string {
  if (/[\n\0]/.test(password)) return '';
  return `username=${GIT_USERNAME}\npassword=${password}\n`;
}
