import {
  CLOUDS,
  FederationError,
  MAX_JWT_LENGTH,
  audienceClaim,
  createNodeHttpClient,
  hasControlCharacter,
  isoTime,
  login,
  numericClaim,
  proxyConfigFrom,
  quote,
  resolveOptions,
  shellQuote,
  splitList,
  stringClaim,
  systemClock,
  usageError,
  validateTimeout
} from "./chunks/chunk-VYXET5Q4.js";
import "./chunks/chunk-F7M5GUK3.js";

// src/ci/subjects.ts
var SUBJECT_FORMATS = {
  github: {
    provider: "github",
    formats: [
      "repo:<owner>/<repo>:environment:<name>",
      "repo:<owner>/<repo>:pull_request",
      "repo:<owner>/<repo>:ref:refs/heads/<branch>",
      "repo:<owner>/<repo>:ref:refs/tags/<tag>"
    ],
    flexibleFic: true,
    stability: "stable",
    notes: [
      "An environment wins over the ref; pull_request events get the pull_request form.",
      "Organizations can replace the template (include_claim_keys); newer repositories may use repo:<owner>@<owner_id>/<repo>@<repo_id>."
    ]
  },
  gitlab: {
    provider: "gitlab",
    formats: ["project_path:<group>/<project>:ref_type:<branch|tag>:ref:<ref>"],
    flexibleFic: true,
    stability: "stable",
    notes: [
      "Projects can change the components (ci_id_token_sub_claim_components, e.g. project_id first).",
      "The audience is whatever id_tokens: aud: says."
    ]
  },
  circleci: {
    provider: "circleci",
    formats: [
      "org/<org_id>/project/<project_id>/user/<user_id>/vcs-origin/<vcs_origin>/vcs-ref/<vcs_ref>",
      "org/<org_id>/project/<project_id>/user/<user_id>"
    ],
    flexibleFic: false,
    stability: "per-user",
    notes: [
      "The subject holds the id of the user who triggered the pipeline: each such user needs an exact FIC, and an app holds at most 20.",
      "CIRCLE_OIDC_TOKEN (v1) and custom-webhook pipelines use the short form; the issuer is https://oidc.circleci.com/org/<org_id> and the default audience is the org id."
    ]
  },
  buildkite: {
    provider: "buildkite",
    formats: ["organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<step_key>"],
    flexibleFic: false,
    stability: "per-run",
    notes: [
      "The default subject holds the commit SHA, so no exact FIC matches two commits; newer agents can choose an immutable claim as the subject (buildkite-agent oidc request-token --subject-claim, e.g. pipeline_id)."
    ]
  },
  bitbucket: {
    provider: "bitbucket",
    formats: ["<repository_uuid>:<step_uuid>", "<repository_uuid>:<environment_uuid>:<step_uuid>"],
    flexibleFic: false,
    stability: "per-run",
    notes: [
      "Reported to hold the step UUID, which changes every run (exact format unconfirmed): exact FICs cannot match it."
    ]
  },
  "azure-pipelines": {
    provider: "azure-pipelines",
    formats: ["sc://<organization>/<project>/<service_connection>"],
    flexibleFic: false,
    stability: "stable",
    notes: [
      "Azure DevOps creates the FIC with the service connection; the issuer is https://vstoken.dev.azure.com/<org_id> (moving to an Entra issuer)."
    ]
  },
  harness: {
    provider: "harness",
    formats: ["pipeline:<pipeline_id>"],
    flexibleFic: false,
    stability: "stable",
    notes: [
      "Format from the drone-azure-oidc plugin README; the issuer is https://app.harness.io/ng/api/oidc/account/<account_id>."
    ]
  }
};
function str(claims, name) {
  const value = claims[name];
  return typeof value === "string" ? value : void 0;
}
function issuingCi(claims) {
  const iss = str(claims, "iss") ?? "";
  const sub = str(claims, "sub") ?? "";
  if (iss.startsWith("https://token.actions.githubusercontent.com") || iss.endsWith("/_services/token") || "job_workflow_ref" in claims)
    return "github";
  if ("project_path" in claims && "ref_type" in claims && "pipeline_id" in claims) return "gitlab";
  if (iss.startsWith("https://oidc.circleci.com") || "oidc.circleci.com/org-id" in claims) return "circleci";
  if (iss === "https://agent.buildkite.com" || "organization_slug" in claims && "pipeline_slug" in claims)
    return "buildkite";
  if (/\/pipelines-config\/identity\/oidc$/.test(iss) || "stepUuid" in claims && "repositoryUuid" in claims)
    return "bitbucket";
  if (iss.startsWith("https://vstoken.dev.azure.com/") || sub.startsWith("sc://")) return "azure-pipelines";
  if (iss.includes("/ng/api/oidc/account/")) return "harness";
  return void 0;
}
function keyed(sub, keys) {
  const out = {};
  let rest = sub;
  for (const [i, key] of keys.entries()) {
    if (!rest.startsWith(`${key}:`)) return i === 0 ? void 0 : out;
    rest = rest.slice(key.length + 1);
    const next = keys[i + 1];
    const end = next === void 0 ? -1 : rest.indexOf(`:${next}:`);
    out[key] = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? "" : rest.slice(end + 1);
  }
  return out;
}
function explain(provider, sub) {
  switch (provider) {
    case "gitlab":
      return keyed(sub, ["project_path", "ref_type", "ref"]);
    case "buildkite":
      return keyed(sub, ["organization", "pipeline", "ref", "commit", "step"]);
    case "circleci": {
      const m = /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(?:\/vcs-origin\/(.+)\/vcs-ref\/(.+))?$/.exec(sub);
      if (m === null) return void 0;
      const parts = { org: m[1] ?? "", project: m[2] ?? "", user: m[3] ?? "" };
      if (m[4] !== void 0 && m[5] !== void 0) Object.assign(parts, { "vcs-origin": m[4], "vcs-ref": m[5] });
      return parts;
    }
    case "github": {
      const m = /^repo:([^:]+):(.+)$/.exec(sub);
      return m === null ? void 0 : { repo: m[1] ?? "", context: m[2] ?? "" };
    }
    default:
      return void 0;
  }
}
function subjectHints(claims) {
  const provider = issuingCi(claims);
  const format = provider === void 0 ? void 0 : SUBJECT_FORMATS[provider];
  if (provider === void 0 || format === void 0) return void 0;
  const sub = str(claims, "sub");
  const hints = { ...format };
  if (sub !== void 0) {
    hints.subject = sub;
    const parts = explain(provider, sub);
    if (parts !== void 0) hints.parts = parts;
  }
  return hints;
}

