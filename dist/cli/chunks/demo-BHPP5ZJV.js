import {
  ServiceClient,
  endpointsFor,
  githubTarget,
  renderReport,
  runSetup,
  snippetFor
} from "./chunk-3B4PGVO5.js";
import {
  startSandbox
} from "./chunk-POPVBAJI.js";
import {
  helpRequested,
  parseCommand,
  renderError,
  renderLoginSummary
} from "./chunk-SAJ3KRIM.js";
import "./chunk-7MCQKBCW.js";
import {
  githubProvider
} from "./chunk-YE5USGSE.js";
import "./chunk-LYCLW4XY.js";
import "./chunk-OSSP5VWG.js";
import "./chunk-DXLEYKMA.js";
import {
  login
} from "./chunk-KKJBLYBX.js";
import "./chunk-KEKUR6VN.js";
import "./chunk-CXUPN4HS.js";
import {
  CLOUDS,
  decodeJwt,
  resolveOptions
} from "./chunk-6I7DYRWY.js";
import {
  FederationError
} from "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/demo.ts
var HELP = `Usage: entra-federate demo

Starts a local Entra-compatible service (with the Microsoft Graph and Azure Resource Manager
subsets that set-up uses) and a GitHub-like CI issuer in this process, then:
  1. runs \`entra-federate setup github\` as a signed-in administrator: app registration, service
     principal, federated credential and a role assignment, created through Graph and ARM;
  2. asks the CI issuer for an OIDC token, as a GitHub Actions job on main would, and exchanges
     it at the local Entra token endpoint for two access tokens;
  3. shows a job whose token does not match the federated credential, and why.
Nothing leaves this machine, and no token is printed.`;
var GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
var REPO = "octo-org/octo-repo";
var SCOPES = ["https://management.azure.com/.default", "https://vault.azure.net"];
async function run(argv, io) {
  const { values } = parseCommand("demo", argv, { help: { type: "boolean", short: "h" } });
  if (helpRequested(values, HELP, io)) return 0;
  const out = (text = "") => {
    io.stdout.write(`${text}
`);
  };
  const sandbox = await startSandbox({
    config: { issuers: [{ issuer: GITHUB_ISSUER }], idTokenClaims: { iss: GITHUB_ISSUER } }
  });
  try {
    const http = io.http();
    out("entra-federate demo: the whole flow, offline.");
    out();
    out(`A local Entra ID, Microsoft Graph, Azure Resource Manager and a GitHub-like CI issuer are running`);
    out(`at ${sandbox.origin}. You are signed in as the tenant's administrator (what \`az login\` gives you).`);
    out();
    const scope = `/subscriptions/${sandbox.subscriptionId}/resourceGroups/rg-demo`;
    out(`1. \`entra-federate setup github --repo ${REPO} --branch main --role Contributor --role-scope ${scope}\``);
    out();
    const admin = (resource) => {
      const token = sandbox.mintAccessToken(resource);
      return { origin: "the demo administrator", howToRenew: "run the demo again.", get: async () => token };
    };
    const endpoints = endpointsFor("AzureCloud", sandbox.graphEndpoint, sandbox.armEndpoint);
    const report = await runSetup(
      {
        target: githubTarget(REPO, { branch: "main" }, "AzureCloud"),
        identity: { appName: `entra-federate-${REPO.replace("/", "-")}` },
        roles: [{ role: "Contributor", scope }],
        graphBase: endpoints.graph,
        armBase: endpoints.arm,
        replace: false,
        dryRun: false
      },
      {
        graph: new ServiceClient("graph", admin(endpoints.graphResource), { http, timeoutMs: 1e4 }),
        arm: new ServiceClient("arm", admin(endpoints.armResource), { http, timeoutMs: 1e4 })
      }
    );
    const clientId = report.app.clientId ?? "";
    const context = {
      clientId,
      tenantId: sandbox.tenantId,
      cloud: "AzureCloud",
      authorityHost: sandbox.authorityHost,
      version: "0.1.0"
    };
    out(
      indent(
        renderReport(report, {
          snippet: snippetFor(report, context, CLOUDS.AzureCloud.audience),
          tenantId: sandbox.tenantId
        })
      )
    );
    out();
    const provider = githubProvider({
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.idTokenRequestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.idTokenRequestToken
      },
      http,
      timeoutMs: 1e4
    });
    const options = resolveOptions({
      clientId,
      tenantId: sandbox.tenantId,
      authorityHost: sandbox.authorityHost,
      scopes: SCOPES
    });
    out("2. A job on the main branch asks its CI for an OIDC token (audience api://AzureADTokenExchange)");
    out(`   and exchanges it at ${options.tokenEndpoint}`);
    out(`   for ${SCOPES.length} scopes at once. This is \`entra-federate login\`:`);
    out();
    const result = await login(
      options,
      { kind: "federated", description: provider.description, idToken: (aud) => provider.idToken(aud) },
      { http }
    );
    out(indent(renderLoginSummary(result, io.now())));
    out("   What Entra's sign-in log would tie to this run (claims of each access token, decoded):");
    for (const token of result.tokens) {
      const { claims } = decodeJwt(token.accessToken, "the access token");
      out(`     aud ${String(claims["aud"])}  appid ${String(claims["appid"])}  uti ${String(claims["uti"])}`);
    }
    out("   The tokens themselves are never printed: `entra-federate token` prints one for a pipe.");
    out();
    out("3. A pull-request job of the same repository tries the same login. Its token's subject is");
    out("   repo:octo-org/octo-repo:pull_request, which no federated credential holds:");
    out();
    const prToken = sandbox.mintIdToken({
      claims: { sub: `repo:${REPO}:pull_request`, event_name: "pull_request", ref: "refs/pull/42/merge" }
    });
    try {
      await login(
        resolveOptions({
          clientId,
          tenantId: sandbox.tenantId,
          authorityHost: sandbox.authorityHost
        }),
        { kind: "federated", description: "a pull-request job", idToken: async () => prToken },
        { http }
      );
      out("   (unexpectedly, the exchange succeeded)");
      return 1;
    } catch (err) {
      if (!(err instanceof FederationError)) throw err;
      out(indent(renderError(err)));
    }
    out("   The fix is in Entra, not in the pipeline: if pull requests should deploy, run");
    out(`   \`entra-federate setup github --repo ${REPO} --pull-request\`; otherwise give them no access.`);
    out();
    out("Next: `npm test` runs the test suite; README.md shows the same flow in GitHub Actions, GitLab,");
    out("CircleCI and others, and `entra-federate sandbox` serves this sandbox for your own scripts.");
    return 0;
  } finally {
    await sandbox.close();
  }
}
function indent(text) {
  return text.replace(/\n$/, "").split("\n").map((line) => line === "" ? "" : `   ${line}`).join("\n");
}
export {
  run
};
