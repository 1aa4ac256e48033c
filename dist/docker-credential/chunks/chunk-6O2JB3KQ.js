import {
  compactContext,
  githubProvider,
  isGithubActions
} from "./chunk-GZL7BT54.js";
import {
  describeFailure,
  runTokenCommand,
  tokenCommandError
} from "./chunk-ZRLSFQUU.js";
import {
  fetchWithRetry
} from "./chunk-5MT7EPN6.js";
import {
  MAX_JWT_LENGTH,
  decodeJwt,
  quote
} from "./chunk-JMXU6O7H.js";
import {
  FederationError,
  usageError
} from "./chunk-Y33T5NR3.js";
import {
  unreadableFileReason
} from "./chunk-5ICNF3XL.js";

// src/ci/values.ts
var JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
function asJwt(raw) {
  if (raw === void 0) return void 0;
  const token = raw.trim();
  return token.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(token) ? token : void 0;
}
function claimsOf(token) {
  try {
    return decodeJwt(token).claims;
  } catch {
    return void 0;
  }
}
function audiencesOf(claims) {
  const aud = claims?.["aud"];
  if (typeof aud === "string") return [aud];
  return Array.isArray(aud) ? aud.filter((a) => typeof a === "string") : [];
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

// src/ci/azure-pipelines.ts
var OIDC_API_VERSION = "7.1";
var SERVICE_CONNECTION_VARIABLE = "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID";
var ACCESS_TOKEN_REMEDY = "Map the job token into the step: `env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)` (it is never in the environment unless mapped).";
function isAzurePipelines(env) {
  return env["TF_BUILD"]?.toLowerCase() === "true";
}
function azurePipelinesTokenAvailable(env) {
  return ["SYSTEM_OIDCREQUESTURI", "SYSTEM_ACCESSTOKEN", SERVICE_CONNECTION_VARIABLE].every(
    (name) => envValue(env, name) !== void 0
  );
}
function requestUrl(raw, connectionId) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FederationError("ID_TOKEN_UNAVAILABLE", "SYSTEM_OIDCREQUESTURI is not a URL.", {
      remedy: "Do not override SYSTEM_OIDCREQUESTURI; the agent sets it.",
      usage: true,
      field: "SYSTEM_OIDCREQUESTURI"
    });
  }
  const loopback = url.hostname === "localhost" || url.hostname === "[::1]" || /^127\./.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new FederationError(
      "ID_TOKEN_UNAVAILABLE",
      "SYSTEM_OIDCREQUESTURI is not an https URL; the job token will not be sent to it.",
      {
        remedy: "Do not override SYSTEM_OIDCREQUESTURI; the agent sets it.",
        usage: true,
        field: "SYSTEM_OIDCREQUESTURI"
      }
    );
  }
  url.searchParams.set("api-version", OIDC_API_VERSION);
  url.searchParams.set("serviceConnectionId", connectionId);
  return url.href;
}
function azurePipelinesProvider(deps) {
  const { env, http } = deps;
  return {
    name: "azure-pipelines",
    description: "the Azure Pipelines OIDC endpoint (SYSTEM_OIDCREQUESTURI) for a service connection",
    async idToken() {
      const endpoint = envValue(env, "SYSTEM_OIDCREQUESTURI");
      if (endpoint === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "SYSTEM_OIDCREQUESTURI is not set, so this job cannot request an OIDC token.",
          {
            remedy: "Run this in an Azure Pipelines job on Azure DevOps Services (the agent sets SYSTEM_OIDCREQUESTURI in every step).",
            usage: true,
            field: "SYSTEM_OIDCREQUESTURI"
          }
        );
      }
      const bearer = envValue(env, "SYSTEM_ACCESSTOKEN");
      if (bearer === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "SYSTEM_ACCESSTOKEN is not set, so the OIDC token cannot be requested.",
          { remedy: ACCESS_TOKEN_REMEDY, usage: true, field: "SYSTEM_ACCESSTOKEN" }
        );
      }
      const connection = envValue(env, SERVICE_CONNECTION_VARIABLE)?.trim();
      if (connection === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `${SERVICE_CONNECTION_VARIABLE} is not set: Azure Pipelines issues tokens per service connection.`,
          {
            remedy: `Set \`env: ${SERVICE_CONNECTION_VARIABLE}: <id>\` to the id of a workload identity federation service connection (the resourceId in its settings URL); Azure tasks such as AzureCLI@2 set it for their scripts.`,
            usage: true,
            field: SERVICE_CONNECTION_VARIABLE
          }
        );
      }
      const target = requestUrl(endpoint, connection);
      const clock = deps.clock;
      const { response } = await fetchWithRetry(
        http,
        () => ({
          method: "POST",
          url: target,
          headers: {
            authorization: `Bearer ${bearer}`,
            "content-type": "application/json",
            accept: "application/json",
            // Asks for a 401 instead of a redirect to a sign-in page.
            "x-tfs-fedauthredirect": "Suppress"
          },
          body: ""
        }),
        {
          deadlineAt: (clock?.now() ?? Date.now()) + deps.timeoutMs,
          what: "the Azure Pipelines OIDC endpoint",
          ...clock === void 0 ? {} : { clock }
        }
      );
      if (response.status !== 200) {
        const hint = response.status === 401 || response.status === 403 ? `The job token was refused: map \`SYSTEM_ACCESSTOKEN: $(System.AccessToken)\` and authorize this pipeline to use the service connection (Project settings > Service connections > Security).` : response.status === 404 || response.status === 400 ? `Check ${SERVICE_CONNECTION_VARIABLE}: it must be the id of a service connection of this project that uses workload identity federation.` : "Azure DevOps failed to issue the token; it was retried. Re-run the job, and check https://status.dev.azure.com.";
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          `The Azure Pipelines OIDC endpoint answered HTTP ${response.status}.`,
          { remedy: hint, status: response.status }
        );
      }
      let value;
      try {
        value = JSON.parse(response.body).oidcToken;
      } catch {
        value = void 0;
      }
      const token = typeof value === "string" ? asJwt(value) : void 0;
      if (token === void 0) {
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          'The Azure Pipelines OIDC endpoint answered without a token in "oidcToken".',
          {
            remedy: `Check that ${SERVICE_CONNECTION_VARIABLE} names a workload identity federation service connection (secret-based connections issue no OIDC token).`
          }
        );
      }
      return token;
    },
    context() {
      const collection = env["SYSTEM_COLLECTIONURI"];
      const project = env["SYSTEM_TEAMPROJECT"];
      const build = env["BUILD_BUILDID"];
      return compactContext("azure-pipelines", {
        repository: env["BUILD_REPOSITORY_NAME"],
        ref: env["BUILD_SOURCEBRANCH"],
        sha: env["BUILD_SOURCEVERSION"],
        workflow: env["BUILD_DEFINITIONNAME"],
        runId: build,
        runAttempt: env["SYSTEM_JOBATTEMPT"],
        jobId: env["SYSTEM_JOBID"],
        actor: env["BUILD_REQUESTEDFOR"],
        environment: env["ENVIRONMENT_NAME"],
        eventName: env["BUILD_REASON"],
        runUrl: collection !== void 0 && project !== void 0 && build !== void 0 ? `${collection.replace(/\/?$/, "/")}${encodeURIComponent(project)}/_build/results?buildId=${encodeURIComponent(build)}` : void 0
      });
    }
  };
}