// src/doctor/compare.ts
var GITHUB_CONTEXT = /^(environment:[^:]+|pull_request|ref:refs\/(?:heads|tags)\/[^:]+)$/;
function check(field, token, fic, verdict, explanation, aadsts) {
  return { field, token, fic, verdict, explanation, ...aadsts === void 0 ? {} : { aadsts } };
}
function compareIssuer(token, fic) {
  if (token === fic) return check("issuer", token, fic, "equal", "Equal.");
  if (token.replace(/\/+$/, "") === fic.replace(/\/+$/, "")) {
    return check(
      "issuer",
      token,
      fic,
      "trailing-slash",
      `Differ only by a trailing slash. Set the FIC issuer to exactly ${token} (as the token says it).`,
      700211
    );
  }
  if (token.toLowerCase() === fic.toLowerCase()) {
    return check(
      "issuer",
      token,
      fic,
      "case-only",
      `Differ only in letter case; issuers are compared case-sensitively. Use ${token}.`,
      700211
    );
  }
  const gh = "https://token.actions.githubusercontent.com";
  if (token.startsWith(`${gh}/`) && fic.replace(/\/+$/, "") === gh || fic.startsWith(`${gh}/`) && token.replace(/\/+$/, "") === gh) {
    return check(
      "issuer",
      token,
      fic,
      "enterprise-issuer",
      "One side uses the GitHub Enterprise Cloud unique issuer (\u2026/<enterprise-slug>) and the other the standard one. The FIC must hold the issuer the token carries, which the enterprise's OIDC setting (include_enterprise_slug) decides.",
      700211
    );
  }
  return check(
    "issuer",
    token,
    fic,
    "different",
    `Different issuers: the FIC trusts ${fic} but this token comes from ${token}.`,
    700211
  );
}
function cloudOfAudience(aud2) {
  return Object.entries(CLOUDS).find(([, info]) => info.audience === aud2)?.[0];
}
function compareAudience(tokenAud, ficAudiences, issuer) {
  const tokenList = tokenAud === void 0 ? [] : Array.isArray(tokenAud) ? tokenAud : [tokenAud];
  const token = tokenList.join(", ");
  const fic = ficAudiences[0] ?? "";
  if (fic !== "" && tokenList.includes(fic)) return check("audience", token, fic, "equal", "Equal.");
  if (fic !== "" && tokenList.some((a) => a.toLowerCase() === fic.toLowerCase())) {
    return check(
      "audience",
      token,
      fic,
      "case-only",
      "Differ only in letter case; audiences are compared case-sensitively.",
      700212
    );
  }
  const tokenCloud = tokenList.map(cloudOfAudience).find((c) => c !== void 0);
  const ficCloud = cloudOfAudience(fic);
  if (tokenCloud !== void 0 && ficCloud !== void 0) {
    return check(
      "audience",
      token,
      fic,
      "other-cloud-audience",
      `The token was requested for ${tokenCloud}'s audience but the FIC holds ${ficCloud}'s. Pass --cloud ${ficCloud} (or --audience ${fic}), or fix the FIC.`,
      700212
    );
  }
  const orgId = /^https:\/\/oidc\.circleci\.com\/org\/([^/]+)$/.exec(issuer ?? "")?.[1];
  if (orgId !== void 0 && tokenList.includes(orgId)) {
    return check(
      "audience",
      token,
      fic,
      "circleci-org-audience",
      `CircleCI's default audience is the organization id. entra-federate mints a token with audience ${fic} through \`circleci run oidc get\` when the CircleCI CLI is on the path; otherwise set the FIC audience to ${orgId}.`,
      700212
    );
  }
  return check(
    "audience",
    token,
    fic,
    "different",
    `The token's audience is ${token || "(none)"} but the FIC holds ${fic}. Request the token with --audience ${fic}, or change the FIC.`,
    700212
  );
}
function githubParts(sub) {
  const m = /^repo:([^:]+\/[^:]+):(.+)$/.exec(sub);
  return m === null ? void 0 : { repo: m[1] ?? "", context: m[2] ?? "" };
}
var stripIds = (repo) => repo.replace(/@\d+/g, "");
var isImmutable = (repo) => /@\d+\/[^/]+@\d+$/.test(repo);
function kindOf(context) {
  if (context.startsWith("environment:")) return "environment";
  if (context === "pull_request" || context === "pull-request") return "pull_request";
  if (context.startsWith("ref:refs/heads/")) return "branch";
  if (context.startsWith("ref:refs/tags/")) return "tag";
  return "other";
}
function githubSubject(token, fic) {
  const t = githubParts(token);
  const f = githubParts(fic);
  if (t === void 0 && f !== void 0 && /(^|:)(job_workflow_ref|repository_owner|repository|workflow|context|environment|ref):/.test(token)) {
    return check(
      "subject",
      token,
      fic,
      "custom-template",
      "This token's subject follows a custom template (the organization or repository set include_claim_keys), not repo:<owner>/<repo>:\u2026. The FIC must hold the custom form, or reset the template with use_default: true.",
      700213
    );
  }
  if (t === void 0 || f === void 0) return void 0;
  if (!GITHUB_CONTEXT.test(t.context) && GITHUB_CONTEXT.test(f.context)) {
    return check(
      "subject",
      token,
      fic,
      "custom-template",
      "The subject starts like the default but carries extra claims (a custom template with keys such as repo, context, job_workflow_ref). The FIC must hold the whole custom subject.",
      700213
    );
  }
  if (t.repo !== f.repo) {
    if (stripIds(t.repo) === stripIds(f.repo)) {
      return isImmutable(t.repo) ? check(
        "subject",
        token,
        fic,
        "immutable-vs-name",
        "GitHub issues the immutable form repo:<owner>@<owner_id>/<repo>@<repo_id> for this repository (created or renamed after 2026-07-15, or opted in), but the FIC holds the name form. Put the id form in the FIC.",
        700213
      ) : check(
        "subject",
        token,
        fic,
        "name-vs-immutable",
        "The FIC holds the immutable owner@id/repo@id form (the Azure portal now generates it) but this repository's tokens use the name form. Opt the repository in to immutable subjects, or use the name form in the FIC.",
        700213
      );
    }
    if (t.repo.toLowerCase() !== f.repo.toLowerCase()) {
      return check(
        "subject",
        token,
        fic,
        "other-repository",
        `The FIC is for repository ${f.repo}, this token for ${t.repo}.`,
        700213
      );
    }
  }
  const tk = kindOf(t.context);
  const fk = kindOf(f.context);
  if (t.context === f.context) return void 0;
  const envName = t.context.slice("environment:".length);
  if (tk === "environment" && fk === "branch")
    return check(
      "subject",
      token,
      fic,
      "environment-vs-branch",
      `The job references the environment "${envName}", so GitHub puts environment:${envName} in the subject instead of the branch. Add a FIC for the environment subject (it is the stronger boundary), or drop environment: from the job.`,
      700213
    );
  if (tk === "branch" && fk === "environment")
    return check(
      "subject",
      token,
      fic,
      "branch-vs-environment",
      `The FIC expects a job in the environment "${f.context.slice("environment:".length)}", but this job references no environment. Add \`environment: ${f.context.slice("environment:".length)}\` to the job.`,
      700213
    );
  if (tk === "pull_request" && fk !== "pull_request")
    return check(
      "subject",
      token,
      fic,
      "pull-request-vs-branch",
      "pull_request events always get the subject repo:<owner>/<repo>:pull_request, whatever the branch. Add a FIC with that subject if pull requests should have access (forks never get a token).",
      700213
    );
  if ((tk === "branch" || tk === "tag") && fk === "pull_request")
    return check(
      "subject",
      token,
      fic,
      "branch-vs-pull-request",
      `The FIC is for pull_request events, but this run's subject is ${t.context}.`,
      700213
    );
  if (tk === "tag" && fk === "branch")
    return check(
      "subject",
      token,
      fic,
      "tag-vs-branch",
      `This run is for the tag ${t.context.slice("ref:refs/tags/".length)}, but the FIC names a branch. Add a FIC for the tag subject (or a flexible FIC for refs/tags/*).`,
      700213
    );
  if (tk === "branch" && fk === "tag")
    return check(
      "subject",
      token,
      fic,
      "branch-vs-tag",
      `This run is for the branch ${t.context.slice("ref:refs/heads/".length)}, but the FIC names a tag.`,
      700213
    );
  if (tk === "branch" && fk === "branch" && t.context.toLowerCase() !== f.context.toLowerCase())
    return check(
      "subject",
      token,
      fic,
      "other-branch",
      `The FIC is for the branch ${f.context.slice("ref:refs/heads/".length)}, this run for ${t.context.slice("ref:refs/heads/".length)}.`,
      700213
    );
  if (tk === "environment" && fk === "environment" && t.context.toLowerCase() !== f.context.toLowerCase())
    return check(
      "subject",
      token,
      fic,
      "other-environment",
      `The FIC is for the environment ${f.context.slice("environment:".length)}, this job runs in ${envName}.`,
      700213
    );
  if (tk !== fk && tk !== "other" && fk !== "other") {
    const describeKind = (k, ctx) => k === "environment" ? `the environment ${ctx.slice("environment:".length)}` : k === "pull_request" ? "pull_request events" : `the ${k} ${ctx.replace(/^ref:refs\/(heads|tags)\//, "")}`;
    return check(
      "subject",
      token,
      fic,
      "other-kind",
      `The FIC is for ${describeKind(fk, f.context)}, but this run's subject is for ${describeKind(tk, t.context)}.${f.context === "pull-request" ? " (The FIC also spells pull-request with a hyphen; GitHub sends pull_request.)" : ""}`,
      700213
    );
  }
  return void 0;
}
function gitlabParts(sub) {
  const m = /^project_path:(.+):ref_type:(branch|tag):ref:(.+)$/.exec(sub);
  return m === null ? void 0 : { project: m[1] ?? "", refType: m[2] ?? "", ref: m[3] ?? "" };
}
function gitlabSubject(token, fic) {
  const t = gitlabParts(token);
  const f = gitlabParts(fic);
  if (f !== void 0 && t === void 0 && /^(project_id|namespace_id|project_path|ref_type|ref|environment|user_id):/.test(token)) {
    return check(
      "subject",
      token,
      fic,
      "gitlab-custom-components",
      "This project customised its subject (ci_id_token_sub_claim_components, e.g. project_id first). The FIC must hold the custom form.",
      700213
    );
  }
  if (t === void 0 || f === void 0) return void 0;
  if (t["project"] !== f["project"] && t["project"]?.toLowerCase() !== f["project"]?.toLowerCase())
    return check(
      "subject",
      token,
      fic,
      "other-repository",
      `The FIC is for project ${f["project"]}, this token for ${t["project"]}.`,
      700213
    );
  if (t["refType"] !== f["refType"])
    return check(
      "subject",
      token,
      fic,
      "gitlab-ref-type",
      `This pipeline runs for a ${t["refType"]} but the FIC names a ${f["refType"]} (ref_type:${f["refType"]}).`,
      700213
    );
  if (t["ref"] !== f["ref"] && t["ref"]?.toLowerCase() !== f["ref"]?.toLowerCase())
    return check(
      "subject",
      token,
      fic,
      "gitlab-other-ref",
      `The FIC is for ${f["refType"]} ${f["ref"]}, this pipeline for ${t["ref"]}.`,
      700213
    );
  return void 0;
}
function circleciSubject(token, fic) {
  const re = /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(\/vcs-origin\/.+)?$/;
  const t = re.exec(token);
  const f = re.exec(fic);
  if (t === null || f === null) return void 0;
  if (t[1] === f[1] && t[2] === f[2] && t[3] !== f[3]) {
    return check(
      "subject",
      token,
      fic,
      "circleci-other-user",
      `CircleCI subjects hold the id of the user who triggered the pipeline: this run was triggered by ${t[3]}, the FIC names ${f[3]}. Each triggering user needs an exact FIC (at most 20 per app; flexible FICs do not cover CircleCI).`,
      700213
    );
  }
  if (t[1] === f[1] && t[2] === f[2] && t[3] === f[3] && t[4] === void 0 !== (f[4] === void 0)) {
    return check(
      "subject",
      token,
      fic,
      "circleci-token-version",
      "One side uses the v2 subject (with /vcs-origin/\u2026/vcs-ref/\u2026) and the other the v1 form. CIRCLE_OIDC_TOKEN_V2 carries the long form, CIRCLE_OIDC_TOKEN the short one.",
      700213
    );
  }
  return void 0;
}
function compareSubject(token, fic) {
  if (token === fic) return check("subject", token, fic, "equal", "Equal.");
  if (fic.includes(":pull-request") && fic.replace(":pull-request", ":pull_request") === token) {
    return check(
      "subject",
      token,
      fic,
      "pull-request-hyphen",
      "The FIC says pull-request (a typo found in Microsoft's documentation); GitHub sends pull_request with an underscore.",
      700213
    );
  }
  const specific = githubSubject(token, fic) ?? gitlabSubject(token, fic) ?? circleciSubject(token, fic);
  if (specific !== void 0) return specific;
  if (token.toLowerCase() === fic.toLowerCase()) {
    return check(
      "subject",
      token,
      fic,
      "case-only",
      "Differ only in letter case (organisation, repository or environment names); subjects are compared case-sensitively since 2024. Copy the subject exactly as the token has it.",
      7002138
    );
  }
  return check(
    "subject",
    token,
    fic,
    "different",
    "Different subjects; the FIC must hold the token's subject exactly.",
    700213
  );
}

