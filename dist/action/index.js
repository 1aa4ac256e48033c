import {
  FILES_STATE,
  githubRunner,
  tolerateClosedOutput
} from "./chunks/chunk-BBBQVLYA.js";
import {
  githubProvider
} from "./chunks/chunk-ZTLCGGKK.js";
import {
  envHandoff
} from "./chunks/chunk-DPA4EM7W.js";
import {
  login
} from "./chunks/chunk-ME3LQODR.js";
import {
  audienceClaim,
  createNodeHttpClient,
  decodeJwt,
  numericClaim,
  proxyConfigFrom,
  stringClaim
} from "./chunks/chunk-VYMM27RE.js";
import {
  CLOUDS,
  quote,
  resolveOptions,
  splitList
} from "./chunks/chunk-JQXW3DFI.js";
import {
  FederationError,
  usageError
} from "./chunks/chunk-NTCGQ4GM.js";
import "./chunks/chunk-C7H3IGGA.js";
import {
  hasControlCharacter,
  isGuid,
  isoTime,
  replaceControlCharacters,
  shellQuote
} from "./chunks/chunk-CL3IFF6F.js";
import "./chunks/chunk-WNTXV5YL.js";

// src/entry/action.ts
import { tmpdir } from "node:os";

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
    (r) => `${indent}${r.map((cell2, i) => i === r.length - 1 ? cell2 : cell2.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd()
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
function md(value) {
  return value.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ");
}
function diagnosisMarkdown(d, ctx) {
  const out = ["### Why the federated credential did not match", "", "| claim | value |", "|---|---|"];
  out.push(
    `| issuer | ${md(d.claims.iss ?? "(none)")} |`,
    `| subject | ${md(d.claims.sub ?? "(none)")} |`,
    `| audience | ${md(aud(d.claims.aud))} |`,
    `| expires | ${md(when(d.claims.exp))} (${md(d.time.verdict)}) |`
  );
  for (const [k, v] of Object.entries(d.subjectClaims)) out.push(`| ${md(k)} | ${md(v)} |`);
  const best = d.comparisons[0];
  if (best !== void 0) {
    out.push("", "| field | verdict | explanation |", "|---|---|---|");
    for (const x of best.checks) out.push(`| ${x.field} | ${md(x.verdict)} | ${md(x.explanation)} |`);
  }
  if (d.observations.length > 0) out.push("", ...d.observations.map((o) => `- ${md(o)}`));
  if (d.suggestion !== void 0) {
    out.push(
      "",
      "A federated credential that matches this run:",
      "",
      "```sh",
      azCommand(d.suggestion, ctx.clientId ?? "<client-id>"),
      "```"
    );
    if (d.suggestion.caveat !== void 0) out.push("", md(d.suggestion.caveat));
  }
  return `${out.join("\n")}
`;
}