// src/ci/bitbucket.ts
var BITBUCKET_TOKEN_VARIABLE = "BITBUCKET_STEP_OIDC_TOKEN";
function isBitbucketPipelines(env) {
  return envValue(env, "BITBUCKET_BUILD_NUMBER") !== void 0 && envValue(env, "BITBUCKET_COMMIT") !== void 0;
}
function bitbucketTokenAvailable(env) {
  return envValue(env, BITBUCKET_TOKEN_VARIABLE) !== void 0;
}
function bitbucketProvider(deps) {
  const { env } = deps;
  return {
    name: "bitbucket",
    description: `the Bitbucket Pipelines step token in ${BITBUCKET_TOKEN_VARIABLE}`,
    async idToken(audience) {
      const raw = envValue(env, BITBUCKET_TOKEN_VARIABLE);
      if (raw === void 0) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `Bitbucket Pipelines gave this step no OIDC token: ${BITBUCKET_TOKEN_VARIABLE} is not set.`,
          {
            remedy: `Add \`oidc: true\` to the step, or \`oidc: audiences: [${audience}]\` to request the audience of the app's federated credential (otherwise the token's audience is the one shown in Repository settings > OpenID Connect).`,
            usage: true,
            field: BITBUCKET_TOKEN_VARIABLE
          }
        );
      }
      const token = asJwt(raw);
      if (token === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${BITBUCKET_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Do not define a repository or deployment variable named ${BITBUCKET_TOKEN_VARIABLE}; Bitbucket sets it for steps with \`oidc: true\`.`,
          usage: true,
          field: BITBUCKET_TOKEN_VARIABLE
        });
      }
      return token;
    },
    context() {
      const origin = env["BITBUCKET_GIT_HTTP_ORIGIN"]?.replace(/^http:\/\//, "https://");
      const build = env["BITBUCKET_BUILD_NUMBER"];
      return compactContext("bitbucket", {
        repository: env["BITBUCKET_REPO_FULL_NAME"],
        ref: gitRef(env["BITBUCKET_TAG"], env["BITBUCKET_BRANCH"]),
        sha: env["BITBUCKET_COMMIT"],
        runId: env["BITBUCKET_PIPELINE_UUID"] ?? build,
        jobId: env["BITBUCKET_STEP_UUID"],
        actor: env["BITBUCKET_STEP_TRIGGERER_UUID"],
        environment: env["BITBUCKET_DEPLOYMENT_ENVIRONMENT"],
        eventName: env["BITBUCKET_PR_ID"] === void 0 ? void 0 : "pull_request",
        runUrl: origin !== void 0 && build !== void 0 ? `${origin}/pipelines/results/${build}` : void 0
      });
    }
  };
}