// src/doctor/fic.ts
function wildcard(pattern) {
  const body2 = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body2}$`, "s");
}
function matchesExpression(expression, claims) {
  const terms = expression.split(/\s+and\s+/i);
  for (const term of terms) {
    const m = /^\s*claims\[\s*'([^']+)'\s*\]\s+(matches|eq)\s+'((?:[^'\\]|\\.)*)'\s*$/i.exec(term);
    if (m === null) return void 0;
    const value = claims[m[1] ?? ""];
    if (typeof value !== "string") return false;
    const operand = (m[3] ?? "").replace(/\\(.)/g, "$1");
    const ok = (m[2] ?? "").toLowerCase() === "eq" ? value === operand : wildcard(operand).test(value);
    if (!ok) return false;
  }
  return true;
}

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
function suggestFic(claims, provider, audience) {
  const issuer = typeof claims["iss"] === "string" ? claims["iss"] : void 0;
  const subject = typeof claims["sub"] === "string" ? claims["sub"] : void 0;
  if (issuer === void 0 || subject === void 0) return void 0;
  const suggestion = {
    name: ficName(provider, subject),
    issuer,
    subject,
    audiences: [audience],
    description: `Created for ${subject} (suggested by entra-federate doctor)`.slice(0, 600)
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

// src/doctor/diagnose.ts
var SUBJECT_CLAIMS = {
  github: [
    "repository",
    "repository_owner",
    "repository_id",
    "repository_owner_id",
    "environment",
    "event_name",
    "ref",
    "ref_type",
    "job_workflow_ref"
  ],
  gitlab: [
    "project_path",
    "project_id",
    "namespace_path",
    "ref_type",
    "ref",
    "ref_protected",
    "environment",
    "pipeline_source",
    "user_id"
  ],
  circleci: [
    "oidc.circleci.com/org-id",
    "oidc.circleci.com/project-id",
    "oidc.circleci.com/vcs-origin",
    "oidc.circleci.com/vcs-ref",
    "oidc.circleci.com/context-ids"
  ]
};
function timeCheck(claims, now, skew) {
  const exp = numericClaim(claims, "exp");
  const nbf = numericClaim(claims, "nbf") ?? numericClaim(claims, "iat");
  const nowSec = now / 1e3;
  if (exp === void 0)
    return { verdict: "no-expiry", explanation: "The token has no exp claim; Entra rejects it.", aadsts: 50027 };
  if (exp <= nowSec - skew) {
    return {
      verdict: "expired",
      explanation: `Expired ${Math.round(nowSec - exp)} s ago (at ${new Date(exp * 1e3).toISOString()}). CI tokens live minutes: request a fresh one right before the exchange, and check the runner's clock.`,
      aadsts: 700024
    };
  }
  if (nbf !== void 0 && nbf > nowSec + skew) {
    return {
      verdict: "not-yet-valid",
      explanation: `Not valid until ${Math.round(nbf - nowSec)} s from now: this machine's clock is behind the CI's. Sync the clock (NTP).`,
      aadsts: 700024
    };
  }
  return { verdict: "valid", explanation: `Valid for another ${Math.round(exp - nowSec)} s.` };
}
function compareFic(fic, claims) {
  const iss = stringClaim(claims, "iss") ?? "";
  const sub = stringClaim(claims, "sub") ?? "";
  const checks = [];
  if (fic.issuer !== void 0) checks.push(compareIssuer(iss, fic.issuer));
  if (fic.claimsMatchingExpression !== void 0) {
    const ok = matchesExpression(fic.claimsMatchingExpression, claims);
    checks.push({
      field: "subject",
      token: sub,
      fic: fic.claimsMatchingExpression,
      verdict: ok === true ? "matches-expression" : ok === void 0 ? "not-checked" : "different",
      explanation: ok === true ? "Matches the flexible expression." : ok === void 0 ? "This expression uses syntax the doctor does not evaluate; Entra decides." : "The token's claims do not match the flexible expression.",
      ...ok === false ? { aadsts: 700213 } : {}
    });
  } else if (fic.subject !== void 0) {
    checks.push(compareSubject(sub, fic.subject));
  }
  if (fic.audiences !== void 0) checks.push(compareAudience(audienceClaim(claims), fic.audiences, iss));
  const matches = checks.length > 0 && checks.every((c) => c.verdict === "equal" || c.verdict === "matches-expression" || c.verdict === "not-checked");
  return { fic, checks, matches };
}
var DISTANCE = {
  equal: 0,
  "matches-expression": 0,
  "not-checked": 0,
  "case-only": 1,
  "trailing-slash": 1,
  "pull-request-hyphen": 1,
  "other-repository": 8,
  different: 8
};
function rank(c) {
  return c.checks.reduce(
    (sum, x) => sum + (DISTANCE[x.verdict] ?? 3) + (x.field === "issuer" && x.verdict !== "equal" ? 2 : 0),
    0
  );
}
function observe(claims, provider, opts) {
  const out = [];
  const aud2 = audienceClaim(claims);
  const auds = aud2 === void 0 ? [] : Array.isArray(aud2) ? aud2 : [aud2];
  if (!auds.includes(opts.audience)) {
    const cloud = Object.keys(CLOUDS).find((c) => auds.includes(CLOUDS[c].audience));
    out.push(
      cloud !== void 0 && cloud !== opts.cloud ? `The token's audience is ${cloud}'s (${CLOUDS[cloud].audience}) but this run targets ${opts.cloud} (${opts.audience}).` : `The token's audience (${auds.join(", ") || "none"}) is not the one this run asks for (${opts.audience}); the FIC must hold the token's.`
    );
  }
  const sub = stringClaim(claims, "sub") ?? "";
  if (provider === "github") {
    if (/^repo:[^:]+@\d+\/[^:]+@\d+:/.test(sub))
      out.push("The subject uses GitHub's immutable form (owner@id/repo@id): FICs written with names do not match it.");
    else if (!sub.startsWith("repo:"))
      out.push(
        "The subject does not start with repo:: a custom subject template (include_claim_keys) is in use for this organization or repository."
      );
    const env = stringClaim(claims, "environment");
    if (env !== void 0 && !sub.includes(":environment:"))
      out.push(`The job runs in the environment "${env}" but the subject does not name it (custom template).`);
    const iss = stringClaim(claims, "iss") ?? "";
    if (iss !== "https://token.actions.githubusercontent.com" && iss.startsWith("https://"))
      out.push(
        `The issuer is ${iss}: a GitHub Enterprise Server, GHE.com or enterprise-slug issuer. The FIC must hold it exactly, and Entra must reach its /.well-known/openid-configuration (AADSTS501661 otherwise).`
      );
  }
  if (provider === "gitlab" && !sub.startsWith("project_path:"))
    out.push("The subject does not start with project_path:: the project customised its subject components.");
  if (provider === "circleci")
    out.push("CircleCI subjects name the user who triggered the pipeline: runs by other users present other subjects.");
  const hints = provider === void 0 ? void 0 : subjectHints(claims);
  if (hints !== void 0 && hints.stability === "per-run")
    out.push(`${provider}'s default subject changes on every run; an exact FIC cannot match the next one.`);
  return out;
}
function diagnose(claims, fics, opts) {
  const provider = issuingCi(claims);
  const skew = opts.skewSeconds ?? 60;
  const time = timeCheck(claims, opts.now, skew);
  const comparisons = fics.map((fic) => compareFic(fic, claims)).sort((a, b) => rank(a) - rank(b));
  const subjectClaims = {};
  for (const name of SUBJECT_CLAIMS[provider ?? ""] ?? []) {
    const value = claims[name];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      subjectClaims[name] = String(value);
  }
  const summary = {};
  const iss = stringClaim(claims, "iss");
  const sub = stringClaim(claims, "sub");
  const aud2 = audienceClaim(claims);
  if (iss !== void 0) summary.iss = iss;
  if (sub !== void 0) summary.sub = sub;
  if (aud2 !== void 0) summary.aud = aud2;
  for (const name of ["exp", "iat", "nbf"]) {
    const v = numericClaim(claims, name);
    if (v !== void 0) summary[name] = v;
  }
  const tokenAud = Array.isArray(aud2) ? aud2[0] : aud2;
  const suggestion = suggestFic(claims, provider, tokenAud ?? opts.audience);
  const diagnosis = {
    claims: summary,
    subjectClaims,
    time,
    comparisons,
    compared: fics.length > 0,
    ok: time.verdict === "valid" && (fics.length === 0 || comparisons.some((c) => c.matches)),
    observations: observe(claims, provider, opts)
  };
  if (provider !== void 0) diagnosis.provider = provider;
  if (suggestion !== void 0) diagnosis.suggestion = suggestion;
  return diagnosis;
}

