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
function fill(template, values) {
  if (template === void 0) throw new Error("unknown subject template");
  return template.replace(/<([^>]+)>/g, (whole, key) => values[key] ?? whole);
}
function expectedSubject(req) {
  if (req.provider === "gitlab") {
    const template = SUBJECT_FORMATS["gitlab"]?.formats[0];
    const slash = req.project.lastIndexOf("/");
    return fill(template, {
      group: req.project.slice(0, slash),
      project: req.project.slice(slash + 1),
      "branch|tag": req.kind,
      ref: req.name
    });
  }
  const [owner = "", repo = ""] = req.repository.split("/");
  const formats = SUBJECT_FORMATS["github"]?.formats ?? [];
  const values = { owner, repo };
  switch (req.kind) {
    case "environment":
      return fill(formats[0], { ...values, name: req.name.replaceAll(":", "%3A") });
    case "pull-request":
      return fill(formats[1], values);
    case "branch":
      return fill(formats[2], { ...values, branch: req.name });
    case "tag":
      return fill(formats[3], { ...values, tag: req.name });
  }
}

export {
  issuingCi,
  subjectHints,
  expectedSubject
};