// src/ci/buildkite.ts
var AGENT_REMEDY = "Run this in a Buildkite command step, where the agent puts `buildkite-agent` on PATH with BUILDKITE_AGENT_ACCESS_TOKEN and BUILDKITE_JOB_ID; in a container (docker plugin) set `mount-buildkite-agent: true` and pass those variables through.";
function isBuildkite(env) {
  return env["BUILDKITE"] === "true";
}
function buildkiteTokenAvailable(env) {
  return envValue(env, "BUILDKITE_AGENT_ACCESS_TOKEN") !== void 0;
}
function buildkiteRequestArgv(audience) {
  return ["buildkite-agent", "oidc", "request-token", "--audience", audience];
}
function buildkiteProvider(deps) {
  const { env } = deps;
  return {
    name: "buildkite",
    description: "the Buildkite agent (`buildkite-agent oidc request-token`)",
    async idToken(audience) {
      if (!buildkiteTokenAvailable(env)) {
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "BUILDKITE_AGENT_ACCESS_TOKEN is not set, so `buildkite-agent` cannot request an OIDC token for this job.",
          { remedy: AGENT_REMEDY, usage: true, field: "BUILDKITE_AGENT_ACCESS_TOKEN" }
        );
      }
      const result = await runTokenCommand(buildkiteRequestArgv(audience), { env, timeoutMs: deps.timeoutMs });
      if (!result.ok) {
        const remedy = result.reason === "exit" ? "Check that the agent is recent enough to have `buildkite-agent oidc request-token` (upgrade it otherwise) and that the job is still running; retry the job if Buildkite was unavailable." : AGENT_REMEDY;
        throw tokenCommandError(
          result,
          `Requesting a Buildkite OIDC token failed: ${describeFailure("buildkite-agent oidc request-token", result, deps.timeoutMs)}.`,
          { remedy }
        );
      }
      const token = asJwt(result.stdout);
      if (token === void 0) {
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          "`buildkite-agent oidc request-token` printed something that is not a JWT.",
          {
            remedy: "Check that `buildkite-agent` on PATH is the Buildkite agent, and that no wrapper script adds output."
          }
        );
      }
      return token;
    },
    context() {
      const org = env["BUILDKITE_ORGANIZATION_SLUG"];
      const pipeline = env["BUILDKITE_PIPELINE_SLUG"];
      return compactContext("buildkite", {
        repository: org !== void 0 && pipeline !== void 0 ? `${org}/${pipeline}` : void 0,
        ref: gitRef(env["BUILDKITE_TAG"], env["BUILDKITE_BRANCH"]),
        sha: env["BUILDKITE_COMMIT"],
        workflow: env["BUILDKITE_PIPELINE_NAME"] ?? pipeline,
        runId: env["BUILDKITE_BUILD_ID"],
        runAttempt: env["BUILDKITE_RETRY_COUNT"],
        jobId: env["BUILDKITE_JOB_ID"],
        actor: env["BUILDKITE_BUILD_CREATOR"] ?? env["BUILDKITE_BUILD_AUTHOR"],
        eventName: env["BUILDKITE_SOURCE"],
        runUrl: env["BUILDKITE_BUILD_URL"]
      });
    }
  };
}