// src/doctor/explain.ts
var EXPLAINABLE_AADSTS = /* @__PURE__ */ new Set([70021, 700211, 700212, 700213, 7002138, 70025, 700024]);
function explainFailure(err, ctx) {
  if (err.aadsts === void 0 || !EXPLAINABLE_AADSTS.has(err.aadsts) || err.claims === void 0) return void 0;
  const d = diagnose(err.claims, ctx.fics ?? [], { now: ctx.now, audience: ctx.audience, cloud: ctx.cloud });
  d.ok = false;
  return d;
}
function failureReading(err, now) {
  const request = err.request;
  if (request === void 0) return void 0;
  const diagnosis = explainFailure(err, { cloud: request.cloud, audience: request.audience, now });
  return diagnosis === void 0 ? void 0 : { diagnosis, ctx: { cloud: request.cloud, clientId: request.clientId } };
}

// src/doctor/render.ts
function when(epochSeconds) {
  return epochSeconds === void 0 ? "(none)" : isoTime(epochSeconds * 1e3);
}
function aud(value) {
  return value === void 0 ? "(none)" : Array.isArray(value) ? value.join(", ") : value;
}
function table(rows, indent = "  ") {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map(
    (r) => `${indent}${r.map((cell, i) => i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd()
  ).join("\n");
}
var MARK = { equal: "ok", "matches-expression": "ok", "not-checked": "?" };
function renderDiagnosis(d, ctx) {
  const lines = [];
  lines.push(`CI token${d.provider === void 0 ? "" : ` (${d.provider})`}:`);
  const rows = [
    ["issuer", d.claims.iss ?? "(none)"],
    ["subject", d.claims.sub ?? "(none)"],
    ["audience", aud(d.claims.aud)],
    ["expires", `${when(d.claims.exp)}  ${d.time.explanation}`],
    ...Object.entries(d.subjectClaims).map(([k, v]) => [k, v])
  ];
  lines.push(table(rows));
  if (d.observations.length > 0) {
    lines.push("", "Observations:");
    for (const o of d.observations) lines.push(`  - ${o}`);
  }
  if (!d.compared && d.ok) {
    lines.push(
      "",
      "No federated credentials to compare with (give --expect-subject/--expect-issuer/--expect-audience, --fic-file, or --graph-token-env)."
    );
  }
  for (const [i, c] of d.comparisons.entries()) {
    const title = c.fic.name === void 0 ? `expected values` : `FIC "${c.fic.name}"`;
    lines.push("", `${i === 0 ? "Closest: " : ""}${title}: ${c.matches ? "MATCHES" : "does not match"}`);
    lines.push(table(c.checks.map((x) => [x.field, MARK[x.verdict] ?? "DIFF", x.verdict, `token: ${x.token}`])));
    for (const x of c.checks) {
      if (x.verdict !== "equal" && x.verdict !== "matches-expression")
        lines.push(`    ${x.field}: ${x.explanation}${x.aadsts === void 0 ? "" : ` (Entra: AADSTS${x.aadsts})`}`);
      if (x.verdict !== "equal" && x.verdict !== "matches-expression") lines.push(`      FIC holds: ${x.fic}`);
    }
    if (i >= 2 && d.comparisons.length > 3) {
      lines.push("", `(${d.comparisons.length - 3} more FICs differ further; --json lists all)`);
      break;
    }
  }
  const verdict = d.ok ? d.compared ? "Verdict: a federated credential matches this token." : "Verdict: the token is valid; nothing to compare it with." : d.time.verdict !== "valid" ? `Verdict: the token is not within its lifetime. ${d.time.explanation}` : "Verdict: no federated credential matches this token.";
  lines.push("", verdict);
  if (d.suggestion !== void 0 && (!d.ok || !d.compared)) {
    const s = d.suggestion;
    const id = ctx.clientId ?? "<client-id>";
    lines.push(
      "",
      "The federated credential that matches this run:",
      "",
      "  Azure CLI:",
      `    ${azCommand(s, id)}`,
      "",
      "  Microsoft Graph:"
    );
    lines.push(
      graphRequest(s, id, ctx.cloud).split("\n").map((l) => `    ${l}`).join("\n")
    );
    lines.push(
      "",
      "  Terraform (azuread):",
      terraformBlock(s).split("\n").map((l) => `    ${l}`).join("\n")
    );
    const flexible = flexibleRequest(s, ctx.cloud);
    if (flexible !== void 0 && s.flexible !== void 0) {
      lines.push("", `  Or one flexible FIC for ${s.flexible.why} (preview; Graph beta or the portal only):`);
      lines.push(
        flexible.split("\n").map((l) => `    ${l}`).join("\n")
      );
    }
    if (s.caveat !== void 0) lines.push("", `  Note: ${s.caveat}`);
  }
  return `${lines.join("\n")}
`;
}

// src/entry/shared/render.ts
function row(label, value) {
  return `  ${`${label}:`.padEnd(16)}${value}
`;
}
function audText(aud2) {
  if (aud2 === void 0) return "(none)";
  return Array.isArray(aud2) ? aud2.join(", ") : aud2;
}
function renderError(err, wording = (text) => text) {
  let out = `entra-federate: ${wording(err.message)}
`;
  out += row("code", err.aadsts === void 0 ? err.code : `${err.code} (AADSTS${err.aadsts})`);
  if (err.scope !== void 0) out += row("scope", err.scope);
  if (err.presented !== void 0) {
    out += row("issuer", err.presented.iss ?? "(none)");
    out += row("subject", err.presented.sub ?? "(none)");
    out += row("audience", audText(err.presented.aud));
  }
  if (err.field !== void 0 && err.expected !== void 0) out += row("expected", `${err.field} = ${err.expected}`);
  if (err.field !== void 0 && err.actual !== void 0) out += row("found", `${err.field} = ${err.actual}`);
  if (err.traceId !== void 0) out += row("trace id", err.traceId);
  if (err.correlationId !== void 0) out += row("correlation id", err.correlationId);
  if (err.timestamp !== void 0) out += row("timestamp", err.timestamp);
  out += row("what to do", wording(err.remedy));
  return out;
}
function inMinutes(epochMs, now) {
  const minutes = Math.round((epochMs - now) / 6e4);
  return minutes >= 120 ? `in ${Math.round(minutes / 60)} h` : `in ${minutes} min`;
}
function renderLoginSummary(result, now) {
  let out = `entra-federate: signed in as client ${result.clientId} in tenant ${result.tenantId} (${result.cloud}, ${result.authorityHost})
`;
  if (result.idToken !== void 0) {
    out += row("credential", `federated, from ${result.credentialSource}`);
    out += row("issuer", result.idToken.iss ?? "(none)");
    out += row("subject", result.idToken.sub ?? "(none)");
    out += row("audience", audText(result.idToken.aud));
  } else {
    out += row("credential", `${result.credential}, from ${result.credentialSource}`);
  }
  for (const token of result.tokens)
    out += row("token", `${token.scope}  expires ${isoTime(token.expiresOn)} (${inMinutes(token.expiresOn, now)})`);
  for (const note of result.notes) out += row("note", note);
  return out;
}

// src/entry/drone/env-file.ts
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync
} from "node:fs";
import { basename, dirname, join } from "node:path";
var ACCESS_TOKEN_VARIABLE = "AZURE_ACCESS_TOKEN";
var EXPIRES_ON_VARIABLE = "AZURE_ACCESS_TOKEN_EXPIRES_ON";
function scopeVariable(scope) {
  let name = scope.replace(/\/\.default$/, "");
  const scheme = name.indexOf("://");
  if (scheme >= 0) name = name.slice(scheme + 3);
  name = name.replace(/[a-z]/g, (c) => c.toUpperCase()).replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return `${ACCESS_TOKEN_VARIABLE}_${name}`;
}
function scopeVariables(scopes) {
  const names = scopes.map((scope, i) => i === 0 ? ACCESS_TOKEN_VARIABLE : scopeVariable(scope));
  const reserved = /* @__PURE__ */ new Map([
    [EXPIRES_ON_VARIABLE, "the expiry"],
    ["AZURE_ACCESS_TOKEN_", "no resource"]
  ]);
  names.forEach((name, i) => {
    const clash = reserved.get(name) ?? names.slice(0, i).indexOf(name);
    if (clash === -1) return;
    const what = typeof clash === "string" ? clash : `the scope ${quote(scopes[clash] ?? "")}`;
    throw usageError(
      "SCOPE_VARIABLE_CLASH",
      `The scope ${quote(scopes[i] ?? "")} would be exported as ${name}, which is already ${what}.`,
      "Give scopes of different resources (one per resource; each further scope becomes AZURE_ACCESS_TOKEN_<RESOURCE>).",
      "scopes"
    );
  });
  return names;
}
function loginVariables(result, names) {
  const first = result.tokens[0];
  if (first === void 0) throw new Error("the login returned no token");
  const out = [
    { name: ACCESS_TOKEN_VARIABLE, value: first.accessToken, secret: true },
    { name: EXPIRES_ON_VARIABLE, value: isoTime(first.expiresOn), secret: false },
    { name: "AZURE_CLIENT_ID", value: result.clientId, secret: false },
    { name: "AZURE_TENANT_ID", value: result.tenantId, secret: false }
  ];
  result.tokens.slice(1).forEach((token, i) => {
    out.push({ name: names[i + 1] ?? scopeVariable(token.scope), value: token.accessToken, secret: true });
  });
  return out;
}
function envFileText(variables) {
  const lines = ["# Written by entra-federate (Drone plugin); a later step loads it with: . <this file>"];
  for (const v of variables) lines.push(`export ${v.name}=${shellQuote(v.value)}`);
  return `${lines.join("\n")}
`;
}
var CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
var APPEND = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0);
function writeAll(fd, text) {
  const bytes = Buffer.from(text, "utf8");
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}
function writeFailed(what, path, err, remedy) {
  const code = err.code;
  return new FederationError(
    "OUTPUT_WRITE_FAILED",
    `Could not write ${what} ${quote(path)}${typeof code === "string" ? ` (${code})` : ""}.`,
    { remedy, cause: err }
  );
}
var ENV_FILE_REMEDY = 'The plugin runs as the unprivileged user "node" (uid 1000): make the workspace writable for it, or set `output` to a writable path such as a temp volume (e.g. /run/entra-federate/env).';
function writeEnvFile(path, text) {
  const dir = dirname(path);
  let temp;
  try {
    mkdirSync(dir, { recursive: true, mode: 448 });
    if (!lstatSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
    const fd = openSync(temp, CREATE, 384);
    try {
      fchmodSync(fd, 384);
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    temp = void 0;
  } catch (err) {
    if (temp !== void 0) {
      try {
        unlinkSync(temp);
      } catch {
      }
    }
    throw writeFailed("the env file", path, err, ENV_FILE_REMEDY);
  }
}
function appendOutputFile(path, what, variables) {
  for (const v of variables) {
    if (hasControlCharacter(v.value))
      throw new FederationError(
        "OUTPUT_WRITE_FAILED",
        `${v.name} holds a control character and cannot be written to ${what}.`,
        { remedy: "Report this: values written there are tokens, ids and times." }
      );
  }
  let fd;
  try {
    fd = openSync(path, APPEND, 384);
  } catch (err) {
    throw writeFailed(what, path, err, `Harness creates ${what}; check that the step runs as a Harness plugin step.`);
  }
  try {
    writeAll(fd, variables.map((v) => `${v.name}=${v.value}
`).join(""));
  } catch (err) {
    throw writeFailed(what, path, err, `Harness creates ${what}; check that the step runs as a Harness plugin step.`);
  } finally {
    closeSync(fd);
  }
}

// src/entry/drone/settings.ts
import { isAbsolute, resolve } from "node:path";

// src/ci/types.ts
function compactContext(provider, fields) {
  const out = { provider };
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

// src/ci/values.ts
var JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
function asJwt(raw) {
  if (raw === void 0) return void 0;
  const token = raw.trim();
  return token.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(token) ? token : void 0;
}
function envValue(env, name) {
  const value = env[name];
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
function gitRef(tag, branch) {
  if (tag !== void 0 && tag !== "") return tag.startsWith("refs/") ? tag : `refs/tags/${tag}`;
  if (branch !== void 0 && branch !== "") return branch.startsWith("refs/") ? branch : `refs/heads/${branch}`;
  return void 0;
}

// src/ci/harness.ts
var HARNESS_TOKEN_VARIABLE = "PLUGIN_OIDC_TOKEN_ID";
function isHarness(env) {
  return ["HARNESS_ACCOUNT_ID", "HARNESS_BUILD_ID", HARNESS_TOKEN_VARIABLE].some(
    (name) => envValue(env, name) !== void 0
  );
}
function harnessProvider(deps) {
  const { env } = deps;
  return {
    name: "harness",
    description: `the Harness CI OIDC token in ${HARNESS_TOKEN_VARIABLE}`,
    async idToken() {
      const raw = envValue(env, HARNESS_TOKEN_VARIABLE);
      if (raw === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `Harness gave this step no OIDC token: ${HARNESS_TOKEN_VARIABLE} is not set.`,
          {
            remedy: `Run entra-federate as a plugin step (Harness sets ${HARNESS_TOKEN_VARIABLE} for OIDC-aware plugins); in a Run step pass a token you obtained with --id-token-env NAME, or use a certificate (AZURE_CLIENT_CERTIFICATE_PATH).`,
            usage: true,
            field: HARNESS_TOKEN_VARIABLE
          }
        );
      }
      const token = asJwt(raw);
      if (token === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${HARNESS_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Do not set ${HARNESS_TOKEN_VARIABLE} yourself unless it holds the raw OIDC token.`,
          usage: true,
          field: HARNESS_TOKEN_VARIABLE
        });
      }
      return token;
    },
    context() {
      return compactContext("harness", {
        repository: env["DRONE_REPO"],
        ref: env["DRONE_COMMIT_REF"] ?? gitRef(env["DRONE_TAG"], env["DRONE_COMMIT_BRANCH"]),
        sha: env["DRONE_COMMIT_SHA"],
        workflow: env["HARNESS_PIPELINE_ID"],
        runId: env["HARNESS_EXECUTION_ID"] ?? env["HARNESS_BUILD_ID"],
        jobId: env["HARNESS_STEP_ID"] ?? env["HARNESS_STAGE_ID"],
        actor: env["DRONE_COMMIT_AUTHOR"],
        eventName: env["DRONE_BUILD_EVENT"],
        runUrl: env["DRONE_BUILD_LINK"]
      });
    }
  };
}

