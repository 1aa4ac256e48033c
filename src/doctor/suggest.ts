/**
 * The federated credential that would match a CI token, printed the three ways people create
 * one (Azure CLI, Microsoft Graph, Terraform), plus a flexible FIC where Entra supports them.
 */
import type { JwtClaims } from '../core/jwt.js';
import type { CloudName } from '../core/options.js';
import { shellQuote } from '../core/text.js';

export interface FicSuggestion {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string;
  /** For GitHub and GitLab branch subjects: one FIC for any branch (Graph beta only). */
  flexible?: { claimsMatchingExpression: string; why: string };
  /** CircleCI and other per-user or per-run subjects: why one exact FIC is not enough. */
  caveat?: string;
}

const GRAPH_HOSTS: Record<CloudName, string> = {
  AzureCloud: 'https://graph.microsoft.com',
  AzureUSGovernment: 'https://graph.microsoft.us',
  AzureChinaCloud: 'https://microsoftgraph.chinacloudapi.cn',
};

export function graphHost(cloud: CloudName): string {
  return GRAPH_HOSTS[cloud];
}

/** FIC names: 3-120 characters, URL-friendly. */
export function ficName(provider: string | undefined, subject: string): string {
  const slug = subject
    .replace(/^(repo|project_path):/, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  const name = `${provider ?? 'ci'}-${slug}`.slice(0, 120).replace(/-+$/, '');
  return name.length >= 3 ? name : `${name}-fic`;
}

function escapeExpression(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

export function suggestFic(
  claims: JwtClaims,
  provider: string | undefined,
  audience: string,
): FicSuggestion | undefined {
  const issuer = typeof claims['iss'] === 'string' ? claims['iss'] : undefined;
  const subject = typeof claims['sub'] === 'string' ? claims['sub'] : undefined;
  if (issuer === undefined || subject === undefined) return undefined;
  const suggestion: FicSuggestion = {
    name: ficName(provider, subject),
    issuer,
    subject,
    audiences: [audience],
    description: `Created for ${subject} (suggested by entra-federate doctor)`.slice(0, 600),
  };
  const github = /^(repo:[^:]+):ref:refs\/heads\/.+$/.exec(subject);
  const gitlab = /^(project_path:.+:ref_type:branch):ref:.+$/.exec(subject);
  if (github !== null && provider === 'github') {
    suggestion.flexible = {
      claimsMatchingExpression: `claims['sub'] matches '${escapeExpression(github[1] ?? '')}:ref:refs/heads/*'`,
      why: 'any branch of this repository',
    };
  } else if (gitlab !== null && provider === 'gitlab') {
    suggestion.flexible = {
      claimsMatchingExpression: `claims['sub'] matches '${escapeExpression(gitlab[1] ?? '')}:ref:*'`,
      why: 'any branch of this project',
    };
  }
  if (provider === 'circleci') {
    suggestion.caveat =
      "CircleCI subjects hold the id of the user who triggered the pipeline: this FIC matches only that user's runs. Each triggering user needs one (an app holds at most 20), and flexible FICs do not cover CircleCI; consider a dedicated app per project, or a certificate.";
  } else if (provider === 'buildkite' || provider === 'bitbucket') {
    suggestion.caveat =
      "This CI's default subject changes on every run (it holds a commit or step id), so no exact FIC matches the next run. Configure a stable subject claim in the CI if it allows, or use a certificate.";
  }
  return suggestion;
}

function body(s: FicSuggestion): Record<string, unknown> {
  return { name: s.name, issuer: s.issuer, subject: s.subject, audiences: s.audiences, description: s.description };
}

export function azCommand(s: FicSuggestion, clientId: string): string {
  return `az ad app federated-credential create --id ${clientId} --parameters ${shellQuote(JSON.stringify(body(s)))}`;
}

export function graphRequest(s: FicSuggestion, clientId: string, cloud: CloudName): string {
  return `POST ${GRAPH_HOSTS[cloud]}/v1.0/applications(appId='${clientId}')/federatedIdentityCredentials\nContent-Type: application/json\n\n${JSON.stringify(body(s), null, 2)}`;
}

function hcl(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{');
}

export function terraformBlock(s: FicSuggestion): string {
  const id = s.name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
  return [
    `resource "azuread_application_federated_identity_credential" "${id}" {`,
    "  application_id = azuread_application.this.id # the application's resource id: /applications/<object-id>",
    `  display_name   = ${hcl(s.name)}`,
    `  description    = ${hcl(s.description)}`,
    `  issuer         = ${hcl(s.issuer)}`,
    `  subject        = ${hcl(s.subject)}`,
    `  audiences      = [${s.audiences.map(hcl).join(', ')}]`,
    '}',
  ].join('\n');
}

export function flexibleRequest(s: FicSuggestion, cloud: CloudName): string | undefined {
  if (s.flexible === undefined) return undefined;
  const doc = {
    name: `${s.name.slice(0, 110)}-flexible`,
    issuer: s.issuer,
    subject: null,
    audiences: s.audiences,
    claimsMatchingExpression: { value: s.flexible.claimsMatchingExpression, languageVersion: 1 },
  };
  return `POST ${GRAPH_HOSTS[cloud]}/beta/applications/<object-id>/federatedIdentityCredentials\nContent-Type: application/json\n\n${JSON.stringify(doc, null, 2)}`;
}