// src/ci/circleci.ts
var CIRCLECI_TOKEN_VARIABLES = ["CIRCLE_OIDC_TOKEN_V2", "CIRCLE_OIDC_TOKEN"];
var NO_TOKEN_REMEDY = 'Run this in a CircleCI cloud job (or CircleCI Server 4.4+, not air-gapped); builds of forked pull requests get a token only with "Pass secrets to builds from forked pull requests" on.';
function isCircleCi(env) {
  return env["CIRCLECI"] === "true";
}
function circleciTokenAvailable(env) {
  return CIRCLECI_TOKEN_VARIABLES.some((name) => envValue(env, name) !== void 0);
}
function circleciMintArgv(audience) {
  return ["circleci", "run", "oidc", "get", "--claims", JSON.stringify({ aud: audience })];
}
function circleciProvider(deps) {
  const { env } = deps;
  return {
    name: "circleci",
    description: "the CircleCI OIDC token (CIRCLE_OIDC_TOKEN_V2, or `circleci run oidc get` for another audience)",
    async idToken(audience) {
      const name = CIRCLECI_TOKEN_VARIABLES.find((n) => envValue(env, n) !== void 0);
      const fromEnv = name === void 0 ? void 0 : asJwt(env[name]);
      if (name !== void 0 && fromEnv === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${name} does not hold a JWT.`, {
          remedy: `Do not define ${name} yourself (project or context variables); CircleCI sets it.`,
          usage: true,
          field: name
        });
      }
      const envAudiences = fromEnv === void 0 ? [] : audiencesOf(claimsOf(fromEnv));
      if (fromEnv !== void 0 && envAudiences.includes(audience)) return fromEnv;
      const result = await runTokenCommand(circleciMintArgv(audience), { env, timeoutMs: deps.timeoutMs });
      if (result.ok) {
        const minted = asJwt(result.stdout);
        if (minted !== void 0) return minted;
        throw new FederationError(
          "ID_TOKEN_REQUEST_FAILED",
          "`circleci run oidc get` printed something that is not a JWT.",
          { remedy: "Check that `circleci` on PATH is the CircleCI job CLI (not another tool of that name)." }
        );
      }
      const org = envAudiences[0] ?? envValue(env, "CIRCLE_ORGANIZATION_ID");
      const why = describeFailure("circleci run oidc get", result, deps.timeoutMs);
      if (name !== void 0 && fromEnv !== void 0) {
        throw tokenCommandError(
          result,
          `${name} has audience ${quote(envAudiences.join(", "))}, not ${quote(audience)}, and minting one for ${quote(audience)} failed: ${why}.`,
          {
            remedy: result.reason === "not-found" ? `Use an image that has the \`circleci\` job CLI, or set the federated credential's audience to your organization id and pass --audience ${org ?? "<organization id>"}.` : `Retry the job; if it persists, set the federated credential's audience to your organization id and pass --audience ${org ?? "<organization id>"} to use ${name} as it is.`,
            field: name
          }
        );
      }
      throw tokenCommandError(
        result,
        `CircleCI gave this job no OIDC token (CIRCLE_OIDC_TOKEN_V2 and CIRCLE_OIDC_TOKEN are empty), and minting one failed: ${why}.`,
        { remedy: NO_TOKEN_REMEDY }
      );
    },
    context() {
      const owner = env["CIRCLE_PROJECT_USERNAME"];
      const repo = env["CIRCLE_PROJECT_REPONAME"];
      return compactContext("circleci", {
        repository: owner !== void 0 && repo !== void 0 ? `${owner}/${repo}` : void 0,
        ref: gitRef(env["CIRCLE_TAG"], env["CIRCLE_BRANCH"]),
        sha: env["CIRCLE_SHA1"],
        workflow: env["CIRCLE_WORKFLOW_ID"],
        runId: env["CIRCLE_PIPELINE_ID"],
        jobId: env["CIRCLE_WORKFLOW_JOB_ID"] ?? env["CIRCLE_BUILD_NUM"],
        actor: env["CIRCLE_USERNAME"],
        runUrl: env["CIRCLE_BUILD_URL"]
      });
    }
  };
}

