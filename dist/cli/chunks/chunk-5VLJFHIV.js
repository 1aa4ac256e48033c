import {
  issuingCi,
  subjectHints
} from "./chunk-OSSP5VWG.js";
import {
  suggestFic
} from "./chunk-DXLEYKMA.js";
import {
  CLOUDS,
  audienceClaim,
  numericClaim,
  stringClaim
} from "./chunk-6I7DYRWY.js";
import {
  usageError
} from "./chunk-H7K5LTQY.js";
import {
  needsEscaping
} from "./chunk-3XWB6HIK.js";

// src/doctor/fic.ts
function str(value) {
  return typeof value === "string" ? value : void 0;
}
function parseFic(raw, where) {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw usageError(
      "INVALID_FIC_FILE",
      `${where} is not a federated credential object.`,
      "Use the JSON that `az ad app federated-credential list --id <client-id>` prints."
    );
  }
  const o = raw;
  const fic = {};
  const name = str(o["name"]);
  const issuer = str(o["issuer"]);
  const subject = str(o["subject"]);
  if (name !== void 0) fic.name = name;
  if (issuer !== void 0) fic.issuer = issuer;
  if (subject !== void 0) fic.subject = subject;
  const audiences = o["audiences"];
  if (Array.isArray(audiences)) fic.audiences = audiences.filter((a) => typeof a === "string");
  const expression = o["claimsMatchingExpression"];
  const value = expression !== null && typeof expression === "object" ? str(expression["value"]) : str(expression);
  if (value !== void 0) fic.claimsMatchingExpression = value;
  if (fic.issuer === void 0 && fic.subject === void 0 && fic.claimsMatchingExpression === void 0) {
    throw usageError(
      "INVALID_FIC_FILE",
      `${where} has neither issuer nor subject.`,
      "Use the JSON that `az ad app federated-credential list --id <client-id>` prints."
    );
  }
  return fic;
}
function parseFicDocument(text, where) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw usageError(
      "INVALID_FIC_FILE",
      `${where} is not JSON.`,
      "Save the output of `az ad app federated-credential list --id <client-id>` (or of the Graph request) as it is."
    );
  }
  const list = Array.isArray(doc) ? doc : doc !== null && typeof doc === "object" && Array.isArray(doc.value) ? doc.value : [doc];
  return list.map((item, i) => parseFic(item, `${where} item ${i + 1}`));
}
function wildcard(pattern) {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
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
function cloudOfAudience(aud) {
  return Object.entries(CLOUDS).find(([, info]) => info.audience === aud)?.[0];
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
    return {
      verdict: "no-expiry",
      explanation: "The token has no usable exp claim (missing, or not a date); Entra rejects it.",
      aadsts: 50027
    };
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
function circleciOrgId(claims) {
  return /^https:\/\/oidc\.circleci\.com\/org\/([^/]+)$/.exec(stringClaim(claims, "iss") ?? "")?.[1];
}
function ficAudience(claims, opts) {
  const aud = audienceClaim(claims);
  const tokenAud = Array.isArray(aud) ? aud[0] : aud;
  const standard = CLOUDS[opts.cloud].audience;
  if (tokenAud === void 0) return { audience: opts.audience };
  if (tokenAud === standard || tokenAud === circleciOrgId(claims)) return { audience: tokenAud };
  return { audience: standard, nonStandard: tokenAud };
}
function audienceObservation(nonStandard, opts) {
  const standard = CLOUDS[opts.cloud].audience;
  const cloud = Object.keys(CLOUDS).find((c) => CLOUDS[c].audience === nonStandard);
  const what = cloud === void 0 ? `The CI token's audience ${JSON.stringify(nonStandard)} is not ${opts.cloud}'s standard audience ${standard} (a typo in --audience?).` : `The CI token's audience is ${cloud}'s standard one (${nonStandard}), not ${opts.cloud}'s standard audience ${standard}.`;
  return `${what} Request the CI token with ${standard} (leave --audience out, or pass --cloud) and give the federated credential that audience; the suggestion below does.`;
}
function observe(claims, provider, opts) {
  const out = [];
  const aud = audienceClaim(claims);
  const auds = aud === void 0 ? [] : Array.isArray(aud) ? aud : [aud];
  const { nonStandard } = ficAudience(claims, opts);
  if (nonStandard !== void 0) {
    out.push(audienceObservation(nonStandard, opts));
  } else if (!auds.includes(opts.audience)) {
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
function holdsUnsafeText(value) {
  if (typeof value === "string") return needsEscaping(value);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsUnsafeText);
  return false;
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
  const aud = audienceClaim(claims);
  if (iss !== void 0) summary.iss = iss;
  if (sub !== void 0) summary.sub = sub;
  if (aud !== void 0) summary.aud = aud;
  for (const name of ["exp", "iat", "nbf"]) {
    const v = numericClaim(claims, name);
    if (v !== void 0) summary[name] = v;
  }
  const audience = ficAudience(claims, opts);
  const suggested = suggestFic(claims, provider, audience.audience);
  const suggestion = suggested !== void 0 && holdsUnsafeText(suggested) ? void 0 : suggested;
  if (suggestion !== void 0 && audience.nonStandard !== void 0)
    suggestion.replacesAudience = audience.nonStandard;
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

export {
  parseFicDocument,
  diagnose
};
