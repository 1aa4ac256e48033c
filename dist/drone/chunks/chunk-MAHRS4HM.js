import {
  shellQuote
} from "./chunk-G2IA36S4.js";

// src/doctor/suggest.ts
var GRAPH_HOSTS = {
  AzureCloud: "https://graph.microsoft.com",
  AzureUSGovernment: "https://graph.microsoft.us",
  AzureChinaCloud: "https://microsoftgraph.chinacloudapi.cn"
};
function ficName(provider, subject) {
  const slug = subject.replace(/^(repo|project_path):/, "").replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase();
  const name = `${provider ?? "ci"}-${slug}`.slice(0, 120).replace(/-+$/, "");
  return name.length >= 3 ? name : `${name}-fic`;
}
function escapeExpression(value) {
  return value.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
}
function suggestFic(claims, provider, audience, by = "suggested by entra-federate doctor") {
  const issuer = typeof claims["iss"] === "string" ? claims["iss"] : void 0;
  const subject = typeof claims["sub"] === "string" ? claims["sub"] : void 0;
  if (issuer === void 0 || subject === void 0) return void 0;
  const suggestion = {
    name: ficName(provider, subject),
    issuer,
    subject,
    audiences: [audience],
    description: `Created for ${subject} (${by})`.slice(0, 600)
  };
  const github = /^(repo:[^:]+):ref:refs\/heads\/.+$/.exec(subject);
  const gitlab = /^(project_path:.+:ref_type:branch):ref:.+$/.exec(subject);
  if (github !== null && provider === "github") {
    suggestion.flexible = {
      claimsMatchingExpression: `claims['sub'] matches '${escapeExpression(github[1] ?? "")}:ref:refs/heads/*'`,
      why: "any branch of this repository"
    };
  } else if (gitlab !== null && provider === "gitlab") {
    suggestion.flexible = {
      claimsMatchingExpression: `claims['sub'] matches '${escapeExpression(gitlab[1] ?? "")}:ref:*'`,
      why: "any branch of this project"
    };
  }
  if (provider === "circleci") {
    suggestion.caveat = "CircleCI subjects hold the id of the user who triggered the pipeline: this FIC matches only that user's runs. Each triggering user needs one (an app holds at most 20), and flexible FICs do not cover CircleCI; consider a dedicated app per project, or a certificate.";
  } else if (provider === "buildkite" || provider === "bitbucket") {
    suggestion.caveat = "This CI's default subject changes on every run (it holds a commit or step id), so no exact FIC matches the next run. Configure a stable subject claim in the CI if it allows, or use a certificate.";
  }
  return suggestion;
}
function body(s) {
  return { name: s.name, issuer: s.issuer, subject: s.subject, audiences: s.audiences, description: s.description };
}
function azCommand(s, clientId) {
  return `az ad app federated-credential create --id ${clientId} --parameters ${shellQuote(JSON.stringify(body(s)))}`;
}
function graphRequest(s, clientId, cloud) {
  return `POST ${GRAPH_HOSTS[cloud]}/v1.0/applications(appId='${clientId}')/federatedIdentityCredentials
Content-Type: application/json

${JSON.stringify(body(s), null, 2)}`;
}
function hcl(value) {
  return JSON.stringify(value).replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
}
function terraformBlock(s) {
  const id = s.name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
  return [
    `resource "azuread_application_federated_identity_credential" "${id}" {`,
    "  application_id = azuread_application.this.id # the application's resource id: /applications/<object-id>",
    `  display_name   = ${hcl(s.name)}`,
    `  description    = ${hcl(s.description)}`,
    `  issuer         = ${hcl(s.issuer)}`,
    `  subject        = ${hcl(s.subject)}`,
    `  audiences      = [${s.audiences.map(hcl).join(", ")}]`,
    "}"
  ].join("\n");
}
function flexibleRequest(s, cloud) {
  if (s.flexible === void 0) return void 0;
  const doc = {
    name: `${s.name.slice(0, 110)}-flexible`,
    issuer: s.issuer,
    subject: null,
    audiences: s.audiences,
    claimsMatchingExpression: { value: s.flexible.claimsMatchingExpression, languageVersion: 1 }
  };
  return `POST ${GRAPH_HOSTS[cloud]}/beta/applications/<object-id>/federatedIdentityCredentials
Content-Type: application/json

${JSON.stringify(doc, null, 2)}`;
}

export {
  suggestFic,
  azCommand,
  graphRequest,
  terraformBlock,
  flexibleRequest
};