// src/ci/drone.ts
var NO_OIDC_CREDENTIAL_REMEDY = "Use a certificate: a PEM file with the private key and the certificate in AZURE_CLIENT_CERTIFICATE_PATH (or --certificate FILE); or, less safely, a client secret in AZURE_CLIENT_SECRET.";
function isDrone(env) {
  return env["DRONE"] === "true";
}
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

// src/ci/generic.ts
import { readFile } from "node:fs/promises";
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function fileTokenProvider(path, origin) {
  if (path.trim() === "")
    throw usageError(
      "INVALID_ID_TOKEN_FILE",
      `${origin} is empty.`,
      "Give the path of a file that holds the CI's OIDC token.",
      "id-token-file"
    );
  return {
    name: "file",
    description: `the file ${path} (${origin})`,
    async idToken() {
      let text;
      try {
        text = await readFile(path, "utf8");
      } catch (err) {
        const why = unreadableFileReason(err);
        throw new FederationError("ID_TOKEN_UNAVAILABLE", `The CI token file ${quote(path)} (${origin}) ${why}.`, {
          remedy: "Point it at the file your CI writes the OIDC token to, or use --id-token-env.",
          usage: true,
          field: "id-token-file"
        });
      }
      return checkToken(text, `the file ${quote(path)}`);
    },
    context: () => compactContext("file", {})
  };
}
function envTokenProvider(name, env) {
  if (!ENV_NAME.test(name)) {
    throw usageError(
      "INVALID_ID_TOKEN_ENV",
      `${quote(name)} is not an environment variable name.`,
      "Pass the name of the variable that holds the token (e.g. --id-token-env GITLAB_OIDC_TOKEN), not the token itself.",
      "id-token-env"
    );
  }
  return {
    name: "env",
    description: `the environment variable ${name}`,
    async idToken() {
      const value = env[name];
      if (value === void 0 || value.trim() === "") {
        throw new FederationError("ID_TOKEN_UNAVAILABLE", `The environment variable ${name} is not set or empty.`, {
          remedy: `Make your CI put its OIDC token in ${name}, or name the right variable with --id-token-env.`,
          usage: true,
          field: "id-token-env"
        });
      }
      return checkToken(value, `the variable ${name}`);
    },
    context: () => compactContext("env", {})
  };
}
function checkToken(raw, where) {
  const token = raw.trim();
  if (token === "") {
    throw new FederationError("ID_TOKEN_UNAVAILABLE", `${where.charAt(0).toUpperCase()}${where.slice(1)} is empty.`, {
      remedy: "The CI wrote no token there: check that the job is allowed to request OIDC tokens.",
      usage: true
    });
  }
  if (token.length > MAX_JWT_LENGTH) {
    throw new FederationError(
      "MALFORMED_ID_TOKEN",
      `The token in ${where} is longer than ${MAX_JWT_LENGTH} characters.`,
      { remedy: "Pass the raw OIDC ID token, nothing else.", usage: true }
    );
  }
  return token;
}