// src/ci/drone.ts
var NO_OIDC_CREDENTIAL_REMEDY = "Use a certificate: a PEM file with the private key and the certificate in AZURE_CLIENT_CERTIFICATE_PATH (or --certificate FILE); or, less safely, a client secret in AZURE_CLIENT_SECRET.";
function droneProvider(deps) {
  const { env } = deps;
  return {
    name: "drone",
    description: "Drone CI (no OIDC tokens)",
    idToken() {
      return Promise.reject(
        new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "Drone issues no OIDC tokens, and no certificate or secret was found.",
          {
            remedy: `${NO_OIDC_CREDENTIAL_REMEDY} In .drone.yml take them from_secret.`,
            usage: true
          }
        )
      );
    },
    context() {
      return compactContext("drone", {
        repository: env["DRONE_REPO"],
        ref: env["DRONE_COMMIT_REF"] ?? gitRef(env["DRONE_TAG"], env["DRONE_COMMIT_BRANCH"]),
        sha: env["DRONE_COMMIT_SHA"],
        workflow: env["DRONE_STAGE_NAME"],
        runId: env["DRONE_BUILD_NUMBER"],
        jobId: env["DRONE_STEP_NAME"] ?? env["DRONE_STEP_NUMBER"],
        actor: env["DRONE_COMMIT_AUTHOR"],
        environment: env["DRONE_DEPLOY_TO"],
        eventName: env["DRONE_BUILD_EVENT"],
        runUrl: env["DRONE_BUILD_LINK"]
      });
    }
  };
}

