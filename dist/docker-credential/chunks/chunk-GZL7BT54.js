import {
  fetchWithRetry
} from "./chunk-5MT7EPN6.js";
import {
  FederationError
} from "./chunk-Y33T5NR3.js";

// src/ci/types.ts
function compactContext(provider, fields) {
  const out = { provider };
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

// src/ci/github.ts
var GITHUB_PERMISSION_REMEDY = "Add `permissions: id-token: write` to the job or workflow (reusable workflows need it in the caller too). Pull requests from forks never get an ID token: use `pull_request_target` with care, or skip the step for forks.";
function isGithubActions(env) {
  return env["GITHUB_ACTIONS"] === "true";
}
function idTokenUrl(requestUrl, audience) {
  const sep = requestUrl.includes("?") ? "&" : "?";
  return `${requestUrl}${sep}audience=${encodeURIComponent(audience)}`;
}
function githubProvider(deps) {
  const { env, http } = deps;
  return {
    name: "github",
    description: "the GitHub Actions ID-token endpoint",
    async idToken(audience) {
      const url = env["ACTIONS_ID_TOKEN_REQUEST_URL"];
      const bearer = env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"];
      if (url === void 0 || url === "" || bearer === void 0 || bearer === "") {
        const missing = url === void 0 || url === "" ? "ACTIONS_ID_TOKEN_REQUEST_URL" : "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `GitHub did not give this job an OIDC token: ${missing} is not set.`,
          { remedy: GITHUB_PERMISSION_REMEDY, usage: true, field: missing }
        );
      }
      let target;
      try {
        target = new URL(idTokenUrl(url, audience)).href;
      } catch {
        throw new FederationError("ID_TOKEN_UNAVAILABLE", "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL.", {
          remedy: "Do not override ACTIONS_ID_TOKEN_REQUEST_URL; the runner sets it.",
          usage: true
        });
      }
      const clock = deps.clock;
      const { response } = await fetchWithRetry(
        http,
        () => ({
          method: "GET",
          url: target,
          headers: { authorization: `Bearer ${bearer}`, accept: "application/json" }
        }),
        {
          deadlineAt: (clock?.now() ?? Date.now()) + deps.timeoutMs,
          what: "the GitHub Actions ID-token endpoint",
          ...clock === void 0 ? {} : { clock }
        }
      );
      if (response.status !== 200) {
        const hint = response.status === 401 || response.status === 403 ? "The runner refused the request token: it may have expired (jobs longer than about 6 h), or the job lacks `permissions: id-token: write`." : "GitHub's token service failed; it was retried. Re-run the job, and check https://www.githubstatus.com.";
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          `The GitHub Actions ID-token endpoint answered HTTP ${response.status}.`,
          { remedy: hint, status: response.status }
        );
      }
      let value;
      try {
        value = JSON.parse(response.body).value;
      } catch {
        value = void 0;
      }
      if (typeof value !== "string" || value === "") {
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          'The GitHub Actions ID-token endpoint answered without a token in "value".',
          { remedy: "Check that ACTIONS_ID_TOKEN_REQUEST_URL is the runner's own (a proxy may be answering)." }
        );
      }
      return value;
    },
    context: () => githubContext(env)
  };
}
function githubContext(env) {
  const server = env["GITHUB_SERVER_URL"] ?? "https://github.com";
  const repo = env["GITHUB_REPOSITORY"];
  const runId = env["GITHUB_RUN_ID"];
  return compactContext("github", {
    repository: repo,
    ref: env["GITHUB_REF"],
    sha: env["GITHUB_SHA"],
    workflow: env["GITHUB_WORKFLOW"],
    runId,
    runAttempt: env["GITHUB_RUN_ATTEMPT"],
    jobId: env["GITHUB_JOB"],
    actor: env["GITHUB_ACTOR"],
    eventName: env["GITHUB_EVENT_NAME"],
    runUrl: repo !== void 0 && runId !== void 0 ? `${server}/${repo}/actions/runs/${runId}` : void 0
  });
}

export {
  compactContext,
  isGithubActions,
  idTokenUrl,
  githubProvider
};