// src/ci/gitlab.ts
var GITLAB_TOKEN_VARIABLE = "GITLAB_OIDC_TOKEN";
var LEGACY_JWT_VARIABLES = ["CI_JOB_JWT_V2", "CI_JOB_JWT_V1", "CI_JOB_JWT"];
function isGitlabCi(env) {
  return env["GITLAB_CI"] === "true";
}
function gitlabTokenAvailable(env) {
  return envValue(env, GITLAB_TOKEN_VARIABLE) !== void 0;
}
function gitlabIdTokensYaml(audience) {
  return `id_tokens: ${GITLAB_TOKEN_VARIABLE}: aud: ${audience}`;
}
function otherIdTokenVariables(env) {
  const server = envValue(env, "CI_SERVER_URL")?.replace(/\/+$/, "");
  if (server === void 0) return [];
  return Object.keys(env).filter((name) => {
    if (name === GITLAB_TOKEN_VARIABLE || LEGACY_JWT_VARIABLES.includes(name)) return false;
    const token = asJwt(env[name]);
    return token !== void 0 && claimsOf(token)?.["iss"] === server;
  }).sort();
}
function gitlabProvider(deps) {
  const { env } = deps;
  return {
    name: "gitlab",
    description: `the GitLab CI ID token in ${GITLAB_TOKEN_VARIABLE} (id_tokens:)`,
    async idToken(audience) {
      const raw = envValue(env, GITLAB_TOKEN_VARIABLE);
      if (raw === void 0) {
        const others = otherIdTokenVariables(env);
        const found = others.length === 0 ? "" : ` ${others.join(", ")} ${others.length === 1 ? "holds" : "hold"} an ID token from this GitLab: pass --id-token-env ${others[0]} to use it.`;
        const legacy = LEGACY_JWT_VARIABLES.some((name) => envValue(env, name) !== void 0) ? " CI_JOB_JWT* variables are deprecated (removed in GitLab 17.0) and are not used." : "";
        throw new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `GitLab gave this job no ID token: ${GITLAB_TOKEN_VARIABLE} is not set.${found}${legacy}`,
          {
            remedy: `Add to the job \`${gitlabIdTokensYaml(audience)}\` (the aud must equal the audience of the app's federated credential), or pass --id-token-env NAME for a token under another name.`,
            usage: true,
            field: GITLAB_TOKEN_VARIABLE
          }
        );
      }
      const token = asJwt(raw);
      if (token === void 0) {
        throw new FederationError("MALFORMED_ID_TOKEN", `${GITLAB_TOKEN_VARIABLE} does not hold a JWT.`, {
          remedy: `Let GitLab set ${GITLAB_TOKEN_VARIABLE} through \`${gitlabIdTokensYaml(audience)}\`; do not define a CI/CD variable of that name.`,
          usage: true,
          field: GITLAB_TOKEN_VARIABLE
        });
      }
      return token;
    },
    context() {
      return compactContext("gitlab", {
        repository: env["CI_PROJECT_PATH"],
        ref: gitRef(
          env["CI_COMMIT_TAG"],
          env["CI_COMMIT_BRANCH"] ?? env["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] ?? env["CI_COMMIT_REF_NAME"]
        ),
        sha: env["CI_COMMIT_SHA"],
        workflow: env["CI_PIPELINE_NAME"] ?? env["CI_JOB_NAME"],
        runId: env["CI_PIPELINE_ID"],
        jobId: env["CI_JOB_ID"],
        actor: env["GITLAB_USER_LOGIN"],
        environment: env["CI_ENVIRONMENT_NAME"],
        eventName: env["CI_PIPELINE_SOURCE"],
        runUrl: env["CI_JOB_URL"] ?? env["CI_PIPELINE_URL"]
      });
    }
  };
}