// src/core/certificate.ts
import { createHash, createPrivateKey, randomUUID, X509Certificate } from "node:crypto";
var ASSERTION_LIFETIME_SECONDS = 600;
var SUPPORTED = 'Supported: a PEM file holding an unencrypted RSA private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY") and its certificate, plus any chain certificates.';
function invalid(code, message, remedy) {
  return new FederationError(code, message, { remedy, usage: true, field: "certificate" });
}
function pemBlocks(text) {
  const blocks = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const body2 = m[2] ?? "";
    blocks.push({ label: m[1] ?? "", text: m[0], headers: body2.includes(":") ? body2 : "" });
  }
  return blocks;
}
function loadCertificate(content, origin, now = Date.now()) {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  const text = bytes.toString("latin1");
  if (!text.includes("-----BEGIN ")) {
    const binary = bytes[0] === 48;
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `${origin} is not a PEM file${binary ? " (it looks like PKCS#12 .pfx/.p12 or DER)" : ""}.`,
      `${SUPPORTED} Convert a .pfx with \`openssl pkcs12 -in cert.pfx -out cert.pem -nodes\` and store the result as a CI secret file.`
    );
  }
  const blocks = pemBlocks(text);
  if (blocks.some((b) => b.label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(b.headers))) {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is encrypted; password-protected keys are not supported.`,
      `${SUPPORTED} Decrypt it once with \`openssl pkey -in key.pem -out key-plain.pem\` and keep the PEM in the CI's secret store instead.`
    );
  }
  const keyBlocks = blocks.filter((b) => /(^|\s)PRIVATE KEY$/.test(b.label));
  const certBlocks = blocks.filter((b) => b.label === "CERTIFICATE");
  if (keyBlocks.length === 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds no private key${certBlocks.length > 0 ? ", only certificates" : ""}.`,
      `${SUPPORTED} Concatenate them: \`cat key.pem cert.pem > app.pem\`.`
    );
  }
  if (keyBlocks.length > 1) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds ${keyBlocks.length} private keys.`,
      "Keep exactly one private key (the one of the certificate uploaded to the app registration) in the file."
    );
  }
  if (certBlocks.length === 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `${origin} holds a private key but no certificate.`,
      `${SUPPORTED} Append the certificate uploaded to the app registration: \`cat key.pem cert.pem > app.pem\`.`
    );
  }
  const keyBlock = keyBlocks[0];
  if (keyBlock.label !== "PRIVATE KEY" && keyBlock.label !== "RSA PRIVATE KEY") {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is a "${keyBlock.label}"; Entra certificate credentials are signed with RSA.`,
      SUPPORTED
    );
  }
  let key;
  try {
    key = createPrivateKey({ key: keyBlock.text, format: "pem" });
  } catch {
    throw invalid("INVALID_CERTIFICATE", `The private key in ${origin} cannot be read.`, SUPPORTED);
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The private key in ${origin} is ${key.asymmetricKeyType ?? "not RSA"}; Entra certificate credentials are signed with RSA.`,
      SUPPORTED
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw invalid(
      "UNSUPPORTED_CERTIFICATE",
      `The RSA key in ${origin} has ${bits} bits; at least 2048 are required.`,
      "Create a new certificate with a 2048-bit (or larger) RSA key and upload it to the app registration."
    );
  }
  const certs = [];
  for (const [i, block] of certBlocks.entries()) {
    try {
      certs.push(new X509Certificate(block.text));
    } catch {
      throw invalid("INVALID_CERTIFICATE", `Certificate ${i + 1} in ${origin} cannot be read.`, SUPPORTED);
    }
  }
  const leafIndex = certs.findIndex((cert) => cert.checkPrivateKey(key));
  if (leafIndex < 0) {
    throw invalid(
      "INVALID_CERTIFICATE",
      `The private key in ${origin} does not belong to any certificate in the file.`,
      "Put the certificate that matches the private key (the one uploaded to the app registration) in the file."
    );
  }
  const leaf = certs[leafIndex];
  const chain = [leaf, ...certs.filter((_, i) => i !== leafIndex)];
  const notAfter = Date.parse(leaf.validTo);
  if (Number.isFinite(notAfter) && notAfter <= now) {
    throw invalid(
      "CERTIFICATE_EXPIRED",
      `The certificate in ${origin} (${leaf.subject.replace(/\n/g, ", ")}) expired on ${new Date(notAfter).toISOString()}.`,
      "Create a new certificate, upload it to the app registration, and replace the PEM in the CI."
    );
  }
  const sha1 = createHash("sha1").update(leaf.raw).digest();
  return {
    key,
    chain,
    thumbprintSha1Hex: sha1.toString("hex").toUpperCase(),
    x5t: sha1.toString("base64url"),
    x5tS256: createHash("sha256").update(leaf.raw).digest("base64url"),
    subject: leaf.subject.replace(/\n/g, ", "),
    notAfter: Number.isFinite(notAfter) ? new Date(notAfter).toISOString() : leaf.validTo
  };
}
function certificateAssertion(cert, opts) {
  const algorithm = opts.algorithm ?? "PS256";
  const clock = opts.clock ?? systemClock;
  return async (tokenEndpoint) => {
    const { SignJWT } = await import("./chunks/webapi-PHWFTQPS.js");
    const header = { alg: algorithm, typ: "JWT" };
    if (algorithm === "PS256") header["x5t#S256"] = cert.x5tS256;
    else header["x5t"] = cert.x5t;
    if (opts.sendChain === true) header["x5c"] = cert.chain.map((c) => c.raw.toString("base64"));
    const now = Math.floor(clock.now() / 1e3);
    return new SignJWT({}).setProtectedHeader(header).setIssuer(opts.clientId).setSubject(opts.clientId).setAudience(tokenEndpoint).setJti(randomUUID()).setNotBefore(now).setIssuedAt(now).setExpirationTime(now + ASSERTION_LIFETIME_SECONDS).sign(cert.key);
  };
}