// src/entry/github/inputs.ts
var EXPORTS = ["env", "terraform", "az", "acr:<registry>", "git", "kubelogin", "identity-endpoint"];
function required(runner2, name, what) {
  const value = runner2.input(name);
  if (value === "") {
    throw usageError(
      `MISSING_${name.replace(/-/g, "_").toUpperCase()}`,
      `The \`${name}\` input is empty.`,
      `Set \`${name}:\` under \`with:\` to ${what}, e.g. \${{ vars.AZURE_${name.replace(/-/g, "_").toUpperCase()} }}.`,
      name
    );
  }
  return value;
}
function subscription(raw) {
  if (raw === "") return void 0;
  if (!isGuid(raw)) {
    throw usageError(
      "INVALID_SUBSCRIPTION_ID",
      `The subscription id ${quote(raw)} is not a GUID.`,
      "Use the subscription id GUID shown on the subscription's overview page, or leave `subscription-id` empty.",
      "subscription-id"
    );
  }
  return raw.toLowerCase();
}
function exportsFrom(raw) {
  const names = splitList(raw).map((name) => name.toLowerCase());
  if (names.length === 1 && names[0] === "none") return [];
  const out = [];
  for (const name of names) {
    const known = name.startsWith("acr:") ? name : EXPORTS.find((e) => e === name && e !== "acr:<registry>");
    if (known === void 0) {
      throw usageError(
        "INVALID_EXPORT",
        `The Action cannot export ${quote(name)}.`,
        `Set \`export\` to one of ${EXPORTS.join(", ")} or none.`,
        "export"
      );
    }
    if (!out.includes(known)) out.push(known);
  }
  return out;
}
function readInputs(runner2) {
  const clientId = required(
    runner2,
    "client-id",
    "the application (client) id of the app registration or managed identity"
  );
  const tenantId = required(runner2, "tenant-id", "the directory (tenant) id");
  const options = resolveOptions({
    clientId,
    tenantId,
    scopes: splitList(runner2.input("scopes")),
    cloud: runner2.input("cloud"),
    authorityHost: runner2.input("authority-host"),
    audience: runner2.input("audience"),
    timeoutSeconds: runner2.input("timeout-seconds")
  });
  const subscriptionId = subscription(runner2.input("subscription-id"));
  const exports = exportsFrom(runner2.input("export"));
  const policyPath = runner2.input("policy");
  const auditLogPath = runner2.input("audit-log");
  return {
    options,
    exports,
    ...subscriptionId === void 0 ? {} : { subscriptionId },
    ...policyPath === "" ? {} : { policyPath },
    ...auditLogPath === "" ? {} : { auditLogPath }
  };
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
function loginSummary(result, ci) {
  const summary = {
    tenantId: result.tenantId,
    clientId: result.clientId,
    cloud: result.cloud,
    authorityHost: result.authorityHost,
    credential: result.credential,
    correlationId: result.correlationId,
    tokens: result.tokens.map((t) => ({ scope: t.scope, expiresOn: isoTime(t.expiresOn) })),
    notes: result.notes
  };
  if (result.idToken !== void 0) {
    const { iss, sub, aud: aud2, exp } = result.idToken;
    summary.idToken = {
      ...iss === void 0 ? {} : { iss },
      ...sub === void 0 ? {} : { sub },
      ...aud2 === void 0 ? {} : { aud: aud2 },
      ...exp === void 0 ? {} : { expiresOn: isoTime(exp * 1e3) }
    };
  }
  if (ci !== void 0 && Object.keys(ci).length > 1) summary.ci = ci;
  return summary;
}

// src/entry/github/failure.ts
var INPUT_FOR_FLAG = {
  "client-id": "client-id",
  "tenant-id": "tenant-id",
  scope: "scopes",
  audience: "audience",
  cloud: "cloud",
  "authority-host": "authority-host",
  timeout: "timeout-seconds",
  export: "export",
  policy: "policy",
  "audit-log": "audit-log"
};
function inActionTerms(text) {
  return text.replace(/--([a-z][a-z-]*[a-z])/g, (flag, name) => {
    const input = INPUT_FOR_FLAG[name];
    return input === void 0 ? flag : `\`${input}\``;
  });
}
function failureText(err) {
  return renderError(err, inActionTerms).replace(/\n$/, "");
}
function causeChain(err) {
  const out = [];
  let current = err instanceof Error ? err.cause : void 0;
  for (let depth = 0; current !== void 0 && depth < 5; depth++) {
    const code = current.code;
    const message = current instanceof Error ? current.message : String(current);
    out.push(typeof code === "string" ? `${message} (${code})` : message);
    current = current instanceof Error ? current.cause : void 0;
  }
  return out;
}

// src/entry/github/summary.ts
function cell(value) {
  return replaceControlCharacters(value, " ").replace(/([\\`[\]])/g, "\\$1").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;");
}
function table2(rows) {
  const kept = rows.filter((row2) => row2[1] !== void 0 && row2[1] !== "");
  return `| | |
|---|---|
${kept.map(([label, value]) => `| ${label} | ${value} |`).join("\n")}
`;
}
function audienceText(aud2) {
  if (aud2 === void 0) return void 0;
  return cell(Array.isArray(aud2) ? aud2.join(", ") : aud2);
}
function runCell(ci) {
  if (ci.runId === void 0) return void 0;
  const text = cell(ci.runAttempt === void 0 ? ci.runId : `${ci.runId} (attempt ${ci.runAttempt})`);
  if (ci.runUrl === void 0) return text;
  let href;
  try {
    href = new URL(ci.runUrl).href.replace(/\(/g, "%28").replace(/\)/g, "%29");
  } catch {
    return text;
  }
  return `[${text}](${href})`;
}
function whoAsked(ci) {
  const c = (value) => value === void 0 ? void 0 : cell(value);
  return [
    ["Repository", c(ci.repository)],
    ["Ref", c(ci.ref)],
    ["Workflow", c(ci.workflow)],
    ["Run", runCell(ci)],
    ["Actor", c(ci.actor)]
  ];
}
function successSummary(summary, ci, exported) {
  const id = summary.idToken;
  const c = (value) => value === void 0 ? void 0 : cell(value);
  let out = "### entra-federate: signed in to Microsoft Entra ID\n\n";
  out += table2([
    ...whoAsked(ci),
    ["CI token issuer", c(id?.iss)],
    ["CI token subject", c(id?.sub)],
    ["CI token audience", audienceText(id?.aud)],
    ["Tenant", cell(summary.tenantId)],
    ["Client", cell(summary.clientId)],
    ["Cloud", cell(`${summary.cloud} (${summary.authorityHost})`)],
    ["Exported", exported.length === 0 ? "nothing" : cell(exported.join(", "))]
  ]);
  out += "\n| Scope | Expires (UTC) |\n|---|---|\n";
  for (const token of summary.tokens) out += `| ${cell(token.scope)} | ${cell(token.expiresOn)} |
`;
  return `${out}
`;
}
function failureSummary(err, ci) {
  const c = (value) => value === void 0 ? void 0 : cell(value);
  let out = "### entra-federate: sign-in failed\n\n";
  out += table2([
    ...whoAsked(ci),
    ["Error", cell(err.aadsts === void 0 ? err.code : `${err.code} (AADSTS${err.aadsts})`)],
    ["Message", cell(err.message)],
    ["CI token issuer", c(err.presented?.iss)],
    ["CI token subject", c(err.presented?.sub)],
    ["CI token audience", audienceText(err.presented?.aud)],
    ["Scope", c(err.scope)],
    ["Trace id", c(err.traceId)],
    ["Correlation id", c(err.correlationId)],
    ["What to do", cell(err.remedy)]
  ]);
  return `${out}
`;
}

// src/handoff/run.ts
async function runHandoffs(handoffs, context, sink, onCleanup) {
  const exported = /* @__PURE__ */ new Map();
  const endpoint = {};
  const recording = {
    setEnv: (name, value) => {
      sink.setEnv(name, value);
      exported.set(name, value);
    },
    mask: (value) => sink.mask(value),
    tempDir: sink.tempDir,
    run: (argv, opts) => sink.run(argv, opts),
    info: (message) => sink.info(message),
    warn: (message) => sink.warn(message)
  };
  const accessToken = (scope) => {
    const token = context.result.tokens.find((t) => t.scope === scope);
    if (token === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return token;
  };
  for (const handoff of handoffs) {
    const cleanup = await handoff.export({ ...context, exported, accessToken, endpoint }, recording);
    onCleanup(cleanup);
  }
}

// src/entry/action.ts
var HANDOFFS = {
  async select(exports, options) {
    if (exports.every((name) => name === "env")) return { handoffs: exports.length === 0 ? [] : [envHandoff], options };
    const { selectHandoffs, withHandoffScopes } = await import("./chunks/select-HQD5MHD5.js");
    const handoffs = selectHandoffs(exports, { field: "export", fix: "Set `export` to" });
    return { handoffs, options: withHandoffScopes(options, handoffs) };
  }
};
var CLEANUP_STATE = "cleanup";
var REUSE_ID_TOKEN_MS = 3e4;
function clean(value) {
  if (value === void 0) return "(none)";
  return hasControlCharacter(value) ? JSON.stringify(value) : value;
}
function logResult(runner2, result) {
  const id = result.idToken;
  runner2.info(
    `entra-federate: signed in as client ${result.clientId} in tenant ${result.tenantId} (${result.cloud}, ${result.authorityHost})`
  );
  runner2.info(`  CI token issuer:   ${clean(id?.iss)}`);
  runner2.info(`  CI token subject:  ${clean(id?.sub)}`);
  runner2.info(`  CI token audience: ${clean(Array.isArray(id?.aud) ? id.aud.join(", ") : id?.aud)}`);
  for (const token of result.tokens)
    runner2.info(`  token:             ${token.scope}, expires ${isoTime(token.expiresOn)}`);
  for (const note of result.notes) runner2.info(`  note:              ${note}`);
}
async function main(runner2, env, http2, seen2) {
  const inputs = readInputs(runner2);
  runner2.requireFiles(["GITHUB_OUTPUT", "GITHUB_STATE", ...inputs.exports.length > 0 ? ["GITHUB_ENV"] : []]);
  const { handoffs, options } = await HANDOFFS.select(inputs.exports, inputs.options);
  const idleTimeoutSeconds = handoffs.some((h) => h.name === "identity-endpoint") ? (await import("./chunks/identity-endpoint-S3ABJI5R.js")).identityIdleTimeout(env) : void 0;
  const provider = githubProvider({ env, http: http2, timeoutMs: inputs.options.timeoutMs });
  const fetchIdToken = async (audience) => {
    const token = await provider.idToken(audience);
    runner2.mask(token);
    seen2.latest = { audience, token, at: Date.now() };
    return token;
  };
  const recentIdToken = async (audience) => {
    const latest = seen2.latest;
    return latest !== void 0 && latest.audience === audience && Date.now() - latest.at < REUSE_ID_TOKEN_MS ? latest.token : fetchIdToken(audience);
  };
  const source = { kind: "federated", description: provider.description, idToken: fetchIdToken };
  const result = inputs.policyPath === void 0 && inputs.auditLogPath === void 0 ? await login(options, source, { http: http2 }) : await (await import("./chunks/trail-HRZDGLFN.js")).loginWithGuardFiles(options, source, http2, {
    policyPath: inputs.policyPath,
    auditLogPath: inputs.auditLogPath,
    summaryPath: env["GITHUB_STEP_SUMMARY"],
    provider: provider.name,
    ci: provider.context(),
    now: Date.now
  });
  for (const token of result.tokens) runner2.mask(token.accessToken);
  const first = result.tokens[0];
  if (first === void 0) throw new Error("the login returned no token");
  runner2.setOutput("access-token", first.accessToken);
  runner2.setOutput("expires-on", isoTime(first.expiresOn));
  runner2.setOutput("issuer", result.idToken?.iss ?? "");
  runner2.setOutput("subject", result.idToken?.sub ?? "");
  const notes = [];
  const sink = {
    setEnv: (name, value) => runner2.exportVariable(name, value),
    mask: (value) => runner2.mask(value),
    tempDir: env["RUNNER_TEMP"] !== void 0 && env["RUNNER_TEMP"] !== "" ? env["RUNNER_TEMP"] : tmpdir(),
    run: async (argv, opts) => (await import("./chunks/tool-SZ6OWL3O.js")).runTool(argv, env, { ...opts, timeoutMs: 12e4 }),
    // Shown after the sign-in lines, under "exported".
    info: (message) => notes.push(message),
    warn: (message) => runner2.warning(`entra-federate: ${message}`)
  };
  const files = [];
  const rest = {};
  await runHandoffs(
    handoffs,
    {
      result,
      idToken: recentIdToken,
      ...inputs.subscriptionId === void 0 ? {} : { subscriptionId: inputs.subscriptionId },
      env,
      provider: provider.name,
      http: http2,
      ...idleTimeoutSeconds === void 0 ? {} : {
        identity: {
          // The endpoint rebuilds this login from these (the environment holds the runner's token request variables).
          values: {
            "client-id": options.clientId,
            "tenant-id": options.tenantId,
            cloud: options.cloud,
            "authority-host": options.authorityHost,
            audience: options.audience,
            timeout: String(options.timeoutMs / 1e3),
            provider: "github",
            ...inputs.policyPath === void 0 ? {} : { policy: inputs.policyPath },
            ...inputs.auditLogPath === void 0 ? {} : { "audit-log": inputs.auditLogPath }
          },
          // The runner's worker: it lives as long as the job.
          ...process.ppid > 1 ? { watchPid: process.ppid } : {},
          idleTimeoutSeconds
        }
      }
    },
    sink,
    (cleanup) => {
      if (cleanup.files.length > 0) {
        files.push(...cleanup.files);
        runner2.saveState(FILES_STATE, JSON.stringify(files));
      }
      let more = false;
      for (const key of ["dirs", "azConfigDirs", "endpoints", "dockerLogouts"]) {
        const list = cleanup[key];
        if (list === void 0 || list.length === 0) continue;
        rest[key] = [...rest[key] ?? [], ...list];
        more = true;
      }
      if (more) runner2.saveState(CLEANUP_STATE, JSON.stringify(rest));
    }
  );
  logResult(runner2, result);
  if (inputs.exports.includes("env"))
    runner2.info(
      `  exported:          AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST${inputs.subscriptionId === void 0 ? "" : ", AZURE_SUBSCRIPTION_ID"}, AZURE_FEDERATED_TOKEN_FILE`
    );
  for (const note of notes) runner2.info(`  exported:          ${note}`);
  runner2.debug(
    `correlation id ${result.correlationId}; attempts per scope: ${result.tokens.map((t) => `${t.scope} ${t.attempts}`).join(", ")}`
  );
  try {
    runner2.appendSummary(successSummary(loginSummary(result), provider.context(), inputs.exports));
  } catch (err) {
    runner2.warning(
      `entra-federate: could not write the step summary (${err.code ?? String(err)}).`
    );
  }
}
function debugClaims(runner2, seen2) {
  if (!runner2.debugEnabled || seen2.latest === void 0) return;
  try {
    runner2.debug(`CI token claims: ${JSON.stringify(decodeJwt(seen2.latest.token).claims)}`);
  } catch {
    runner2.debug("The CI token is not a JWT; its claims cannot be shown.");
  }
}
function fail(runner2, env, http2, err) {
  if (err instanceof FederationError) {
    runner2.error(failureText(err));
    for (const cause of causeChain(err)) runner2.debug(`cause: ${cause}`);
    const reading = failureReading(err, Date.now());
    if (reading !== void 0) {
      runner2.info("entra-federate doctor:");
      for (const line of renderDiagnosis(reading.diagnosis, reading.ctx).trimEnd().split("\n")) runner2.info(line);
    }
    try {
      runner2.appendSummary(
        failureSummary(err, githubProvider({ env, http: http2, timeoutMs: 0 }).context()) + (reading === void 0 ? "" : `
${diagnosisMarkdown(reading.diagnosis, reading.ctx)}`)
      );
    } catch {
    }
    process.exitCode = err.usage ? 2 : 1;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  runner2.error(
    `entra-federate: unexpected error: ${message}. This is a bug; please report it with the step's debug log (it contains no tokens).`
  );
  if (err instanceof Error && err.stack !== void 0) runner2.debug(err.stack);
  process.exitCode = 1;
}
tolerateClosedOutput(process.stdout, process.stderr);
var runner = githubRunner(process.env);
var seen = {};
var http = createNodeHttpClient({ userAgent: `entra-federate-action/${"0.1.0"}` });
try {
  http = createNodeHttpClient({ userAgent: `entra-federate-action/${"0.1.0"}`, proxy: proxyConfigFrom(process.env) });
  await main(runner, process.env, http, seen);
} catch (err) {
  fail(runner, process.env, http, err);
}
debugClaims(runner, seen);