// src/ci/harness.ts
var HARNESS_TOKEN_VARIABLE = "PLUGIN_OIDC_TOKEN_ID";
function isHarness(env) {
  return ["HARNESS_ACCOUNT_ID", "HARNESS_BUILD_ID", HARNESS_TOKEN_VARIABLE].some(
    (name) => envValue(env, name) !== void 0
  );
}
function harnessTokenAvailable(env) {
  return envValue(env, HARNESS_TOKEN_VARIABLE) !== void 0;
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

// src/ci/jenkins.ts
function isJenkins(env) {
  return envValue(env, "JENKINS_URL") !== void 0 && envValue(env, "BUILD_NUMBER") !== void 0;
}
function jenkinsProvider(deps) {
  const { env } = deps;
  return {
    name: "jenkins",
    description: "Jenkins (token passed with --id-token-env or --id-token-file)",
    idToken() {
      return Promise.reject(
        new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          "Jenkins has no standard place for an OIDC token, and none was passed.",
          {
            remedy: `Install the OpenID Connect Provider plugin, bind its "OpenID Connect id token" credential with withCredentials([string(credentialsId: 'azure-id-token', variable: 'AZURE_ID_TOKEN')]) and pass --id-token-env AZURE_ID_TOKEN (or the file variant with --id-token-file).`,
            usage: true
          }
        )
      );
    },
    context() {
      return compactContext("jenkins", {
        repository: env["GIT_URL"],
        ref: env["BRANCH_NAME"] ?? env["GIT_BRANCH"],
        sha: env["GIT_COMMIT"],
        workflow: env["JOB_NAME"],
        runId: env["BUILD_NUMBER"],
        jobId: env["BUILD_TAG"],
        actor: env["BUILD_USER_ID"],
        runUrl: env["BUILD_URL"]
      });
    }
  };
}

// src/ci/travis.ts
function isTravis(env) {
  return env["TRAVIS"] === "true";
}
function travisProvider(deps) {
  const { env } = deps;
  return {
    name: "travis",
    description: "Travis CI (no OIDC tokens)",
    idToken() {
      const forked = env["TRAVIS_SECURE_ENV_VARS"] === "false" ? " This build has no secure variables (pull requests from forks never do)." : "";
      return Promise.reject(
        new FederationError(
          "ID_TOKEN_UNAVAILABLE",
          `Travis CI issues no OIDC tokens, and no certificate or secret was found.${forked}`,
          {
            remedy: `${NO_OIDC_CREDENTIAL_REMEDY} Keep the PEM encrypted with \`travis encrypt-file\` and the secret in a secure variable.`,
            usage: true
          }
        )
      );
    },
    context() {
      const pr = env["TRAVIS_PULL_REQUEST"];
      return compactContext("travis", {
        repository: env["TRAVIS_REPO_SLUG"],
        ref: gitRef(
          env["TRAVIS_TAG"],
          pr !== void 0 && pr !== "false" ? env["TRAVIS_PULL_REQUEST_BRANCH"] : env["TRAVIS_BRANCH"]
        ),
        sha: env["TRAVIS_COMMIT"],
        runId: env["TRAVIS_BUILD_ID"],
        jobId: env["TRAVIS_JOB_ID"],
        eventName: env["TRAVIS_EVENT_TYPE"],
        runUrl: env["TRAVIS_JOB_WEB_URL"] ?? env["TRAVIS_BUILD_WEB_URL"]
      });
    }
  };
}