// src/entry/drone/settings.ts
var DEFAULT_OUTPUT = ".entra-federate/env";
function setting(env, name) {
  return envValue(env, `PLUGIN_${name.toUpperCase()}`);
}
function asSettingError(err) {
  if (!(err instanceof FederationError) || !err.usage) return err;
  const reword = (text) => text.replace(/--([a-z][a-z-]*)/g, (_m, flag) => `the \`${flag.replace(/-/g, "_")}\` setting`);
  return new FederationError(err.code, reword(err.message), {
    remedy: reword(err.remedy),
    usage: true,
    ...err.field === void 0 ? {} : { field: err.field.replace(/-/g, "_") }
  });
}
function certificateBytes(raw) {
  if (raw.includes("-----BEGIN ")) return Buffer.from(raw, "utf8");
  const compact = raw.replace(/\s+/g, "");
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const decoded = Buffer.from(compact, "base64");
    if (decoded.toString("latin1").includes("-----BEGIN ")) return decoded;
    decoded.fill(0);
  }
  throw usageError(
    "INVALID_CERTIFICATE",
    "The `certificate` setting holds neither a PEM nor a base64-encoded PEM.",
    "Store the PEM file (private key and certificate) as a Drone secret, e.g. `drone secret add --name azure_certificate --data @app.pem`, and set `certificate: {from_secret: azure_certificate}`.",
    "certificate"
  );
}
function readSettings(env, http) {
  let options;
  let timeoutMs;
  try {
    options = resolveOptions({
      clientId: setting(env, "client_id") ?? env["AZURE_CLIENT_ID"],
      tenantId: setting(env, "tenant_id") ?? env["AZURE_TENANT_ID"],
      scopes: splitList(setting(env, "scopes")),
      audience: setting(env, "audience"),
      cloud: setting(env, "cloud"),
      authorityHost: setting(env, "authority_host") ?? env["AZURE_AUTHORITY_HOST"],
      timeoutSeconds: setting(env, "timeout")
    });
    timeoutMs = validateTimeout(setting(env, "timeout"));
  } catch (err) {
    throw asSettingError(err);
  }
  const deps = { env, http, timeoutMs };
  const harness = isHarness(env);
  const provider = harness ? harnessProvider(deps) : droneProvider(deps);
  const certificate = setting(env, "certificate");
  const secret = setting(env, "client_secret");
  const oidc = envValue(env, HARNESS_TOKEN_VARIABLE) !== void 0;
  const notes = [];
  if (certificate !== void 0 && secret !== void 0) {
    throw usageError(
      "CONFLICTING_CREDENTIALS",
      "Both `certificate` and `client_secret` are set.",
      "Keep one: the certificate (recommended by Microsoft over secrets), or the client secret.",
      "certificate"
    );
  }
  let source;
  if (certificate !== void 0) {
    const bytes = certificateBytes(certificate);
    let cert;
    try {
      cert = loadCertificate(bytes, "the `certificate` setting");
    } catch (err) {
      throw asSettingError(err);
    } finally {
      bytes.fill(0);
    }
    source = {
      kind: "certificate",
      description: `the certificate in the \`certificate\` setting (SHA-1 thumbprint ${cert.thumbprintSha1Hex})`,
      assertion: certificateAssertion(cert, { clientId: options.clientId })
    };
    if (oidc) notes.push(`${HARNESS_TOKEN_VARIABLE} is set but not used: the \`certificate\` setting was given.`);
  } else if (oidc) {
    const harnessToken = harnessProvider(deps);
    source = { kind: "federated", description: harnessToken.description, idToken: (aud2) => harnessToken.idToken(aud2) };
    if (secret !== void 0)
      notes.push(
        `\`client_secret\` is set but not used: Harness gave this step an OIDC token (${HARNESS_TOKEN_VARIABLE}).`
      );
  } else if (secret !== void 0) {
    source = { kind: "secret", description: "the client secret in the `client_secret` setting", secret: secret.trim() };
  } else {
    throw usageError(
      "NO_CREDENTIAL",
      harness ? `Harness gave this step no OIDC token (${HARNESS_TOKEN_VARIABLE} is not set), and neither \`certificate\` nor \`client_secret\` is set.` : "Drone issues no OIDC tokens, and neither `certificate` nor `client_secret` is set.",
      "Set `certificate: {from_secret: NAME}` to a secret holding the PEM (private key and certificate) of a certificate uploaded to the app registration; or, less safely, `client_secret: {from_secret: NAME}`."
    );
  }
  const workspace = envValue(env, "DRONE_WORKSPACE") ?? process.cwd();
  const requested = setting(env, "output") ?? DEFAULT_OUTPUT;
  const output = isAbsolute(requested) ? requested : resolve(workspace, requested);
  const policy = setting(env, "policy");
  const auditLog = setting(env, "audit_log");
  return {
    options,
    source,
    provider,
    output,
    notes,
    ...policy === void 0 ? {} : { policy: isAbsolute(policy) ? policy : resolve(workspace, policy) },
    ...auditLog === void 0 ? {} : { auditLog: isAbsolute(auditLog) ? auditLog : resolve(workspace, auditLog) }
  };
}

