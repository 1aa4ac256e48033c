import {
  startSandbox
} from "./chunk-VKP6OZ3I.js";
import {
  helpRequested,
  parseCommand,
  renderError,
  renderLoginSummary
} from "./chunk-TWPJLGXD.js";
import "./chunk-5URJUSMM.js";
import {
  githubProvider
} from "./chunk-GB6FX55S.js";
import "./chunk-2BGJNNWZ.js";
import {
  login
} from "./chunk-SZ4QTGAW.js";
import "./chunk-JBJCUUSB.js";
import "./chunk-GJATYHHP.js";
import {
  decodeJwt
} from "./chunk-ZE2M32WD.js";
import {
  FederationError,
  resolveOptions
} from "./chunk-S55EI4Q6.js";
import "./chunk-CZUF6T6I.js";
import "./chunk-Z53PL5H4.js";

// src/entry/cli/demo.ts
var HELP = `Usage: entra-federate demo

Starts a local Entra-compatible service and a GitHub-like CI issuer in this process, then:
  1. asks the CI issuer for an OIDC token, as a GitHub Actions job would;
  2. exchanges it at the local Entra token endpoint for two access tokens;
  3. shows a job whose token does not match the app's federated credential, and why.
Nothing leaves this machine, and no token is printed.`;
var SCOPES = ["https://management.azure.com/.default", "https://vault.azure.net"];
async function run(argv, io) {
  const { values } = parseCommand("demo", argv, { help: { type: "boolean", short: "h" } });
  if (helpRequested(values, HELP, io)) return 0;
  const out = (text = "") => {
    io.stdout.write(`${text}
`);
  };
  const sandbox = await startSandbox();
  try {
    const http = io.http();
    out("entra-federate demo: the whole flow, offline.");
    out();
    out(`1. A local Entra-compatible token service and a GitHub-like CI issuer are running at ${sandbox.origin}.`);
    out(
      `   The app registration (client ${sandbox.clientId}, tenant ${sandbox.tenantId}) trusts one federated credential:`
    );
    out(`     issuer   ${sandbox.issuer}`);
    out("     subject  repo:octo-org/octo-repo:ref:refs/heads/main");
    out("     audience api://AzureADTokenExchange");
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
      clientId: sandbox.clientId,
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
      claims: { sub: "repo:octo-org/octo-repo:pull_request", event_name: "pull_request", ref: "refs/pull/42/merge" }
    });
    try {
      await login(
        resolveOptions({
          clientId: sandbox.clientId,
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
    out("   The fix is in Entra, not in the pipeline: add a federated credential with subject");
    out("   repo:octo-org/octo-repo:pull_request if pull requests should deploy, or give them no access.");
    out();
    out("Next: `npm test` runs the test suite; README.md shows the same flow in GitHub Actions, GitLab,");
    out("CircleCI and others, and `entra-federate sandbox` serves this sandbox for your own scripts.");
    return 0;
  } finally {
    await sandbox.close();
  }
}
function indent(text) {
  return text.replace(/\n$/, "").split("\n").map((line) => `   ${line}`).join("\n");
}
export {
  run
};