// src/ci/detect.ts
var never = () => false;
var PROVIDERS = {
  github: {
    detect: isGithubActions,
    tokenAvailable: (env) => envValue(env, "ACTIONS_ID_TOKEN_REQUEST_URL") !== void 0 && envValue(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN") !== void 0,
    create: githubProvider
  },
  gitlab: { detect: isGitlabCi, tokenAvailable: gitlabTokenAvailable, create: gitlabProvider },
  circleci: { detect: isCircleCi, tokenAvailable: circleciTokenAvailable, create: circleciProvider },
  buildkite: { detect: isBuildkite, tokenAvailable: buildkiteTokenAvailable, create: buildkiteProvider },
  bitbucket: { detect: isBitbucketPipelines, tokenAvailable: bitbucketTokenAvailable, create: bitbucketProvider },
  "azure-pipelines": {
    detect: isAzurePipelines,
    tokenAvailable: azurePipelinesTokenAvailable,
    create: azurePipelinesProvider
  },
  harness: { detect: isHarness, tokenAvailable: harnessTokenAvailable, create: harnessProvider },
  jenkins: { detect: isJenkins, tokenAvailable: never, create: jenkinsProvider },
  drone: { detect: isDrone, tokenAvailable: never, create: droneProvider },
  travis: { detect: isTravis, tokenAvailable: never, create: travisProvider }
};
var WITHOUT_OIDC = /* @__PURE__ */ new Set(["jenkins", "drone", "travis"]);
function providerNames() {
  return ["auto", ...Object.keys(PROVIDERS)];
}
function matchCi(input, deps) {
  const wanted = (input.provider ?? "auto").trim().toLowerCase();
  if (wanted !== "auto" && wanted !== "") {
    const entry = PROVIDERS[wanted];
    if (entry === void 0) {
      throw usageError(
        "INVALID_PROVIDER",
        `Unknown provider ${quote(input.provider ?? "")}.`,
        `Use one of ${providerNames().join(", ")}, or --id-token-file / --id-token-env for any other CI.`,
        "provider"
      );
    }
    return {
      name: wanted,
      provider: entry.create(deps),
      ready: entry.tokenAvailable(deps.env),
      named: true,
      oidc: !WITHOUT_OIDC.has(wanted)
    };
  }
  for (const [name, entry] of Object.entries(PROVIDERS)) {
    if (entry.detect(deps.env))
      return {
        name,
        provider: entry.create(deps),
        ready: entry.tokenAvailable(deps.env),
        named: false,
        oidc: !WITHOUT_OIDC.has(name)
      };
  }
  return void 0;
}
function explicitTokenSource(input, env, ci) {
  if (input.idTokenFile !== void 0 && input.idTokenEnv !== void 0) {
    throw usageError(
      "CONFLICTING_TOKEN_SOURCES",
      "--id-token-file and --id-token-env were both given.",
      "Give one place to read the CI token from.",
      "id-token-env"
    );
  }
  if (input.idTokenFile !== void 0) return withContext(fileTokenProvider(input.idTokenFile, "--id-token-file"), ci);
  if (input.idTokenEnv !== void 0) return withContext(envTokenProvider(input.idTokenEnv, env), ci);
  return void 0;
}
function withContext(source, ci) {
  if (ci === void 0) return source;
  return {
    name: source.name,
    description: source.description,
    idToken: (aud) => source.idToken(aud),
    context: () => ci.provider.context()
  };
}
function federatedTokenFileSource(env, ci) {
  const file = envValue(env, "AZURE_FEDERATED_TOKEN_FILE");
  return file === void 0 ? void 0 : withContext(fileTokenProvider(file, "AZURE_FEDERATED_TOKEN_FILE"), ci);
}
function noCredentialError() {
  return usageError(
    "NO_CREDENTIAL",
    "Found nothing to authenticate with: no CI OIDC token source, certificate or secret was detected or given.",
    "In a CI with OIDC, run inside it (GitHub Actions needs `permissions: id-token: write`); otherwise pass --id-token-file FILE or --id-token-env NAME, or set AZURE_FEDERATED_TOKEN_FILE; where the CI issues no token (Drone, Travis), set AZURE_CLIENT_CERTIFICATE_PATH to a PEM with key and certificate, or AZURE_CLIENT_SECRET."
  );
}

export {
  providerNames,
  matchCi,
  explicitTokenSource,
  federatedTokenFileSource,
  noCredentialError
};