// src/entry/shared/closed-output.ts
function tolerateClosedOutput(...streams) {
  for (const stream of streams) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      throw err;
    });
  }
}

// src/entry/drone.ts
async function signIn(settings, http) {
  const { options, source, provider } = settings;
  if (settings.policy === void 0 && settings.auditLog === void 0) return login(options, source, { http });
  const { loginWithGuardFiles } = await import("./chunks/trail-5Y4D34F5.js");
  return loginWithGuardFiles(options, source, http, {
    policyPath: settings.policy,
    auditLogPath: settings.auditLog,
    provider: source.kind === "federated" ? provider.name : source.kind,
    ci: provider.context(),
    now: Date.now
  });
}
async function main(env, http) {
  const settings = readSettings(env, http);
  const names = scopeVariables(settings.options.scopes.map((s) => s.scope));
  const result = await signIn(settings, http);
  const variables = loginVariables(result, names);
  writeEnvFile(settings.output, envFileText(variables));
  const lines = [`  env file:       ${settings.output} (${variables.map((v) => v.name).join(", ")})`];
  const outputFile = env["DRONE_OUTPUT"];
  if (outputFile !== void 0 && outputFile !== "") {
    const plain = variables.filter((v) => !v.secret);
    appendOutputFile(outputFile, "the output variables file ($DRONE_OUTPUT)", plain);
    lines.push(`  output vars:    ${plain.map((v) => v.name).join(", ")}`);
  }
  const secretFile = env["HARNESS_OUTPUT_SECRET_FILE"];
  if (secretFile !== void 0 && secretFile !== "") {
    const secrets = variables.filter((v) => v.secret);
    appendOutputFile(secretFile, "the output secrets file ($HARNESS_OUTPUT_SECRET_FILE)", secrets);
    lines.push(`  output secrets: ${secrets.map((v) => v.name).join(", ")}`);
  }
  let out = renderLoginSummary(result, Date.now());
  for (const note of settings.notes) out += `  note:           ${note}
`;
  process.stdout.write(`${out}${lines.join("\n")}
`);
}
function fail(err) {
  if (err instanceof FederationError) {
    let out = renderError(err);
    const reading = failureReading(err, Date.now());
    if (reading !== void 0) out += `
entra-federate doctor:
${renderDiagnosis(reading.diagnosis, reading.ctx)}`;
    process.stderr.write(out);
    process.exitCode = err.usage ? 2 : 1;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `entra-federate: unexpected error: ${message}
  This is a bug; please report it with ENTRA_FEDERATE_DEBUG=1 output (it contains no tokens).
`
  );
  if (process.env["ENTRA_FEDERATE_DEBUG"] === "1" && err instanceof Error && err.stack !== void 0)
    process.stderr.write(`${err.stack}
`);
  process.exitCode = 1;
}
tolerateClosedOutput(process.stdout, process.stderr);
try {
  const http = createNodeHttpClient({
    userAgent: `entra-federate-drone/${"0.1.0"}`,
    proxy: proxyConfigFrom(process.env)
  });
  await main(process.env, http);
} catch (err) {
  fail(err);
}
